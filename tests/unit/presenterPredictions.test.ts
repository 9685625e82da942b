// What the view is told about predictions (issue 14 items 2 and 5), on every scenario migrated to
// schema 2: the prediction step is a phase of its own with the move and the parties present; move
// cards carry the player's read per party from the model's yourRead; the outcome sets each real
// reaction beside the prediction, its score and its quote; the meters carry understanding split
// into questions and predictions.
import { describe, expect, it } from 'vitest';
import { REACTIONS } from '../../src/content/schema';
import { correctAnswer } from '../../src/engine/answers';
import { describeRun, quoteOf, type RunView } from '../../src/engine/presenter';
import { farReaction, reactionsNow, scorePrediction, yourRead } from '../../src/engine/reactions';
import { standingOf } from '../../src/engine/scenarioMachine';
import { understandingSplit } from '../../src/engine/stats';
import { memoryStore } from '../../src/persistence/storage';
import { createSession } from '../../src/session';
import { migratedContent, newRun, NO_TIMER } from './helpers';

const content = migratedContent();
const scenarios = Object.values(content.scenarios);

/** Plays to the first prediction step: right answers, the first unlocked move with reactions. */
function toPrediction(scenarioId: string, settings = NO_TIMER) {
  const scenario = content.scenarios[scenarioId]!;
  const run = newRun(content, scenarioId, 3, settings);
  let movesView: RunView | null = null;
  for (let i = 0; i < 300; i++) {
    const view = describeRun(content, scenario, run.getSnapshot());
    if (view.phase === 'predicting' || view.phase === 'ending' || (view.phase === 'outcome' && movesView)) return { run, scenario, view, movesView };
    if (view.phase === 'briefing') run.send({ type: 'run.begin' });
    else if (view.phase === 'opening') run.send({ type: 'meeting.continue' });
    else if (view.phase === 'question') run.send({ type: 'answer.submit', answer: correctAnswer(view.question!) });
    else if (view.phase === 'feedback') run.send({ type: 'feedback.continue' });
    else if (view.phase === 'outcome') run.send({ type: 'outcome.continue' });
    else if (view.phase === 'moves') {
      const move = view.moves.find((m) => !m.locked && m.reads.length) ?? view.moves.find((m) => !m.locked)!;
      movesView = view;
      run.send({ type: 'move.choose', moveId: move.id });
    }
  }
  throw new Error(`${scenarioId}: no prediction step reached`);
}

describe('the presenter and predictions', () => {
  it('every migrated scenario has moves with reactions (the tests below have something to check)', () => {
    expect(scenarios.length).toBeGreaterThan(0);
    for (const s of scenarios) expect(s.meetings.some((m) => m.moves.some((mv) => mv.reactions?.length)), s.id).toBe(true);
  });

  it('the prediction step is its own phase: the move chosen and each party present with the five reactions in scale order', () => {
    for (const s of scenarios) {
      const { run, view } = toPrediction(s.id);
      expect(view.phase, s.id).toBe('predicting');
      const ctx = run.getSnapshot().context;
      const meeting = view.meeting!;
      const move = meeting.moves.find((mv) => mv.id === ctx.predictingMoveId)!;
      expect(view.prediction!.moveId).toBe(move.id);
      expect(view.prediction!.text).toBe(move.text);
      expect(view.prediction!.parties.map((p) => p.id)).toEqual(reactionsNow(move, meeting, ctx.flags).map((r) => r.party));
      for (const p of view.prediction!.parties) {
        expect(p.choices).toEqual(REACTIONS);
        expect(p.name).toBe(content.parties[p.id]!.name);
        expect(p.colour).toBe(content.parties[p.id]!.colour);
        expect(p.emblem).toBe(content.parties[p.id]!.emblem);
      }
      // Nothing of the outcome shows before the prediction.
      expect(view.lastMove?.reactions ?? []).not.toContainEqual(expect.objectContaining({ predicted: expect.anything() }));
      run.stop();
    }
  });

  it('move cards carry the player read of each party present, as the model reads it from understanding', () => {
    for (const s of scenarios) {
      const { run, movesView } = toPrediction(s.id);
      const view = movesView!;
      const standing = standingOf(s, run.getSnapshot().context);
      const seed = run.getSnapshot().context.seed;
      let withReads = 0;
      for (const mv of view.moves) {
        const move = view.meeting!.moves.find((m) => m.id === mv.id)!;
        expect(mv.reads.map((r) => r.id)).toEqual(reactionsNow(move, view.meeting!, []).map((r) => r.party));
        for (const r of mv.reads) expect(r.read, `${s.id} ${mv.id} ${r.id}`).toBe(yourRead(move, r.id, standing.understanding[r.id] ?? 0, seed));
        if (mv.reads.length) withReads++;
      }
      expect(withReads, s.id).toBeGreaterThan(0);
      run.stop();
    }
  });

  it('the outcome sets each real reaction beside the prediction, its score and its quote (right and wrong predictions)', () => {
    for (const s of scenarios) {
      for (const right of [true, false]) {
        const { run, view } = toPrediction(s.id);
        const ctx = run.getSnapshot().context;
        const move = view.meeting!.moves.find((mv) => mv.id === ctx.predictingMoveId)!;
        const reactions = reactionsNow(move, view.meeting!, ctx.flags);
        const predictions = Object.fromEntries(reactions.map((r) => [r.party, right ? r.reaction : farReaction(r.reaction)]));
        run.send({ type: 'prediction.submit', predictions });
        const after = describeRun(content, s, run.getSnapshot());
        expect(after.phase).toBe('outcome');
        expect(after.lastMove!.predictionTimedOut).toBe(false);
        expect(after.lastMove!.reactions.map((r) => ({ party: r.id, reaction: r.reaction, predicted: r.predicted, score: r.score, evidence: r.evidence }))).toEqual(
          reactions.map((r) => ({ party: r.party, reaction: r.reaction, predicted: predictions[r.party], score: scorePrediction(predictions[r.party], r.reaction), evidence: quoteOf(content, r.evidence) })),
        );
        expect(after.lastMove!.reactions.every((r) => r.score === (right ? 1 : 0))).toBe(true);
        run.stop();
      }
    }
  });

  it('with predictions off there is no prediction step, and the outcome shows the reactions without predictions', () => {
    for (const s of scenarios) {
      const { run, view } = toPrediction(s.id, { ...NO_TIMER, predictions: false });
      expect(view.phase, s.id).toBe('outcome');
      expect(view.prediction).toBeNull();
      expect(view.lastMove!.reactions.length).toBeGreaterThan(0);
      for (const r of view.lastMove!.reactions) {
        expect(r.predicted).toBeNull();
        expect(r.score).toBeNull();
      }
      run.stop();
    }
  });

  it('a timed-out prediction shows the reactions with no prediction, scored 0', () => {
    const s = scenarios[0]!;
    const { run } = toPrediction(s.id, { timerSeconds: 30, hintsEnabled: true });
    run.send({ type: 'timer.expire' });
    const after = describeRun(content, s, run.getSnapshot());
    expect(after.phase).toBe('outcome');
    expect(after.lastMove!.predictionTimedOut).toBe(true);
    for (const r of after.lastMove!.reactions) expect([r.predicted, r.score]).toEqual([null, 0]);
    run.stop();
  });

  it('the prediction step reports the timer as a question does (timed, paused)', () => {
    const s = scenarios[0]!;
    const { run, view } = toPrediction(s.id, { timerSeconds: 30, hintsEnabled: true });
    expect([view.phase, view.timed, view.paused]).toEqual(['predicting', true, false]);
    run.send({ type: 'timer.pause' });
    const paused = describeRun(content, s, run.getSnapshot());
    expect([paused.phase, paused.timed, paused.paused]).toEqual(['predicting', false, true]);
    run.stop();
  });

  it('each party meter carries understanding split into questions and predictions', () => {
    for (const s of scenarios) {
      const { run, view } = toPrediction(s.id);
      const ctx = run.getSnapshot().context;
      const move = view.meeting!.moves.find((mv) => mv.id === ctx.predictingMoveId)!;
      run.send({ type: 'prediction.submit', predictions: Object.fromEntries(reactionsNow(move, view.meeting!, ctx.flags).map((r) => [r.party, r.reaction])) });
      const after = describeRun(content, s, run.getSnapshot());
      const split = understandingSplit(s, run.getSnapshot().context.answers, run.getSnapshot().context.predictions);
      for (const p of after.parties) expect(p.split, `${s.id} ${p.id}`).toEqual(split[p.id] ?? { questions: { earned: 0, possible: 0 }, predictions: { earned: 0, possible: 0 } });
      expect(after.parties.some((p) => p.split.predictions.possible > 0)).toBe(true);
      run.stop();
    }
  });
});

describe('the buttons of a timed prediction step', () => {
  it('offer submit and pause while timed, only resume while paused, and the session handles each', () => {
    const migrated = migratedContent();
    const id = migrated.scenarioOrder[0]!;
    const problems: string[] = [];
    const session = createSession({ content: migrated, store: memoryStore(), newSeed: () => 1, settings: { timerSeconds: 30, hintsEnabled: true }, onUnhandled: (p) => problems.push(p) });
    session.boot();
    session.send({ type: 'scenario.choose', scenarioId: id });
    session.send({ type: 'briefing.start' });
    for (let i = 0; i < 300 && session.runView()?.phase !== 'predicting'; i++) {
      const next = session.actions().find((a) => !['leave', 'pause', 'hint', 'dismiss'].includes(a.id))!;
      session.send(next.event);
    }
    expect(session.runView()!.phase).toBe('predicting');
    const ids = () => session.actions().map((a) => a.id).filter((a) => a !== 'leave' && a !== 'dismiss').sort();
    expect(ids()).toEqual(['pause', 'submit-prediction']);
    for (const a of session.actions()) expect(session.can(a.event), a.id).toBe(true);
    session.send(session.actions().find((a) => a.id === 'pause')!.event);
    expect(ids()).toEqual(['resume-timer']);
    session.send(session.actions().find((a) => a.id === 'resume-timer')!.event);
    session.send(session.actions().find((a) => a.id === 'submit-prediction')!.event);
    expect(session.runView()!.phase).toBe('outcome');
    expect(problems).toEqual([]);
    session.dispose();
  });
});
