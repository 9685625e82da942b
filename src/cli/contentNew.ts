// `npm run content:new -- --id ID --source SOURCE`: writes content/scenarios/ID.json, the template
// scenario built from SOURCE (src/content/template.ts), which passes content:check and plays as it
// is, and prints the companion note on what to write where (JSON holds no comments).
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { formatContentError, loadContent } from '../content/loader';
import { templateNote, templateText } from '../content/template';
import { CONTENT_DIR, readContentFiles, ROOT } from './contentFiles';

const usage = 'usage: npm run content:new -- --id ID --source SOURCE   (ID: lower-case letters, digits and dashes)';
const { values } = parseArgs({ options: { id: { type: 'string' }, source: { type: 'string' } } });
const fail = (message: string, code = 2): never => {
  console.error(message);
  process.exit(code);
};
const loaded = loadContent(readContentFiles().files);
if (!loaded.ok) fail(`the content has errors; fix them first (npm run content:check):\n${loaded.errors.map(formatContentError).join('\n')}`, 1);
const { content } = loaded as Extract<typeof loaded, { ok: true }>;
const { id, source } = values;
if (!id || !source) fail(`${usage}\nsources: ${Object.keys(content.sources).join(', ')}`);
if (!/^[a-z0-9][a-z0-9-]*$/.test(id!)) fail(`"${id}" is not an id: use lower-case letters, digits and dashes, starting with a letter or digit\n${usage}`);
if (!content.sources[source!]) fail(`no source "${source}"; sources: ${Object.keys(content.sources).join(', ')}`);
if (content.scenarios[id!]) fail(`a scenario "${id}" already exists (${content.files[id!]}): choose another id`);
const path = join(CONTENT_DIR, 'scenarios', `${id}.json`);
if (existsSync(path)) fail(`${relative(ROOT, path)} already exists: choose another id`);
writeFileSync(path, templateText(content, { id: id!, source: source! }));
for (const line of templateNote(content, { id: id!, source: source! }, relative(ROOT, path))) console.log(line);
