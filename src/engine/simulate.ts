// Headless play for authors and benchmarks: many runs of a scenario with a strategy, summarised
// as an ending distribution and average understanding per party.
import type { Content } from '../content/loader';
import { correctAnswer } from './answers';
import { choicesAt } from './explore';
import { mulberry32 } from './rng';
import { startRun } from './run';
import type { RunEvent, RunSnapshot } from './scenarioMachine';
import { findQuestion } from './stats';

export type StrategyName = 'random' | 'informed';

export interface SimulationSummary {
  scenarioId: string;
  strategy: StrategyName;
  runs: number;
  endings: Record<string, number>;
  understanding: Record<string, number>;
  averageDecisions: number;
}

/** random: any sensible choice at random; informed: right answers, then the first move it can take. */
function pick(strategy: StrategyName, scenario: Content['scenarios'][string], snapshot: RunSnapshot, random: () => number): RunEvent {
  if (strategy === 'informed' && snapshot.hasTag('question')) {
    return { type: 'answer.submit', answer: correctAnswer(findQuestion(scenario, snapshot.context.questionId!)!) };
  }
  const choices = choicesAt(scenario, snapshot);
  return strategy === 'informed' ? choices[0]! : choices[Math.floor(random() * choices.length)]!;
}

export function simulate(content: Content, scenarioId: string, strategy: StrategyName, runs: number, seed = 1): SimulationSummary {
  const scenario = content.scenarios[scenarioId]!;
  const random = mulberry32(seed);
  const endings: Record<string, number> = Object.fromEntries(scenario.endings.map((e) => [e.id, 0]));
  const totals: Record<string, { sum: number; n: number }> = {};
  let decisions = 0;
  for (let i = 0; i < runs; i++) {
    const run = startRun(scenario, {
      scenarioId,
      contentVersion: content.versions[scenarioId]!,
      seed: Math.floor(random() * 2 ** 31),
      settings: { timerSeconds: null, hintsEnabled: false },
    });
    for (let step = 0; step < 1000 && run.getSnapshot().status === 'active'; step++) run.send(pick(strategy, scenario, run.getSnapshot(), random));
    const output = run.getSnapshot().output;
    run.stop();
    if (!output) throw new Error(`${scenarioId}: a ${strategy} run did not end`);
    endings[output.endingId] = (endings[output.endingId] ?? 0) + 1;
    for (const [party, value] of Object.entries(output.understanding)) {
      const t = (totals[party] ??= { sum: 0, n: 0 });
      t.sum += value;
      t.n++;
    }
    decisions += output.answers.length + output.moves.length;
  }
  return {
    scenarioId,
    strategy,
    runs,
    endings,
    understanding: Object.fromEntries(Object.entries(totals).map(([p, t]) => [p, Math.round(t.sum / t.n)])),
    averageDecisions: Math.round((decisions / runs) * 10) / 10,
  };
}
