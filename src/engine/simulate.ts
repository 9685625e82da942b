// Headless play for authors and benchmarks: many runs of a scenario with a strategy, summarised
// as an ending distribution and average understanding per party. Runs are played with the fast
// path (./fastRun.ts); the first few of each batch are also replayed through the real statechart
// (`replayRun`), and a difference is an error, so the figures are always those real runs give.
import type { Content } from '../content/loader';
import type { Scenario } from '../content/schema';
import { compileScenario, type CompiledScenario, type FastResult } from './fastRun';
import { mulberry32 } from './rng';
import { replayRun } from './run';
import type { RunEvent, RunSettings } from './scenarioMachine';

export type StrategyName = 'random' | 'informed';

export interface SimulationSummary {
  scenarioId: string;
  strategy: StrategyName;
  runs: number;
  endings: Record<string, number>;
  understanding: Record<string, number>;
  averageDecisions: number;
  /** How many of the runs were also replayed through the real statechart (and agreed). */
  verified: number;
}

/** The settings of every simulated run: no timer, no hints (what the fast path supports). */
export const SIMULATION_SETTINGS: RunSettings = { timerSeconds: null, hintsEnabled: false };
const MAX_STEPS = 1000;
/** Runs per call replayed through `replayRun` as a check on the fast path. */
const VERIFY_RUNS = 3;

export interface SimulatedRun {
  result: FastResult;
  /** The events sent, in order, when asked for. */
  events?: RunEvent[];
}

/**
 * Plays one run to its end on the fast path. random: any sensible choice at random (one draw from
 * `random` per step); informed: the right answer at each question, else the first choice (the
 * first move it can take). `choicesAt` puts the right answer first, so that is index 0 throughout.
 */
export function playRun(compiled: CompiledScenario, strategy: StrategyName, random: () => number, keepEvents = false): SimulatedRun {
  const run = compiled.start();
  const events: RunEvent[] | undefined = keepEvents ? [] : undefined;
  for (let step = 0; step < MAX_STEPS && run.phase !== 'ending' && run.phase !== 'stuck'; step++) {
    const choices = compiled.choices(run);
    const index = strategy === 'informed' ? 0 : Math.floor(random() * choices.length);
    if (events) events.push(choices[index]!);
    compiled.choose(run, index);
  }
  const result = compiled.result(run);
  if (!result) throw new Error(`${compiled.scenario.id}: a ${strategy} run did not end`);
  return { result, ...(events ? { events } : {}) };
}

/** Replays a fast run through the real statechart; throws if it ends otherwise. */
function verify(content: Content, scenario: Scenario, seed: number, run: SimulatedRun): void {
  const real = replayRun(scenario, {
    scenarioId: scenario.id,
    contentVersion: content.versions[scenario.id] ?? '',
    seed,
    settings: SIMULATION_SETTINGS,
    events: run.events!,
  });
  const output = real.getSnapshot().output;
  real.stop();
  const fast = run.result;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (
    !output ||
    output.endingId !== fast.endingId ||
    !same(output.understanding, fast.understanding) ||
    !same(output.trust, fast.trust) ||
    output.agreement !== fast.agreement ||
    output.answers.length + output.predictions.length + output.moves.length !== fast.decisions
  ) {
    throw new Error(
      `${scenario.id}: the simulator's fast path (src/engine/fastRun.ts) disagrees with the scenario's statechart ` +
        `(fast: ${JSON.stringify({ ...fast, flags: undefined })}; real: ${JSON.stringify(output && { endingId: output.endingId, understanding: output.understanding, trust: output.trust, agreement: output.agreement })}). ` +
        'Mirror the change to scenarioMachine.ts in fastRun.ts.',
    );
  }
}

/** One finished run as the summary counts it. */
export interface RunOutcome {
  endingId: string;
  understanding: Record<string, number>;
  decisions: number;
}

/** The ending spread, average understanding per party and average length of some runs. */
export function summariseRuns(scenario: Scenario, strategy: StrategyName, outcomes: Iterable<RunOutcome>): Omit<SimulationSummary, 'verified'> {
  const endings: Record<string, number> = Object.fromEntries(scenario.endings.map((e) => [e.id, 0]));
  const totals: Record<string, { sum: number; n: number }> = {};
  let decisions = 0;
  let runs = 0;
  for (const outcome of outcomes) {
    runs++;
    endings[outcome.endingId] = (endings[outcome.endingId] ?? 0) + 1;
    for (const [party, value] of Object.entries(outcome.understanding)) {
      const t = (totals[party] ??= { sum: 0, n: 0 });
      t.sum += value;
      t.n++;
    }
    decisions += outcome.decisions;
  }
  return {
    scenarioId: scenario.id,
    strategy,
    runs,
    endings,
    understanding: Object.fromEntries(Object.entries(totals).map(([p, t]) => [p, Math.round(t.sum / t.n)])),
    averageDecisions: Math.round((decisions / runs) * 10) / 10,
  };
}

export function simulate(content: Content, scenarioId: string, strategy: StrategyName, runs: number, seed = 1): SimulationSummary {
  const scenario = content.scenarios[scenarioId]!;
  const compiled = compileScenario(scenario);
  const random = mulberry32(seed);
  let verified = 0;
  function* outcomes(): Generator<RunOutcome> {
    for (let i = 0; i < runs; i++) {
      // Each run's seed is drawn as for a real run; the negotiation itself never reads it.
      const runSeed = Math.floor(random() * 2 ** 31);
      const check = i < VERIFY_RUNS;
      const run = playRun(compiled, strategy, random, check);
      if (check) {
        verify(content, scenario, runSeed, run);
        verified++;
      }
      yield run.result;
    }
  }
  const summary = summariseRuns(scenario, strategy, outcomes());
  return { ...summary, verified };
}
