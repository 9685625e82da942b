// The classroom model: class links round-trip and explain bad settings; results files and codes
// round-trip, drop anything like a score and never throw; the dashboard replays every run and
// recomputes every number (a tampered score changes nothing, an edited run code is rejected),
// skips duplicates, and exports CSV that a spreadsheet can neither misread nor execute; the
// discussion guides cite their sources.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsVerbatim } from '../../src/content/text';
import { representativeAnswers } from '../../src/engine/answers';
import { understanding } from '../../src/engine/stats';
import { encodeRunCode } from '../../src/replay/code';
import type { HistoryEntry } from '../../src/replay/history';
import {
  buildDashboard,
  classLink,
  ClassSettingsSchema,
  cleanLabel,
  classLinkMessage,
  csvCell,
  csvRow,
  dashboardCsv,
  decodeClassParam,
  defaultClassSettings,
  discussionGuide,
  encodeClassParam,
  makeResults,
  MAX_RESULTS_SIZE,
  parseResults,
  parseResultsCode,
  parseResultsFile,
  readClassLink,
  resultsCode,
  resultsFileName,
  resultsFileText,
  resultsRunsFromHistory,
  runSettingsFor,
  splitPastedCodes,
  TIMERS,
  type ClassSettings,
  type ImportedResults,
  type ResultsFile,
} from '../../src/classroom';
import { fromBase64url, toBase64url, utf8Decode, utf8Encode } from '../../src/encoding/base64url';
import { newRun, playThrough, realContent, SECOND_ID, SLICE_ID, TIMELINE, type Strategy } from './helpers';

const content = realContent();
const IDS = Object.keys(content.scenarios);
const CLASS: ClassSettings = { scenarios: [SLICE_ID, SECOND_ID], timer: 'off', hints: true, seed: 7, label: '9B History' };

// ---------------------------------------------------------------------------------------------
// Fixtures: students who really played

/** Answers right when `right(step)` says so (index 0 of representativeAnswers is right, 1 wrong). */
const strategy = (right: (n: number) => boolean, pick: 'first' | 'last' = 'first'): Strategy => {
  let n = 0;
  return { answer: () => (right(n++) ? 0 : 1), move: (ids) => (pick === 'first' ? ids[0]! : ids[ids.length - 1]!) };
};

function playedRun(scenarioId: string, seed: number, s: Strategy) {
  const run = playThrough(content, content.scenarios[scenarioId]!, newRun(content, scenarioId, seed), s);
  const snapshot = run.getSnapshot();
  run.stop();
  return { code: encodeRunCode(content, run.record), context: snapshot.context };
}

function student(name: string, runs: Array<{ scenarioId: string; code: string }>, settings: ClassSettings | null = CLASS): ResultsFile {
  const made = makeResults({ name, settings, runs });
  if (!made.ok) throw new Error(made.message);
  return made.file;
}

const asFile = (source: string, file: ResultsFile): ImportedResults => ({ source, parsed: parseResultsFile(resultsFileText(file)) });

const allRight = playedRun(SLICE_ID, 7, strategy(() => true));
const allWrong = playedRun(SLICE_ID, 7, strategy(() => false, 'last'));
const mixed = playedRun(SLICE_ID, 7, strategy((n) => n % 2 === 0));
const lavrov = playedRun(SECOND_ID, 7, strategy(() => true));

// ---------------------------------------------------------------------------------------------

describe('base64url and UTF-8', () => {
  it('round-trips any bytes and any text; rejects what is not canonical, never throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        expect(utf8Decode(utf8Encode(text))).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (text) => {
        utf8Decode(fromBase64url(text) ?? new Uint8Array());
      }),
    );
    expect(fromBase64url('AA')).toEqual(new Uint8Array([0]));
    expect(fromBase64url('AB')).toBeNull(); // unused low bits set
    expect(fromBase64url('A')).toBeNull();
    expect(fromBase64url('a+b/')).toBeNull();
    expect(utf8Decode(new Uint8Array([0xff, 0xfe]))).toBeNull();
  });
});

describe('class links', () => {
  const settingsArb = fc.record({
    scenarios: fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 1, maxLength: IDS.length }),
    timer: fc.constantFrom(...TIMERS),
    hints: fc.boolean(),
    seed: fc.oneof(fc.constant('per-student' as const), fc.integer({ min: 0, max: 2 ** 32 - 1 })),
    label: fc.string({ maxLength: 60, unit: 'grapheme-composite' }).map((s) => cleanLabel(s).slice(0, 60).trim()),
  });

  it('round-trips any valid settings through a compact, URL-safe link', () => {
    fc.assert(
      fc.property(settingsArb, (settings) => {
        const link = classLink('https://school.example/envoy/?lang=en&teacher=setup#top', settings);
        const value = link.slice(link.indexOf('class=') + 'class='.length);
        expect(value).toMatch(/^[A-Za-z0-9._-]+$/);
        expect(link.startsWith('https://school.example/envoy/?lang=en&class=')).toBe(true);
        expect(link).not.toContain('teacher=');
        expect(link).not.toContain('#');
        const read = readClassLink(content, link)!;
        expect(read.problems).toEqual([]);
        expect(read.settings).toEqual(settings);
        // The search string of a page works as well as a whole link.
        expect(readClassLink(content, new URL(link).search)!.settings).toEqual(settings);
      }),
    );
  });

  it('stays short enough for a QR code and a chat message', () => {
    const all: ClassSettings = { scenarios: content.scenarioOrder, timer: 'x1.5', hints: false, seed: 4294967295, label: 'Year 11 · Modern history, group B (Ms Ana Novak)' };
    expect(encodeClassParam(all).length).toBeLessThan(200);
    expect(encodeClassParam(CLASS)).toBe(`2.${SLICE_ID}_${SECOND_ID}.0.h.y.7.OUIgSGlzdG9yeQ`);
  });

  it('has no class without a class parameter', () => {
    expect(readClassLink(content, 'https://x.example/envoy/?run=E1abc')).toBeNull();
    expect(readClassLink(content, '')).toBeNull();
    expect(classLinkMessage(null)).toBeNull();
  });

  it('names each bad setting and keeps safe defaults for it and the good ones as given', () => {
    const good = encodeClassParam(CLASS).split('.');
    const withParts = (i: number, v: string) => good.map((p, j) => (j === i ? v : p)).join('.');

    const unknown = decodeClassParam(content, withParts(1, `${SLICE_ID}_atlantis-1999_${SECOND_ID}`));
    expect(unknown.settings.scenarios).toEqual([SLICE_ID, SECOND_ID]);
    expect(unknown.problems).toEqual([expect.stringContaining('no scenario "atlantis-1999"')]);
    expect(unknown.settings.label).toBe('9B History');

    const timer = decodeClassParam(content, withParts(2, '35'));
    expect(timer.settings.timer).toBe('off');
    expect(timer.problems[0]).toMatch(/timer "35" is not one of off, x1, x1\.5, x2/);
    expect(timer.settings.seed).toBe(7);

    const long = decodeClassParam(content, withParts(6, encodeClassParam({ ...CLASS, label: 'x'.repeat(60) }).split('.')[6]! + 'eHh4'));
    expect(long.settings.label).toBe('x'.repeat(60));
    expect(long.problems[0]).toMatch(/longer than 60 characters/);

    const seed = decodeClassParam(content, withParts(5, '99999999999'));
    expect(seed.settings.seed).toBe('per-student');
    expect(seed.problems[0]).toMatch(/seed/);

    const hints = decodeClassParam(content, withParts(3, 'maybe'));
    expect(hints.settings.hints).toBe(true);
    expect(hints.problems[0]).toMatch(/hints/);

    const none = decodeClassParam(content, withParts(1, 'atlantis-1999'));
    expect(none.settings.scenarios).toEqual(content.scenarioOrder);
    expect(none.problems).toHaveLength(2);

    const several = decodeClassParam(content, ['1', `${SECOND_ID}_${SECOND_ID}_nowhere`, '7', 'h', 'p', ''].join('.'));
    expect(several.settings).toEqual({ ...defaultClassSettings(content), scenarios: [SECOND_ID] });
    expect(several.problems).toHaveLength(3);
    const message = classLinkMessage(several)!;
    expect(message).toContain('twice');
    expect(message).toContain('"nowhere"');
    expect(message).toContain('timer "7"');

    expect(decodeClassParam(content, '9.a.b.c.d.e.f').problems[0]).toMatch(/another version of Envoy \(class format 9\)/);
    expect(decodeClassParam(content, `1.${SECOND_ID}.0`).problems[0]).toMatch(/incomplete/);
    expect(decodeClassParam(content, 'hello').problems[0]).toMatch(/could not be read/);
    expect(decodeClassParam(content, '1.' + 'a'.repeat(5000)).problems[0]).toMatch(/too long/);
  });

  it('never throws on random or mutated input, and always gives usable settings', () => {
    const valid = encodeClassParam({ ...CLASS, label: 'Klasa 3 – Priština' });
    const check = (value: string) => {
      const read = decodeClassParam(content, value);
      expect(ClassSettingsSchema.safeParse(read.settings).success).toBe(true);
      expect(read.settings.scenarios.length).toBeGreaterThan(0);
      for (const id of read.settings.scenarios) expect(content.scenarios[id]).toBeDefined();
      expect(readClassLink(content, `?class=${encodeURIComponent(value)}`)).not.toBeNull();
    };
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 500 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 1 }), fc.string({ maxLength: 3 }), fc.nat(3), (at, insert, cut) => {
        check(valid.slice(0, at) + insert + valid.slice(at + cut));
      }),
      { numRuns: 500 },
    );
    expect(() => readClassLink(content, '%%%?class=%E0%A4%A')).not.toThrow();
  });

  it('gives the engine its settings: timer × questionSeconds, hints, and the seed', () => {
    const s = content.scenarios[SLICE_ID]!;
    expect(runSettingsFor({ ...CLASS, timer: 'off' }, s)).toEqual({ settings: { timerSeconds: null, hintsEnabled: true }, seed: 7 });
    expect(runSettingsFor({ ...CLASS, timer: 'x1' }, s).settings.timerSeconds).toBe(s.questionSeconds);
    expect(runSettingsFor({ ...CLASS, timer: 'x1.5', hints: false }, s)).toEqual({ settings: { timerSeconds: Math.round(s.questionSeconds * 1.5), hintsEnabled: false }, seed: 7 });
    expect(runSettingsFor({ ...CLASS, timer: 'x2', seed: 'per-student' }, s)).toEqual({ settings: { timerSeconds: s.questionSeconds * 2, hintsEnabled: true }, seed: null });
  });

  it('refuses to encode settings no link could carry', () => {
    expect(() => encodeClassParam({ ...CLASS, label: 'x'.repeat(61) })).toThrow(RangeError);
    expect(() => encodeClassParam({ ...CLASS, scenarios: ['Bad Id'] })).toThrow(RangeError);
  });
});

describe('results files and codes', () => {
  const file = student('Ana Novak', [{ scenarioId: SLICE_ID, code: allRight.code }]);

  it('round-trips a file and a code, names the file safely', () => {
    expect(parseResultsFile(resultsFileText(file))).toEqual({ ok: true, results: file });
    expect(parseResultsCode(resultsCode(file))).toEqual({ ok: true, results: file });
    expect(parseResults(resultsCode(file))).toEqual({ ok: true, results: file });
    expect(parseResults(`\uFEFF  ${resultsFileText(file)}`)).toEqual({ ok: true, results: file });
    expect(resultsCode(file)).toMatch(/^eyJ[A-Za-z0-9_-]+$/);
    expect(resultsFileName(file)).toBe('envoy-results-ana-novak.json');
    expect(resultsFileName(student('Đorđe Šarić', []))).toBe('envoy-results-dorde-saric.json');
    expect(resultsFileName(student('<img src=x>', []))).toBe('envoy-results-img-src-x.json');
    expect(file.classLabel).toBe('9B History');
  });

  it('keeps a name as plain text, whatever it looks like', () => {
    const name = '<img src=x onerror=alert(1)>';
    const parsed = parseResultsCode(resultsCode(student(name, [])));
    expect(parsed.ok && parsed.results.name).toBe(name);
  });

  it('rejects what is not a results file, with a reason', () => {
    const text = resultsFileText(file);
    const json = JSON.parse(text) as Record<string, unknown>;
    const reason = (t: unknown) => {
      const p = parseResultsFile(t);
      return p.ok ? 'accepted' : p.reason;
    };
    expect(reason('x'.repeat(MAX_RESULTS_SIZE + 1))).toMatch(/larger than 200 KB/);
    expect(reason(' ' + text + ' '.repeat(MAX_RESULTS_SIZE))).toMatch(/larger than 200 KB/);
    expect(reason('not json')).toMatch(/not JSON/);
    expect(reason('[]')).toMatch(/not an Envoy results file/);
    expect(reason('null')).toMatch(/not an Envoy results file/);
    expect(reason(JSON.stringify({ ...json, format: 'other' }))).toMatch(/not an Envoy results file/);
    expect(reason(JSON.stringify({ ...json, version: 2 }))).toMatch(/another version of Envoy \(results version 2\)/);
    expect(reason(JSON.stringify({ ...json, name: 'n'.repeat(61) }))).toMatch(/longer than 60 characters/);
    expect(reason(JSON.stringify({ ...json, name: '   ' }))).toMatch(/no student name/);
    expect(reason(JSON.stringify({ ...json, runs: 'none' }))).toMatch(/damaged \(runs/);
    expect(reason(JSON.stringify({ ...json, name: undefined }))).toMatch(/no student name/);
    expect(reason(JSON.stringify({ ...json, classLabel: 'c'.repeat(61) }))).toMatch(/damaged \(classLabel/);
    // Settings are informational: unreadable ones are dropped, not a reason to lose the results.
    const odd = parseResultsFile(JSON.stringify({ ...json, settings: { timer: 'x9' } }));
    expect(odd.ok && odd.results.settings).toBeNull();
    expect(reason(JSON.stringify({ ...json, runs: [{ scenarioId: 'x', code: '<script>' }] }))).toMatch(/damaged \(runs\.0\.code/);
    expect(reason(42)).toMatch(/not an Envoy results file/);
    expect(parseResultsCode('eyJub3Q').ok).toBe(false);
    expect(parseResultsCode('!!!').ok).toBe(false);
    expect(parseResultsCode('x'.repeat(MAX_RESULTS_SIZE + 1))).toEqual({ ok: false, reason: expect.stringMatching(/larger than 200 KB/) });
    expect(makeResults({ name: ' ', settings: CLASS, runs: [] })).toEqual({ ok: false, message: 'Type your name first.' });
    expect(makeResults({ name: 'n'.repeat(61), settings: CLASS, runs: [] }).ok).toBe(false);
  });

  it('drops anything like a score: only names, the class and run codes are read', () => {
    const json = JSON.parse(resultsFileText(file));
    json.score = 100;
    json.understanding = { serbia: 100 };
    json.runs[0].ending = 'breakthrough';
    json.runs[0].right = 99;
    const parsed = parseResultsFile(JSON.stringify(json));
    expect(parsed).toEqual({ ok: true, results: file });
  });

  it('never throws on random text, random JSON, or a mutated file or code', () => {
    const text = resultsFileText(file);
    const code = resultsCode(file);
    const noThrow = (input: unknown) => {
      const p = parseResults(input);
      expect(typeof p.ok).toBe('boolean');
      if (!p.ok) expect(p.reason.length).toBeGreaterThan(0);
      parseResultsFile(input);
      parseResultsCode(input);
    };
    fc.assert(fc.property(fc.string({ maxLength: 400 }), noThrow), { numRuns: 400 });
    fc.assert(fc.property(fc.jsonValue(), (v) => noThrow(JSON.stringify(v))), { numRuns: 300 });
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('name', 'classLabel', 'settings', 'runs', 'version', 'format'), (v, key) => {
        noThrow(JSON.stringify({ ...JSON.parse(text), [key]: v }));
      }),
      { numRuns: 300 },
    );
    const mutate = (base: string) =>
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.string({ maxLength: 4 }), fc.nat(4), (at, insert, cut) => {
        noThrow(base.slice(0, at) + insert + base.slice(at + cut));
      });
    fc.assert(mutate(text), { numRuns: 400 });
    fc.assert(mutate(code), { numRuns: 400 });
  });

  it('never throws splitting random pasted text, and every piece it finds is read safely', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const piece of splitPastedCodes(text)) {
          expect(piece).not.toMatch(/[\s,;]/);
          expect(typeof parseResults(piece).ok).toBe('boolean');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splits pasted codes, mending codes broken across lines', () => {
    const a = resultsCode(file);
    const b = resultsCode(student('Ben', []));
    expect(splitPastedCodes(`${a}\n\n${b}`)).toEqual([a, b]);
    expect(splitPastedCodes(`  ${a.slice(0, 40)}\n${a.slice(40)} , ${b}\n`)).toEqual([a, b]);
    expect(splitPastedCodes('')).toEqual([]);
  });

  it('takes the class runs from the device history, oldest first', () => {
    const entry = (scenarioId: string, code: string, id: string): HistoryEntry => ({ id, scenarioId, code, endingId: 'x', finishedAt: '2026-01-01T00:00:00.000Z' });
    const newestFirst = [entry(SECOND_ID, 'B', 'b'), entry(TIMELINE[3]!, 'C', 'c'), entry(SLICE_ID, 'A', 'a')];
    expect(resultsRunsFromHistory(newestFirst, CLASS)).toEqual([
      { scenarioId: SLICE_ID, code: 'A' },
      { scenarioId: SECOND_ID, code: 'B' },
    ]);
    expect(resultsRunsFromHistory(newestFirst, null)).toHaveLength(3);
    // The practice never counts, in a class or not.
    expect(resultsRunsFromHistory(newestFirst, null, [], TIMELINE[3]!).map((r) => r.scenarioId)).toEqual([SLICE_ID, SECOND_ID]);
  });
});

describe('the dashboard', () => {
  const ana = student('Ana', [
    { scenarioId: SLICE_ID, code: allWrong.code },
    { scenarioId: SLICE_ID, code: allRight.code },
    { scenarioId: SECOND_ID, code: lavrov.code },
  ]);
  const ben = student('Ben', [{ scenarioId: SLICE_ID, code: allWrong.code }]);
  const cai = student('Cai', [{ scenarioId: SLICE_ID, code: mixed.code }]);
  const washington = content.scenarios[SLICE_ID]!;

  it('recomputes every number by replaying the runs', () => {
    const d = buildDashboard(content, [asFile('ana.json', ana), asFile('ben.json', ben), asFile('cai.json', cai)]);
    expect(d.problems).toEqual([]);
    expect(d.students.map((s) => s.name)).toEqual(['Ana', 'Ben', 'Cai']);
    expect(d.scenarios.map((s) => s.id)).toEqual(content.scenarioOrder.filter((id) => id === SLICE_ID || id === SECOND_ID));

    // Ana's counted run of the slice scenario is her last one (all right), after two attempts.
    const a = d.students[0]!.scenarios[SLICE_ID]!;
    expect(a.attempts).toBe(2);
    expect(a.endingId).toBe(allRight.context.endingId);
    expect(a.right).toBe(allRight.context.answers.length);
    expect(a.total).toBe(allRight.context.answers.length);
    // The dashboard counts predictions as well as answers: the truth comes from the run's own records.
    expect(allRight.context.predictions.length, 'the run predicted reactions').toBeGreaterThan(0);
    const truth = understanding(washington, allRight.context.answers, allRight.context.predictions);
    for (const party of Object.keys(a.understanding)) expect(a.understanding[party]).toBe(truth[party] ?? null);
    expect(Object.keys(truth).every((party) => party in a.understanding)).toBe(true);

    const b = d.students[1]!.scenarios[SLICE_ID]!;
    expect(b.endingId).toBe(allWrong.context.endingId);
    expect(b.right).toBe(0);
    const wrongTruth = understanding(washington, allWrong.context.answers, allWrong.context.predictions);
    for (const party of Object.keys(b.understanding)) expect(b.understanding[party]).toBe(wrongTruth[party] ?? null);

    // Per question: Ana right, Ben wrong, Cai right on even answers.
    const summary = d.scenarios.find((s) => s.id === SLICE_ID)!;
    expect(summary.students).toBe(3);
    expect(summary.endings.reduce((n, e) => n + e.count, 0)).toBe(3);
    const first = summary.questions.find((q) => q.questionId === allRight.context.answers[0]!.questionId)!;
    expect(first.answered).toBe(3);
    expect(first.correct).toBe(2);
    expect(first.share).toBeCloseTo(2 / 3);
    const q0 = washington.meetings.flatMap((m) => m.questions).find((q) => q.id === first.questionId)!;
    const wrong = representativeAnswers(q0)[1]!;
    if ('optionId' in wrong) expect(first.mostWrong).toEqual({ text: q0.type !== 'true-false' && 'options' in q0 ? q0.options.find((o) => o.id === wrong.optionId)!.text : '', count: 1 });
    else expect(first.mostWrong?.count).toBe(1);
    const second = summary.questions.find((q) => q.questionId === allRight.context.answers[1]!.questionId)!;
    expect(second.correct).toBe(1);
    expect(second.mostWrong?.count).toBeGreaterThanOrEqual(2);

    // Per party: the mean of the students measured.
    for (const avg of summary.partyAverages) {
      const values = d.students.map((s) => s.scenarios[SLICE_ID]?.understanding[avg.party]).filter((v): v is number => typeof v === 'number');
      expect(avg.students).toBe(values.length);
      expect(avg.average).toBe(values.length ? Math.round(values.reduce((x, y) => x + y, 0) / values.length) : null);
    }
  });

  it('ignores a score written into a file: the tampered file gives the same dashboard', () => {
    const honest = buildDashboard(content, [asFile('ben.json', ben)]);
    const json = JSON.parse(resultsFileText(ben));
    json.score = 100;
    json.runs[0].understanding = { serbia: 100, kosovo: 100 };
    json.runs[0].endingId = 'breakthrough';
    json.runs[0].right = 20;
    const tampered = buildDashboard(content, [{ source: 'ben.json', parsed: parseResultsFile(JSON.stringify(json)) }]);
    expect(tampered).toEqual(honest);
  });

  it('rejects a file whose run code was edited, with the reason, and imports the rest', () => {
    const code = allRight.code;
    // Any edit of a code is caught: its checksum no longer fits.
    const edited = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    const eve = student('Eve', [{ scenarioId: SLICE_ID, code: edited }]);
    const d = buildDashboard(content, [asFile('eve.json', eve), asFile('ben.json', ben)]);
    expect(d.students.map((s) => s.name)).toEqual(['Ben']);
    expect(d.problems).toEqual([{ source: 'eve.json', name: 'Eve', reason: expect.stringMatching(/^Skipped: run 1 cannot be trusted: .*damaged or has been edited/) }]);

    const mislabelled = student('Fay', [{ scenarioId: SECOND_ID, code: allRight.code }]);
    const d2 = buildDashboard(content, [asFile('fay.json', mislabelled)]);
    expect(d2.problems[0]!.reason).toContain(`listed as "${SECOND_ID}" but its replay code is for "${content.scenarios[SLICE_ID]!.title}"`);

    // A file that carries a run of the practice (made before hand-ins left it out) counts it for nothing.
    if (content.tutorialId) {
      const practice = playedRun(content.tutorialId, 5, strategy(() => true));
      const hal = student('Hal', [{ scenarioId: content.tutorialId, code: practice.code }]);
      const d3 = buildDashboard(content, [asFile('hal.json', hal)]);
      expect(d3.students).toEqual([]);
      expect(d3.problems[0]!.reason).toMatch(/practice/);
    }

    const unfinished = newRun(content, SLICE_ID, 3);
    unfinished.send({ type: 'run.begin' });
    const partial = student('Gus', [{ scenarioId: SLICE_ID, code: encodeRunCode(content, unfinished.record) }]);
    unfinished.stop();
    expect(buildDashboard(content, [asFile('gus.json', partial)]).problems[0]!.reason).toMatch(/not finished/);

    const bad = buildDashboard(content, [{ source: 'notes.txt', parsed: parseResults('hello') }]);
    expect(bad.problems).toEqual([{ source: 'notes.txt', name: null, reason: expect.stringMatching(/^Skipped: it is not an Envoy results code/) }]);
  });

  it('lists duplicate students (same name and class) and keeps the first', () => {
    const again = student(' ana ', [{ scenarioId: SLICE_ID, code: allWrong.code }]);
    const otherClass = student('Ana', [{ scenarioId: SLICE_ID, code: allWrong.code }], { ...CLASS, label: '9C' });
    const d = buildDashboard(content, [asFile('ana.json', ana), asFile('ana (1).json', again), asFile('ana-9c.json', otherClass)]);
    expect(d.students.map((s) => [s.name, s.classLabel, s.source])).toEqual([
      ['Ana', '9B History', 'ana.json'],
      ['Ana', '9C', 'ana-9c.json'],
    ]);
    expect(d.problems).toEqual([{ source: 'ana (1).json', name: 'ana', reason: 'Skipped: a student named "ana" in class "9B History" was already imported from ana.json.' }]);
    expect(d.students[0]!.scenarios[SLICE_ID]!.endingId).toBe(allRight.context.endingId);
  });

  it('never throws on a file whose run code was mutated anywhere: each file is imported or skipped with a reason', () => {
    const code = mixed.code;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: code.length - 1 }), fc.string({ maxLength: 3 }), fc.nat(3), (at, insert, cut) => {
        const edited = code.slice(0, at) + insert + code.slice(at + cut);
        fc.pre(edited !== code);
        const d = buildDashboard(content, [{ source: 'x.json', parsed: parseResultsFile(resultsFileText({ ...cai, runs: [{ scenarioId: SLICE_ID, code: edited }] })) }]);
        expect(d.students.length + d.problems.length).toBe(1);
        if (d.problems[0]) expect(d.problems[0].reason).toMatch(/^Skipped: /);
      }),
      { numRuns: 300 },
    );
  });

  it('a rejected file does not block a later good file of the same student', () => {
    const broken = student('Ben', [{ scenarioId: SLICE_ID, code: 'E1AAAAxx' }]);
    const d = buildDashboard(content, [asFile('old.json', broken), asFile('ben.json', ben)]);
    expect(d.students.map((s) => s.source)).toEqual(['ben.json']);
    expect(d.problems.map((p) => p.source)).toEqual(['old.json']);
  });
});

/** A strict RFC 4180 reader, to check the writer against. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else {
        if (c === '"') {
          quoted = false;
          if (i + 1 < text.length && text[i + 1] !== ',' && text[i + 1] !== '\r') throw new Error(`text after a closing quote at ${i}`);
        } else cell += c;
        i++;
      }
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '"' || c === '\n' || c === '\r') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else cell += c;
    i++;
  }
  if (quoted) throw new Error('unclosed quote');
  if (cell !== '' || row.length) throw new Error('last row not ended by CRLF');
  return rows;
}

describe('CSV export', () => {
  it('quotes every awkward cell and defuses formulas', () => {
    expect(csvCell('Ana')).toBe('Ana');
    expect(csvCell('Novak, Ana')).toBe('"Novak, Ana"');
    expect(csvCell('Ana "the envoy"')).toBe('"Ana ""the envoy"""');
    expect(csvCell('Ana\nNovak')).toBe('"Ana\nNovak"');
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('reads back exactly, for any text (with the apostrophe before a formula)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 6 }), (cells) => {
        const [read] = readCsv(`${csvRow(cells)}\r\n`);
        expect(read).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
      { numRuns: 500 },
    );
  });

  it('has one row per student and scenario, with the ending and each party', () => {
    const names = ['Novak, Ana', 'Ben "B" Ray', 'Cai\nLine', '=cmd|\' /C calc\'!A0', '<img src=x onerror=alert(1)>'];
    const files = names.map((name, i) => asFile(`f${i}.json`, student(name, [{ scenarioId: SLICE_ID, code: i % 2 ? allWrong.code : allRight.code }])));
    files.push(asFile('lav.json', student('Lav', [{ scenarioId: SECOND_ID, code: lavrov.code }, { scenarioId: SLICE_ID, code: mixed.code }])));
    files.push(asFile('none.json', student('Nobody', [])));
    const d = buildDashboard(content, files);
    const rows = readCsv(dashboardCsv(d));
    const header = rows[0]!;
    expect(header.slice(0, 8)).toEqual(['Student', 'Class', 'Scenario', 'Ending', 'Ending kind', 'Questions right', 'Questions asked', 'Attempts']);
    expect(header.slice(8, -1)).toEqual(d.parties.map((p) => `Understanding: ${content.parties[p]!.name}`));
    expect(header.at(-1)).toBe('Played with');
    expect(rows).toHaveLength(1 + names.length + 2 + 1);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    expect(rows.slice(1, 6).map((r) => r[0])).toEqual(names.map((n) => (n.startsWith('=') ? `'${n}` : n)));
    const ana = rows[1]!;
    expect(ana[2]).toBe(content.scenarios[SLICE_ID]!.title);
    expect(ana[3]).toBe(content.scenarios[SLICE_ID]!.endings.find((e) => e.id === allRight.context.endingId)!.title);
    const truth = understanding(content.scenarios[SLICE_ID]!, allRight.context.answers);
    d.parties.forEach((p, i) => expect(ana[8 + i]).toBe(truth[p] === undefined ? '' : String(truth[p])));
    expect(rows.filter((r) => r[0] === 'Lav').map((r) => r[2])).toEqual(d.scenarios.map((s) => s.title));
    expect(rows.find((r) => r[0] === 'Nobody')!.slice(2).every((c) => c === '')).toBe(true);
  });
});

describe('discussion guides', () => {
  it.each(IDS)('%s: a question per meeting on its stated position, every point with its source', (id) => {
    const s = content.scenarios[id]!;
    const guide = discussionGuide(content, id)!;
    expect(guide.title).toBe(s.title);
    expect(guide.report.outlet).toBe(content.sources[s.source]!.outlet);
    expect(guide.meetings.map((m) => m.meetingId)).toEqual(s.meetings.map((m) => m.id));
    const verbatim = (q: { source: string; quote: string; outlet: string; date: string }) => {
      const source = content.sources[q.source]!;
      expect(q.outlet).toBe(source.outlet);
      expect(q.date).toBe(source.date);
      expect(source.passages.some((p) => containsVerbatim(p.text, q.quote))).toBe(true);
    };
    guide.meetings.forEach((m, i) => {
      const meeting = s.meetings[i]!;
      expect(m.position).toBe(meeting.opening.text);
      expect(m.speaker.name).toBe(content.parties[meeting.opening.speaker]!.name);
      verbatim(m.source);
      expect(m.points.map((p) => p.explanation)).toEqual(meeting.questions.map((q) => q.explanation));
      for (const p of m.points) {
        expect(p.sources.length).toBeGreaterThan(0);
        p.sources.forEach(verbatim);
      }
    });
    expect(guide.endings).toHaveLength(s.endings.length);
    guide.endings.flatMap((e) => e.sources).forEach(verbatim);
  });

  it('has no guide for a scenario the content does not have', () => {
    expect(discussionGuide(content, 'atlantis-1999')).toBeNull();
    expect(discussionGuide(content, '__proto__')).toBeNull();
  });
});
