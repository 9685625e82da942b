// The LMS side: finding the SCORM API, writing interactions, times and scores in each version's
// format, the bridge between a session and a real SCORM runtime (scorm-again, in Node), resuming
// from suspend_data, and the packages' manifests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { afterAll, describe, expect, it } from 'vitest';
import type { Question, Scenario } from '../../src/content/schema';
import { representativeAnswers } from '../../src/engine/answers';
import { describeRun } from '../../src/engine/presenter';
import type { RunSettings } from '../../src/engine/scenarioMachine';
import { encodeRunCode } from '../../src/replay/code';
import { buildScormPackages, listFiles, manifest12, markLaunch, manifest2004, MANIFEST, PACKAGE_NAMES } from '../../src/cli/buildScorm';
import { connectLms, type LmsWindow } from '../../src/lms/bridge';
import { launchVersion, mayBeInLms } from '../../src/lms/launch';
import { findApi, MAX_PARENT_LEVELS, preferredVersion, type ApiWindow, type Scorm12Api, type Scorm2004Api, type ScormVersion } from '../../src/lms/findApi';
import {
  DEFAULT_PASSING_SCORE,
  duration2004,
  formatResponse,
  formatResult,
  scoreOf,
  shorten,
  time12,
  timespan12,
  timestamp2004,
  type Interaction,
} from '../../src/lms/format';
import { interactionFor } from '../../src/lms/interactions';
import { createLmsReporter, SUSPEND_DATA_LIMIT } from '../../src/lms/reporter';
import { memoryStore } from '../../src/persistence/storage';
import { createSession, type Session } from '../../src/session';
import { newRun, realContent, SLICE_ID } from './helpers';

const content = realContent();
const allQuestions = (): Array<{ scenario: Scenario; q: Question }> =>
  content.scenarioOrder.flatMap((id) => content.scenarios[id]!.meetings.flatMap((m) => m.questions.map((q) => ({ scenario: content.scenarios[id]!, q }))));

// A SCORM runtime that keeps everything local, as the e2e host page uses it.
const SETTINGS = { lmsCommitUrl: false, autocommit: false, logLevel: 5 } as const;
type Runtime12 = InstanceType<typeof Scorm12API>;
type Runtime2004 = InstanceType<typeof Scorm2004API>;
const runtime = (version: ScormVersion): Runtime12 | Runtime2004 =>
  version === '1.2' ? new Scorm12API({ ...SETTINGS } as never) : new Scorm2004API({ ...SETTINGS } as never);
/** Everything the runtime holds, as its commit would send it. */
const cmiOf = (api: Runtime12 | Runtime2004): any => (api.renderCommitCMI(true) as { cmi: unknown }).cmi;

/** A clock that moves on by `step` ms each time it is read. */
const clock = (start = Date.UTC(2025, 2, 4, 9, 30, 0), step = 1500) => {
  let t = start - step;
  return () => (t += step);
};

// ---------------------------------------------------------------------------------------------

describe('findApi', () => {
  const api12 = (): Scorm12Api => ({
    LMSInitialize: () => 'true',
    LMSFinish: () => 'true',
    LMSGetValue: () => '',
    LMSSetValue: () => 'true',
    LMSCommit: () => 'true',
    LMSGetLastError: () => '0',
    LMSGetErrorString: () => '',
    LMSGetDiagnostic: () => '',
  });
  const api2004 = (): Scorm2004Api => ({
    Initialize: () => 'true',
    Terminate: () => 'true',
    GetValue: () => '',
    SetValue: () => 'true',
    Commit: () => 'true',
    GetLastError: () => '0',
    GetErrorString: () => '',
    GetDiagnostic: () => '',
  });
  /** A chain of `depth` windows below `top`; returns the bottom one. */
  const chain = (top: ApiWindow, depth: number): ApiWindow => {
    let win = top;
    for (let i = 0; i < depth; i++) win = { parent: win };
    return win;
  };

  it('finds nothing outside an LMS, so the game just plays', () => {
    const top: ApiWindow = {};
    top.parent = top; // a top-level window is its own parent
    expect(findApi(top)).toBeNull();
    expect(findApi(null)).toBeNull();
    expect(findApi({ API: { not: 'an api' } })).toBeNull();
  });

  it('walks up the parents, up to ADL’s limit for each version (500 for 2004, 7 for 1.2)', () => {
    const lms: ApiWindow = { API_1484_11: api2004() };
    expect(findApi(chain(lms, 3))?.version).toBe('2004');
    expect(findApi(chain(lms, MAX_PARENT_LEVELS['2004']))?.version).toBe('2004');
    expect(findApi(chain(lms, MAX_PARENT_LEVELS['2004'] + 1))).toBeNull();
    expect(MAX_PARENT_LEVELS['2004']).toBe(500);
    expect(findApi(chain({ API: api12() }, 2))?.version).toBe('1.2');
    expect(findApi(chain({ API: api12() }, MAX_PARENT_LEVELS['1.2']))?.version).toBe('1.2');
    expect(findApi(chain({ API: api12() }, MAX_PARENT_LEVELS['1.2'] + 1))).toBeNull();
    expect(MAX_PARENT_LEVELS['1.2']).toBe(7);
  });

  it('looks in the opener (and its parents) for a SCO in a new window', () => {
    const opener = chain({ API: api12() }, 2);
    const popup: ApiWindow = { opener };
    popup.parent = popup;
    popup.top = popup;
    expect(findApi(popup)?.version).toBe('1.2');
  });

  it('prefers 2004 unless the launch asks for 1.2, and skips windows of other origins', () => {
    const both: ApiWindow = { API: api12(), API_1484_11: api2004() };
    expect(findApi(chain(both, 1))?.version).toBe('2004');
    expect(findApi(chain(both, 1), '1.2')?.version).toBe('1.2');
    expect(preferredVersion('?scorm=1.2')).toBe('1.2');
    expect(preferredVersion('?x=1&scorm=2004')).toBe('2004');
    expect(preferredVersion('')).toBeNull();
    const foreign = {} as ApiWindow;
    Object.defineProperty(foreign, 'API', { get: () => { throw new Error('SecurityError: cross-origin'); } });
    foreign.parent = { API_1484_11: api2004() };
    expect(findApi({ parent: foreign })?.version).toBe('2004');
  });
});

describe('findApi: ADL’s whole search order, on window graphs like a browser’s', () => {
  const api = (version: ScormVersion) =>
    Object.fromEntries(
      (version === '1.2'
        ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic']
        : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError', 'GetErrorString', 'GetDiagnostic']
      ).map((m) => [m, () => 'true']),
    );
  type Fake = ApiWindow & { name: string };
  /** A top-level window (its own parent and top), optionally opened by `opener`. */
  const topWindow = (name: string, opener: ApiWindow | null = null): Fake => {
    const w: Fake = { name, opener };
    w.parent = w;
    w.top = w;
    return w;
  };
  /** A frame inside `parent` (a frame's opener is null; its top is its parent's top). */
  const frameIn = (parent: ApiWindow, name: string): Fake => ({ name, parent, top: parent.top ?? parent, opener: null });
  /** A window of another origin: every property read throws, as a browser's cross-origin access does. */
  const foreign = (w: Fake): Fake =>
    new Proxy(w, {
      get: (target, key) => {
        if (key === 'parent' || key === 'top' || key === 'opener') return target[key as 'parent'];
        throw new Error('SecurityError: Blocked a frame from accessing a cross-origin frame.');
      },
    });
  const withApi = (w: Fake, version: ScormVersion) => {
    (w as unknown as Record<string, unknown>)[version === '1.2' ? 'API' : 'API_1484_11'] = api(version);
    return w;
  };
  const found = (w: ApiWindow, prefer: ScormVersion | null = null) => {
    const hit = findApi(w, prefer);
    return hit ? hit.api : null;
  };

  for (const version of ['1.2', '2004'] as const) {
    it(`SCORM ${version}: the SCO's own window, then its parents`, () => {
      const self = withApi(topWindow('sco'), version);
      expect(found(self)).toBe((self as any)[version === '1.2' ? 'API' : 'API_1484_11']);
      const lms = withApi(topWindow('lms'), version);
      const sco = frameIn(frameIn(lms, 'player'), 'sco');
      expect(findApi(sco)?.version).toBe(version);
    });

    it(`SCORM ${version}: a pop-up SCO finds the API on its opener, or a parent of the opener`, () => {
      const lms = withApi(topWindow('lms'), version);
      const launcher = frameIn(frameIn(lms, 'course-frame'), 'launcher');
      expect(findApi(topWindow('sco-popup', launcher))?.version).toBe(version);
      expect(findApi(topWindow('sco-popup', lms))?.version).toBe(version);
    });

    it(`SCORM ${version}: a SCO framed in the LMS's pop-up finds the API on the pop-up's opener (window.top.opener) and its parents`, () => {
      // The LMS window holds the API in a frame; that frame opened a pop-up which frames the course.
      const lms = topWindow('lms');
      const apiFrame = withApi(frameIn(lms, 'api-frame'), version);
      const popup = topWindow('lms-popup', apiFrame);
      const sco = frameIn(frameIn(popup, 'player'), 'sco');
      expect(findApi(sco)?.version).toBe(version);
      // The API on the opener's parent instead: found by walking up from window.top.opener.
      const lms2 = withApi(topWindow('lms2'), version);
      const popup2 = topWindow('lms-popup', frameIn(lms2, 'menu'));
      expect(findApi(frameIn(popup2, 'sco'))?.version).toBe(version);
    });

    it(`SCORM ${version}: windows of other origins are skipped, in every branch`, () => {
      // A foreign frame between the SCO and the LMS, a foreign opener, a foreign pop-up top.
      const lms = withApi(topWindow('lms'), version);
      expect(findApi(frameIn(foreign(frameIn(lms, 'portal')), 'sco'))?.version).toBe(version);
      const popup = foreign(topWindow('other-site-popup', withApi(topWindow('lms'), version)));
      expect(findApi(frameIn(popup, 'sco'))?.version).toBe(version);
      // Nothing but foreign windows: nothing found, nothing thrown.
      const lonely = frameIn(foreign(topWindow('other', foreign(topWindow('other-opener')))), 'sco');
      expect(() => findApi(lonely)).not.toThrow();
      expect(findApi(lonely)).toBeNull();
      // A window whose parent, top and opener themselves throw.
      const hostile = new Proxy({} as ApiWindow, { get: () => { throw new Error('SecurityError'); } });
      expect(findApi(hostile)).toBeNull();
    });
  }

  it('searches in ADL’s order: the parents first, then the opener, then the top window’s opener', () => {
    const parentLms = withApi(topWindow('parent-lms'), '2004');
    const openerLms = withApi(topWindow('opener-lms'), '2004');
    const topOpenerLms = withApi(topWindow('top-opener-lms'), '2004');
    const popup = topWindow('popup', topOpenerLms);
    // A frame with an opener of its own does not happen in browsers, but it pins the order down.
    const sco: Fake = { name: 'sco', parent: frameIn(parentLms, 'player'), top: popup, opener: openerLms };
    expect(found(sco)).toBe(parentLms.API_1484_11);
    sco.parent = frameIn(popup, 'player');
    expect(found(sco)).toBe(openerLms.API_1484_11);
    sco.opener = null;
    expect(found(sco)).toBe(topOpenerLms.API_1484_11);
  });

  it('ends on windows that open each other in a loop', () => {
    const a = topWindow('a');
    const b = topWindow('b', a);
    a.opener = b;
    expect(findApi(frameIn(b, 'sco'))).toBeNull();
  });

  it('reads the launch: the SCORM query, the package marker, framed or opened', () => {
    const meta = (content: string | null) => ({ querySelector: (sel: string) => (content !== null && sel.includes('envoy-scorm') ? { getAttribute: () => content } : null) });
    expect(launchVersion({ location: { search: '?scorm=1.2' } })).toBe('1.2');
    expect(launchVersion({ location: { search: '' }, document: meta('2004') })).toBe('2004');
    expect(launchVersion({ location: { search: '?scorm=12' }, document: meta('2004') })).toBe('1.2');
    expect(launchVersion({ location: { search: '' }, document: meta(null) })).toBeNull();
    expect(launchVersion({ document: { querySelector: () => { throw new Error('x'); } } })).toBeNull();
    expect(launchVersion(null)).toBeNull();
    const alone = topWindow('alone') as Fake & { location: { search: string } };
    alone.location = { search: '' };
    expect(mayBeInLms(alone)).toBe(false);
    expect(mayBeInLms({ ...alone, location: { search: '?scorm=2004' } })).toBe(true);
    expect(mayBeInLms(frameIn(alone, 'framed'))).toBe(true);
    expect(mayBeInLms(topWindow('opened', alone))).toBe(true);
    expect(mayBeInLms(new Proxy({}, { get: (_, k) => { if (k === 'parent') throw new Error('SecurityError'); return undefined; } }))).toBe(true);
    expect(mayBeInLms(null)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe('formats', () => {
  it('writes session times as PT#H#M#S (2004) and HHHH:MM:SS.SS (1.2)', () => {
    expect(duration2004(0)).toBe('PT0H0M0S');
    expect(duration2004(3_723_500)).toBe('PT1H2M3.5S');
    expect(duration2004(61_234)).toBe('PT0H1M1.23S');
    expect(timespan12(0)).toBe('0000:00:00.00');
    expect(timespan12(3_723_500)).toBe('0001:02:03.50');
    expect(timespan12(61_234)).toBe('0000:01:01.23');
    expect(timespan12(-5)).toBe('0000:00:00.00');
    expect(timespan12(1e12)).toBe('9999:59:59.99');
    const at = Date.UTC(2025, 2, 4, 9, 30, 7, 456);
    expect(timestamp2004(at)).toBe('2025-03-04T09:30:07.45Z');
    expect(time12(at)).toMatch(/^\d\d:30:07$/);
    expect(shorten('a  b\n c')).toBe('a b c');
    expect(shorten('x'.repeat(300))).toHaveLength(250);
  });

  const synthetic = (type: Interaction['type']): Interaction => ({
    id: 'q',
    type,
    description: '',
    weighting: 1,
    sources: ['s-one', 's-two', 's-three'],
    targets: ['serbia', 'kosovo'],
    learnerResponse: null,
    correctResponses: [],
    fraction: 0,
    answeredAt: 0,
    latencyMs: null,
  });

  it('formats each response type by the rules of each version', () => {
    const cases: Array<[Interaction['type'], Parameters<typeof formatResponse>[2], string, string]> = [
      ['true-false', { type: 'true-false', value: true }, 'true', 't'],
      ['true-false', { type: 'true-false', value: false }, 'false', 'f'],
      ['choice', { type: 'choice', chosen: [1] }, 's-two', 'b'],
      ['matching', { type: 'matching', pairs: [[0, 1], [2, 0]] }, 's-one[.]kosovo[,]s-three[.]serbia', '1.b,3.a'],
      ['sequencing', { type: 'sequencing', order: [2, 0, 1] }, 's-three[,]s-one[,]s-two', 'c,a,b'],
    ];
    for (const [type, response, in2004, in12] of cases) {
      expect(formatResponse('2004', synthetic(type), response)).toBe(in2004);
      expect(formatResponse('1.2', synthetic(type), response)).toBe(in12);
    }
    expect(formatResult('2004', 1)).toBe('correct');
    expect(formatResult('2004', 0)).toBe('incorrect');
    expect(formatResult('1.2', 0)).toBe('wrong');
    expect(formatResult('1.2', 2 / 3)).toBe('0.6667');
    expect(formatResult('2004', 0.5)).toBe('0.5');
  });

  it('maps the score: the share of questions fully right, as raw 0..100 and scaled 0..1', () => {
    expect(scoreOf([1, 1, 0.5, 0])).toEqual({ raw: 50, min: 0, max: 100, scaled: 0.5, right: 2, answered: 4 });
    expect(scoreOf([1, 1, 1])).toMatchObject({ raw: 100, scaled: 1 });
    expect(scoreOf([1, 0, 0])).toMatchObject({ raw: 33, scaled: 0.33 });
    expect(scoreOf([])).toMatchObject({ raw: 0, scaled: 0, answered: 0 });
    expect(DEFAULT_PASSING_SCORE).toBe(0.5);
  });

  it('gives every question an interaction type and responses SCORM accepts, in both versions', () => {
    const ids = allQuestions().map(({ q }) => q.id);
    expect(new Set(ids).size).toBe(ids.length); // interaction ids are question ids: unique across the content
    const strict12: Record<Interaction['type'], RegExp> = {
      'true-false': /^[01tf]$/,
      choice: /^[0-9a-z](,[0-9a-z])*$/,
      matching: /^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$/,
      sequencing: /^[0-9a-z](,[0-9a-z])*$/,
    };
    const expectedType = { choice: 'choice', 'who-said': 'choice', 'true-false': 'true-false', sort: 'matching', order: 'sequencing' } as const;
    for (const version of ['1.2', '2004'] as const) {
      const api = runtime(version);
      const reporter = createLmsReporter(api, version, { now: clock() });
      reporter.start();
      let n = 0;
      for (const { q } of allQuestions()) {
        for (const answer of representativeAnswers(q)) {
          const fraction = JSON.stringify(answer) === JSON.stringify(representativeAnswers(q)[0]) ? 1 : 0;
          const interaction = interactionFor(q, { questionId: q.id, meetingId: 'm', fraction, hintUsed: false, timedOut: false, answer }, 0, 4200);
          expect(interaction.type).toBe(expectedType[q.type]);
          expect(interaction.learnerResponse).not.toBeNull();
          if (version === '1.2') {
            for (const r of [interaction.learnerResponse!, ...interaction.correctResponses]) expect(formatResponse('1.2', interaction, r)).toMatch(strict12[interaction.type]);
          }
          // The right answer's response equals one of the correct patterns.
          if (fraction === 1) {
            const patterns = interaction.correctResponses.map((r) => formatResponse(version, interaction, r));
            expect(patterns).toContain(formatResponse(version, interaction, interaction.learnerResponse!));
          }
          reporter.answer(interaction);
          n++;
        }
      }
      expect(reporter.errors).toEqual([]);
      expect(Object.keys(cmiOf(api).interactions)).toHaveLength(n);
    }
  });

  it('reports a timed-out question with no response and a wrong result', () => {
    const { q } = allQuestions().find(({ q }) => q.type === 'sort')!;
    const i = interactionFor(q, { questionId: q.id, meetingId: 'm', fraction: 0, hintUsed: false, timedOut: true, answer: null }, 0);
    expect(i.learnerResponse).toBeNull();
    const api = runtime('2004') as Runtime2004;
    const reporter = createLmsReporter(api, '2004', { now: clock() });
    reporter.start();
    reporter.answer(i);
    expect(reporter.errors).toEqual([]);
    expect(cmiOf(api).interactions['0']).toMatchObject({ id: q.id, type: 'matching', learner_response: '', result: 'incorrect' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('reporter', () => {
  const answers = (...fractions: number[]) => fractions.map((fraction, i) => ({ questionId: `q${i}`, meetingId: 'm', fraction, hintUsed: false, timedOut: false, answer: null }));

  it('SCORM 2004: incomplete at start, then completed, passed or failed, score and session time', () => {
    const api = runtime('2004') as Runtime2004;
    const reporter = createLmsReporter(api, '2004', { now: clock(0, 65_250) });
    expect(reporter.start()).toBeNull();
    expect(api.GetValue('cmi.completion_status')).toBe('incomplete');
    reporter.suspend('E1abcdXYZ', `${SLICE_ID}/m1`);
    expect(cmiOf(api)).toMatchObject({ suspend_data: 'E1abcdXYZ', location: `${SLICE_ID}/m1`, exit: 'suspend', session_time: 'PT0H1M5.25S' });
    expect(reporter.finish({ answers: answers(1, 1, 0.5, 1) })).toEqual({ score: scoreOf([1, 1, 0.5, 1]), passed: true, keptBetter: false });
    const cmi = cmiOf(api);
    expect(cmi).toMatchObject({ completion_status: 'completed', success_status: 'passed', exit: 'normal', suspend_data: '', session_time: 'PT0H2M10.5S' });
    expect(cmi.score).toEqual({ scaled: '0.75', raw: '75', min: '0', max: '100' });
    expect(reporter.active).toBe(false);
    expect(reporter.errors).toEqual([]);
  });

  it('SCORM 1.2: lesson_status passed or failed by the LMS mastery score when it has one', () => {
    const api = runtime('1.2') as Runtime12;
    api.loadFromJSON({ student_data: { mastery_score: '80' } } as never, 'cmi');
    const reporter = createLmsReporter(api, '1.2', { now: clock(0, 3_723_500) });
    reporter.start();
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('incomplete');
    reporter.finish({ answers: answers(1, 1, 1, 0) });
    const cmi = cmiOf(api);
    expect(cmi.core).toMatchObject({ lesson_status: 'failed', session_time: '01:02:03.5', exit: '' });
    expect(cmi.core.score).toEqual({ raw: '75', min: '0', max: '100' });
    expect(reporter.errors).toEqual([]);
  });

  it('SCORM 1.2 without a pass mark reports completed', () => {
    const api = runtime('1.2') as Runtime12;
    const reporter = createLmsReporter(api, '1.2', { now: clock(), passingScore: null });
    reporter.start();
    reporter.finish({ answers: answers(0) });
    expect(cmiOf(api).core.lesson_status).toBe('completed');
  });

  /**
   * One session of a SCORM runtime that relaunches the same attempt with what the last session
   * left (entry resume), finishing with `fractions` as the run's answers.
   */
  const sessionOf = (version: ScormVersion, saved: any, fractions: number[]) => {
    const api = runtime(version);
    if (saved) api.loadFromJSON({ ...saved, ...(version === '1.2' ? { core: { ...saved.core, entry: 'resume', exit: '' } } : { entry: 'resume', exit: '' }) }, 'cmi');
    const reporter = createLmsReporter(api, version, { now: clock() });
    reporter.start();
    const report = reporter.finish({ answers: answers(...fractions) });
    expect(reporter.errors).toEqual([]);
    return { cmi: cmiOf(api), report };
  };
  const recorded = (version: ScormVersion, cmi: any) =>
    version === '1.2'
      ? { status: cmi.core.lesson_status, raw: cmi.core.score.raw }
      : { status: `${cmi.completion_status}/${cmi.success_status}`, raw: cmi.score.raw, scaled: cmi.score.scaled };

  for (const version of ['1.2', '2004'] as const) {
    it(`SCORM ${version}: within an attempt a pass is never downgraded and the best score is kept`, () => {
      const passed = version === '1.2' ? 'passed' : 'completed/passed';
      const failed = version === '1.2' ? 'failed' : 'completed/failed';
      // A pass (100), then the same attempt relaunched and played badly (20): the pass and the 100 stay.
      const first = sessionOf(version, null, [1, 1, 1, 1, 1]);
      expect(recorded(version, first.cmi)).toMatchObject({ status: passed, raw: '100' });
      const second = sessionOf(version, first.cmi, [1, 0, 0, 0, 0]);
      expect(second.report).toMatchObject({ score: { raw: 20 }, passed: false });
      expect(recorded(version, second.cmi)).toEqual(recorded(version, first.cmi));
      // A fail keeps its best score, and a later pass replaces both.
      const low = sessionOf(version, null, [1, 1, 0, 0, 0]);
      const lower = sessionOf(version, low.cmi, [1, 0, 0, 0, 0]);
      expect(recorded(version, lower.cmi)).toMatchObject({ status: failed, raw: '40' });
      const better = sessionOf(version, lower.cmi, [1, 1, 1, 1, 0]);
      expect(recorded(version, better.cmi)).toMatchObject({ status: passed, raw: '80' });
      if (version === '2004') expect(better.cmi.score.scaled).toBe('0.8');
    });
  }

  it('SCORM 1.2: a completion without a pass mark is not replaced by a fail either', () => {
    const api = runtime('1.2') as Runtime12;
    api.loadFromJSON({ core: { lesson_status: 'completed', score: { raw: '30', min: '0', max: '100' }, entry: 'resume' } } as never, 'cmi');
    const reporter = createLmsReporter(api, '1.2', { now: clock() });
    reporter.start();
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('completed');
    reporter.finish({ answers: answers(0, 0, 1, 0) });
    expect(cmiOf(api).core).toMatchObject({ lesson_status: 'completed', score: { raw: '30' } });
  });

  it('returns the saved replay code and never throws when the LMS misbehaves', () => {
    const api = runtime('2004') as Runtime2004;
    api.loadFromJSON({ suspend_data: 'E1savedcode', entry: 'resume' } as never, 'cmi');
    expect(createLmsReporter(api, '2004').start()).toBe('E1savedcode');

    const seen: string[] = [];
    const throwing = new Proxy({} as Scorm2004Api, {
      get: (_, name) => (name === 'Initialize' ? () => 'true' : () => { throw new Error(`boom in ${String(name)}`); }),
    });
    const reporter = createLmsReporter(throwing, '2004', { onError: (m) => seen.push(m) });
    expect(reporter.start()).toBeNull();
    expect(() => {
      reporter.answer(interactionFor(allQuestions()[0]!.q, answers(1)[0]!, 0));
      reporter.suspend('E1x');
      reporter.finish({ answers: answers(1) });
    }).not.toThrow();
    expect(seen.length).toBeGreaterThan(0);
    expect(reporter.errors).toEqual(seen);

    const refusing = createLmsReporter({ ...new Proxy({}, {}), LMSInitialize: () => 'false', LMSGetLastError: () => '101' } as unknown as Scorm12Api, '1.2');
    expect(refusing.start()).toBeNull();
    expect(refusing.active).toBe(false);
    expect(refusing.finish({ answers: [] })).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe('suspend_data', () => {
  const widthFor = (n: number) => Math.ceil(Math.log2(Math.max(1, n)));
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  /** The most bits one decision can take in a code (a hint bit, a timeout bit and the answer). */
  const maxDecisionBits = (s: Scenario) =>
    Math.max(
      ...s.meetings.map((m) => widthFor(m.moves.length)),
      ...s.meetings.flatMap((m) =>
        m.questions.map((q) => {
          const answer =
            q.type === 'choice' || q.type === 'who-said' ? widthFor(q.options.length) : q.type === 'true-false' ? 1 : q.type === 'sort' ? q.statements.length * widthFor(q.categories.length) : widthFor(factorial(q.events.length));
          return 2 + answer;
        }),
      ),
    );

  it('holds the replay code of the longest possible run well inside SCORM 1.2’s 4,096 characters', () => {
    let longestBound = 0;
    let longestSeen = 0;
    const timed: RunSettings = { timerSeconds: 3600, hintsEnabled: true };
    for (const id of content.scenarioOrder) {
      const s = content.scenarios[id]!;
      // Upper bound from the code's layout: header, every allowed decision at its widest, tail.
      const headerBits = 6 + 6 * id.length + 6 + 6 * content.versions[id]!.length + 6 + 33 + 1 + 6 + 12 + 1 + 6 + 8 + 4;
      const bits = headerBits + (s.maxDecisions + 8) * maxDecisionBits(s);
      longestBound = Math.max(longestBound, 6 + Math.ceil(bits / 6));
      // And real runs: the wrong answers with a hint on every question, in a timed run with the largest seed.
      for (const pick of [0, 1]) {
        const run = newRun(content, id, 2 ** 32 - 1, timed);
        for (let i = 0; i < 500 && run.getSnapshot().status === 'active'; i++) {
          const view = describeRun(content, s, run.getSnapshot());
          if (view.phase === 'briefing') run.send({ type: 'run.begin' });
          else if (view.phase === 'opening') run.send({ type: 'meeting.continue' });
          else if (view.phase === 'question') {
            run.send({ type: 'answer.hint' });
            run.send({ type: 'answer.submit', answer: representativeAnswers(view.question!)[(i + pick) % 2]! });
          } else if (view.phase === 'feedback') run.send({ type: 'feedback.continue' });
          else if (view.phase === 'moves') {
            const open = view.moves.filter((m) => !m.locked);
            run.send({ type: 'move.choose', moveId: open[(i + pick) % open.length]!.id });
          } else if (view.phase === 'outcome') run.send({ type: 'outcome.continue' });
        }
        longestSeen = Math.max(longestSeen, encodeRunCode(content, run.record).length);
        run.stop();
      }
    }
    expect(longestSeen).toBeGreaterThan(10);
    expect(longestSeen).toBeLessThanOrEqual(longestBound);
    expect(longestBound).toBeLessThan(SUSPEND_DATA_LIMIT['1.2']);
    console.log(`suspend_data: longest replay code seen ${longestSeen} characters; bound for the longest possible run ${longestBound}`);
  });
});

// ---------------------------------------------------------------------------------------------

describe('bridge: a session reporting to a SCORM runtime', () => {
  const seeds = () => {
    let n = 7000;
    return () => n++;
  };
  const lmsWindow = (version: ScormVersion, api: unknown, listeners: Record<string, (event?: { persisted?: boolean }) => void> = {}): LmsWindow => {
    const win: LmsWindow & Record<string, unknown> = {
      location: { search: `?scorm=${version}` },
      addEventListener: (type, cb) => void (listeners[type] = cb),
      removeEventListener: (type) => void delete listeners[type],
    };
    win[version === '1.2' ? 'API' : 'API_1484_11'] = api;
    win.parent = win;
    return win;
  };
  /** Sends the next event a player would: answers right on even, wrong on odd questions; the first open move. */
  const step = (session: Session) => {
    const view = session.runView()!;
    if (view.phase === 'opening') session.send({ type: 'meeting.continue' });
    else if (view.phase === 'question') {
      const n = session.run!.getSnapshot().context.answers.length;
      session.send({ type: 'answer.submit', answer: representativeAnswers(view.question!)[n % 2]! });
    } else if (view.phase === 'feedback') session.send({ type: 'feedback.continue' });
    else if (view.phase === 'moves') session.send({ type: 'move.choose', moveId: view.moves.find((m) => !m.locked)!.id });
    else if (view.phase === 'predicting') session.send(session.actions().find((a) => a.id === 'submit-prediction')!.event);
    else if (view.phase === 'outcome') session.send({ type: 'outcome.continue' });
  };
  const begin = (session: Session, scenarioId: string) => {
    session.boot();
    session.send({ type: 'menu.play' });
    session.send({ type: 'scenario.choose', scenarioId });
    session.send({ type: 'briefing.start' });
  };

  it('does nothing outside an LMS', () => {
    const session = createSession({ content, store: memoryStore(), newSeed: seeds() });
    session.boot();
    expect(connectLms(session, { window: { parent: null } })).toBeNull();
    expect(connectLms(session, { window: undefined })).toBeNull();
  });

  it('tells the student when the launch says LMS but no API answers, and only then', () => {
    const session = createSession({ content, store: memoryStore(), newSeed: seeds() });
    session.boot();
    const told: string[] = [];
    const onNoApi = () => told.push('not recorded');
    const lonely = (search: string, marker: string | null = null): LmsWindow => {
      const w: LmsWindow = { location: { search }, document: { querySelector: () => (marker ? { getAttribute: () => marker } : null) } };
      w.parent = w;
      w.top = w;
      return w;
    };
    // A SCORM launch query, or the package's marker, with no LMS API anywhere.
    expect(connectLms(session, { window: lonely('?scorm=1.2'), onNoApi })).toBeNull();
    expect(told).toHaveLength(1);
    expect(connectLms(session, { window: lonely('', '2004'), onNoApi })).toBeNull();
    expect(told).toHaveLength(2);
    // Framed by a page that is no LMS (a school site embedding the game): nothing to tell.
    const site = lonely('');
    const framed: LmsWindow = { location: { search: '' }, parent: site, top: site };
    expect(connectLms(session, { window: framed, onNoApi })).toBeNull();
    // An API found: nothing to tell either; a throwing listener does not break the game.
    const api = runtime('1.2');
    const c = connectLms(session, { window: { ...lmsWindow('1.2', api), document: { querySelector: () => null } }, onNoApi: () => { throw new Error('x'); } });
    expect(c?.version).toBe('1.2');
    expect(told).toHaveLength(2);
    expect(() => connectLms(session, { window: lonely('?scorm=2004'), onNoApi: () => { throw new Error('x'); } })).not.toThrow();
  });

  for (const version of ['1.2', '2004'] as const) {
    it(`SCORM ${version}: reports answers, suspends each step, resumes after a reload, and finishes`, () => {
      const scenarioId = SLICE_ID;
      const errors: string[] = [];
      const now = clock();

      // First session: play until three questions are answered, then the page goes away.
      const api1 = runtime(version);
      const listeners: Record<string, (event?: { persisted?: boolean }) => void> = {};
      const first = createSession({ content, store: memoryStore(), newSeed: seeds() });
      const c1 = connectLms(first, { window: lmsWindow(version, api1, listeners), now, onError: (m) => errors.push(m) })!;
      expect(c1.version).toBe(version);
      expect(c1.resumed).toBe(false);
      begin(first, scenarioId);
      for (let i = 0; i < 100 && first.run!.getSnapshot().context.answers.length < 3; i++) step(first);
      step(first); // on to the next screen, so the code holds more than the last answer
      const code = encodeRunCode(content, first.run!.record);
      const before = cmiOf(api1);
      expect(before.suspend_data).toBe(code);
      expect(Object.keys(before.interactions)).toHaveLength(3);
      listeners.pagehide!();
      expect(c1.reporter.active).toBe(false);
      const saved = cmiOf(api1);
      expect(version === '1.2' ? saved.core.exit : saved.exit).toBe('suspend');
      const answersBefore = first.run!.getSnapshot().context.answers.map((a) => a.questionId);
      first.dispose();

      // The LMS relaunches the SCO with what it kept; the browser's own save is gone.
      const api2 = runtime(version);
      api2.loadFromJSON({ ...saved, ...(version === '1.2' ? { core: { ...saved.core, entry: 'resume' } } : { entry: 'resume' }) }, 'cmi');
      const second = createSession({ content, store: memoryStore(), newSeed: seeds() });
      second.boot();
      const c2 = connectLms(second, { window: lmsWindow(version, api2), now, onError: (m) => errors.push(m) })!;
      expect(c2.resumed).toBe(true);
      expect(second.app.getSnapshot().matches('negotiation')).toBe(true);
      expect(second.run!.getSnapshot().context.answers.map((a) => a.questionId)).toEqual(answersBefore);
      expect(encodeRunCode(content, second.run!.record)).toBe(code);

      for (let i = 0; i < 300 && second.app.getSnapshot().matches('negotiation'); i++) step(second);
      expect(second.app.getSnapshot().matches('debrief')).toBe(true);
      const result = second.app.getSnapshot().context.result!;
      const cmi = cmiOf(api2);
      const interactions = Object.values(cmi.interactions) as Array<Record<string, any>>;
      // One interaction per answer across both sessions, none twice.
      expect(interactions.map((i) => i.id)).toEqual(result.answers.map((a) => a.questionId));
      const score = scoreOf(result.answers.map((a) => a.fraction));
      const passed = score.scaled >= DEFAULT_PASSING_SCORE;
      if (version === '1.2') {
        expect(cmi.core.lesson_status).toBe(passed ? 'passed' : 'failed');
        expect(cmi.core.score).toEqual({ raw: String(score.raw), min: '0', max: '100' });
        expect(cmi.core.session_time).toMatch(/^\d+:\d\d:\d\d(\.\d{1,2})?$/);
        expect(interactions.map((i) => i.result)).toEqual(result.answers.map((a) => (a.fraction === 1 ? 'correct' : a.fraction === 0 ? 'wrong' : String(Math.round(a.fraction * 1e4) / 1e4))));
      } else {
        expect(cmi).toMatchObject({ completion_status: 'completed', success_status: passed ? 'passed' : 'failed', suspend_data: '' });
        expect(cmi.score).toEqual({ scaled: String(score.scaled), raw: String(score.raw), min: '0', max: '100' });
        expect(cmi.session_time).toMatch(/^PT\d+H\d+M[\d.]+S$/);
        for (const i of interactions) expect(i.latency).toMatch(/^PT/);
      }
      expect(errors).toEqual([]);
      expect(c2.reporter.errors).toEqual([]);
      second.dispose();
    });
  }

  for (const version of ['1.2', '2004'] as const) {
    it(`SCORM ${version}: a page put in the back/forward cache commits but keeps the session, so play after it comes back still reaches the LMS`, () => {
      const api = runtime(version);
      const calls: string[] = [];
      const recorded = new Proxy(api, {
        get: (target, key) => {
          const value = (target as any)[key];
          return typeof value === 'function' ? (...args: unknown[]) => (calls.push(String(key)), value.apply(target, args)) : value;
        },
      });
      const listeners: Record<string, (event?: { persisted?: boolean }) => void> = {};
      const session = createSession({ content, store: memoryStore(), newSeed: seeds() });
      const c = connectLms(session, { window: lmsWindow(version, recorded, listeners), now: clock() })!;
      begin(session, SLICE_ID);
      for (let i = 0; i < 100 && session.run!.getSnapshot().context.answers.length < 1; i++) step(session);
      const finishName = version === '1.2' ? 'LMSFinish' : 'Terminate';
      const commitName = version === '1.2' ? 'LMSCommit' : 'Commit';
      const commits = calls.filter((n) => n === commitName).length;
      // Into the cache: a commit, the attempt marked suspended, no finish.
      listeners.pagehide!({ persisted: true });
      expect(calls).not.toContain(finishName);
      expect(calls.filter((n) => n === commitName).length).toBe(commits + 1);
      expect(version === '1.2' ? cmiOf(api).core.exit : cmiOf(api).exit).toBe('suspend');
      expect(c.reporter.active).toBe(true);
      // Back from the cache: the student plays on and every answer still reaches the LMS.
      listeners.pageshow?.({ persisted: true });
      for (let i = 0; i < 100 && session.run!.getSnapshot().context.answers.length < 3; i++) step(session);
      expect(Object.keys(cmiOf(api).interactions)).toHaveLength(3);
      expect(cmiOf(api).suspend_data).toBe(encodeRunCode(content, session.run!.record));
      expect(c.reporter.errors).toEqual([]);
      // A real unload finishes the session.
      listeners.pagehide!({ persisted: false });
      expect(calls.filter((n) => n === finishName)).toHaveLength(1);
      expect(c.reporter.active).toBe(false);
      session.dispose();
    });
  }

  it('leaves the tutorial out of the LMS', () => {
    const api = runtime('2004') as Runtime2004;
    const session = createSession({ content, store: memoryStore(), newSeed: seeds() });
    connectLms(session, { window: lmsWindow('2004', api) });
    begin(session, content.tutorialId!);
    for (let i = 0; i < 100 && session.app.getSnapshot().matches('negotiation'); i++) step(session);
    expect(session.app.getSnapshot().matches('debrief')).toBe(true);
    expect(api.GetValue('cmi.interactions._count')).toBe('0');
    expect(api.GetValue('cmi.completion_status')).toBe('incomplete');
  });
});

// ---------------------------------------------------------------------------------------------

/** A small XML reader for the manifests: elements, attributes and text; throws on a tag that does not close. */
interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}
function parseXml(source: string): XmlNode {
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tokens = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = tokens.exec(source))) {
    if (m.index !== consumed) throw new Error(`unreadable XML at ${consumed}`);
    consumed = tokens.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of m[3]!.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
      const node: XmlNode = { name: m[2], attrs, children: [], text: '' };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    } else if (m[5]) top.text += decode(m[5]);
  }
  if (consumed !== source.length || stack.length !== 1) throw new Error('the XML does not close');
  if (root.children.length !== 1) throw new Error('the XML has no single root');
  return root.children[0]!;
}
const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const kids = (n: XmlNode, name: string) => n.children.filter((c) => c.name === name);

describe('SCORM packages', () => {
  const work = mkdtempSync(join(tmpdir(), 'envoy-scorm-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const dist = join(work, 'dist');
  mkdirSync(join(dist, 'assets', 'sub dir'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Envoy</title><script type="module" src="./assets/index-abc.js"></script>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'sub dir', 'a&b.css'), 'body{}');

  /** Checks what SCORM requires of a manifest and returns its parsed root. */
  const checkManifest = (xmlText: string, version: '1.2' | '2004', files: string[]): XmlNode => {
    const manifest = parseXml(xmlText);
    expect(manifest.name).toBe('manifest');
    expect(manifest.attrs.identifier).toMatch(/^[A-Za-z_][\w.-]*$/);
    const metadata = child(manifest, 'metadata')!;
    expect(child(metadata, 'schema')!.text).toBe('ADL SCORM');
    expect(child(metadata, 'schemaversion')!.text).toBe(version === '1.2' ? '1.2' : '2004 4th Edition');
    expect(manifest.attrs.xmlns).toBe(version === '1.2' ? 'http://www.imsproject.org/xsd/imscp_rootv1p1p2' : 'http://www.imsglobal.org/xsd/imscp_v1p1');
    expect(manifest.attrs['xmlns:adlcp']).toBe(version === '1.2' ? 'http://www.adlnet.org/xsd/adlcp_rootv1p2' : 'http://www.adlnet.org/xsd/adlcp_v1p3');
    const organizations = child(manifest, 'organizations')!;
    const organization = kids(organizations, 'organization').find((o) => o.attrs.identifier === organizations.attrs.default)!;
    expect(organization).toBeDefined();
    expect(child(organization, 'title')!.text.length).toBeGreaterThan(0);
    const items = kids(organization, 'item');
    expect(items).toHaveLength(1);
    const resources = kids(child(manifest, 'resources')!, 'resource');
    const resource = resources.find((r) => r.attrs.identifier === items[0]!.attrs.identifierref)!;
    expect(resource).toBeDefined();
    expect(resource.attrs.type).toBe('webcontent');
    expect(resource.attrs[version === '1.2' ? 'adlcp:scormtype' : 'adlcp:scormType']).toBe('sco');
    expect(resource.attrs.href).toBe('index.html');
    const listed = kids(resource, 'file').map((f) => decodeURIComponent(f.attrs.href!));
    expect(listed).toEqual(files);
    expect(listed).toContain(resource.attrs.href);
    // Identifiers are unique (they are xsd:ID).
    const ids = [manifest, organization, items[0]!, resource].map((n) => n.attrs.identifier);
    expect(new Set(ids).size).toBe(ids.length);
    return manifest;
  };

  it('builds both zips with a valid manifest at the root and every file of the site, the same bytes each time', () => {
    const out = join(work, 'out');
    const built = buildScormPackages({ dist, out, version: '9.9.9' });
    expect(built.map((b) => b.version)).toEqual(['1.2', '2004']);
    const files = listFiles(dist);
    expect(files).toEqual(['assets/index-abc.js', 'assets/sub dir/a&b.css', 'index.html']);
    for (const b of built) {
      expect(b.path).toBe(join(out, PACKAGE_NAMES[b.version]));
      const zip = unzipSync(new Uint8Array(readFileSync(b.path)));
      const site = Object.keys(zip).filter((f) => !/^[^/]+\.(xsd|dtd)$/.test(f));
      expect(site.sort()).toEqual([...files, MANIFEST].sort());
      const manifest = checkManifest(new TextDecoder().decode(zip[MANIFEST]), b.version, files);
      expect(manifest.attrs.version).toBe('9.9.9');
      // Every file as built, but the launch page, which carries the package's marker first.
      for (const f of files.filter((f) => f !== 'index.html')) expect(Buffer.from(zip[f]!).equals(readFileSync(join(dist, f)))).toBe(true);
      const launchPage = new TextDecoder().decode(zip['index.html']);
      expect(launchPage).toBe(markLaunch(readFileSync(join(dist, 'index.html'), 'utf8'), b.version));
      expect(launchPage).toContain(`<meta name="envoy-scorm" content="${b.version}">`);
      expect(launchVersion({ document: { querySelector: (sel) => (sel === 'meta[name="envoy-scorm"]' && launchPage.includes('envoy-scorm') ? { getAttribute: () => b.version } : null) } })).toBe(b.version);
      const item = child(child(child(manifest, 'organizations')!, 'organization')!, 'item')!;
      if (b.version === '1.2') {
        expect(item.attrs.parameters).toBe('?scorm=1.2');
        expect(child(item, 'adlcp:masteryscore')!.text).toBe('50');
      } else {
        expect(item.attrs.parameters).toBe('?scorm=2004');
        const objective = child(child(child(item, 'imsss:sequencing')!, 'imsss:objectives')!, 'imsss:primaryObjective')!;
        expect(objective.attrs.satisfiedByMeasure).toBe('true');
        expect(child(objective, 'imsss:minNormalizedMeasure')!.text).toBe(String(DEFAULT_PASSING_SCORE));
      }
    }
    const again = buildScormPackages({ dist, out: join(work, 'again'), version: '9.9.9' });
    for (let i = 0; i < 2; i++) expect(readFileSync(again[i]!.path).equals(readFileSync(built[i]!.path))).toBe(true);
  });

  it('escapes file names in the manifest and refuses a folder with no site', () => {
    const meta = { identifier: 'x', version: '1', title: 'A & B <test>', passingScore: 0.5 };
    for (const text of [manifest12(['a&b "c".js', 'index.html'], meta), manifest2004(['a&b "c".js', 'index.html'], meta)]) {
      const root = parseXml(text);
      expect(child(child(child(root, 'organizations')!, 'organization')!, 'title')!.text).toBe('A & B <test>');
      expect(text).toContain('href="a%26b%20%22c%22.js"');
    }
    expect(() => buildScormPackages({ dist: join(work, 'nothing'), out: join(work, 'x') })).toThrow(/No build/);
    expect(markLaunch('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head></html>', '1.2')).toBe(
      '<!doctype html><html lang="en"><head><meta name="envoy-scorm" content="1.2"><meta charset="utf-8"><title>x</title></head></html>',
    );
    expect(markLaunch('<!doctype html><title>x</title>', '2004')).toBe('<!doctype html><meta name="envoy-scorm" content="2004"><title>x</title>');
  });

  /**
   * Unzips a package, checks that every schema its manifest names (xsi:schemaLocation) and every
   * file those import, include or name as DTD lies in the zip, and validates the manifest with
   * xmllint against all of them at once (offline: --nonet). Returns xmllint's exit code and text.
   */
  const validate = (zip: Record<string, Uint8Array>, manifestText: string, folder: string) => {
    mkdirSync(folder, { recursive: true });
    for (const [name, bytes] of Object.entries(zip)) {
      if (/^[^/]+\.(xsd|dtd)$/.test(name)) writeFileSync(join(folder, name), bytes);
    }
    writeFileSync(join(folder, MANIFEST), manifestText);
    const locations = /xsi:schemaLocation="([^"]*)"/.exec(manifestText)![1]!.trim().split(/\s+/);
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < locations.length; i += 2) pairs.push([locations[i]!, locations[i + 1]!]);
    // The closure of references from the named schemas: imports, includes and DOCTYPE system ids.
    const seen = new Set<string>();
    const queue = pairs.map(([, file]) => file);
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      expect(zip[file], `${file} referenced but not in the zip`).toBeDefined();
      const text = new TextDecoder().decode(zip[file]);
      for (const m of text.matchAll(/<(?:xsd?|xs):(?:import|include)\b[^>]*schemaLocation\s*=\s*"([^"]+)"/g)) queue.push(m[1]!);
      for (const m of text.matchAll(/<!(?:DOCTYPE|ENTITY)\b[^>]*["']([^"'\s]+\.dtd)["']\s*>/g)) queue.push(m[1]!);
    }
    const wrapper = [
      '<?xml version="1.0"?>',
      '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:envoy:manifest-check">',
      ...pairs.map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`),
      '</xs:schema>',
    ].join('\n');
    writeFileSync(join(folder, 'all-manifest-schemas.xsd'), wrapper);
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', 'all-manifest-schemas.xsd', MANIFEST], { cwd: folder, encoding: 'utf8' });
    expect(run.error, 'xmllint (Debian libxml2-utils) must be installed').toBeUndefined();
    return { status: run.status, output: `${run.stdout}${run.stderr}`, referenced: [...seen].sort() };
  };

  it('ships ADL’s schema files at the zip root, and each manifest validates against them with xmllint', () => {
    const built = buildScormPackages({ dist, out: join(work, 'schemas'), version: '9.9.9' });
    for (const b of built) {
      const zip = unzipSync(new Uint8Array(readFileSync(b.path)));
      const manifestText = new TextDecoder().decode(zip[MANIFEST]);
      const folder = join(work, `validate-${b.version}`);
      const valid = validate(zip, manifestText, folder);
      console.log(`SCORM ${b.version}: xmllint ${valid.status === 0 ? 'valid' : 'INVALID'} against ${valid.referenced.length} schema files (${valid.referenced.join(', ')})`);
      expect(valid.output).toContain(`${MANIFEST} validates`);
      expect(valid.status).toBe(0);
      expect(valid.referenced).toContain(b.version === '1.2' ? 'imscp_rootv1p1p2.xsd' : 'imsss_v1p0.xsd');
      // Nothing shipped that no reference needs.
      expect(Object.keys(zip).filter((f) => /^[^/]+\.(xsd|dtd)$/.test(f)).sort()).toEqual(valid.referenced);
      // The check has teeth: a value outside the ADL vocabulary makes the manifest invalid.
      const broken = manifestText.replace(/(adlcp:scorm[tT]ype=)"sco"/, '$1"lesson"');
      expect(broken).not.toBe(manifestText);
      const invalid = validate(zip, broken, join(work, `invalid-${b.version}`));
      expect(invalid.status).not.toBe(0);
      expect(invalid.output).toMatch(/scorm[tT]ype/);
      expect(existsSync(join(folder, MANIFEST))).toBe(true);
    }
  });
});
