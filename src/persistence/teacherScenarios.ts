// Teacher scenario files kept on the device (issue 17 item 4), so a scenario a student opened
// survives a reload and its runs still replay; and drafts the authoring workbench hands to the game
// to play. Both are stored as the file's text, as written: they are checked again every time they
// are loaded (src/content/teacherScenarios.ts), so a file is never trusted because it was stored.
import { fnv1a } from '../content/text';
import type { KeyValueStore } from './storage';

/** A scenario file larger than this is refused unread (the largest shipped one is about 100 KB). */
export const MAX_SCENARIO_FILE_SIZE = 512 * 1024;
export const TEACHER_SCENARIOS_KEY = 'envoy.teacherScenarios';
export const TEACHER_SCENARIOS_VERSION = 1;
/** Files kept at most; opening one more lets go of the oldest. */
export const MAX_KEPT_SCENARIOS = 8;
/** Drafts are kept under `envoy.draft.<key>`; only the newest few are kept. */
export const DRAFT_PREFIX = 'envoy.draft.';
export const DRAFT_INDEX_KEY = 'envoy.drafts';
export const MAX_DRAFTS = 4;
/** The game page's query parameter naming a draft to play: `?draft=<key>`. */
export const DRAFT_PARAM = 'draft';

export interface ScenarioFileText {
  /** The file name as the teacher gave it (shown in messages; never used as a path). */
  name: string;
  /** The file's text, exactly as read. */
  text: string;
}

const isFile = (v: unknown): v is ScenarioFileText =>
  !!v && typeof v === 'object' && typeof (v as ScenarioFileText).name === 'string' && typeof (v as ScenarioFileText).text === 'string';

/** The scenario files kept on this device, oldest first. Anything unreadable reads as none. */
export function readTeacherScenarios(store: KeyValueStore): ScenarioFileText[] {
  const raw = store.get(TEACHER_SCENARIOS_KEY);
  if (!raw) return [];
  try {
    const data = JSON.parse(raw) as { version?: unknown; files?: unknown };
    if (data.version !== TEACHER_SCENARIOS_VERSION || !Array.isArray(data.files)) return [];
    return data.files.filter(isFile).map((f) => ({ name: f.name, text: f.text }));
  } catch {
    return [];
  }
}

/**
 * Keeps a scenario file for scenario `id` (replacing a kept file of the same id), the oldest let
 * go beyond MAX_KEPT_SCENARIOS. False when storage refused it (full, blocked): the scenario still
 * plays now, but will be gone after a reload.
 */
export function keepTeacherScenario(store: KeyValueStore, id: string, file: ScenarioFileText): boolean {
  const kept = readTeacherScenarios(store).filter((f) => scenarioIdOf(f.text) !== id);
  kept.push({ name: file.name, text: file.text });
  return store.set(TEACHER_SCENARIOS_KEY, JSON.stringify({ version: TEACHER_SCENARIOS_VERSION, files: kept.slice(-MAX_KEPT_SCENARIOS) }));
}

/** Lets go of the kept file of scenario `id`, if any. */
export function forgetTeacherScenario(store: KeyValueStore, id: string): void {
  const kept = readTeacherScenarios(store).filter((f) => scenarioIdOf(f.text) !== id);
  if (kept.length) store.set(TEACHER_SCENARIOS_KEY, JSON.stringify({ version: TEACHER_SCENARIOS_VERSION, files: kept }));
  else store.remove(TEACHER_SCENARIOS_KEY);
}

/** The `id` a scenario file's text declares, or null (a cheap look, without the checks). */
export function scenarioIdOf(text: string): string | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Hands a draft to the game (the workbench's **Play this draft**): stores the text under a key
 * derived from it and returns the key; open the game at `draftLink(base, key)` in a new tab or
 * frame of the same origin, which reads the draft, checks it like any scenario file and starts it.
 * Null when storage refused it. The newest MAX_DRAFTS drafts are kept.
 */
export function writeDraft(store: KeyValueStore, draft: ScenarioFileText): string | null {
  const key = fnv1a(`${draft.name}\n${draft.text}`).toString(36);
  if (!store.set(DRAFT_PREFIX + key, JSON.stringify({ name: draft.name, text: draft.text }))) return null;
  let index: string[] = [];
  try {
    const parsed = JSON.parse(store.get(DRAFT_INDEX_KEY) ?? '[]') as unknown;
    if (Array.isArray(parsed)) index = parsed.filter((k): k is string => typeof k === 'string');
  } catch {
    index = [];
  }
  index = [...index.filter((k) => k !== key), key];
  for (const old of index.slice(0, -MAX_DRAFTS)) store.remove(DRAFT_PREFIX + old);
  store.set(DRAFT_INDEX_KEY, JSON.stringify(index.slice(-MAX_DRAFTS)));
  return key;
}

/** The draft stored under `key`, or null when there is none (an old link, another browser). */
export function readDraft(store: KeyValueStore, key: string): ScenarioFileText | null {
  if (!/^[a-z0-9]{1,16}$/.test(key)) return null;
  try {
    const parsed = JSON.parse(store.get(DRAFT_PREFIX + key) ?? 'null') as unknown;
    return isFile(parsed) ? { name: parsed.name, text: parsed.text } : null;
  } catch {
    return null;
  }
}

/** The game's address that plays the draft under `key`: `baseUrl` without its query and hash, with `?draft=key`. */
export function draftLink(baseUrl: string, key: string): string {
  return `${baseUrl.split(/[?#]/)[0]}?${DRAFT_PARAM}=${encodeURIComponent(key)}`;
}
