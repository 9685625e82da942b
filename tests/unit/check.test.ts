// The learning-gain check (issue 18 item 1): which items a run holds out, in which orders and with
// which options before and after, how they are scored, and that a seed and the event log (and so
// a replay code) reproduce them. Follows the content: no scenario ids or counts written here.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/schema';
import { CHECK_ITEMS, checkPlan, MIN_CHECK_ITEMS } from '../../src/engine/check';
import { DESIGN_RULES, designExemption, SUCCESSFUL_KINDS } from '../../src/engine/design';
import { choicesAt, exploreScenario } from '../../src/engine/explore';
import { mulberry32 } from '../../src/engine/rng';
import { replayRun } from '../../src/engine/run';
import type { RunResult, RunSettings } from '../../src/engine/scenarioMachine';
import { findQuestion } from '../../src/engine/stats';
import { decodeRunCode, encodeRunCode } from '../../src/replay/code';
import { classLink, encodeClassParam, readClassLink, runSettingsFor, type ClassSettings } from '../../src/classroom/classLink';
import { buildDashboard, dashboardCsv } from '../../src/classroom/dashboard';
import { makeResults, parseResultsFile, resultsFileText } from '../../src/classroom/results';
import { Scorm2004API } from 'scorm-again';
import { connectLms, type LmsWindow } from '../../src/lms/bridge';
import { memoryStore } from '../../src/persistence/storage';
import { createSession } from '../../src/session';
import { informed, newRun, playThrough, realContent } from './helpers';

const content = realContent();
const scenarios = Object.values(content.scenarios).filter((s) => !s.tutorial);
const CHECK: RunSettings = { timerSeconds: null, hintsEnabled: true, check: true };
const SEEDS = [1, 2, 3, 17, 2024, 4294967295];

describe('which items a run holds out for the check', () => {
  it.each(scenarios.map((s) => s.id))('%s: %s', (id) => {
    const s = content.scenarios[id]!;
    for (const seed of SEEDS) {
      const plan = checkPlan(s, seed);
      expect(plan.items.length).toBeGreaterThanOrEqual(MIN_CHECK_ITEMS);
      expect(plan.items.length).toBeLessThanOrEqual(CHECK_ITEMS);
      expect(new Set(plan.items).size).toBe(plan.items.length);
      for (const qid of plan.items) expect(findQuestion(s, qid)?.kind).toBe('understanding');
      // Each meeting keeps a question, and every party its questions measured is still measured.
      for (const m of s.meetings) {
        const kept = m.questions.filter((q) => !plan.items.includes(q.id));
        expect(kept.length).toBeGreaterThan(0);
        expect(new Set(kept.flatMap((q) => q.measures))).toEqual(new Set(m.questions.flatMap((q) => q.measures)));
      }
      // Deterministic: the same seed gives the same plan (not the cached object by chance).
      expect(JSON.parse(JSON.stringify(checkPlan(structuredClone(s), seed)))).toEqual(JSON.parse(JSON.stringify(plan)));
    }
    // Seeds differ in what they hold out, somewhere among a handful.
    expect(new Set(SEEDS.map((seed) => checkPlan(s, seed).items.join()))).not.toEqual(new Set([checkPlan(s, 1).items.join()]));
  });
});

describe('before and after', () => {
  it.each(scenarios.map((s) => s.id))('%s: same items, another order, other distractors where there are spare ones', (id) => {
    const s = content.scenarios[id]!;
    for (const seed of SEEDS) {
      const plan = checkPlan(s, seed);
      const before = plan.before.map((i) => i.questionId);
      const after = plan.after.map((i) => i.questionId);
      expect([...before].sort()).toEqual([...plan.items].sort());
      expect([...after].sort()).toEqual([...plan.items].sort());
      expect(after).not.toEqual(before);
      for (const item of plan.before) {
        const q = findQuestion(s, item.questionId)!;
        const other = plan.after.find((i) => i.questionId === item.questionId)!;
        if (q.type !== 'choice' && q.type !== 'who-said') continue;
        const right = q.options.find((o) => o.correct)!.id;
        expect(item.shown).toContain(right);
        expect(other.shown).toContain(right);
        if (q.options.length >= 4) {
          expect(item.shown.length).toBe(q.options.length - 1);
          expect(new Set(other.shown)).not.toEqual(new Set(item.shown));
        } else expect(new Set(other.shown)).toEqual(new Set(q.options.map((o) => o.id)));
      }
    }
  });
});

/** Plays a run with the check on: every check item right before (or wrong), and the other way after. */
function playWithCheck(id: string, seed: number, beforeRight: boolean, afterRight: boolean) {
  const s = content.scenarios[id]!;
  const asked: string[] = [];
  const run = newRun(content, id, seed, CHECK);
  const first = run.getSnapshot();
  run.send({ type: 'run.begin' });
  expect(run.getSnapshot().hasTag('check-before')).toBe(true);
  expect(first.hasTag('briefing')).toBe(true);
  playThrough(content, s, run, {
    ...informed,
    answer: (qid) => (asked.push(qid), 0),
    check: (_, stage) => ((stage === 'before' ? beforeRight : afterRight) ? 0 : 1),
  });
  return { s, run, asked, result: run.getSnapshot().output as RunResult };
}

describe('a run with the check', () => {
  it.each(scenarios.map((s) => s.id))('%s: asked before and after, never in play, scored per party and item', (id) => {
    const { s, run, asked, result } = playWithCheck(id, 7, false, true);
    const plan = checkPlan(s, 7);
    expect(asked.filter((q) => plan.items.includes(q))).toEqual([]);
    expect(result.check).not.toBeNull();
    const parties = new Set(plan.items.flatMap((qid) => findQuestion(s, qid)!.measures));
    expect(new Set(Object.keys(result.check!.before))).toEqual(parties);
    for (const p of parties) {
      expect(result.check!.before[p]).toBe(0);
      expect(result.check!.after[p]).toBe(100);
    }
    for (const qid of plan.items) expect(result.check!.items[qid]).toEqual({ before: 0, after: 1 });
    // The check does not count towards understanding: informed play gives 100 wherever measured.
    for (const v of Object.values(result.understanding)) expect(v).toBe(100);
    run.stop();
  });

  it('an answer among the options the item does not show is refused', () => {
    // The first seed (of a scenario) whose first item leaves an option out.
    const hides = (sc: (typeof scenarios)[number], seed: number) => {
      const item = checkPlan(sc, seed).before[0]!;
      const q = findQuestion(sc, item.questionId)!;
      return (q.type === 'choice' || q.type === 'who-said') && item.shown.length < q.options.length;
    };
    const found = scenarios.flatMap((sc) => Array.from({ length: 50 }, (_, seed) => ({ sc, seed }))).find(({ sc, seed }) => hides(sc, seed));
    expect(found).toBeDefined();
    const { sc, seed } = found!;
    const item = checkPlan(sc, seed).before[0]!;
    const q = findQuestion(sc, item.questionId)! as Extract<Question, { type: 'choice' }>;
    const run = newRun(content, sc.id, seed, CHECK);
    run.send({ type: 'run.begin' });
    const before = run.getSnapshot();
    run.send({ type: 'check.submit', answer: { optionId: q.options.find((o) => !item.shown.includes(o.id))!.id } });
    expect(run.getSnapshot()).toBe(before);
    run.send({ type: 'check.submit', answer: { optionId: item.shown[0]! } });
    expect(run.getSnapshot().context.checkBefore).toHaveLength(1);
    run.stop();
  });

  it('without the check setting a run asks every question and has no check', () => {
    const s = scenarios[0]!;
    const asked: string[] = [];
    const run = newRun(content, s.id, 7);
    playThrough(content, s, run, { ...informed, answer: (qid) => (asked.push(qid), 0) });
    expect((run.getSnapshot().output as RunResult).check).toBeNull();
    expect(run.getSnapshot().context.check).toBeUndefined();
    run.stop();
  });
});

describe('replay', () => {
  it.each(scenarios.map((s) => s.id))('%s: the code carries the check answers; decoding and replaying gives the same before and after', (id) => {
    const { s, run, result } = playWithCheck(id, 11, false, true);
    const code = encodeRunCode(content, run.record);
    const decoded = decodeRunCode(content, code);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.record.settings.check).toBe(true);
    expect(decoded.record.events).toEqual(run.record.events);
    const again = replayRun(s, decoded.record);
    expect((again.getSnapshot().output as RunResult).check).toEqual(result.check);
    again.stop();
    run.stop();
  });
});

describe('codes made before the check (format 2)', () => {
  it.each(scenarios.map((s) => s.id))('%s: still decode into the same run, without the check', (id) => {
    const s = content.scenarios[id]!;
    const run = playThrough(content, s, newRun(content, id, 4), informed);
    const old = encodeRunCode(content, run.record, '2');
    expect(old.startsWith('E2')).toBe(true);
    const decoded = decodeRunCode(content, old);
    expect(decoded.ok && decoded.record).toEqual(run.record);
    expect(encodeRunCode(content, run.record).startsWith('E3')).toBe(true);
    run.stop();
    // A run with the check cannot be written in a format that has no room for it.
    const checked = playWithCheck(id, 4, true, true);
    expect(() => encodeRunCode(content, checked.run.record, '2')).toThrow(/check/);
    checked.run.stop();
  });
});

describe('paths with the check on', () => {
  // The held-out questions leave every party measured where it was, so informed and uninformed
  // play reach exactly the endings they reach without the check.
  it.each(scenarios.map((s) => s.id))('%s: every ending still reachable, no dead end', (id) => {
    const s = content.scenarios[id]!;
    const off = exploreScenario(s);
    for (const seed of [3, 2024]) {
      const on = exploreScenario(s, { timerSeconds: null, hintsEnabled: false, check: true }, seed);
      expect(on.unreachableEndings).toEqual([]);
      expect(on.stuck).toEqual([]);
      // Path counts may differ (the held-out questions weigh in mixed runs), never what is reachable.
      const reached = (e: Record<string, number>) => Object.keys(e).filter((k) => e[k]! > 0).sort();
      expect(reached(on.endingPaths)).toEqual(reached(off.endingPaths));
      expect(new Set(on.unaskedQuestions)).toEqual(new Set(checkPlan(s, seed).items));
      // The check's answers are not decisions of play, and the held-out questions are not asked.
      expect(on.longestDecisions).toBeLessThan(off.longestDecisions);
    }
  });
});

describe('class links turn the check on', () => {
  it('a link with the check reads back with it, and the runs of its scenarios have it; links without it read as before', () => {
    const settings: ClassSettings = { scenarios: scenarios.slice(0, 2).map((s) => s.id), timer: 'off', hints: true, seed: 42, label: '9B', check: true };
    const link = classLink('https://example.org/envoy/', settings);
    const read = readClassLink(content, link)!;
    expect(read.problems).toEqual([]);
    expect(read.settings.check).toBe(true);
    expect(runSettingsFor(read.settings, scenarios[0]!).settings.check).toBe(true);
    // With pairs as well: both letters.
    expect(readClassLink(content, classLink('https://example.org/', { ...settings, pairs: true }))!.settings).toMatchObject({ check: true, pairs: true });
    // Without: no check in the settings or the run settings, and the link is the format it was.
    const without: ClassSettings = { ...settings };
    delete without.check;
    const old = readClassLink(content, classLink('https://example.org/', without))!;
    expect(old.settings.check).toBeUndefined();
    expect(runSettingsFor(old.settings, scenarios[0]!).settings).not.toHaveProperty('check');
    expect(encodeClassParam(without).startsWith('2.')).toBe(true);
  });
});

describe('the dashboard counts the check by replay', () => {
  /** A student's results file: one run of `id` with the check, right or wrong before and after. */
  function studentFile(name: string, id: string, seed: number, beforeRight: boolean, afterRight: boolean) {
    const { run } = playWithCheck(id, seed, beforeRight, afterRight);
    const made = makeResults({ name, settings: null, runs: [{ scenarioId: id, code: encodeRunCode(content, run.record) }] });
    run.stop();
    if (!made.ok) throw new Error(made.message);
    return made.file;
  }

  it('per party and per item: before, after and gain over the students; an edited file changes nothing', () => {
    const id = scenarios[0]!.id;
    const s = content.scenarios[id]!;
    const ana = studentFile('Ana', id, 5, false, true);
    const ben = studentFile('Ben', id, 5, true, true);
    const d = buildDashboard(content, [ana, ben].map((f, i) => ({ source: `file ${i}`, parsed: parseResultsFile(resultsFileText(f)) })));
    const gain = d.scenarios[0]!.gain!;
    expect(gain.students).toBe(2);
    const parties = new Set(checkPlan(s, 5).items.flatMap((qid) => findQuestion(s, qid)!.measures));
    expect(new Set(gain.parties.map((p) => p.party))).toEqual(parties);
    for (const p of gain.parties) expect(p).toMatchObject({ before: 50, after: 100, gain: 50, students: 2 });
    expect(gain.items.map((i) => i.questionId).sort()).toEqual([...checkPlan(s, 5).items].sort());
    for (const item of gain.items) expect(item).toMatchObject({ before: 50, after: 100, gain: 50, students: 2 });
    expect(d.partyGains.map((g) => g.party).sort()).toEqual([...parties].sort());
    // In the questions of play, the held-out ones were asked of nobody, and say where they went.
    for (const q of d.scenarios[0]!.questions) {
      const held = checkPlan(s, 5).items.includes(q.questionId);
      expect([q.questionId, q.inCheck]).toEqual([q.questionId, held ? 2 : 0]);
      if (held) expect(q.answered).toBe(0);
    }
    // The CSV has each student's before and after per party.
    const csv = dashboardCsv(d);
    const party = [...parties][0]!;
    expect(csv.split('\r\n')[0]).toContain(`Check before: ${content.parties[party]!.name}`);

    // Ana edits her file: a "check" and scores in every place a file could carry them.
    const edited = JSON.parse(resultsFileText(ana));
    edited.check = { before: { [party]: 100 }, after: { [party]: 100 } };
    edited.runs[0].check = edited.check;
    edited.runs[0].score = 100;
    edited.settings = { scenarios: [id], timer: 'off', hints: true, seed: 5, label: '', check: false };
    const again = buildDashboard(content, [JSON.stringify(edited), resultsFileText(ben)].map((text, i) => ({ source: `file ${i}`, parsed: parseResultsFile(text) })));
    expect(again.scenarios[0]!.gain).toEqual(gain);
    expect(dashboardCsv(again)).toBe(csv);
  });
});

describe('the session with a class that has the check on', () => {
  it('offers the check, handles every button it shows, reaches the debrief with before and after, and watches the run back', () => {
    const s = scenarios[0]!;
    const classSettings: ClassSettings = { scenarios: [s.id], timer: 'off', hints: true, seed: 9, label: '', check: true };
    const problems: string[] = [];
    const session = createSession({ content, store: memoryStore(), newSeed: () => 1, classSettings, onUnhandled: (p) => problems.push(p) });
    session.boot();
    session.send({ type: 'scenario.choose', scenarioId: s.id });
    session.send({ type: 'briefing.start' });
    const stages: string[] = [];
    for (let i = 0; i < 500 && session.runView()?.phase !== 'ending'; i++) {
      const view = session.runView()!;
      const actions = session.actions();
      if (view.phase === 'check') {
        stages.push(view.check!.stage);
        // Only the options the item shows, each handled.
        const options = actions.filter((a) => a.id.startsWith('check:')).map((a) => a.id.slice('check:'.length));
        const type = view.check!.question.type;
        if (type === 'choice' || type === 'who-said' || type === 'true-false') expect(options.sort()).toEqual([...view.check!.shown].sort());
        else expect(actions.map((a) => a.id)).toContain('check-submit');
        for (const a of actions) expect(session.can(a.event), a.id).toBe(true);
      }
      session.send(actions.find((a) => a.id !== 'leave')!.event);
    }
    const plan = checkPlan(s, 9);
    expect(stages).toEqual([...plan.before.map(() => 'before'), ...plan.after.map(() => 'after')]);
    expect(session.app.getSnapshot().context.result?.check).not.toBeNull();
    expect(session.lastCode).toMatch(/^E3/);
    // Watching the run back steps through the check like any other decision.
    session.send({ type: 'watch.code', code: session.lastCode! });
    const watched = new Set<string>();
    for (let i = 0; i < 500 && session.watchProgress!.step < session.watchProgress!.total; i++) {
      watched.add(session.runView()!.phase);
      session.send({ type: 'watch.step' });
    }
    expect(watched).toContain('check');
    expect(problems).toEqual([]);
    session.dispose();
  });
});

describe('design rules with the check on', () => {
  // Informed players (every answer right) play exactly as without the check: the held-out questions
  // leave every party measured where it was, so their understanding is 100 wherever it is measured,
  // and the path test above shows the same endings reachable. Only the random player answers some
  // questions wrong, and fewer questions could change its luck: it is played here through the real
  // statechart, with the check on, and must still rarely succeed.
  const RUNS = 300;
  const successShare = (s: (typeof scenarios)[number], check: boolean) => {
    const random = mulberry32(99);
    let successes = 0;
    for (let i = 0; i < RUNS; i++) {
      const run = newRun(content, s.id, 1000 + i, { timerSeconds: null, hintsEnabled: false, ...(check ? { check: true } : {}) });
      for (let step = 0; step < 2000 && run.getSnapshot().status === 'active'; step++) {
        const choices = choicesAt(s, run.getSnapshot());
        run.send(choices[Math.floor(random() * choices.length)]!);
      }
      const ending = s.endings.find((e) => e.id === run.getSnapshot().context.endingId)!;
      if (SUCCESSFUL_KINDS.includes(ending.kind)) successes++;
      run.stop();
    }
    return successes / RUNS;
  };
  it.each(scenarios.filter((s) => !designExemption(s)).map((s) => s.id))('%s: random play still rarely succeeds', (id) => {
    const s = content.scenarios[id]!;
    const on = successShare(s, true);
    console.log(`${id}: random play succeeds in ${Math.round(100 * on)} % of ${RUNS} runs with the check, ${Math.round(100 * successShare(s, false))} % without`);
    expect(on).toBeLessThan(DESIGN_RULES.maxRandomSuccess);
  });
});

describe('the check inside an LMS (SCORM 2004, a package built with the class link)', () => {
  it('suspends and resumes in the middle of the check, and reports only the questions of play as interactions', () => {
    const s = scenarios[0]!;
    const classSettings: ClassSettings = { scenarios: [s.id], timer: 'off', hints: true, seed: 9, label: '', check: true };
    const lmsWindow = (api: unknown, listeners: Record<string, () => void> = {}): LmsWindow => {
      const win: LmsWindow & Record<string, unknown> = {
        location: { search: '?scorm=2004' },
        addEventListener: (type, cb) => void (listeners[type] = cb as () => void),
        removeEventListener: (type) => void delete listeners[type],
        API_1484_11: api,
      };
      win.parent = win;
      return win;
    };
    const cmiOf = (api: InstanceType<typeof Scorm2004API>): any => (api.renderCommitCMI(true) as { cmi: unknown }).cmi;
    const first = createSession({ content, store: memoryStore(), newSeed: () => 1, classSettings });
    first.boot();
    const api1 = new Scorm2004API({ lmsCommitUrl: false, autocommit: false, logLevel: 5 } as never);
    const listeners: Record<string, () => void> = {};
    connectLms(first, { window: lmsWindow(api1, listeners) });
    first.send({ type: 'scenario.choose', scenarioId: s.id });
    first.send({ type: 'briefing.start' });
    // Two items of the check before, then the page goes away.
    for (let i = 0; i < 2; i++) first.send(first.actions().find((a) => a.id.startsWith('check'))!.event);
    listeners.pagehide!();
    const saved = cmiOf(api1);
    expect(saved.suspend_data).toMatch(/^E3/);
    first.dispose();

    const api2 = new Scorm2004API({ lmsCommitUrl: false, autocommit: false, logLevel: 5 } as never);
    api2.loadFromJSON({ ...saved, entry: 'resume' }, 'cmi');
    const second = createSession({ content, store: memoryStore(), newSeed: () => 1, classSettings });
    second.boot();
    connectLms(second, { window: lmsWindow(api2) });
    expect(second.runView()?.phase).toBe('check');
    expect(second.runView()?.check).toMatchObject({ stage: 'before', number: 3 });
    for (let i = 0; i < 500 && second.app.getSnapshot().matches('negotiation'); i++) second.send(second.actions().find((a) => a.id !== 'leave')!.event);
    const result = second.app.getSnapshot().context.result!;
    expect(result.check).not.toBeNull();
    const interactions = Object.values(cmiOf(api2).interactions) as Array<{ id: string }>;
    expect(interactions.map((i) => i.id)).toEqual(result.answers.map((a) => a.questionId));
    expect(interactions.map((i) => i.id).filter((id) => checkPlan(s, 9).items.includes(id))).toEqual([]);
    second.dispose();
  });
});
