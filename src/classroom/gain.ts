// The class's learning gain (issue 18 item 1): from the before-and-after check of every counted
// run (worked out again by replay in ./dashboard.ts, never read from a file), the class's mean
// before and after per party and the share right before and after per item.
import type { Content } from '../content/loader';
import type { Scenario } from '../content/schema';
import type { CheckResult } from '../engine/check';
import { questionLabel } from '../engine/presenter';
import { findQuestion } from '../engine/stats';

export interface PartyGain {
  party: string;
  name: string;
  /** Mean check score before and after, 0..100 rounded, over the students whose check asked about the party; null when none. */
  before: number | null;
  after: number | null;
  /** after − before, in points of the 0..100 scale; null when no student was checked on the party. */
  gain: number | null;
  students: number;
}

export interface ItemGain {
  questionId: string;
  /** The question as a list names it (questionLabel). */
  label: string;
  /** Share of the item's points earned, 0..100 rounded, before and after; students who were asked it. */
  before: number;
  after: number;
  gain: number;
  students: number;
}

export interface GainSummary {
  /** Students whose counted run of the scenario had the check. */
  students: number;
  parties: PartyGain[];
  items: ItemGain[];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Per party, over the checks given (one per student and scenario). */
export function partyGains(content: Content, parties: readonly string[], checks: ReadonlyArray<CheckResult | null>): PartyGain[] {
  const given = checks.filter((c): c is CheckResult => !!c);
  return parties.map((party) => {
    const measured = given.filter((c) => Object.hasOwn(c.before, party));
    const name = content.parties[party]?.name ?? party;
    if (!measured.length) return { party, name, before: null, after: null, gain: null, students: 0 };
    const before = Math.round(mean(measured.map((c) => c.before[party]!)));
    const after = Math.round(mean(measured.map((c) => c.after[party]!)));
    return { party, name, before, after, gain: after - before, students: measured.length };
  });
}

/** One scenario's gain, or null when no counted run of it had the check. */
export function scenarioGain(content: Content, scenario: Scenario, parties: readonly string[], checks: ReadonlyArray<CheckResult | null>): GainSummary | null {
  const given = checks.filter((c): c is CheckResult => !!c);
  if (!given.length) return null;
  const items: ItemGain[] = [];
  // In content order: the same for every student, whatever order their check asked in.
  for (const q of scenario.meetings.flatMap((m) => m.questions)) {
    const asked = given.map((c) => c.items[q.id]).filter((i) => !!i);
    if (!asked.length) continue;
    const before = Math.round(100 * mean(asked.map((i) => i.before)));
    const after = Math.round(100 * mean(asked.map((i) => i.after)));
    items.push({ questionId: q.id, label: questionLabel(findQuestion(scenario, q.id)!), before, after, gain: after - before, students: asked.length });
  }
  return { students: given.length, parties: partyGains(content, parties, given).filter((p) => p.students > 0), items };
}
