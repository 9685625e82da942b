// The decision timeline, rewind and what-if: every decision in order with its effects and
// evidence; rewinding to a decision gives exactly the state the player saw there; choosing
// differently from there gives a run that is identical up to that point; comparing two runs
// finds where they went different ways.
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { correctAnswer, representativeAnswers } from '../../src/engine/answers';
import { choicesAt } from '../../src/engine/explore';
import { replayRun, startRun, type Run } from '../../src/engine/run';
import { standingOf, type RunEvent } from '../../src/engine/scenarioMachine';
import { findQuestion } from '../../src/engine/stats';
import { compareRuns, firstDivergence } from '../../src/replay/compare';
import { decisionCount, decisionTimeline, rewindTo } from '../../src/replay/timeline';
import { informed, newRun, playThrough, realContent, TIMELINE } from './helpers';

const content = realContent();

/** Plays informed, keeping the snapshot after every logged event (index = events so far). */
function recordedRun(id: string, seed: number) {
  const s = content.scenarios[id]!;
  const run = newRun(content, id, seed);
  const snapshots = [run.getSnapshot()];
  while (run.getSnapshot().status === 'active') {
    const choices = choicesAt(s, run.getSnapshot());
    run.send(choices[0]!);
    snapshots[run.record.events.length] = run.getSnapshot();
  }
  return { s, run, snapshots };
}

describe('decision timeline', () => {
  it.each(content.scenarioOrder)('%s: lists every answer and move, in order, with chained effects', (id) => {
    const { s, run } = recordedRun(id, 11);
    const ctx = run.getSnapshot().context;
    const timeline = decisionTimeline(content, s, run.record);
    expect(timeline).toHaveLength(ctx.answers.length + ctx.moves.length);
    expect(decisionCount(s, run.record)).toBe(timeline.length);
    expect(timeline.filter((d) => d.kind === 'question').map((d) => d.kind === 'question' && d.questionId)).toEqual(ctx.answers.map((a) => a.questionId));
    expect(timeline.filter((d) => d.kind === 'move').map((d) => d.kind === 'move' && d.moveId)).toEqual(ctx.moves.map((m) => m.moveId));

    timeline.forEach((d, i) => {
      expect(d.index).toBe(i);
      // In a run without hints or pauses, the decision's event is the one at eventIndex.
      expect(['answer.submit', 'move.choose']).toContain(run.record.events[d.eventIndex]!.type);
      expect(d.evidence.every((q) => q.quote.length > 0 && q.outlet.length > 0)).toBe(true);
      if (d.kind === 'question') {
        expect(d.evidence.length).toBeGreaterThan(0);
        expect(d.correct).toBe(true);
        expect(d.answer).toEqual(correctAnswer(findQuestion(s, d.questionId)!));
        expect(d.agreement.delta).toBe(0);
      } else {
        const recorded = ctx.moves.find((m) => m.moveId === d.moveId)!;
        expect(d.agreement.delta).toBe(recorded.agreementDelta);
        for (const [party, delta] of Object.entries(recorded.trustDelta)) expect(d.parties.find((p) => p.party === party)!.trust.delta).toBe(delta);
        expect(d.parties.every((p) => p.understanding.delta === 0)).toBe(true);
      }
      const next = timeline[i + 1];
      if (next) {
        expect(next.agreement.before).toBe(d.agreement.after);
        next.parties.forEach((p, k) => {
          expect(p.trust.before).toBe(d.parties[k]!.trust.after);
          expect(p.understanding.before).toBe(d.parties[k]!.understanding.after);
        });
      }
    });
    // The last decision leaves the run where it ended.
    const last = timeline[timeline.length - 1]!;
    const standing = standingOf(s, ctx);
    expect(last.agreement.after).toBe(ctx.agreement);
    for (const p of last.parties) {
      expect(p.trust.after).toBe(ctx.trust[p.party] ?? 0);
      expect(p.understanding.after).toBe(standing.understanding[p.party] ?? 0);
    }
    run.stop();
  });

  it('records wrong answers, hints, timeouts and partial credit, and starts a decision before its hint', () => {
    // A timeline scenario that opens with a question with a hint and asks a sort question.
    const id = TIMELINE.find((t) => content.scenarios[t]!.meetings[0]!.questions[0]!.hint && content.scenarios[t]!.meetings.some((m) => m.questions.some((q) => q.type === 'sort')))!;
    const s = content.scenarios[id]!;
    const clock = new SimulatedClock();
    const run = newRun(content, id, 5, { timerSeconds: 30, hintsEnabled: true }, clock);
    run.send({ type: 'run.begin' });
    run.send({ type: 'meeting.continue' });
    const firstQuestion = findQuestion(s, run.getSnapshot().context.questionId!)!;
    expect(firstQuestion.hint).toBeDefined();
    run.send({ type: 'answer.hint' });
    run.send({ type: 'timer.pause' });
    run.send({ type: 'timer.resume' });
    clock.increment(30_000);
    run.send({ type: 'feedback.continue' });
    const second = findQuestion(s, run.getSnapshot().context.questionId!)!;
    run.send({ type: 'answer.submit', answer: representativeAnswers(second)[1]! });
    const [timedOut, wrong] = decisionTimeline(content, s, run.record);
    expect(timedOut).toMatchObject({ kind: 'question', questionId: firstQuestion.id, timedOut: true, hintUsed: true, answer: null, correct: false, fraction: 0, eventIndex: 2 });
    expect(wrong).toMatchObject({ kind: 'question', questionId: second.id, timedOut: false, hintUsed: false, correct: false, eventIndex: 7 });
    // Understanding of the measured parties goes from unmeasured to measured at 0.
    const measured = timedOut!.parties.filter((p) => firstQuestion.measures.includes(p.party));
    expect(measured.every((p) => !p.measured.before && p.measured.after && p.understanding.after === 0)).toBe(true);
    // Rewinding to the timed-out question shows it fresh: no hint used, timer running.
    const back = replayRun(s, rewindTo(s, run.record, 0));
    expect(back.getSnapshot().context.questionId).toBe(firstQuestion.id);
    expect(back.getSnapshot().context.hintUsed).toBe(false);
    expect(back.getSnapshot().hasTag('timed')).toBe(true);
    back.stop();
    run.stop();

    // Partial credit on a sort question.
    const sortRun = newRun(content, id, 5);
    const sorted: RunEvent[] = [];
    while (sortRun.getSnapshot().status === 'active' && !sorted.length) {
      const snap = sortRun.getSnapshot();
      const q = snap.hasTag('question') ? findQuestion(s, snap.context.questionId!)! : undefined;
      if (q?.type === 'sort') {
        const right = correctAnswer(q) as { assignments: Record<string, string> };
        const first = q.statements[0]!;
        const event: RunEvent = { type: 'answer.submit', answer: { assignments: { ...right.assignments, [first.id]: q.categories.find((c) => c !== first.party)! } } };
        sortRun.send(event);
        sorted.push(event);
      } else sortRun.send(choicesAt(s, snap)[0]!);
    }
    const partial = decisionTimeline(content, s, sortRun.record).at(-1)!;
    expect(partial.kind === 'question' && partial.fraction).toBeGreaterThan(0);
    expect(partial.kind === 'question' && partial.fraction).toBeLessThan(1);
    expect(partial.kind === 'question' && partial.correct).toBe(false);
    sortRun.stop();
  });
});

describe('rewind', () => {
  it.each(content.scenarioOrder)('%s: rewinding to any decision gives exactly the state at that point', (id) => {
    const { s, run, snapshots } = recordedRun(id, 2024);
    const timeline = decisionTimeline(content, s, run.record);
    timeline.forEach((d, i) => {
      const rewound = rewindTo(s, run.record, i);
      expect(rewound.events).toEqual(run.record.events.slice(0, d.eventIndex));
      const replayed = replayRun(s, rewound);
      const then = snapshots[d.eventIndex]!;
      expect(replayed.getSnapshot().value).toEqual(then.value);
      expect(replayed.getSnapshot().context).toEqual(then.context);
      expect(replayed.getSnapshot().hasTag(d.kind === 'question' ? 'question' : 'moves')).toBe(true);
      replayed.stop();
    });
    expect(() => rewindTo(s, run.record, timeline.length)).toThrow(RangeError);
    expect(() => rewindTo(s, run.record, -1)).toThrow(RangeError);
    run.stop();
  });

  it.each(content.scenarioOrder)('%s: rewind to the 3rd decision, choose differently, and the past stays the same', (id) => {
    const s = content.scenarios[id]!;
    const original = playThrough(content, s, newRun(content, id, 99), informed);
    const timeline = decisionTimeline(content, s, original.record);
    const third = timeline[2]!;
    const stateThen = replayRun(s, original.record, { upTo: third.eventIndex }).getSnapshot();

    // What if: from the rewound record, decide otherwise, then play on.
    const whatIf: Run = replayRun(s, rewindTo(s, original.record, 2), { live: true });
    const here = whatIf.getSnapshot();
    expect(here.context).toEqual(stateThen.context);
    expect(here.value).toEqual(stateThen.value);
    if (third.kind === 'question') {
      const q = findQuestion(s, third.questionId)!;
      whatIf.send({ type: 'answer.submit', answer: representativeAnswers(q)[1]! });
    } else {
      const other = choicesAt(s, here).find((e) => e.type === 'move.choose' && e.moveId !== third.moveId);
      whatIf.send(other!);
    }
    playThrough(content, s, whatIf, informed);

    // The new run before the divergence is the original at that point.
    expect(whatIf.record.events.slice(0, third.eventIndex)).toEqual(original.record.events.slice(0, third.eventIndex));
    const newThen = replayRun(s, whatIf.record, { upTo: third.eventIndex }).getSnapshot();
    expect(newThen.context).toEqual(stateThen.context);
    expect(newThen.value).toEqual(stateThen.value);
    const newTimeline = decisionTimeline(content, s, whatIf.record);
    expect(newTimeline.slice(0, 2)).toEqual(timeline.slice(0, 2));
    expect(newTimeline[2]).not.toEqual(third);

    const comparison = compareRuns(content, original.record, whatIf.record);
    expect(comparison.firstDivergence).toBe(2);
    expect(comparison.endings.a?.id).toBe(original.getSnapshot().context.endingId);
    expect(comparison.endings.b?.id).toBe(whatIf.getSnapshot().context.endingId);
    original.stop();
    whatIf.stop();
  });
});

describe('compare runs', () => {
  const id = TIMELINE[1]!;
  const s = content.scenarios[id]!;
  const informedRun = playThrough(content, s, newRun(content, id, 7), informed);
  const guessing = playThrough(content, s, newRun(content, id, 7), { answer: (_, step) => step % 2, move: (ids) => ids[ids.length - 1]! });

  it('finds no divergence between a run and itself, or a run and its beginning', () => {
    expect(compareRuns(content, informedRun.record, informedRun.record).firstDivergence).toBeNull();
    const start = rewindTo(s, informedRun.record, 5);
    const prefix = compareRuns(content, informedRun.record, start);
    expect(prefix.firstDivergence).toBeNull();
    expect(prefix.endings.b).toBeNull();
    expect(prefix.decisions.b).toHaveLength(5);
  });

  it('finds the first decision where two runs differ and shows both sides', () => {
    const timelineA = decisionTimeline(content, s, informedRun.record);
    const timelineB = decisionTimeline(content, s, guessing.record);
    const expected = timelineA.findIndex((d, i) => JSON.stringify(d) !== JSON.stringify(timelineB[i]));
    const comparison = compareRuns(content, informedRun.record, guessing.record);
    expect(comparison.firstDivergence).toBe(expected);
    expect(firstDivergence(timelineA, timelineB)).toBe(expected);
    expect(comparison.endings.a).toMatchObject({ id: informedRun.getSnapshot().context.endingId });
    expect(comparison.endings.b).toMatchObject({ id: guessing.getSnapshot().context.endingId });
    const a = standingOf(s, informedRun.getSnapshot().context);
    const b = standingOf(s, guessing.getSnapshot().context);
    expect(comparison.agreement).toEqual({ a: a.agreement, b: b.agreement });
    for (const p of comparison.parties) {
      expect(p.understanding).toEqual({ a: a.understanding[p.party] ?? 0, b: b.understanding[p.party] ?? 0 });
      expect(p.trust).toEqual({ a: a.trust[p.party] ?? 0, b: b.trust[p.party] ?? 0 });
      expect(p.name).toBe(content.parties[p.party]!.name);
    }
  });

  it('sees a hint as a different decision, and refuses runs of different scenarios', () => {
    const base = { scenarioId: id, contentVersion: content.versions[id]!, seed: 7, settings: { timerSeconds: null, hintsEnabled: true } };
    const withHint = startRun(s, base);
    const without = startRun(s, base);
    for (const run of [withHint, without]) {
      run.send({ type: 'run.begin' });
      run.send({ type: 'meeting.continue' });
    }
    const q = findQuestion(s, withHint.getSnapshot().context.questionId!)!;
    expect(q.hint).toBeDefined();
    withHint.send({ type: 'answer.hint' });
    for (const run of [withHint, without]) run.send({ type: 'answer.submit', answer: correctAnswer(q) });
    expect(compareRuns(content, withHint.record, without.record).firstDivergence).toBe(0);
    const other = newRun(content, TIMELINE.find((t) => t !== id)!, 7);
    expect(() => compareRuns(content, withHint.record, other.record)).toThrow(/different scenarios/);
  });
});

describe('decision timeline, walked once per record', () => {
  it('gives the same decisions for an unchanged record and walks again once the record grows', () => {
    const id = content.scenarioOrder[0]!;
    const s = content.scenarios[id]!;
    const run = newRun(content, id, 3);
    for (let i = 0; i < 12 && run.getSnapshot().status === 'active'; i++) run.send(choicesAt(s, run.getSnapshot())[0]!);
    const first = decisionTimeline(content, s, run.record);
    // The debrief's table, its list and the stage's stance map all ask for it: one walk of the run.
    expect(decisionTimeline(content, s, run.record)).toBe(first);
    expect(decisionCount(s, run.record)).toBe(first.length);
    while (run.getSnapshot().status === 'active') run.send(choicesAt(s, run.getSnapshot())[0]!);
    const whole = decisionTimeline(content, s, run.record);
    expect(whole).not.toBe(first);
    expect(whole.length).toBeGreaterThan(first.length);
    expect(whole.slice(0, first.length)).toEqual(first);
    // A copy of the record (same events, another object) is walked on its own and agrees.
    expect(decisionTimeline(content, s, { ...run.record, events: [...run.record.events] })).toEqual(whole);
  });
});
