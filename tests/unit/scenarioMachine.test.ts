// The negotiation rules, on the real slice scenario and on every scenario: understanding from
// answers, hints, gates that lock moves with reasons, move effects, endings and the timer.
import { SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Requirement } from '../../src/content/schema';
import { correctAnswer, representativeAnswers } from '../../src/engine/answers';
import { describeRun } from '../../src/engine/presenter';
import { moveEffects, representativePredictions } from '../../src/engine/reactions';
import { startRun } from '../../src/engine/run';
import { clamp, findQuestion, scoredParties } from '../../src/engine/stats';
import { contentWithV1Fixture, newRun, playThrough, realContent, SLICE_ID, type Strategy, v1FixtureScenario } from './helpers';

const content = realContent();
const SLICE = SLICE_ID;
const slice = content.scenarios[SLICE]!;

/** The frozen schema version 1 scenario (typed move effects, no reactions) loaded beside the real content. */
function scenarioFromV1Fixture() {
  const loaded = contentWithV1Fixture();
  return { content: loaded, scenario: loaded.scenarios[v1FixtureScenario().id]! };
}

function toFirstQuestion(seed = 1, settings = { timerSeconds: null as number | null, hintsEnabled: true }, clock?: SimulatedClock) {
  const run = newRun(content, SLICE, seed, settings, clock);
  run.send({ type: 'run.begin' });
  run.send({ type: 'meeting.continue' });
  return run;
}

describe('the scenario machine', () => {
  it('starts in the briefing, then opens the first meeting with its opening statement', () => {
    const run = newRun(content, SLICE);
    expect(describeRun(content, slice, run.getSnapshot()).phase).toBe('briefing');
    run.send({ type: 'run.begin' });
    const view = describeRun(content, slice, run.getSnapshot());
    expect(view.phase).toBe('opening');
    expect(view.meeting?.id).toBe(slice.start);
  });

  it('computes understanding per party from answers weighted by difficulty', () => {
    const run = toFirstQuestion();
    const asked: Array<{ id: string; right: boolean }> = [];
    // Right, wrong, right... through the first meeting.
    for (let i = 0; run.getSnapshot().hasTag('question'); i++) {
      const q = findQuestion(slice, run.getSnapshot().context.questionId!)!;
      const right = i % 2 === 0;
      run.send({ type: 'answer.submit', answer: representativeAnswers(q)[right ? 0 : 1]! });
      asked.push({ id: q.id, right });
      run.send({ type: 'feedback.continue' });
    }
    const expected: Record<string, { earned: number; possible: number }> = {};
    for (const a of asked) {
      const q = findQuestion(slice, a.id)!;
      const fraction = a.right ? 1 : run.getSnapshot().context.answers.find((r) => r.questionId === a.id)!.fraction;
      for (const p of q.measures) {
        const e = (expected[p] ??= { earned: 0, possible: 0 });
        e.earned += q.difficulty * fraction;
        e.possible += q.difficulty;
      }
    }
    const view = describeRun(content, slice, run.getSnapshot());
    for (const [party, e] of Object.entries(expected)) {
      expect(view.parties.find((p) => p.id === party)!.understanding, party).toBe(Math.round((100 * e.earned) / e.possible));
    }
    expect(view.phase).toBe('moves');
  });

  it('halves the credit for an answer given after a hint, and allows one hint per question', () => {
    const run = toFirstQuestion();
    const q = findQuestion(slice, run.getSnapshot().context.questionId!)!;
    expect(q.hint).toBeTruthy();
    run.send({ type: 'answer.hint' });
    expect(run.getSnapshot().context.hintUsed).toBe(true);
    const eventsBefore = run.record.events.length;
    run.send({ type: 'answer.hint' });
    expect(run.record.events.length).toBe(eventsBefore); // a second hint changes nothing
    run.send({ type: 'answer.submit', answer: correctAnswer(q) });
    const view = describeRun(content, slice, run.getSnapshot());
    for (const p of q.measures) expect(view.parties.find((x) => x.id === p)!.understanding).toBe(50);
  });

  it('offers no hint when the teacher turned hints off', () => {
    const run = toFirstQuestion(1, { timerSeconds: null, hintsEnabled: false });
    run.send({ type: 'answer.hint' });
    expect(run.getSnapshot().context.hintUsed).toBe(false);
    expect(describeRun(content, slice, run.getSnapshot()).hintAvailable).toBe(false);
  });

  it('ignores an answer that does not fit the question', () => {
    const run = toFirstQuestion();
    const before = run.getSnapshot();
    run.send({ type: 'answer.submit', answer: { optionId: 'not-an-option' } });
    expect(run.getSnapshot()).toBe(before);
  });

  it('shows a gated move as locked with its reason, and refuses it, until understanding is high enough', () => {
    // The gated move comes from the content: a move of the first meeting gated on understanding only.
    const meeting = slice.meetings.find((m) => m.id === slice.start)!;
    const gatedMove = meeting.moves.find((mv) => mv.requires.length > 0 && mv.requires.every((r) => r.kind === 'understanding'))!;
    expect(gatedMove, 'a move of the first meeting gated on understanding').toBeDefined();
    const gate = gatedMove.requires[0]! as Extract<Requirement, { kind: 'understanding' }>;
    const wrongFirst: Strategy = { answer: () => 1, move: (ids) => ids[0]! };
    const run = toFirstQuestion();
    while (run.getSnapshot().hasTag('question') || run.getSnapshot().hasTag('feedback')) {
      if (run.getSnapshot().hasTag('feedback')) run.send({ type: 'feedback.continue' });
      else run.send({ type: 'answer.submit', answer: representativeAnswers(findQuestion(slice, run.getSnapshot().context.questionId!)!)[wrongFirst.answer('', 0)]! });
    }
    const view = describeRun(content, slice, run.getSnapshot());
    const gated = view.moves.find((m) => m.id === gatedMove.id)!;
    expect(gated.locked).toBe(true);
    const partyName = content.parties[gate.party]?.name ?? gate.party;
    expect(gated.reasons.join(' ')).toContain(`understanding of ${partyName} at ${gate.min} or more (now 0)`);
    const before = run.getSnapshot();
    run.send({ type: 'move.choose', moveId: gatedMove.id });
    expect(run.getSnapshot()).toBe(before);

    const informedRun = toFirstQuestion();
    while (informedRun.getSnapshot().hasTag('question') || informedRun.getSnapshot().hasTag('feedback')) {
      if (informedRun.getSnapshot().hasTag('feedback')) informedRun.send({ type: 'feedback.continue' });
      else informedRun.send({ type: 'answer.submit', answer: correctAnswer(findQuestion(slice, informedRun.getSnapshot().context.questionId!)!) });
    }
    expect(describeRun(content, slice, informedRun.getSnapshot()).moves.find((m) => m.id === gatedMove.id)!.locked).toBe(false);
    const flagsBefore = informedRun.getSnapshot().context.flags;
    informedRun.send({ type: 'move.choose', moveId: gatedMove.id });
    // A move with reactions asks for a prediction first; its effects apply when that step is left.
    if (informedRun.getSnapshot().hasTag('predicting')) {
      informedRun.send({ type: 'prediction.submit', predictions: representativePredictions(gatedMove, meeting, flagsBefore, scoredParties(slice))[0]! });
    }
    const ctx = informedRun.getSnapshot().context;
    const effects = moveEffects(gatedMove, meeting, flagsBefore);
    for (const flag of effects.setFlags) expect(ctx.flags).toContain(flag);
    for (const [party, delta] of Object.entries(effects.trust)) {
      expect(ctx.trust[party], party).toBe(clamp((slice.initial.trust[party] ?? 0) + delta));
    }
    expect(ctx.agreement).toBe(clamp(slice.initial.agreement + effects.agreement));
  });

  it('applies the typed effects of a schema version 1 move', () => {
    const v1 = scenarioFromV1Fixture();
    const run = startRun(v1.scenario, { scenarioId: v1.scenario.id, contentVersion: 'v1-fixture', seed: 1, settings: { timerSeconds: null, hintsEnabled: false } });
    run.send({ type: 'run.begin' });
    run.send({ type: 'meeting.continue' });
    while (run.getSnapshot().hasTag('question') || run.getSnapshot().hasTag('feedback')) {
      if (run.getSnapshot().hasTag('feedback')) run.send({ type: 'feedback.continue' });
      else run.send({ type: 'answer.submit', answer: correctAnswer(findQuestion(v1.scenario, run.getSnapshot().context.questionId!)!) });
    }
    const meeting = v1.scenario.meetings.find((m) => m.id === v1.scenario.start)!;
    const open = describeRun(v1.content, v1.scenario, run.getSnapshot()).moves.filter((m) => !m.locked);
    const move = meeting.moves.find((mv) => mv.id === open[0]!.id)!;
    expect(Object.keys(move.effects.trust).length, 'a move with typed trust effects').toBeGreaterThan(0);
    run.send({ type: 'move.choose', moveId: move.id });
    expect(run.getSnapshot().hasTag('predicting')).toBe(false);
    const ctx = run.getSnapshot().context;
    for (const flag of move.effects.setFlags) expect(ctx.flags).toContain(flag);
    for (const [party, delta] of Object.entries(move.effects.trust)) {
      expect(ctx.trust[party], party).toBe(clamp((v1.scenario.initial.trust[party] ?? 0) + delta));
    }
    expect(ctx.agreement).toBe(clamp(v1.scenario.initial.agreement + move.effects.agreement));
  });

  it('reaches different endings by different choices, in every scenario', () => {
    for (const id of content.scenarioOrder) {
      const s = content.scenarios[id]!;
      const best = playThrough(content, s, newRun(content, id), { answer: () => 0, move: (ids) => ids[0]! });
      const worst = playThrough(content, s, newRun(content, id), { answer: () => 1, move: (ids) => ids[ids.length - 1]! });
      const a = best.getSnapshot().output!.endingId;
      const b = worst.getSnapshot().output!.endingId;
      expect(a, id).not.toBe(b);
      expect(s.endings.map((e) => e.id)).toContain(a);
    }
  });

  it('runs the question timer on a simulated clock: time out records a timed-out answer worth nothing', () => {
    const clock = new SimulatedClock();
    const run = toFirstQuestion(1, { timerSeconds: 30, hintsEnabled: true }, clock);
    expect(run.getSnapshot().hasTag('timed')).toBe(true);
    clock.increment(29_000);
    expect(run.getSnapshot().hasTag('question')).toBe(true);
    clock.increment(1_000);
    expect(run.getSnapshot().hasTag('feedback')).toBe(true);
    const [record] = run.getSnapshot().context.answers;
    expect(record).toMatchObject({ timedOut: true, fraction: 0, answer: null });
    expect(run.record.events.at(-1)).toEqual({ type: 'timer.expire' });
  });

  it('lets a student pause the timer and resume it with the full time again', () => {
    const clock = new SimulatedClock();
    const run = toFirstQuestion(1, { timerSeconds: 30, hintsEnabled: true }, clock);
    clock.increment(20_000);
    run.send({ type: 'timer.pause' });
    clock.increment(600_000);
    expect(run.getSnapshot().hasTag('paused')).toBe(true);
    run.send({ type: 'timer.resume' });
    clock.increment(29_000);
    expect(run.getSnapshot().hasTag('question')).toBe(true);
    clock.increment(1_000);
    expect(run.getSnapshot().hasTag('feedback')).toBe(true);
  });

  it('has no timer by default', () => {
    const clock = new SimulatedClock();
    const run = toFirstQuestion(1, undefined, clock);
    clock.increment(3_600_000);
    expect(run.getSnapshot().hasTag('question')).toBe(true);
    expect(run.getSnapshot().hasTag('timed')).toBe(false);
  });
});
