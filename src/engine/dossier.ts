// The player's dossier during the talks (issue 14 item 5): for each party at the current table,
// what the reports say it holds, opened kind by kind as the player's understanding of that party
// rises. Understanding pays off twice: a better read of reactions (reactions.ts yourRead) and a
// clearer view of each party's interests and red lines, always as the sources state them.
import type { Content } from '../content/loader';
import type { Scenario, Stance, StanceKind } from '../content/schema';
import { READ_THRESHOLD } from './reactions';

/**
 * Understanding (0–100) at which each kind of stance opens. Context is what the reports say about
 * a party and needs no understanding; the deeper kinds follow the thresholds of "your read"
 * (READ_THRESHOLD) so the dossier and the move cards open together.
 */
export const REVEAL_AT: Record<StanceKind, number> = { context: 0, position: READ_THRESHOLD, interest: 50, 'red-line': 75 };

/** The order the dossier lists a party's stances in: the surface first, the red lines last. */
const KIND_ORDER: readonly StanceKind[] = ['context', 'position', 'interest', 'red-line'];

export interface DossierParty {
  party: string;
  understanding: number;
  /** The stances open at this understanding, in KIND_ORDER then content order. */
  open: Stance[];
  /** How many stances are still closed, and the understanding at which the next one opens (null when none is left). */
  closed: number;
  nextAt: number | null;
}

/**
 * Whether a stance belongs in a scenario's dossier: one from a report no later than the scenario's
 * own, so a 2018 table is not briefed with what was said in 2026.
 */
export function stanceInTime(content: Content, scenario: Scenario, stance: Stance): boolean {
  const year = content.sources[stance.evidence.source]?.year;
  return year !== undefined && year <= scenario.year;
}

/**
 * The dossier for the given parties (ids, in the order to show), at the given understanding per
 * party (0–100; a party not in the record counts as 0). A party not in `scored` (present, not
 * scored: its understanding can never rise) shows every stance in time at once.
 */
export function dossierOf(content: Content, scenario: Scenario, parties: readonly string[], understanding: Readonly<Record<string, number>>, scored?: ReadonlySet<string>): DossierParty[] {
  return parties.map((party) => {
    const level = scored && !scored.has(party) ? 100 : (understanding[party] ?? 0);
    const stances = (content.parties[party]?.stances ?? [])
      .filter((s) => stanceInTime(content, scenario, s))
      .map((s, i) => ({ s, i }))
      .sort((a, b) => KIND_ORDER.indexOf(a.s.kind) - KIND_ORDER.indexOf(b.s.kind) || a.i - b.i)
      .map(({ s }) => s);
    const open = stances.filter((s) => level >= REVEAL_AT[s.kind]);
    const closedAt = stances.filter((s) => level < REVEAL_AT[s.kind]).map((s) => REVEAL_AT[s.kind]);
    return { party, understanding: level, open, closed: closedAt.length, nextAt: closedAt.length ? Math.min(...closedAt) : null };
  });
}
