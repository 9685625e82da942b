// Fuzzing every parser of outside input (fast-check): replay codes and links, results files and
// codes, class links, saved runs, preferences and the run history in storage, the content files,
// and what the LMS hands the game. For random input, and for real input with a few things
// changed, each parser must not throw, must return quickly, must turn bad input into a clean
// failure with a message a person can read, and anything it accepts must be usable: a record that
// replays, settings a run can start with, content that plays to an ending. Names and class labels
// with HTML in them come back as the same plain text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { readContentFiles } from '../../src/cli/contentFiles';
import { buildDashboard } from '../../src/classroom/dashboard';
import {
  classLink,
  ClassSettingsSchema,
  cleanLabel,
  decodeClassParam,
  encodeClassParam,
  MAX_LABEL_LENGTH,
  readClassLink,
  runSettingsFor,
  type ClassRead,
  type ClassSettings,
} from '../../src/classroom/classLink';
import {
  cleanName,
  makeResults,
  MAX_NAME_LENGTH,
  MAX_RESULTS_RUNS,
  parseResults,
  parseResultsCode,
  parseResultsFile,
  resultsCode,
  resultsFileText,
  type ParsedResults,
} from '../../src/classroom/results';
import { formatContentError, loadContent, type Content, type LoadResult } from '../../src/content/loader';
import { choicesAt } from '../../src/engine/explore';
import { describeRun } from '../../src/engine/presenter';
import { mulberry32 } from '../../src/engine/rng';
import { replayRun, startRun, type Run } from '../../src/engine/run';
import type { RunEvent, RunSettings } from '../../src/engine/scenarioMachine';
import { preferredVersion, findApi, type ApiWindow } from '../../src/lms/findApi';
import { createLmsReporter } from '../../src/lms/reporter';
import { checkRecord, readRunSave, RunRecordSchema, SAVE_KEY, writeRunSave } from '../../src/persistence/runSave';
import { DEFAULT_PREFERENCES, PREFS_KEY, PreferencesSchema, readPreferences, writePreferences } from '../../src/persistence/preferences';
import { memoryStore } from '../../src/persistence/storage';
import { checksumOf, CODE_PREFIX, codeFromLink, decodeRunCode, encodeRunCode, runLink } from '../../src/replay/code';
import { HISTORY_KEY, readHistory } from '../../src/replay/history';
import { decisionTimeline } from '../../src/replay/timeline';
import { realContent, SECOND_ID, SLICE_ID, TIMELINE } from './helpers';

const content = realContent();
const IDS = Object.keys(content.scenarios);
const HTML = '<img src=x onerror=alert(1)>';
/** No parser may take this long on any input: a hang guard, generous for a loaded two-core machine. */
const LIMIT_MS = 3000;
const UNTIMED: RunSettings = { timerSeconds: null, hintsEnabled: true };
const TIMED: RunSettings = { timerSeconds: 30, hintsEnabled: true };

/** Calls a parser, failing the property if it throws or takes longer than LIMIT_MS. */
function bounded<T>(what: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(LIMIT_MS);
  return out;
}

/** A message a person can read: words, not a stack trace, a bare value or "undefined". */
function expectHumanMessage(message: unknown): void {
  expect(typeof message).toBe('string');
  const m = message as string;
  expect(m.length).toBeGreaterThan(10);
  expect(m.length).toBeLessThan(800);
  expect(m).toMatch(/[a-z]{2,} [a-z]{2,}/i);
  // zod's "expected string, received undefined" names a JSON type, which is fine in a reason.
  expect(m.replace(/received (undefined|null|NaN)/g, '')).not.toMatch(/\bundefined\b|\bnull\b|\[object |\bNaN\b|TypeError|RangeError|SyntaxError|ZodError|\n\s+at /);
}

// ---------------------------------------------------------------------------------------------
// Mutating real JSON: delete, retype, inject HTML, duplicate, or transplant from another document

type Key = string | number;
type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'retype'; at: number; value: unknown }
  | { op: 'html'; at: number; append: boolean }
  | { op: 'duplicate'; at: number }
  | { op: 'transplant'; at: number; from: number };

/** Every path in a JSON document (the root is []), in document order, at most `max`. */
function jsonPaths(value: unknown, max = 20_000): Key[][] {
  const out: Key[][] = [];
  const walk = (v: unknown, path: Key[]) => {
    if (out.length >= max) return;
    out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...path, k]);
  };
  walk(value, []);
  return out;
}

function getAt(doc: unknown, path: Key[]): { found: boolean; value: unknown } {
  let node: unknown = doc;
  for (const k of path) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, k)) return { found: false, value: undefined };
    node = (node as Record<Key, unknown>)[k];
  }
  return { found: true, value: node };
}

/** The document with `path` set to `value` (or removed when `value` is `REMOVE`); the root may be replaced. */
const REMOVE = Symbol('remove');
function setAt(doc: unknown, path: Key[], value: unknown): unknown {
  if (path.length === 0) return value === REMOVE ? null : value;
  const parent = getAt(doc, path.slice(0, -1));
  if (!parent.found || !parent.value || typeof parent.value !== 'object') return doc;
  const key = path[path.length - 1]!;
  const p = parent.value as Record<Key, unknown>;
  if (value !== REMOVE) p[key] = value;
  else if (Array.isArray(p)) p.splice(key as number, 1);
  else delete p[key];
  return doc;
}

const retypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e21, '', ' ', [], {}, HTML, '__proto__', 'end'),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutationArb = (documents: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: retypeValue }),
    fc.record({ op: fc.constant('html' as const), at: fc.nat(), append: fc.boolean() }),
    fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('transplant' as const), at: fc.nat(), from: fc.nat({ max: Math.max(0, documents - 1) }) }),
  );

/** Applies mutations to a copy of `doc`; `others` are documents of the same kind to transplant from. */
function mutateJson(doc: unknown, paths: Key[][], mutations: Mutation[], others: unknown[] = []): unknown {
  let out: unknown = structuredClone(doc);
  for (const m of mutations) {
    const path = paths[m.at % paths.length]!;
    const here = getAt(out, path);
    if (!here.found) continue;
    switch (m.op) {
      case 'delete':
        out = setAt(out, path, REMOVE);
        break;
      case 'retype':
        out = setAt(out, path, structuredClone(m.value));
        break;
      case 'html':
        out = setAt(out, path, typeof here.value === 'string' && m.append ? `${here.value} ${HTML}` : HTML);
        break;
      case 'duplicate': {
        // An array gets a copy of one of its items (a repeated id); anything else is doubled in place.
        const parent = getAt(out, path.slice(0, -1)).value;
        if (Array.isArray(parent)) parent.push(structuredClone(here.value));
        else if (Array.isArray(here.value) && here.value.length) here.value.push(structuredClone(here.value[0]));
        break;
      }
      case 'transplant': {
        const other = others.length ? getAt(others[m.from % others.length], path) : { found: false, value: undefined };
        if (other.found) out = setAt(out, path, structuredClone(other.value));
        break;
      }
    }
  }
  return out;
}

/** Text edits: change one character, cut, or insert. */
type Edit = { at: number; insert: string; cut: number };
const editArb = (unit: fc.Arbitrary<string> | 'binary' = 'binary'): fc.Arbitrary<Edit> =>
  fc.record({
    at: fc.nat(),
    insert: typeof unit === 'string' ? fc.string({ unit, maxLength: 4 }) : fc.string({ unit, maxLength: 3 }),
    cut: fc.nat(4),
  });
const applyEdit = (text: string, e: Edit) => {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.cut);
};
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64char = fc.constantFrom(...B64);
/** One character of `text` replaced by a different one of the same alphabet. */
const oneCharChanged = (text: string, at: number, c: string, alphabet = B64) => {
  const i = at % text.length;
  const replacement = c === text[i] ? alphabet[(alphabet.indexOf(c) + 1) % alphabet.length]! : c;
  return text.slice(0, i) + replacement + text.slice(i + 1);
};

// ---------------------------------------------------------------------------------------------
// Real input to start from: runs played at random, their codes and saves

/** A run of `id` played at random for up to `steps` steps, with hints, pauses and timeouts now and then. */
function randomRun(id: string, seed: number, settings: RunSettings, steps: number): Run {
  const s = content.scenarios[id]!;
  const run = startRun(s, { scenarioId: id, contentVersion: content.versions[id]!, seed, settings }, { clock: new SimulatedClock() });
  const random = mulberry32(seed);
  for (let i = 0; i < steps && run.getSnapshot().status === 'active'; i++) {
    const snap = run.getSnapshot();
    const extra: RunEvent[] = snap.hasTag('question') ? [{ type: 'answer.hint' }, ...(settings.timerSeconds ? [{ type: 'timer.pause' } as const, { type: 'timer.resume' } as const, { type: 'timer.expire' } as const] : [])] : [];
    const choices = choicesAt(s, snap);
    run.send(random() < 0.15 && extra.length ? extra[Math.floor(random() * extra.length)]! : choices[Math.floor(random() * choices.length)]!);
  }
  return run;
}

const runs = IDS.flatMap((id, i) => [randomRun(id, 11 + i, UNTIMED, 1000), randomRun(id, 23 + i, TIMED, 1000), randomRun(id, 37 + i, UNTIMED, 5 + 7 * i)]);
const codes = runs.map((r) => encodeRunCode(content, r.record));
/** Saves of one run at several points (so a snapshot can be swapped for another of the same run), and of other runs. */
const saves: string[] = [];
for (const [id, settings] of [[SLICE_ID, UNTIMED], [SECOND_ID, TIMED], [content.tutorialId!, UNTIMED]] as const) {
  for (const steps of [0, 3, 9, 17, 30, 1000]) {
    const store = memoryStore();
    const run = randomRun(id, 5, settings, steps);
    writeRunSave(store, run);
    saves.push(store.get(SAVE_KEY)!);
  }
}
for (const r of runs) r.stop();

/** A decoded record is usable: valid, of this content, and it replays (and shows) without throwing. */
function expectReplayable(c: Content, record: unknown): void {
  const parsed = RunRecordSchema.safeParse(record);
  expect(parsed.success).toBe(true);
  const rec = parsed.data!;
  expect(checkRecord(c, rec)).toBeNull();
  const s = c.scenarios[rec.scenarioId]!;
  const run = replayRun(s, rec);
  try {
    expect(['active', 'done']).toContain(run.getSnapshot().status);
    describeRun(c, s, run.getSnapshot());
    decisionTimeline(c, s, rec);
  } finally {
    run.stop();
  }
}

// ---------------------------------------------------------------------------------------------

describe('replay codes and links', () => {
  const decodesSafely = (input: string) => {
    const result = bounded('decodeRunCode', () => decodeRunCode(content, input));
    if (!result.ok) {
      expect(['not-a-code', 'other-version', 'damaged', 'unknown-scenario', 'scenario-changed', 'does-not-fit']).toContain(result.reason);
      expectHumanMessage(result.message);
      return false;
    }
    expectReplayable(content, result.record);
    // What decodes is canonical: encoding it again gives a code for the same record.
    const again = decodeRunCode(content, encodeRunCode(content, result.record));
    expect(again.ok && again.record).toEqual(result.record);
    return true;
  };

  it('random text, code-like text and links: a clean failure or a record that replays (1,400 cases)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => void decodesSafely(s)), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: b64char, maxLength: 150 }).map((s) => `${CODE_PREFIX}${s}`), (s) => void decodesSafely(s)), { numRuns: 500 });
    fc.assert(
      fc.property(fc.webUrl(), fc.string({ unit: b64char, maxLength: 80 }), (url, s) => void decodesSafely(`${url}?run=${CODE_PREFIX}${checksumOf(s)}${s}`)),
      { numRuns: 400 },
    );
  });

  it('a real code with one character changed is rejected (400 cases); resealed, it is rejected or replays (600 cases)', () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.nat(), b64char, (code, at, c) => {
        if (!decodesSafely(oneCharChanged(code, at, c))) rejected++;
      }),
      { numRuns: 400 },
    );
    // The checksum catches a changed character (a 1 in 2^24 chance of missing one).
    expect(rejected).toBe(400);
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.array(fc.tuple(fc.nat(), b64char), { minLength: 1, maxLength: 3 }), (code, changes) => {
        let payload = code.slice(CODE_PREFIX.length + 4);
        for (const [at, c] of changes) payload = oneCharChanged(payload, at, c);
        if (decodesSafely(CODE_PREFIX + checksumOf(payload) + payload)) accepted++;
      }),
      { numRuns: 600 },
    );
    console.log(`resealed codes with changed characters: ${accepted} of 600 decoded into runs that replay, the rest were rejected`);
  });

  it('codeFromLink reads only a code from any text (500 cases), and gets back the code runLink put in (300 cases)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (href) => {
        const code = bounded('codeFromLink', () => codeFromLink(href));
        if (code !== null) expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom(...codes), (base, code) => {
        expect(codeFromLink(runLink(base, code))).toBe(code);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('results files and codes', () => {
  const made = makeResults({
    name: 'Ana Novak',
    settings: { scenarios: [SLICE_ID, SECOND_ID], timer: 'x1', hints: true, seed: 7, label: '9B History' },
    runs: codes.slice(0, 5).map((code, i) => ({ scenarioId: runs[i]!.record.scenarioId, code })),
  });
  if (!made.ok) throw new Error(made.message);
  const file = made.file;
  const text = resultsFileText(file);
  const code = resultsCode(file);
  const json = JSON.parse(text) as unknown;
  const paths = jsonPaths(json);

  /** Never throws; a failure has a reason; a success is a clean file whose runs the dashboard can take. */
  const readsSafely = (input: unknown, dashboard = false) => {
    const results: ParsedResults[] = [
      bounded('parseResults', () => parseResults(input)),
      bounded('parseResultsFile', () => parseResultsFile(input)),
      bounded('parseResultsCode', () => parseResultsCode(input)),
    ];
    for (const r of results) {
      if (!r.ok) {
        // A reason completes "Skipped: …" on the dashboard, so it starts in lower case.
        expectHumanMessage(r.reason);
        continue;
      }
      const f = r.results;
      expect(f.name).toBe(cleanName(f.name));
      expect(f.name.length).toBeGreaterThan(0);
      expect([...f.name].length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      expect(f.classLabel).toBe(cleanLabel(f.classLabel));
      expect(f.classLabel.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
      expect(f.runs.length).toBeLessThanOrEqual(MAX_RESULTS_RUNS);
      for (const run of f.runs) expect(run.code).toMatch(/^[A-Za-z0-9_-]+$/);
      if (f.settings) expect(ClassSettingsSchema.safeParse(f.settings).success).toBe(true);
      expect(Object.keys(f).sort()).toEqual(['classLabel', 'format', 'name', 'runs', 'settings', 'version']);
      if (dashboard) {
        const d = bounded('buildDashboard', () => buildDashboard(content, [{ source: 'fuzz.json', parsed: r }]));
        for (const p of d.problems) expectHumanMessage(p.reason);
      }
    }
  };

  it('random text and random JSON (700 cases)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => readsSafely(s)), { numRuns: 300 });
    fc.assert(fc.property(fc.jsonValue(), (v) => readsSafely(JSON.stringify(v))), { numRuns: 200 });
    fc.assert(fc.property(fc.anything(), (v) => readsSafely(v)), { numRuns: 200 });
    readsSafely(`{"a":${'['.repeat(50_000)}`);
    readsSafely(' '.repeat(300 * 1024));
    readsSafely('eyJ'.repeat(100 * 1024));
  });

  it('a real file with fields deleted, retyped or made HTML (500 cases)', () => {
    fc.assert(
      fc.property(fc.array(mutationArb(1), { minLength: 1, maxLength: 3 }), (mutations) => {
        const mutated = JSON.stringify(mutateJson(json, paths, mutations));
        readsSafely(mutated, true);
      }),
      { numRuns: 500 },
    );
  });

  it('a real file or code with characters changed (600 cases)', () => {
    fc.assert(fc.property(editArb(), (e) => readsSafely(applyEdit(text, e), true)), { numRuns: 200 });
    fc.assert(fc.property(fc.nat(), b64char, (at, c) => readsSafely(oneCharChanged(code, at, c), true)), { numRuns: 200 });
    fc.assert(fc.property(editArb(b64char), (e) => readsSafely(applyEdit(code, e))), { numRuns: 200 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('class links', () => {
  const valid = encodeClassParam({ scenarios: [SLICE_ID, SECOND_ID], timer: 'x1.5', hints: false, seed: 123, label: 'Klasa 3 – Priština' });

  /** Never throws; the settings are always usable (valid, known scenarios, a run starts with them). */
  const usable = (read: ClassRead | null) => {
    if (!read) return;
    const s = read.settings;
    expect(ClassSettingsSchema.safeParse(s).success).toBe(true);
    expect(s.scenarios.length).toBeGreaterThan(0);
    expect(new Set(s.scenarios).size).toBe(s.scenarios.length);
    for (const id of s.scenarios) expect(Object.hasOwn(content.scenarios, id)).toBe(true);
    for (const p of read.problems) expectHumanMessage(p);
    const scenario = content.scenarios[s.scenarios[0]!]!;
    const { settings, seed } = runSettingsFor(s, scenario);
    const record = { scenarioId: scenario.id, contentVersion: content.versions[scenario.id]!, seed: seed ?? 1, settings, events: [] };
    expect(RunRecordSchema.safeParse(record).success).toBe(true);
    startRun(scenario, record, { clock: new SimulatedClock() }).stop();
    // The teacher's page can always put what was read back into a link, and it reads the same.
    const again = decodeClassParam(content, encodeClassParam(s));
    expect(again.problems).toEqual([]);
    expect(again.settings).toEqual(s);
  };

  it('random text as a link, a query or a class value (1,000 cases)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => usable(bounded('readClassLink', () => readClassLink(content, s)))), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => usable(bounded('readClassLink', () => readClassLink(content, `?class=${s}`)))), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => usable(bounded('decodeClassParam', () => decodeClassParam(content, s)))), { numRuns: 400 });
  });

  it('a real class value with one character changed or edited, and long or odd labels (900 cases)', () => {
    const alphabet = `${B64}.`;
    fc.assert(fc.property(fc.nat(), fc.constantFrom(...alphabet), (at, c) => usable(decodeClassParam(content, oneCharChanged(valid, at, c, alphabet)))), { numRuns: 300 });
    fc.assert(fc.property(editArb(), (e) => usable(readClassLink(content, `https://school.example/envoy/?class=${encodeURIComponent(applyEdit(valid, e))}`))), { numRuns: 300 });
    // Any label at all, of any length, in the link's own encoding.
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'binary', minLength: 55, maxLength: 70 }), fc.string({ unit: 'grapheme', minLength: 25, maxLength: 40 })), (label) => {
        const parts = valid.split('.');
        parts[5] = Buffer.from(label, 'utf8').toString('base64url');
        usable(decodeClassParam(content, parts.join('.')));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** Never throws; nothing saved reads as nothing; a bad save is removed with a message; a resumed run is the run its log gives. */
const resumesSafely = (raw: string) => {
  const store = memoryStore({ [SAVE_KEY]: raw });
  const loaded = bounded('readRunSave', () => readRunSave(store, content));
  if (!loaded.ok) {
    expect(loaded.message).not.toBeNull();
    expectHumanMessage(loaded.message);
    expect(store.get(SAVE_KEY)).toBeNull();
    return false;
  }
  const { run } = loaded;
  try {
    expect(RunRecordSchema.safeParse(run.record).success).toBe(true);
    expect(checkRecord(content, run.record)).toBeNull();
    const s = content.scenarios[run.record.scenarioId]!;
    const replayed = replayRun(s, run.record);
    const [a, b] = [run.getSnapshot(), replayed.getSnapshot()];
    replayed.stop();
    expect(JSON.stringify([a.value, a.status, a.context])).toBe(JSON.stringify([b.value, b.status, b.context]));
    describeRun(content, s, a);
    // And it plays on.
    const next = choicesAt(s, a)[0];
    if (next) run.send(next);
  } finally {
    run.stop();
  }
  return true;
};

describe('saved runs, preferences and the run history', () => {
  const saveJson = saves.map((s) => JSON.parse(s) as unknown);
  const savePaths = saveJson.map((j) => jsonPaths(j));

  it('random text and random JSON in the save slot (400 cases)', () => {
    expect(readRunSave(memoryStore(), content)).toEqual({ ok: false, message: null });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => void resumesSafely(s)), { numRuns: 200 });
    fc.assert(fc.property(fc.jsonValue(), (v) => void resumesSafely(JSON.stringify(v))), { numRuns: 100 });
    fc.assert(
      fc.property(fc.constantFrom(...saveJson), fc.jsonValue(), (save, snapshot) => void resumesSafely(JSON.stringify({ ...(save as object), snapshot }))),
      { numRuns: 100 },
    );
  });

  it('real saves with fields deleted, retyped, swapped for another save\'s or edited as text (600 cases)', () => {
    let resumed = 0;
    fc.assert(
      fc.property(fc.nat({ max: saves.length - 1 }), fc.array(mutationArb(saves.length), { minLength: 1, maxLength: 3 }), (i, mutations) => {
        if (resumesSafely(JSON.stringify(mutateJson(saveJson[i], savePaths[i]!, mutations, saveJson)))) resumed++;
      }),
      { numRuns: 450 },
    );
    fc.assert(fc.property(fc.constantFrom(...saves), editArb(), (save, e) => void resumesSafely(applyEdit(save, e))), { numRuns: 150 });
    console.log(`mutated saves: ${resumed} of 450 resumed (each the run its log gives), the rest discarded with a message`);
  });

  const KEYS = Object.keys(DEFAULT_PREFERENCES).sort();
  const prefsOk = (raw: string) => {
    const prefs = bounded('readPreferences', () => readPreferences(memoryStore({ [PREFS_KEY]: raw })));
    expect(PreferencesSchema.safeParse(prefs).success).toBe(true);
    expect(Object.keys(prefs).sort()).toEqual(KEYS);
    expect([1, 1.5, 2]).toContain(prefs.textScale);
    expect(Number.isFinite(prefs.musicVolume) && prefs.musicVolume >= 0 && prefs.musicVolume <= 1).toBe(true);
    expect(Number.isFinite(prefs.effectsVolume) && prefs.effectsVolume >= 0 && prefs.effectsVolume <= 1).toBe(true);
    expect(typeof prefs.studentName).toBe('string');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  };

  it('preferences: random text, random JSON and real preferences retyped always read as valid preferences (800 cases)', () => {
    const real = JSON.parse(JSON.stringify({ ...DEFAULT_PREFERENCES, textScale: 1.5, studentName: 'Ana', locale: 'pseudo' })) as unknown;
    const paths = jsonPaths(real);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), prefsOk), { numRuns: 200 });
    fc.assert(fc.property(fc.jsonValue(), (v) => prefsOk(JSON.stringify(v))), { numRuns: 200 });
    fc.assert(fc.property(fc.array(mutationArb(1), { minLength: 1, maxLength: 4 }), (m) => prefsOk(JSON.stringify(mutateJson(real, paths, m)))), { numRuns: 300 });
    fc.assert(
      fc.property(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue(), (key, v) =>
        prefsOk(`{"${key}":${JSON.stringify(v)},"textScale":2,"__proto__":{"polluted":true}}`),
      ),
      { numRuns: 100 },
    );
  });

  it('run history: random and mutated entries read as valid entries or as empty with a message (400 cases)', () => {
    const store = memoryStore();
    const raw = JSON.stringify({
      historyVersion: 1,
      entries: codes.slice(0, 4).map((code, i) => ({ id: `a${i}`, scenarioId: runs[i]!.record.scenarioId, endingId: 'partial', finishedAt: '2026-01-02T10:00:00.000Z', code })),
    });
    store.set(HISTORY_KEY, raw);
    expect(readHistory(store).entries).toHaveLength(4);
    const json = JSON.parse(raw) as unknown;
    const paths = jsonPaths(json);
    const historyOk = (text: string) => {
      const read = bounded('readHistory', () => readHistory(memoryStore({ [HISTORY_KEY]: text })));
      if (read.problem !== null) {
        expectHumanMessage(read.problem);
        expect(read.entries).toEqual([]);
      }
      for (const e of read.entries) expect(e.code).toMatch(/^[A-Za-z0-9_-]+$/);
    };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), historyOk), { numRuns: 150 });
    fc.assert(fc.property(fc.array(mutationArb(1), { minLength: 1, maxLength: 3 }), (m) => historyOk(JSON.stringify(mutateJson(json, paths, m)))), { numRuns: 250 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('content', () => {
  const { files } = readContentFiles();
  const shared = Object.fromEntries(Object.entries(files).filter(([k]) => !k.includes('/scenarios/')));
  const scenarioFiles = Object.keys(files).filter((k) => k.includes('/scenarios/'));
  const allFiles = Object.keys(files);
  const paths = new Map(allFiles.map((k) => [k, jsonPaths(files[k])]));
  const before = JSON.stringify(files);

  /** Never throws; errors name a file and a field in words; content that loads plays to an ending. */
  const loadsSafely = (raw: Record<string, unknown>, seed: number) => {
    const result: LoadResult = bounded('loadContent', () => loadContent(raw));
    if (!result.ok) {
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors.slice(0, 20)) {
        expect(Object.hasOwn(raw, e.file) || e.file === 'content/parties.json').toBe(true);
        expect(typeof e.field).toBe('string');
        expect(e.field.length).toBeGreaterThan(0);
        expect(e.message.length).toBeGreaterThan(0);
        expect(formatContentError(e).replace(/received (undefined|null)/g, '')).not.toMatch(/\[object |\bundefined\b/);
      }
      return false;
    }
    const c = result.content;
    for (const [id, s] of Object.entries(c.scenarios)) {
      // A random player who sometimes asks for a hint: every state the content allows must lead on.
      const run = startRun(s, { scenarioId: id, contentVersion: c.versions[id]!, seed, settings: UNTIMED }, { clock: new SimulatedClock() });
      const random = mulberry32(seed);
      try {
        for (let step = 0; step < 500 && run.getSnapshot().status === 'active'; step++) {
          const snap = run.getSnapshot();
          describeRun(c, s, snap);
          const choices = choicesAt(s, snap);
          expect(choices.length, `${id}: no way on from ${JSON.stringify(snap.value)}`).toBeGreaterThan(0);
          run.send(random() < 0.1 ? { type: 'answer.hint' } : choices[Math.floor(random() * choices.length)]!);
        }
        expect(run.getSnapshot().status, `${id}: a random run did not end within 500 steps`).toBe('done');
        const decoded = decodeRunCode(c, encodeRunCode(c, run.record));
        expect(decoded.ok).toBe(true);
      } finally {
        run.stop();
      }
    }
    return true;
  };

  it('one scenario with fields deleted, retyped, duplicated or made HTML (160 cases)', () => {
    let loaded = 0;
    fc.assert(
      fc.property(fc.constantFrom(...scenarioFiles), fc.array(mutationArb(scenarioFiles.length), { minLength: 1, maxLength: 3 }), fc.nat(), (file, mutations, seed) => {
        const others = scenarioFiles.map((f) => files[f]);
        if (loadsSafely({ ...shared, [file]: mutateJson(files[file], paths.get(file)!, mutations, others) }, seed)) loaded++;
      }),
      { numRuns: 160 },
    );
    console.log(`mutated scenarios: ${loaded} of 160 still loaded (and played to an ending), the rest were refused with errors`);
  });

  it('one scenario with an item that has an id repeated: refused, or it still plays (100 cases)', () => {
    // Every list item with an id (meetings, questions, options, statements, events, moves, endings…).
    const items = scenarioFiles.flatMap((file) =>
      paths.get(file)!.filter((p) => p[p.length - 1] === 'id' && typeof p[p.length - 2] === 'number').map((p) => ({ file, item: p.slice(0, -1) })),
    );
    fc.assert(
      fc.property(fc.nat({ max: items.length - 1 }), fc.nat(), (i, seed) => {
        const { file, item } = items[i]!;
        const doc = structuredClone(files[file]);
        const list = getAt(doc, item.slice(0, -1)).value as unknown[];
        list.push(structuredClone(list[item[item.length - 1] as number]));
        loadsSafely({ ...shared, [file]: doc }, seed);
      }),
      { numRuns: 100 },
    );
  });

  it('any content file mutated, the whole content loaded (30 cases)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allFiles), fc.array(mutationArb(1), { minLength: 1, maxLength: 2 }), fc.nat(), (file, mutations, seed) => {
        loadsSafely({ ...files, [file]: mutateJson(files[file], paths.get(file)!, mutations) }, seed);
      }),
      { numRuns: 30 },
    );
    // Files that are not content objects at all.
    for (const junk of [null, 1, 'x', [], HTML]) expect(loadsSafely({ ...shared, 'content/scenarios/junk.json': junk }, 1)).toBe(false);
    expect(JSON.stringify(files)).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the LMS', () => {
  it('reads the SCORM version from any launch query (500 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.string({ maxLength: 30 }).map((s) => `?scorm=${s}`), fc.constantFrom('?scorm=%E0%A4%A', '?scorm=%', '?a=1&scorm=%zz')), (search) => {
        expect([null, '1.2', '2004']).toContain(bounded('preferredVersion', () => preferredVersion(search)));
      }),
      { numRuns: 500 },
    );
  });

  it('finds no API in hostile or odd windows, without throwing (300 cases)', () => {
    const hostile = (depth: number, api: unknown): ApiWindow => {
      const win: Record<string, unknown> = {};
      Object.defineProperty(win, 'API', { get: () => (depth % 2 ? api : (() => { throw new Error('SecurityError'); })()) });
      Object.defineProperty(win, 'parent', { get: () => (depth > 0 ? hostile(depth - 1, api) : win) });
      Object.defineProperty(win, 'opener', { get: () => { throw new Error('SecurityError'); } });
      return win as ApiWindow;
    };
    fc.assert(
      fc.property(fc.nat(12), fc.anything(), (depth, api) => {
        const found = bounded('findApi', () => findApi(hostile(depth, api)));
        expect(found).toBeNull();
        expect(findApi({ API_1484_11: api, parent: null } as ApiWindow)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('survives an LMS that answers anything: the saved code it hands back is read safely (300 cases)', () => {
    fc.assert(
      fc.property(fc.constantFrom('1.2' as const, '2004' as const), fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...codes), fc.anything()), { minLength: 1, maxLength: 20 }), (version, answers) => {
        let i = 0;
        const next = () => answers[i++ % answers.length];
        const call = () => {
          const v = next();
          if (typeof v === 'number' && v < 0) throw new Error('LMS exploded');
          return v;
        };
        const api = version === '1.2'
          ? { LMSInitialize: call, LMSFinish: call, LMSGetValue: call, LMSSetValue: call, LMSCommit: call, LMSGetLastError: call, LMSGetErrorString: call, LMSGetDiagnostic: call }
          : { Initialize: call, Terminate: call, GetValue: call, SetValue: call, Commit: call, GetLastError: call, GetErrorString: call, GetDiagnostic: call };
        const reporter = createLmsReporter(api as never, version, { now: () => 0 });
        const saved = bounded('reporter.start', () => reporter.start());
        if (saved !== null) {
          expect(typeof saved).toBe('string');
          const decoded = decodeRunCode(content, saved);
          if (decoded.ok) expectReplayable(content, decoded.record);
          else expectHumanMessage(decoded.message);
        }
        reporter.suspend(codes[0]!, 'x');
        const report = reporter.finish({ answers: [] });
        if (report) expect(report.score.raw).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('names and labels with HTML stay the same plain text', () => {
  const htmlText = (maxLength: number) =>
    fc
      .tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(HTML, '<script>alert(1)</script>', '"><b>x</b>', "&lt;b&gt; & 'x'", '<a href="javascript:alert(1)">hi</a>'), fc.string({ unit: 'grapheme', maxLength: 20 }))
      .map(([a, h, b]) => `${a}${h}${b}`)
      .filter((s) => cleanName(s) !== '' && [...cleanName(s)].length <= maxLength && cleanLabel(s).length <= maxLength);

  it('a student name in a results file and code (300 cases)', () => {
    fc.assert(
      fc.property(htmlText(MAX_NAME_LENGTH), (name) => {
        const made = makeResults({ name, settings: null, runs: [] });
        expect(made.ok).toBe(true);
        if (!made.ok) return;
        expect(made.file.name).toBe(cleanName(name));
        for (const parsed of [parseResultsFile(resultsFileText(made.file)), parseResultsCode(resultsCode(made.file)), parseResults(resultsCode(made.file))]) {
          expect(parsed.ok && parsed.results.name).toBe(cleanName(name));
        }
        // On this device too, as the name a student hands results in under.
        const store = memoryStore();
        writePreferences(store, { ...DEFAULT_PREFERENCES, studentName: name });
        expect(readPreferences(store).studentName).toBe(name);
      }),
      { numRuns: 300 },
    );
  });

  it('a class label in a class link and in a results file (300 cases)', () => {
    fc.assert(
      fc.property(htmlText(MAX_LABEL_LENGTH), (label) => {
        const settings: ClassSettings = { scenarios: [TIMELINE[3]!], timer: 'off', hints: true, seed: 'per-student', label: cleanLabel(label) };
        const read = readClassLink(content, classLink('https://school.example/envoy/', settings))!;
        expect(read.problems).toEqual([]);
        expect(read.settings.label).toBe(cleanLabel(label));
        const made = makeResults({ name: 'Ana', settings, runs: [] });
        expect(made.ok).toBe(true);
        const parsed = made.ok ? parseResultsCode(resultsCode(made.file)) : null;
        expect(parsed?.ok && parsed.results.classLabel).toBe(cleanLabel(label));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('what the fuzzing found, pinned down', () => {
  it('a malformed escape in the launch query is no SCORM preference, not a crash', () => {
    expect(preferredVersion('?scorm=%E0%A4%A')).toBeNull();
    expect(preferredVersion('?scorm=2004')).toBe('2004');
  });

  it('a save whose snapshot disagrees with its log in state or status, or cannot be restored, resumes from the log', () => {
    const save = JSON.parse(saves[2]!) as { snapshot: Record<string, unknown> };
    for (const snapshot of [{ ...save.snapshot, status: 0 }, { ...save.snapshot, value: 'briefing' }, { ...save.snapshot, children: null }, { ...save.snapshot, value: 'm_nowhere' }]) {
      expect(resumesSafely(JSON.stringify({ ...save, snapshot }))).toBe(true);
    }
  });

  it('a results file without a version number is damaged, not from another version', () => {
    const made = makeResults({ name: 'Ana', settings: null, runs: [] });
    const json = JSON.parse(made.ok ? resultsFileText(made.file) : '{}') as Record<string, unknown>;
    const parsed = parseResultsFile(JSON.stringify({ ...json, version: undefined }));
    expect(!parsed.ok && parsed.reason).toBe('it is damaged (it has no version number)');
  });

  it('a class label cut to length keeps whole characters', () => {
    const label = `${'a'.repeat(59)}😀b`;
    const value = ['1', SLICE_ID, '0', 'h', 'p', Buffer.from(label, 'utf8').toString('base64url')].join('.');
    const read = decodeClassParam(content, value);
    expect(read.settings.label).toBe('a'.repeat(59));
    expect(decodeClassParam(content, encodeClassParam(read.settings)).settings.label).toBe('a'.repeat(59));
  });

  it('content with an order event, a sort statement or a sort category repeated is refused', () => {
    const { files } = readContentFiles();
    // A timeline scenario with order or sort questions, picked from the content.
    const file = Object.keys(files).find((k) => /\/scenarios\//.test(k) && JSON.stringify(files[k]).match(/"type":"(order|sort)"/))!;
    type Q = { type: string; events?: unknown[]; statements?: unknown[]; categories?: unknown[] };
    const lists = (q: Q) => (q.type === 'order' ? [q.events!] : q.type === 'sort' ? [q.statements!, q.categories!] : []);
    const base = files[file] as { meetings: { questions: Q[] }[] };
    const count = base.meetings.flatMap((m) => m.questions).flatMap(lists).length;
    expect(count).toBeGreaterThan(0);
    for (let n = 0; n < count; n++) {
      const doc = structuredClone(base);
      const list = doc.meetings.flatMap((m) => m.questions).flatMap(lists)[n]!;
      list[list.length - 1] = structuredClone(list[0]);
      const result = loadContent({ ...files, [file]: doc });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.message).join('; ')).toMatch(/must be unique|must not repeat/);
    }
  });
});
