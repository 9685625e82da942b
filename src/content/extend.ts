// Content plus scenario files that arrive at run time (issue 17 item 4: a teacher's file or link,
// the workbench's draft): the loaded content is turned back into the files it came from, the new
// scenario file is added, and the whole is loaded again, so a scenario from a file meets exactly
// the checks of a shipped one (schema, references, quotes against the shipped passages, graph).
// Data only: nothing in a file is ever run or shown as HTML.
import { SCHEMA_VERSION } from './schema';
import { loadContent, type Content, type LoadResult } from './loader';

/** The files (path → JSON) that load to `content`. */
export function contentFiles(content: Content): Record<string, unknown> {
  const files: Record<string, unknown> = {
    'content/parties.json': { schemaVersion: SCHEMA_VERSION, lang: 'en', parties: content.partyOrder.map((id) => content.parties[id]) },
    'content/glossary.json': { schemaVersion: SCHEMA_VERSION, lang: 'en', terms: content.glossary },
    'content/neutrality.json': { schemaVersion: SCHEMA_VERSION, loadedTerms: content.loadedTerms },
  };
  for (const source of Object.values(content.sources)) files[`content/sources/${source.id}.json`] = source;
  for (const [id, scenario] of Object.entries(content.scenarios)) files[content.files[id] ?? `content/scenarios/${id}.json`] = scenario;
  return files;
}

/**
 * `content` with the scenario in `raw` added (or replacing the one of the same file name), after
 * every check a shipped scenario meets. `file` names it in errors ("teacher/my-scenario.json").
 * A scenario whose id is already a shipped one's is refused by the duplicate-id check.
 */
export function contentWithScenario(content: Content, file: string, raw: unknown): LoadResult {
  const path = file.startsWith('content/scenarios/') ? file : `content/scenarios/${file.replace(/^.*[\\/]/, '')}`;
  return loadContent({ ...contentFiles(content), [path]: raw });
}
