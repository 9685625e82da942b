// Finds the LMS's SCORM runtime the way the SCORM run-time specs describe: the SCO looks for a
// window property `API_1484_11` (SCORM 2004) or `API` (SCORM 1.2) on its own window, then up the
// chain of parents, then in the window that opened it (and its parents). Outside an LMS nothing is
// found and the game just plays. The window comes in as a parameter, so this runs in Node tests.

/** SCORM 1.2's API adapter (RTE 3.3), as a SCO calls it: every call takes and returns strings. */
export interface Scorm12Api {
  LMSInitialize(parameter: ''): string | boolean;
  LMSFinish(parameter: ''): string | boolean;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string | boolean;
  LMSCommit(parameter: ''): string | boolean;
  LMSGetLastError(): string | number;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

/** SCORM 2004's API instance (RTE 3.1), as a SCO calls it. */
export interface Scorm2004Api {
  Initialize(parameter: ''): string | boolean;
  Terminate(parameter: ''): string | boolean;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string | boolean;
  Commit(parameter: ''): string | boolean;
  GetLastError(): string | number;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

export type ScormVersion = '1.2' | '2004';

export type FoundApi = { version: '1.2'; api: Scorm12Api } | { version: '2004'; api: Scorm2004Api };

/** The little of a window the search reads. */
export interface ApiWindow {
  API?: unknown;
  API_1484_11?: unknown;
  parent?: ApiWindow | null;
  opener?: ApiWindow | null;
}

/** How many parents up the search goes: the ADL examples use 7 for SCORM 1.2 (deeply framed LMSs still fit). */
export const MAX_PARENT_LEVELS = 7;

const KEY: Record<ScormVersion, 'API' | 'API_1484_11'> = { '1.2': 'API', '2004': 'API_1484_11' };
const METHODS: Record<ScormVersion, string[]> = {
  '1.2': ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError'],
  '2004': ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError'],
};

/** Reads a property of a window that may belong to another origin (reading then throws). */
function read<K extends keyof ApiWindow>(win: ApiWindow, key: K): ApiWindow[K] | undefined {
  try {
    return win[key];
  } catch {
    return undefined;
  }
}

function looksLike(candidate: unknown, version: ScormVersion): boolean {
  if (!candidate || (typeof candidate !== 'object' && typeof candidate !== 'function')) return false;
  return METHODS[version].every((m) => typeof (candidate as Record<string, unknown>)[m] === 'function');
}

/** The API of one version on `start` or one of its parents, or null. */
function searchUp(start: ApiWindow, version: ScormVersion): unknown {
  let win: ApiWindow | null | undefined = start;
  for (let level = 0; win && level <= MAX_PARENT_LEVELS; level++) {
    const candidate = read(win, KEY[version]);
    if (looksLike(candidate, version)) return candidate;
    const parent: ApiWindow | null | undefined = read(win, 'parent');
    if (!parent || parent === win) break;
    win = parent;
  }
  return null;
}

function search(win: ApiWindow, version: ScormVersion): unknown {
  const found = searchUp(win, version);
  if (found) return found;
  // A SCO opened in a new window: its opener (or one of the opener's parents) holds the API.
  const opener = read(win, 'opener');
  return opener ? searchUp(opener, version) : null;
}

/**
 * The LMS's API, or null outside an LMS. When a window chain offers both versions, `prefer` picks
 * one (the package's manifest passes `?scorm=1.2` or `?scorm=2004` to say which it was built
 * for); without a preference SCORM 2004 wins.
 */
export function findApi(win: ApiWindow | null | undefined, prefer: ScormVersion | null = null): FoundApi | null {
  if (!win) return null;
  const order: ScormVersion[] = prefer === '1.2' ? ['1.2', '2004'] : ['2004', '1.2'];
  for (const version of order) {
    const api = search(win, version);
    if (api) return version === '1.2' ? { version, api: api as Scorm12Api } : { version, api: api as Scorm2004Api };
  }
  return null;
}

/** The version a launch URL's query asks for (`?scorm=1.2`, `?scorm=12`, `?scorm=2004`), or null. */
export function preferredVersion(search: string | null | undefined): ScormVersion | null {
  const match = /[?&]scorm=([^&#]*)/.exec(search ?? '');
  let value = '';
  try {
    value = match ? decodeURIComponent(match[1]!) : '';
  } catch {
    // A malformed escape (`%E0%A4%A`) is no preference, not a reason to miss the LMS.
  }
  if (value === '1.2' || value === '12') return '1.2';
  if (value === '2004') return '2004';
  return null;
}
