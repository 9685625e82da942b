// The simulator's fast path (src/engine/fastRun.ts) against the real statechart: the same events,
// valid or not, give the same phase, standing and result at every step; runs the simulator plays
// replay through `replayRun` to the same ending, understanding and trust; and `simulate()` gives
// the summary that playing the same runs with `startRun` actors gives.
import { describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/loader';
import type { Scenario } from '../../src/content/schema';
import { correctAnswer } from '../../src/engine/answers';
import { choicesAt } from '../../src/engine/explore';
import { compileScenario, type CompiledScenario, type FastRun } from '../../src/engine/fastRun';
import { mulberry32 } from '../../src/engine/rng';
import { replayRun, startRun } from '../../src/engine/run';
import { currentMeetingId, type RunEvent, type RunSnapshot } from '../../src/engine/scenarioMachine';
import { playRun, simulate, SIMULATION_SETTINGS, summariseRuns, type RunOutcome, type SimulationSummary, type StrategyName } from '../../src/engine/simulate';
import { findQuestion, scoredParties, understanding } from '../../src/engine/stats';
import { representativePredictions } from '../../src/engine/reactions';
import { migratedContent, realContent } from './helpers';

const content = realContent();
const ids = [...content.scenarioOrder, content.tutorialId!];
const PHASES = ['briefing', 'opening', 'question', 'feedback', 'moves', 'predicting', 'outcome'] as const;
// The shipped content (schema version 1, no predictions) and the same migrated to version 2,
// with the prediction step on and off.
const migrated = migratedContent();
const CASES = [
  ...ids.map((id) => ({ label: `${id} v1`, content, id, settings: SIMULATION_SETTINGS })),
  ...ids.map((id) => ({ label: `${id} v2, predicting`, content: migrated, id, settings: SIMULATION_SETTINGS })),
  ...ids.map((id) => ({ label: `${id} v2, predictions off`, content: migrated, id, settings: { ...SIMULATION_SETTINGS, predictions: false } })),
]

function realView(scenario: Scenario, snap: RunSnapshot) {
  const c = snap.context;
  return JSON.stringify({
    phase: snap.status === 'done' ? 'ending' : (PHASES.find((t) => snap.hasTag(t)) ?? 'stuck'),
    meetingId: currentMeetingId(snap),
    questionId: c.questionId,
    predictingMoveId: c.predictingMoveId,
    trust: c.trust,
    agreement: c.agreement,
    flags: c.flags,
    understanding: understanding(scenario, c.answers, c.predictions),
    decisions: c.answers.length + c.predictions.length + c.moves.length,
    endingId: c.endingId,
  });
}

function fastView(compiled: CompiledScenario, run: FastRun) {
  return JSON.stringify({
    phase: run.phase,
    meetingId: run.meeting?.meeting.id ?? null,
    questionId: compiled.questionId(run),
    predictingMoveId: compiled.predictingMoveId(run),
    trust: run.trust,
    agreement: run.agreement,
    flags: run.flags,
    understanding: compiled.understanding(run),
    decisions: run.answers + run.predictions + run.moves,
    endingId: run.endingId,
  });
}

/** Everything a player or a tampered log might send in this scenario, sensible or not. */
function eventPool(scenario: Scenario): RunEvent[] {
  const pool: RunEvent[] = [
    { type: 'run.begin' },
    { type: 'meeting.continue' },
    { type: 'feedback.continue' },
    { type: 'outcome.continue' },
    { type: 'answer.hint' },
    { type: 'timer.pause' },
    { type: 'timer.resume' },
    { type: 'timer.expire' },
    { type: 'move.choose', moveId: 'no-such-move' },
    { type: 'answer.submit', answer: { optionId: 'no-such-option' } },
    { type: 'answer.submit', answer: { value: true } },
    { type: 'answer.submit', answer: { assignments: {} } },
    { type: 'answer.submit', answer: { order: [] } },
    { type: 'prediction.submit', predictions: {} },
  ];
  for (const m of scenario.meetings) {
    for (const mv of m.moves) pool.push({ type: 'move.choose', moveId: mv.id });
    for (const mv of m.moves.filter((x) => x.reactions)) {
      for (const predictions of representativePredictions(mv, m, [], scoredParties(scenario))) {
        pool.push({ type: 'prediction.submit', predictions });
        // Half right, half wrong, and one party missing.
        const parties = Object.keys(predictions);
        pool.push({ type: 'prediction.submit', predictions: Object.fromEntries(parties.map((p, i) => [p, i % 2 ? 'accepts' : 'objects'])) });
        pool.push({ type: 'prediction.submit', predictions: Object.fromEntries(parties.slice(1).map((p) => [p, predictions[p]!])) });
      }
    }
    for (const q of m.questions) {
      pool.push({ type: 'answer.submit', answer: correctAnswer(q) });
      for (const e of choicesAt(scenario, { hasTag: (t: string) => t === 'question', status: 'active', context: { questionId: q.id } } as unknown as RunSnapshot)) pool.push(e);
    }
  }
  return pool;
}

describe('the fast path steps like the statechart', () => {
  it.each(CASES)('$label: random events, valid and not, give the same state at every step', ({ content, id, settings }) => {
    const scenario = content.scenarios[id]!;
    const compiled = compileScenario(scenario, settings);
    const pool = eventPool(scenario);
    const random = mulberry32(0x5eed ^ id.length);
    for (let r = 0; r < 30; r++) {
      const real = startRun(scenario, { scenarioId: id, contentVersion: content.versions[id]!, seed: r + 1, settings });
      const fast = compiled.start();
      expect(fastView(compiled, fast)).toBe(realView(scenario, real.getSnapshot()));
      for (let step = 0; step < 300 && real.getSnapshot().status === 'active'; step++) {
        const snap = real.getSnapshot();
        expect(compiled.choices(fast)).toEqual(choicesAt(scenario, snap));
        // Mostly sensible choices (so runs get to the end), sometimes anything at all.
        const choices = choicesAt(scenario, snap);
        const event = random() < 0.7 && choices.length ? choices[Math.floor(random() * choices.length)]! : pool[Math.floor(random() * pool.length)]!;
        real.send(event);
        compiled.send(fast, event);
        expect(fastView(compiled, fast), `${id} run ${r} step ${step}: ${JSON.stringify(event)}`).toBe(realView(scenario, real.getSnapshot()));
      }
      const output = real.getSnapshot().output;
      const result = compiled.result(fast);
      expect(output).toBeDefined();
      expect(result).not.toBeNull();
      expect(JSON.stringify([result!.endingId, result!.understanding, result!.trust, result!.agreement, result!.flags, result!.decisions])).toBe(
        JSON.stringify([output!.endingId, output!.understanding, output!.trust, output!.agreement, output!.flags, output!.answers.length + output!.predictions.length + output!.moves.length]),
      );
      real.stop();
    }
  });
});

describe('simulated runs replay to the same result', () => {
  it.each(CASES)('$label: 50 random and one informed run through replayRun', ({ content, id, settings }) => {
    const scenario = content.scenarios[id]!;
    const compiled = compileScenario(scenario, settings);
    const random = mulberry32(7);
    for (let r = 0; r < 51; r++) {
      const strategy: StrategyName = r === 0 ? 'informed' : 'random';
      const { result, events } = playRun(compiled, strategy, random, true);
      const real = replayRun(scenario, { scenarioId: id, contentVersion: content.versions[id]!, seed: r + 1, settings, events: events! });
      const output = real.getSnapshot().output!;
      expect(real.getSnapshot().status).toBe('done');
      expect(result.endingId).toBe(output.endingId);
      expect(result.understanding).toEqual(output.understanding);
      expect(Object.keys(result.understanding)).toEqual(Object.keys(output.understanding));
      expect(result.trust).toEqual(output.trust);
      expect(result.agreement).toBe(output.agreement);
      expect(result.decisions).toBe(output.answers.length + output.predictions.length + output.moves.length);
      real.stop();
    }
  });
});

/** The simulator as it was before the fast path: a `startRun` actor per run. */
function simulateWithActors(c: Content, scenarioId: string, strategy: StrategyName, runs: number, seed: number): Omit<SimulationSummary, 'verified'> {
  const scenario = c.scenarios[scenarioId]!;
  const random = mulberry32(seed);
  const outcomes: RunOutcome[] = [];
  for (let i = 0; i < runs; i++) {
    const run = startRun(scenario, { scenarioId, contentVersion: c.versions[scenarioId]!, seed: Math.floor(random() * 2 ** 31), settings: SIMULATION_SETTINGS });
    for (let step = 0; step < 1000 && run.getSnapshot().status === 'active'; step++) {
      const snap = run.getSnapshot();
      if (strategy === 'informed' && snap.hasTag('question')) {
        run.send({ type: 'answer.submit', answer: correctAnswer(findQuestion(scenario, snap.context.questionId!)!) });
        continue;
      }
      const choices = choicesAt(scenario, snap);
      run.send(strategy === 'informed' ? choices[0]! : choices[Math.floor(random() * choices.length)]!);
    }
    const output = run.getSnapshot().output!;
    run.stop();
    outcomes.push({ endingId: output.endingId, understanding: output.understanding, decisions: output.answers.length + output.predictions.length + output.moves.length });
  }
  return summariseRuns(scenario, strategy, outcomes);
}

describe('simulate()', () => {
  it.each(ids)('%s: the same summary as playing the runs with startRun actors', (id) => {
    for (const strategy of ['random', 'informed'] as const) {
      const { verified, ...summary } = simulate(content, id, strategy, 60, 11);
      expect(verified).toBeGreaterThan(0);
      // Key order included: the CLI prints the parties in this order.
      expect(JSON.stringify(summary)).toBe(JSON.stringify(simulateWithActors(content, id, strategy, 60, 11)));
    }
  });

  it('plays 1,000 runs of every scenario with both strategies quickly', () => {
    const t0 = performance.now();
    for (const id of ids) for (const strategy of ['random', 'informed'] as const) expect(simulate(content, id, strategy, 1000).runs).toBe(1000);
    // About half a second on an idle two-core machine; generous for a loaded one.
    expect(performance.now() - t0).toBeLessThan(15_000);
  });
});
