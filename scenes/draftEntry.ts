// The game's side of "Play this draft" (issue 17 item 3), until the game's own loading of teacher
// scenario files (issue 17 item 4) takes it over: the workbench stores the draft
// (src/persistence/teacherScenarios.ts writeDraft) and opens the game with `?draft=<key>`; the game
// reads it, checks it as any teacher's scenario file (src/content/teacherScenarios.ts) and opens its
// briefing. Loaded only when the address has `?draft=`, so the loader and its schema stay out of a
// student's first load.
import type { Content } from '../src/content/loader';
import { loadScenarioText } from '../src/content/teacherScenarios';
import type { KeyValueStore } from '../src/persistence/storage';
import { readDraft } from '../src/persistence/teacherScenarios';

/** The content with the draft in it and the draft's scenario id, or the errors that stop it. */
export function openDraft(content: Content, key: string, store: KeyValueStore): { ok: true; content: Content; scenarioId: string } | { ok: false; errors: string[] } {
  const draft = readDraft(store, key);
  if (!draft) return { ok: false, errors: [`no draft "${key}" in this browser: open it again from the workbench`] };
  const loaded = loadScenarioText(content, draft.name, draft.text);
  return loaded.ok ? { ok: true, content: loaded.content, scenarioId: loaded.scenarioId } : loaded;
}
