// Design measures (issue 14 item 7): does understanding decide the negotiation? For one scenario,
// the share of each ending under several players, the successful endings informed play can reach,
// how well a player does who always picks the same move slot, and the design rules these must meet.
// Runs are played on the fast path (./fastRun.ts, checked against the statechart by
// tests/unit/simulate.test.ts), the first run of each player is also replayed through the real
// statechart, and a difference is an error.
//
// Terms:
// - successful ending: an ending of kind 'breakthrough' (SUCCESSFUL_KINDS).
// - informed: every question answered right and every reaction predicted right.
// - random: any sensible choice at random (questions and predictions all right or all wrong, as
//   the explorer's extremes; moves among the unlocked ones).
// - favours P: informed, and at each meeting the unlocked move best for party P: the largest
//   trust change for P the move brings (its reactions by the effect rule, or a version 1 move's
//   typed effects); ties broken at random.
// - slot k: informed, and at each meeting the move at position k in content order when it is
//   unlocked, else a random unlocked move.
import type { Scenario } from '../content/schema';
import { compileScenario, type CompiledScenario, type FastRun } from './fastRun';
import { moveEffects } from './reactions';
import { mulberry32 } from './rng';
import { replayRun } from './run';
import type { RunEvent, RunSettings } from './scenarioMachine';

export const SUCCESSFUL_KINDS: readonly string[] = ['breakthrough'];

/** Thresholds of the design rules (shares are 0..1). */
export const DESIGN_RULES = {
  minSuccessfulEndings: 2,
  maxSlotSuccess: 0.5,
  maxRandomSuccess: 0.1,
} as const;

export type DesignRule = 'two-successes' | 'slot-policy' | 'random-success';

export interface DesignReport {
  scenarioId: string;
  runs: number;
  /** Share of runs (0..1) ending in each ending, per player. */
  random: Record<string, number>;
  informedRandomMoves: Record<string, number>;
  /** Per party P: the informed player who favours P. */
  favouring: Record<string, Record<string, number>>;
  /** Successful endings some informed path reaches (every unlocked move tried). */
  successfulReachable: string[];
  /** Per move slot (0-based): share of runs reaching a successful ending. */
  slotSuccess: number[];
  randomSuccess: number;
  violations: Array<{ rule: DesignRule; message: string }>;
  /** Why the design rules do not apply to this scenario (the practice run), or null when they do. */
  exemption: string | null;
}

/**
 * Why a scenario is exempt from the design rules, or null. The practice scenario (`tutorial: true`)
 * teaches the controls in two short meetings with one right move to find: it has one successful
 * ending on purpose and is meant to be won, so "two successful endings", "no move slot wins more
 * than half the time" and "random play rarely succeeds" would only push it to be a real scenario.
 */
export function designExemption(scenario: Scenario): string | null {
  return scenario.tutorial ? 'a practice scenario: it teaches the controls and is meant to be won, so the rules for real scenarios do not apply' : null;
}

const SETTINGS: RunSettings = { timerSeconds: null, hintsEnabled: false };
const MAX_STEPS = 2000;

/** Picks the index of the move to choose among `choices(run)` (all 'move.choose'). */
type MovePolicy = (run: FastRun, choices: readonly RunEvent[], random: () => number) => number;

function play(compiled: CompiledScenario, informed: boolean, pickMove: MovePolicy, random: () => number, events?: RunEvent[]): string {
  const run = compiled.start();
  for (let step = 0; step < MAX_STEPS && run.phase !== 'ending' && run.phase !== 'stuck'; step++) {
    const choices = compiled.choices(run);
    let index: number;
    if (run.phase === 'moves') index = pickMove(run, choices, random);
    else if (run.phase === 'question' || run.phase === 'predicting') index = informed ? 0 : Math.floor(random() * choices.length);
    else index = 0;
    events?.push(choices[index]!);
    compiled.choose(run, index);
  }
  const result = compiled.result(run);
  if (!result) throw new Error(`${compiled.scenario.id}: a simulated run did not end`);
  return result.endingId;
}

const randomMove: MovePolicy = (_run, choices, random) => Math.floor(random() * choices.length);

function favouring(party: string): MovePolicy {
  return (run, choices, random) => {
    const meeting = run.meeting!.meeting;
    const gain = choices.map((e) => {
      const move = meeting.moves.find((mv) => e.type === 'move.choose' && mv.id === e.moveId)!;
      return moveEffects(move, meeting, run.flags).trust[party] ?? 0;
    });
    const best = Math.max(...gain);
    const top = gain.flatMap((g, i) => (g === best ? [i] : []));
    return top[Math.floor(random() * top.length)]!;
  };
}

function slot(k: number): MovePolicy {
  return (run, choices, random) => {
    const wanted = run.meeting!.meeting.moves[k]?.id;
    const i = choices.findIndex((e) => e.type === 'move.choose' && e.moveId === wanted);
    return i >= 0 ? i : Math.floor(random() * choices.length);
  };
}

/** Successful endings reachable by informed play: a walk over every unlocked move. */
function reachableSuccesses(compiled: CompiledScenario): string[] {
  const scenario = compiled.scenario;
  const found = new Set<string>();
  const seen = new Set<string>();
  const walk = (events: RunEvent[]): void => {
    const run = compiled.start();
    for (const e of events) compiled.send(run, e);
    // Play informed up to the next choice of move (or the end).
    for (let step = 0; step < MAX_STEPS && run.phase !== 'moves' && run.phase !== 'ending' && run.phase !== 'stuck'; step++) {
      const e = compiled.choices(run)[0]!;
      events = [...events, e];
      compiled.choose(run, 0);
    }
    if (run.phase === 'ending') {
      const ending = scenario.endings.find((x) => x.id === run.endingId);
      if (ending && SUCCESSFUL_KINDS.includes(ending.kind)) found.add(ending.id);
      return;
    }
    if (run.phase !== 'moves') return;
    const key = JSON.stringify([run.meeting!.meeting.id, run.trust, run.agreement, [...run.flags].sort(), compiled.understanding(run)]);
    if (seen.has(key)) return;
    seen.add(key);
    for (const e of compiled.choices(run)) walk([...events, e]);
  };
  walk([]);
  return scenario.endings.filter((e) => found.has(e.id)).map((e) => e.id);
}

/** Replays one run through the statechart; throws if it ends elsewhere than the fast path said. */
function verify(scenario: Scenario, events: RunEvent[], endingId: string): void {
  const real = replayRun(scenario, { scenarioId: scenario.id, contentVersion: '', seed: 1, settings: SETTINGS, events });
  const output = real.getSnapshot().output;
  real.stop();
  if (output?.endingId !== endingId) {
    throw new Error(`${scenario.id}: the fast path (src/engine/fastRun.ts) ended in "${endingId}", the statechart in "${output?.endingId}"`);
  }
}

/**
 * The design figures of a scenario over `runs` runs per player (seeded: the same arguments give
 * the same report), and the design rules it violates: at least two successful endings reachable by
 * informed play; no move-slot player succeeds in more than half of its runs; random play succeeds
 * in under a tenth of its runs.
 */
export function designReport(scenario: Scenario, options: { runs?: number; seed?: number } = {}): DesignReport {
  const runs = options.runs ?? 1000;
  const random = mulberry32(options.seed ?? 1);
  const compiled = compileScenario(scenario, SETTINGS);
  const shares = (informed: boolean, policy: MovePolicy): Record<string, number> => {
    const counts: Record<string, number> = Object.fromEntries(scenario.endings.map((e) => [e.id, 0]));
    for (let i = 0; i < runs; i++) {
      const events: RunEvent[] | undefined = i === 0 ? [] : undefined;
      const ending = play(compiled, informed, policy, random, events);
      if (events) verify(scenario, events, ending);
      counts[ending]!++;
    }
    return Object.fromEntries(Object.entries(counts).map(([e, n]) => [e, n / runs]));
  };
  const success = (s: Record<string, number>) =>
    scenario.endings.filter((e) => SUCCESSFUL_KINDS.includes(e.kind)).reduce((sum, e) => sum + (s[e.id] ?? 0), 0);

  const randomShares = shares(false, randomMove);
  const informedRandomMoves = shares(true, randomMove);
  const parties = [...new Set(scenario.meetings.flatMap((m) => m.parties))];
  const favour = Object.fromEntries(parties.map((p) => [p, shares(true, favouring(p))]));
  const slots = Math.max(...scenario.meetings.map((m) => m.moves.length));
  const slotSuccess = Array.from({ length: slots }, (_, k) => success(shares(true, slot(k))));
  const successfulReachable = reachableSuccesses(compiled);
  const randomSuccess = success(randomShares);

  const pct = (x: number) => `${Math.round(100 * x)} %`;
  const violations: DesignReport['violations'] = [];
  const exemption = designExemption(scenario);
  if (successfulReachable.length < DESIGN_RULES.minSuccessfulEndings) {
    violations.push({
      rule: 'two-successes',
      message: `informed play reaches ${successfulReachable.length} successful ending(s) (${successfulReachable.join(', ') || 'none'}); at least ${DESIGN_RULES.minSuccessfulEndings} are needed`,
    });
  }
  slotSuccess.forEach((s, k) => {
    if (s > DESIGN_RULES.maxSlotSuccess) {
      violations.push({ rule: 'slot-policy', message: `always picking move ${k + 1} succeeds in ${pct(s)} of runs (at most ${pct(DESIGN_RULES.maxSlotSuccess)})` });
    }
  });
  if (randomSuccess >= DESIGN_RULES.maxRandomSuccess) {
    violations.push({ rule: 'random-success', message: `random play succeeds in ${pct(randomSuccess)} of runs (under ${pct(DESIGN_RULES.maxRandomSuccess)} wanted)` });
  }
  return {
    scenarioId: scenario.id,
    runs,
    random: randomShares,
    informedRandomMoves,
    favouring: favour,
    successfulReachable,
    slotSuccess,
    randomSuccess,
    // An exempt scenario's figures are still measured and printed; its rules are not enforced.
    violations: exemption ? [] : violations,
    exemption,
  };
}
