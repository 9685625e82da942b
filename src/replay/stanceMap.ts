// The stance map of a finished (or watched) run, for the debrief: each party with its name, emblem
// and colour, where it ends up on understanding (the player's, of it) and trust (its, of the
// player), and how it reacted to each move of the run in order. The stage draws it as a picture
// (scenes/stage/DebriefScene.ts) and the debrief's table shows the same figures in HTML, so both
// read this one function.
import type { ReactionKind } from '../content/schema';
import { REACTIONS } from '../content/vocabulary';
import type { PartyRef, RunView } from '../engine/presenter';
import type { Decision, MoveDecision } from './timeline';

export interface StanceMove {
  /** 1-based position among the run's moves ("move 2"). */
  number: number;
  meetingId: string;
  moveId: string;
  text: string;
}

export interface StanceParty extends PartyRef {
  /** 0..100, or null while no question or prediction about the party has counted. */
  understanding: number | null;
  /** 0..100, or null for a party the scenario keeps no trust for (never at a table). */
  trust: number | null;
  /** Per move of the run (same order as StanceMap.moves): its reaction, or null when it did not react (absent, or a schema 1 move). */
  reactions: Array<ReactionKind | null>;
}

export interface StanceMap {
  moves: StanceMove[];
  parties: StanceParty[];
  /** Whether any move of the run has reactions (schema 1 runs have none to draw). */
  hasReactions: boolean;
}

/** A reaction's place on the scale: 0 welcomes … 4 walks out (the order of REACTIONS). */
export const reactionLevel = (r: ReactionKind): number => REACTIONS.indexOf(r);

/**
 * The stance map from the run's view (its meters at the end) and its decision timeline
 * (src/replay/timeline.ts decisionTimeline). Parties are the view's, in its order.
 */
export function stanceMap(view: Pick<RunView, 'parties'>, decisions: readonly Decision[]): StanceMap {
  const moves = decisions.filter((d): d is MoveDecision => d.kind === 'move');
  return {
    moves: moves.map((m, i) => ({ number: i + 1, meetingId: m.meetingId, moveId: m.moveId, text: m.text })),
    parties: view.parties.map((p) => ({
      id: p.id,
      name: p.name,
      shortName: p.shortName,
      colour: p.colour,
      emblem: p.emblem,
      understanding: p.measured ? p.understanding : null,
      trust: p.seated ? p.trust : null,
      reactions: moves.map((m) => m.reactions?.find((r) => r.party === p.id)?.reaction ?? null),
    })),
    hasReactions: moves.some((m) => !!m.reactions?.length),
  };
}
