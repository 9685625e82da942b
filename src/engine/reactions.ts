// Reactions: how each party at the table takes a move (schema version 2), and the one rule that
// turns them into trust and agreement, the scoring of a player's predictions of them, and the
// player's own "read" of a reaction before choosing. Pure functions, shared by the statechart
// (./scenarioMachine.ts), the fast path (./fastRun.ts) and the views.
import type { Meeting, Move, ReactionKind } from '../content/schema';
import { REACTIONS, walkoutFlag } from '../content/vocabulary';
import { fnv1a } from '../content/text';
import { mulberry32 } from './rng';

export { walkoutFlag };

/**
 * The effect rule. Per reaction: the change to that party's trust, and its weight in the table's
 * agreement; the agreement changes by the mean weight of the parties present (rounded), so a move
 * one party welcomes and another rejects leaves the table where it was. A walk-out also sets the
 * flag `walkout-<party>`: the party is gone for the rest of the run (it reacts to nothing and is
 * not predicted) and endings can test the flag.
 */
export const REACTION_EFFECTS: Record<ReactionKind, { trust: number; agreement: number }> = {
  welcomes: { trust: 15, agreement: 15 },
  accepts: { trust: 5, agreement: 5 },
  objects: { trust: -5, agreement: -5 },
  rejects: { trust: -15, agreement: -15 },
  'walks-out': { trust: -25, agreement: -25 },
};

export { DEFAULT_PREDICTION_DIFFICULTY } from './stats';


/** The meeting's parties still at the table (seated and not walked out earlier), in seat order. */
export function presentParties(meeting: Meeting, flags: readonly string[]): string[] {
  return meeting.parties.filter((p) => !flags.includes(walkoutFlag(p)));
}

/** Whether choosing this move leads to a prediction step (given predictions are switched on). */
export const hasReactions = (move: Move): boolean => !!move.reactions?.length;

/** The reactions of the parties present, in seat order (a move's reactions as they count now). */
export function reactionsNow(move: Move, meeting: Meeting, flags: readonly string[]) {
  const present = presentParties(meeting, flags);
  return (move.reactions ?? []).filter((r) => present.includes(r.party)).sort((a, b) => present.indexOf(a.party) - present.indexOf(b.party));
}

/**
 * The reactions the player predicts: those of the parties present that the scenario scores. A
 * party present but not scored (no question measures it, issue 15) is shown reacting, not
 * predicted: predicting it could never count. `scored` is stats.scoredParties(scenario).
 */
export function reactionsToPredict(move: Move, meeting: Meeting, flags: readonly string[], scored: ReadonlySet<string>) {
  return reactionsNow(move, meeting, flags).filter((r) => scored.has(r.party));
}

export interface MoveEffects {
  /** Wanted change per party, before clamping to 0..100. */
  trust: Record<string, number>;
  agreement: number;
  setFlags: string[];
  clearFlags: string[];
}

/**
 * What a move does to the standing: derived from its reactions by REACTION_EFFECTS when it has
 * them, else (a schema version 1 move) its typed effects. `flags` is the run's flags before it.
 */
export function moveEffects(move: Move, meeting: Meeting, flags: readonly string[]): MoveEffects {
  if (!hasReactions(move)) return { trust: move.effects.trust, agreement: move.effects.agreement, setFlags: move.effects.setFlags, clearFlags: move.effects.clearFlags };
  const reactions = reactionsNow(move, meeting, flags);
  const trust: Record<string, number> = {};
  let weight = 0;
  const setFlags = [...move.effects.setFlags];
  for (const r of reactions) {
    const e = REACTION_EFFECTS[r.reaction];
    trust[r.party] = e.trust;
    weight += e.agreement;
    if (r.reaction === 'walks-out') setFlags.push(walkoutFlag(r.party));
  }
  const agreement = reactions.length ? Math.round(weight / reactions.length) : 0;
  return { trust, agreement, setFlags, clearFlags: move.effects.clearFlags };
}

/** Position on the scale welcomes (0) … walks-out (4). */
export const reactionIndex = (r: ReactionKind) => REACTIONS.indexOf(r);

/** A prediction's score, 0..1: the reaction itself 1, a neighbour on the scale 0.5, else 0. */
export function scorePrediction(predicted: ReactionKind | undefined, actual: ReactionKind): number {
  if (!predicted) return 0;
  const d = Math.abs(reactionIndex(predicted) - reactionIndex(actual));
  return d === 0 ? 1 : d === 1 ? 0.5 : 0;
}

/** Valid predictions: exactly the parties to predict (reactionsToPredict), each with a reaction on the scale. */
export function isPredictionValid(move: Move, meeting: Meeting, flags: readonly string[], predictions: Record<string, unknown>, scored: ReadonlySet<string>): boolean {
  if (!predictions || typeof predictions !== 'object') return false;
  const present = reactionsToPredict(move, meeting, flags, scored).map((r) => r.party);
  const keys = Object.keys(predictions);
  return keys.length === present.length && present.every((p) => Object.hasOwn(predictions, p) && (REACTIONS as readonly unknown[]).includes(predictions[p]));
}

/** The reaction at least two steps away (scores 0): what an "all wrong" prediction says. */
export const farReaction = (r: ReactionKind): ReactionKind => (reactionIndex(r) <= 2 ? 'walks-out' : 'welcomes');

/** The two extreme predictions for a move: all right, then all wrong (explorer and simulator). */
export function representativePredictions(move: Move, meeting: Meeting, flags: readonly string[], scored: ReadonlySet<string>): Record<string, ReactionKind>[] {
  const reactions = reactionsToPredict(move, meeting, flags, scored);
  return [
    Object.fromEntries(reactions.map((r) => [r.party, r.reaction])),
    Object.fromEntries(reactions.map((r) => [r.party, farReaction(r.reaction)])),
  ];
}

/** Understanding below this shows no read at all ("not enough understanding yet"). */
export const READ_THRESHOLD = 25;

/**
 * The player's own read of how `party` will take `move` ("Your read: Kosovo objects"), from their
 * understanding of that party (0..100). Null when the move has no reaction for the party or the
 * understanding is below READ_THRESHOLD. Otherwise right with probability understanding/100, else a
 * neighbour on the scale (towards the middle at the ends). One draw from the run's seed, the move
 * and the party decides, so the read is stable within a run and, as understanding rises, a read
 * that was right stays right.
 */
export function yourRead(move: Move, party: string, understanding: number, seed: number): ReactionKind | null {
  const actual = move.reactions?.find((r) => r.party === party)?.reaction;
  if (!actual || understanding < READ_THRESHOLD) return null;
  const random = mulberry32((seed ^ fnv1a(`read|${move.id}|${party}`)) >>> 0);
  if (random() < understanding / 100) return actual;
  const i = reactionIndex(actual);
  const down = i === REACTIONS.length - 1 || (i > 0 && random() < 0.5);
  return REACTIONS[down ? i - 1 : i + 1]!;
}
