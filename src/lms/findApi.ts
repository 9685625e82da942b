// Finds the LMS's SCORM runtime by ADL's API discovery algorithm: the SCO looks for a window
// property `API_1484_11` (SCORM 2004) or `API` (SCORM 1.2) on its own window and up the chain of
// parents; then on the window that opened it and that window's parents; then on the opener of its
// top window and that window's parents (an LMS pop-up that frames the course: the API is on the
// LMS window, or a frame of it, that opened the pop-up). A window of another origin throws on
// every read: it is skipped. Outside an LMS nothing is found and the game just plays. The window
// comes in as a parameter, so this runs in Node tests.

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
  top?: ApiWindow | null;
}

/**
 * How many parents up one search goes from where it starts: ADL's SCORM 1.2 API wrapper gives up
 * after 7, the SCORM 2004 run-time environment's example after 500.
 */
export const MAX_PARENT_LEVELS: Record<ScormVersion, number> = { '1.2': 7, '2004': 500 };

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
  for (let level = 0; win && level <= MAX_PARENT_LEVELS[version]; level++) {
    const candidate = read(win, KEY[version]);
    if (looksLike(candidate, version)) return candidate;
    const parent: ApiWindow | null | undefined = read(win, 'parent');
    if (!parent || parent === win) break;
    win = parent;
  }
  return null;
}

/** The windows a search starts from, in ADL's order; a window that cannot be read is left out. */
export function searchStarts(win: ApiWindow): ApiWindow[] {
  const starts: ApiWindow[] = [win];
  // A SCO opened in a new window: its opener (or one of the opener's parents) holds the API.
  const opener = read(win, 'opener');
  if (opener) starts.push(opener);
  // A SCO framed in a pop-up the LMS opened: the pop-up's opener (or its parents) holds the API.
  const top = read(win, 'top');
  const topOpener = top && top !== win ? read(top, 'opener') : null;
  if (topOpener && !starts.includes(topOpener)) starts.push(topOpener);
  return starts;
}

function search(win: ApiWindow, version: ScormVersion): unknown {
  for (const start of searchStarts(win)) {
    const found = searchUp(start, version);
    if (found) return found;
  }
  return null;
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

export { preferredVersion } from './launch';
