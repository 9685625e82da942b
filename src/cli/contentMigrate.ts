// `npm run content:migrate -- FILE [--check]`: rewrites a scenario file of schema version 1 as
// version 2 in place, drafting each move's reactions from its typed trust effects, and prints what
// the author must review. `--check` prints the review without writing. Run content:check after.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrateScenario } from '../content/migrate';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { check: { type: 'boolean', default: false } } });
if (positionals.length !== 1) {
  console.error('usage: npm run content:migrate -- content/scenarios/FILE.json [--check]');
  process.exit(2);
}
const file = positionals[0]!;
try {
  const { scenario, review } = migrateScenario(JSON.parse(readFileSync(file, 'utf8')));
  if (!values.check) writeFileSync(file, `${JSON.stringify(scenario, null, 2)}\n`);
  console.log(`${file}: ${values.check ? 'would be rewritten' : 'rewritten'} as schemaVersion 2. Review (${review.length}):`);
  for (const line of review) console.log(`  - ${line}`);
  console.log('Then run npm run content:check.');
} catch (e) {
  console.error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
