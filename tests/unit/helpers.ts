// Shared test helpers: the real content from disk, and a run driven by a strategy.
import { loadContent, type Content } from '../../src/content/loader';
import { migrateScenario } from '../../src/content/migrate';
import type { Question, Scenario } from '../../src/content/schema';
import { correctAnswer, representativeAnswers, type Answer } from '../../src/engine/answers';
import { describeRun } from '../../src/engine/presenter';
import { representativePredictions } from '../../src/engine/reactions';
import { startRun, type Run } from '../../src/engine/run';
import type { RunSettings } from '../../src/engine/scenarioMachine';
import { findQuestion, scoredParties } from '../../src/engine/stats';
import { readContentFiles } from '../../src/cli/contentFiles';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimulatedClock } from 'xstate';
import { secondScenario, sliceScenario } from '../e2e/scenarioPicks';

let cached: Content | undefined;
let migrated: Content | undefined;

/**
 * The real content with every scenario migrated to schema version 2 (reactions drafted from the
 * typed effects): content with prediction steps, for engine tests until the content is rewritten.
 */
export function migratedContent(): Content {
  if (migrated) return migrated;
  const files = structuredClone(readContentFiles().files);
  // Scenarios already written in schema 2 are taken as they are.
  for (const file of Object.keys(files)) if (/content\/scenarios\//.test(file) && (files[file] as { schemaVersion?: unknown }).schemaVersion === 1) files[file] = migrateScenario(files[file]).scenario;
  const result = loadContent(files);
  if (!result.ok) throw new Error(`migrated content does not load: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return (migrated = result.content);
}
/** Where the frozen schema version 1 scenario sits when it is loaded beside the real content. */
export const V1_FIXTURE_FILE = 'content/scenarios/washington-2020-v1.json';

/**
 * A scenario file of schema version 1 as shipped before version 2 (typed move effects, no
 * reactions; question ids prefixed "v1-"), raw JSON: the shipped scenarios have all moved on, and
 * old files, codes and saves must keep working.
 */
export function v1FixtureScenario(): any {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'scenario-v1.json'), 'utf8'));
}

let withV1: Content | undefined;
/** The real content with the schema version 1 fixture loaded beside it. */
export function contentWithV1Fixture(): Content {
  if (withV1) return withV1;
  const files = structuredClone(readContentFiles().files) as Record<string, unknown>;
  files[V1_FIXTURE_FILE] = v1FixtureScenario();
  const result = loadContent(files);
  if (!result.ok) throw new Error(`the version 1 fixture does not load: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return (withV1 = result.content);
}

export function realContent(): Content {
  if (cached) return cached;
  const result = loadContent(readContentFiles().files);
  if (!result.ok) throw new Error(`content does not load: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return (cached = result.content);
}

export const NO_TIMER: RunSettings = { timerSeconds: null, hintsEnabled: true };

export function newRun(content: Content, scenarioId: string, seed = 1, settings = NO_TIMER, clock?: SimulatedClock): Run {
  return startRun(
    content.scenarios[scenarioId]!,
    { scenarioId, contentVersion: content.versions[scenarioId]!, seed, settings },
    clock ? { clock } : {},
  );
}

export interface Strategy {
  /** Index into representativeAnswers (0 = right, 1 = wrong). */
  answer(questionId: string, step: number): number;
  /** Picks among the unlocked moves. */
  move(unlocked: string[], step: number): string;
  /** Index into representativePredictions (0 = all right, 1 = all wrong); all right when absent. */
  predict?(moveId: string, step: number): number;
  /** 0 = right, 1 = wrong, for a learning-gain check item; right when absent. */
  check?(questionId: string, stage: 'before' | 'after'): number;
}

/** A right (0) or wrong (1) answer to a check item, among the options the item shows. */
export function checkItemAnswer(q: Question, shown: readonly string[], which: number): Answer {
  if (which === 0) return correctAnswer(q);
  if (q.type === 'choice' || q.type === 'who-said') return { optionId: shown.find((id) => !q.options.find((o) => o.id === id)!.correct)! };
  return representativeAnswers(q)[1]!;
}

export const informed: Strategy = { answer: () => 0, move: (ids) => ids[0]! };

/** Plays a run to its end with a strategy; returns the run (still started, for inspection). */
export function playThrough(content: Content, scenario: Scenario, run: Run, strategy: Strategy, limit = 500): Run {
  let step = 0;
  for (; step < limit && run.getSnapshot().status === 'active'; step++) {
    const view = describeRun(content, scenario, run.getSnapshot());
    switch (view.phase) {
      case 'briefing':
        run.send({ type: 'run.begin' });
        break;
      case 'opening':
        run.send({ type: 'meeting.continue' });
        break;
      case 'check': {
        const c = view.check!;
        run.send({ type: 'check.submit', answer: checkItemAnswer(c.question, c.shown, strategy.check?.(c.question.id, c.stage) ?? 0) });
        break;
      }
      case 'question': {
        const q = view.question!;
        const answers = representativeAnswers(q);
        run.send({ type: 'answer.submit', answer: answers[strategy.answer(q.id, step) % answers.length]! });
        break;
      }
      case 'feedback':
        run.send({ type: 'feedback.continue' });
        break;
      case 'moves':
        run.send({ type: 'move.choose', moveId: strategy.move(view.moves.filter((m) => !m.locked).map((m) => m.id), step) });
        break;
      case 'predicting': {
        const p = view.prediction!;
        const move = view.meeting!.moves.find((mv) => mv.id === p.moveId)!;
        const options = representativePredictions(move, view.meeting!, run.getSnapshot().context.flags, scoredParties(scenario));
        run.send({ type: 'prediction.submit', predictions: options[(strategy.predict?.(p.moveId, step) ?? 0) % options.length]! });
        break;
      }
      case 'outcome':
        run.send({ type: 'outcome.continue' });
        break;
      case 'ending':
        return run;
    }
  }
  if (run.getSnapshot().status === 'active') throw new Error(`run did not end within ${limit} steps`);
  return run;
}

export { correctAnswer, findQuestion };

/**
 * Scenario ids the tests use, picked from the content by rule (tests/e2e/scenarioPicks.ts), never
 * named: the slice (the timeline scenario with the fewest decisions that opens with a choice
 * question), another timeline scenario, and the timeline in order for tests that need several.
 */
export const SLICE_ID = sliceScenario(realContent()).id;
export const SECOND_ID = secondScenario(realContent()).id;
export const TIMELINE: readonly string[] = realContent().scenarioOrder;
