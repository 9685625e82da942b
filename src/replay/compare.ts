// Two runs of one scenario side by side: how each ended, understanding and trust per party, and
// the first decision where they went different ways (the "what if" question).
import type { Content } from '../content/loader';
import type { Ending } from '../content/schema';
import { stableStringify } from '../content/text';
import { replayRun, type RunRecord } from '../engine/run';
import { keepsTrust } from '../engine/presenter';
import { standingOf } from '../engine/scenarioMachine';
import { checkRecord } from '../persistence/runSave';
import { decisionTimeline, scenarioParties, type Decision } from './timeline';

export interface Pair<T> {
  a: T;
  b: T;
}

export interface EndingSummary {
  id: string;
  kind: Ending['kind'];
  title: string;
}

export interface PartyComparison {
  party: string;
  name: string;
  understanding: Pair<number>;
  trust: Pair<number>;
  /** Whether the scenario keeps this party's trust (false: the party is asked about, never at the table). */
  seated: boolean;
}

export interface RunComparison {
  scenarioId: string;
  /** How each run ended, or null for a run that has not ended. */
  endings: Pair<EndingSummary | null>;
  parties: PartyComparison[];
  agreement: Pair<number>;
  decisions: Pair<Decision[]>;
  /**
   * Index of the first decision where the runs differ (another question, answer, hint, timeout,
   * move or prediction of a move's reactions), or null when they are the same or one is the beginning of the other.
   */
  firstDivergence: number | null;
}

/** What makes two decisions the same choice: not their effects, which follow from the past. */
function decisionKey(d: Decision): string {
  return d.kind === 'move'
    ? stableStringify(['move', d.meetingId, d.moveId, ...(d.reactions ? [d.reactions.map((r) => r.predicted), !!d.predictionTimedOut] : [])])
    : stableStringify(['question', d.questionId, d.answer, d.hintUsed, d.timedOut]);
}

export function firstDivergence(a: readonly Decision[], b: readonly Decision[]): number | null {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) if (decisionKey(a[i]!) !== decisionKey(b[i]!)) return i;
  return null;
}

/**
 * Compares two records of the same scenario. Throws when they are of different scenarios or do
 * not belong to this content (decode codes with decodeRunCode first, which checks both).
 */
export function compareRuns(content: Content, a: RunRecord, b: RunRecord): RunComparison {
  if (a.scenarioId !== b.scenarioId) throw new Error(`cannot compare runs of different scenarios ("${a.scenarioId}", "${b.scenarioId}")`);
  for (const record of [a, b]) {
    const problem = checkRecord(content, record);
    if (problem) throw new Error(`cannot compare runs: ${problem}`);
  }
  const scenario = content.scenarios[a.scenarioId]!;
  const finalOf = (record: RunRecord) => {
    const run = replayRun(scenario, record);
    const snapshot = run.getSnapshot();
    run.stop();
    return snapshot;
  };
  const [sa, sb] = [finalOf(a), finalOf(b)];
  const [standA, standB] = [standingOf(scenario, sa.context), standingOf(scenario, sb.context)];
  const endingOf = (id: string | null): EndingSummary | null => {
    const e = id ? scenario.endings.find((x) => x.id === id) : undefined;
    return e ? { id: e.id, kind: e.kind, title: e.title } : null;
  };
  const decisions = { a: decisionTimeline(content, scenario, a), b: decisionTimeline(content, scenario, b) };
  return {
    scenarioId: scenario.id,
    endings: { a: endingOf(sa.context.endingId), b: endingOf(sb.context.endingId) },
    parties: scenarioParties(content, scenario).map((party) => ({
      party,
      name: content.parties[party]?.name ?? party,
      understanding: { a: standA.understanding[party] ?? 0, b: standB.understanding[party] ?? 0 },
      trust: { a: standA.trust[party] ?? 0, b: standB.trust[party] ?? 0 },
      seated: keepsTrust(scenario, party),
    })),
    agreement: { a: standA.agreement, b: standB.agreement },
    decisions,
    firstDivergence: firstDivergence(decisions.a, decisions.b),
  };
}
