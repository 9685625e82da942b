// The model's own messages (saves, run history, replay codes, class links, results, the class
// dashboard, the LMS) come from the locale files like the view's: under the pseudo-locale every
// one of them comes out accented and padded, so none is a hard-coded English string. And the
// locale files and the code agree: every key the code names exists, and every key is used.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/contentFiles';
import { classLinkMessage, readClassLink } from '../../src/classroom/classLink';
import { buildDashboard, dashboardCsv } from '../../src/classroom/dashboard';
import { makeResults, parseResults, parseResultsFile } from '../../src/classroom/results';
import { setLocale, t } from '../../src/i18n';
import en from '../../src/i18n/en.json';
import teacherEn from '../../src/i18n/teacher.en.json';
import { tt } from '../../src/i18n/teacher';
import type { Scorm12Api } from '../../src/lms/findApi';
import { createLmsReporter } from '../../src/lms/reporter';
import { readRunSave, SAVE_KEY } from '../../src/persistence/runSave';
import { memoryStore } from '../../src/persistence/storage';
import { decodeRunCode, encodeRunCode } from '../../src/replay/code';
import { addToHistory, HISTORY_KEY, readHistory } from '../../src/replay/history';
import { newRun, realContent } from './helpers';

/** A pseudo-localised string: in brackets, padded with tildes, with accented letters. */
const isPseudo = (text: string | null | undefined): boolean =>
  typeof text === 'string' && /^\[[\s\S]*~\]$/.test(text) && /[áéíöüçñÁÉÍÖÜý]/.test(text);

describe('the model speaks through the locale files (pseudo-locale)', () => {
  const content = realContent();
  beforeEach(() => setLocale('pseudo'));
  afterEach(() => setLocale('en'));

  it('the pseudo check tells English from pseudo text', () => {
    expect(isPseudo(t('code.notACode'))).toBe(true);
    setLocale('en');
    expect(isPseudo(t('code.notACode'))).toBe(false);
    expect(t('code.notACode')).toBe('This is not an Envoy replay code. Check that the whole code was copied.');
  });

  it('replay codes: a bad, a damaged and a foreign code', () => {
    const bad = decodeRunCode(content, 'hello');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && isPseudo(bad.message)).toBe(true);
    const other = decodeRunCode(content, 'E9AAAAAAAA');
    expect(!other.ok && other.reason === 'other-version' && isPseudo(other.message)).toBe(true);
    const id = content.scenarioOrder[0]!;
    const code = encodeRunCode(content, newRun(content, id).record);
    const edited = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    const damaged = decodeRunCode(content, edited);
    expect(!damaged.ok && isPseudo(damaged.message)).toBe(true);
  });

  it('saves: a damaged save and one from another version', () => {
    const damaged = readRunSave(memoryStore({ [SAVE_KEY]: '{not json' }), content);
    expect(damaged.ok).toBe(false);
    expect(!damaged.ok && isPseudo(damaged.message)).toBe(true);
    // The reason inside is worded from the locale file as well.
    expect(!damaged.ok && damaged.message?.includes(t('save.damaged'))).toBe(true);
    const other = readRunSave(memoryStore({ [SAVE_KEY]: JSON.stringify({ saveVersion: 99 }) }), content);
    expect(!other.ok && isPseudo(other.message) && other.message!.includes('99')).toBe(true);
  });

  it('run history: damaged, another version, an invalid entry', () => {
    expect(isPseudo(readHistory(memoryStore({ [HISTORY_KEY]: '[' })).problem)).toBe(true);
    expect(isPseudo(readHistory(memoryStore({ [HISTORY_KEY]: JSON.stringify({ historyVersion: 7 }) })).problem)).toBe(true);
    const added = addToHistory(memoryStore(), { scenarioId: 'x', endingId: 'y', finishedAt: 'not a date', code: 'E1' });
    expect(added.ok).toBe(false);
    expect(isPseudo(added.problem)).toBe(true);
  });

  it('class links: every problem and the message for the student', () => {
    const bad = readClassLink(content, '?class=1.nope_nope.7.x.-1.')!;
    expect(bad.problems.length).toBeGreaterThanOrEqual(4);
    for (const problem of bad.problems) expect(isPseudo(problem), problem).toBe(true);
    expect(isPseudo(classLinkMessage(bad))).toBe(true);
    expect(isPseudo(readClassLink(content, '?class=9.a')!.problems[0])).toBe(true);
  });

  it('results: junk, a damaged file, and the messages of a results file that cannot be made', () => {
    const junk = parseResults('junk');
    expect(!junk.ok && isPseudo(junk.reason)).toBe(true);
    const notJson = parseResultsFile('{ nope');
    expect(!notJson.ok && isPseudo(notJson.reason)).toBe(true);
    const damaged = parseResultsFile(JSON.stringify({ format: 'envoy-results', version: 1, name: 'A', classLabel: '', settings: null, runs: [{ scenarioId: 'x', code: 'no code!' }] }));
    expect(!damaged.ok && isPseudo(damaged.reason)).toBe(true);
    expect(!damaged.ok && damaged.reason).toContain(t('results.reason.notReplayCode'));
    const noName = makeResults({ name: ' ', settings: null, runs: [] });
    expect(!noName.ok && isPseudo(noName.message)).toBe(true);
    const longName = makeResults({ name: 'x'.repeat(200), settings: null, runs: [] });
    expect(!longName.ok && isPseudo(longName.message)).toBe(true);
  });

  it('the class dashboard: skipped files and the CSV columns (teacher strings)', () => {
    const d = buildDashboard(content, [
      { source: 'notes.txt', parsed: parseResults('hello') },
      { source: 'bad.json', parsed: parseResultsFile(JSON.stringify({ format: 'envoy-results', version: 1, name: 'Ana', classLabel: '', settings: null, runs: [{ scenarioId: 'x', code: 'E1AAAAAAAA' }] })) },
    ]);
    expect(d.problems).toHaveLength(2);
    for (const p of d.problems) expect(isPseudo(p.reason), p.reason).toBe(true);
    const header = dashboardCsv(d).split('\r\n')[0]!.split(',');
    expect(header).toHaveLength(9);
    for (const cell of header) expect(isPseudo(cell), cell).toBe(true);
    expect(isPseudo(tt('dash.answer.true'))).toBe(true);
  });

  it('the LMS: a refused call and a replay code too long for suspend_data', () => {
    const seen: string[] = [];
    const refusing: Scorm12Api = {
      LMSInitialize: () => 'false',
      LMSFinish: () => 'true',
      LMSGetValue: () => '',
      LMSSetValue: () => 'true',
      LMSCommit: () => 'true',
      LMSGetLastError: () => '101',
      LMSGetErrorString: () => 'General exception',
      LMSGetDiagnostic: () => '',
    };
    createLmsReporter(refusing, '1.2', { onError: (m) => seen.push(m) }).start();
    expect(seen.length).toBeGreaterThan(0);
    expect(isPseudo(seen[0])).toBe(true);
    expect(seen[0]).toContain('LMSInitialize');
    expect(seen[0]).toContain('General exception');

    const long: string[] = [];
    const willing: Scorm12Api = { ...refusing, LMSInitialize: () => 'true', LMSGetLastError: () => '0' };
    const reporter = createLmsReporter(willing, '1.2', { onError: (m) => long.push(m) });
    reporter.start();
    reporter.suspend('E'.repeat(5000));
    expect(long.some(isPseudo)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The locale files and the code agree

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.ts$/.test(e.name) ? [p] : [];
  });
}

const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'scenes'))].map((f) => ({ path: f, text: readFileSync(f, 'utf8') }));
const allText = files.map((f) => f.text).join('\n');

/**
 * Keys named as a literal first argument of t( or tt( in the files that import that function. */
function literalKeys(fn: 't' | 'tt'): Array<{ key: string; path: string }> {
  const imports = fn === 't' ? /import\s*\{[^}]*\bt\b[^}]*\}\s*from\s*'[./]*(src\/)?i18n'/ : /import\s*\{[^}]*\btt\b[^}]*\}\s*from\s*'[^']*(i18n\/teacher|\/tt)'/;
  const call = new RegExp(`(?<![\\w.])${fn}\\(\\s*['"]([^'"]+)['"]`, 'g');
  return files
    .filter((f) => imports.test(f.text))
    .flatMap((f) => [...f.text.matchAll(call)].map((m) => ({ key: m[1]!, path: f.path })));
}

/** Prefixes of keys built at run time, such as t(`ending.kind.${kind}`). */
const dynamicPrefixes = (fn: 't' | 'tt') => [...new Set([...allText.matchAll(new RegExp(`(?<![\\w.])${fn}\\(\\s*\`([^\`$]*)\\$\\{`, 'g'))].map((m) => m[1]!))];

/** Keys no code uses yet: none. A key added without a use fails the check below. */
const KNOWN_UNUSED = new Set<string>();

describe('locale files and code agree', () => {
  it('finds the calls it checks (the scan can fail)', () => {
    expect(literalKeys('t').length).toBeGreaterThan(100);
    expect(literalKeys('tt').length).toBeGreaterThan(50);
    expect(literalKeys('t').some((k) => k.path.includes(`${join('src', 'replay')}`))).toBe(true);
    expect(literalKeys('tt').some((k) => k.path.includes(`${join('src', 'classroom')}`))).toBe(true);
    expect(dynamicPrefixes('t')).toContain('ending.kind.');
  });

  it('every key the code names exists in its locale file', () => {
    const missing = [
      ...literalKeys('t').filter(({ key }) => !Object.hasOwn(en, key)),
      ...literalKeys('tt').filter(({ key }) => !Object.hasOwn(teacherEn, key)),
    ];
    expect(missing).toEqual([]);
    for (const prefix of dynamicPrefixes('t')) expect(Object.keys(en).some((k) => k.startsWith(prefix)), prefix).toBe(true);
    for (const prefix of dynamicPrefixes('tt')) expect(Object.keys(teacherEn).some((k) => k.startsWith(prefix)), prefix).toBe(true);
  });

  it('every key in the locale files is used somewhere (as a literal, or under a prefix built at run time)', () => {
    const used = (key: string, prefixes: string[]) =>
      prefixes.some((p) => key.startsWith(p)) || ['"', "'", '`'].some((q) => allText.includes(`${q}${key}${q}`));
    const unused = [
      ...Object.keys(en).filter((k) => !used(k, dynamicPrefixes('t'))),
      ...Object.keys(teacherEn).filter((k) => !used(k, dynamicPrefixes('tt'))),
    ].filter((k) => !KNOWN_UNUSED.has(k));
    expect(unused).toEqual([]);
  });

  it('placeholders are plain names, the same in the pseudo-locale', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(teacherEn)]) {
      // Only {name} placeholders: anything else in braces would be shown as it is.
      expect(text.replace(/\{[a-zA-Z]+\}/g, ''), key).not.toMatch(/[{}]/);
    }
  });
});
