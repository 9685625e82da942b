// The learning-gain check (issue 18 item 1): which items a run holds out, in which orders and with
// which options before and after, how they are scored, and that a seed and the event log (and so
// a replay code) reproduce them. Follows the content: no scenario ids or counts written here.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/schema';
import { CHECK_ITEMS, checkPlan, MIN_CHECK_ITEMS } from '../../src/engine/check';
import { exploreScenario } from '../../src/engine/explore';
import { replayRun } from '../../src/engine/run';
import type { RunResult, RunSettings } from '../../src/engine/scenarioMachine';
import { findQuestion } from '../../src/engine/stats';
import { decodeRunCode, encodeRunCode } from '../../src/replay/code';
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
