// The game's side of "Play this draft" (issue 17 item 3): the workbench keeps the draft in this
// browser's storage under a key and opens the game with `?draft=<key>`; the game reads it, runs
// the same checks as a shipped scenario (src/content/extend.ts) and opens its briefing. Loaded only
// when the address has `?draft=`, so the loader and its schema stay out of a student's first load.
import { parseJsonText } from '../src/content/diagnostics';
import { contentWithScenario } from '../src/content/extend';
import { formatContentError, type Content } from '../src/content/loader';

/** The storage key of a draft the workbench handed to the game. */
export const draftStorageKey = (key: string) => `envoy.draft.${key}`;

export interface StoredDraft {
  /** The file's name ("my-scenario.json"), used in error messages. */
  name: string;
  text: string;
}

/** The content with the draft in it and the draft's scenario id, or the errors that stop it. */
export function openDraft(content: Content, key: string, storage: Storage): { ok: true; content: Content; scenarioId: string } | { ok: false; errors: string[] } {
  let stored: StoredDraft | undefined;
  try {
    const raw = storage.getItem(draftStorageKey(key));
    stored = raw ? (JSON.parse(raw) as StoredDraft) : undefined;
  } catch {
    stored = undefined;
  }
  if (!stored || typeof stored.text !== 'string' || typeof stored.name !== 'string') return { ok: false, errors: [`no draft "${key}" in this browser: open it again from the workbench`] };
  const parsed = parseJsonText(stored.name, stored.text);
  if (parsed.errors.length) return { ok: false, errors: parsed.errors.map(formatContentError) };
  const loaded = contentWithScenario(content, stored.name, parsed.value);
  if (!loaded.ok) return { ok: false, errors: loaded.errors.map(formatContentError) };
  const file = `content/scenarios/${stored.name.replace(/^.*[\\/]/, '')}`;
  const scenarioId = Object.keys(loaded.content.files).find((id) => loaded.content.files[id] === file);
  return scenarioId ? { ok: true, content: loaded.content, scenarioId } : { ok: false, errors: ['the draft holds no scenario'] };
}
