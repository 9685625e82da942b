// Migration of scenario files from schema version 1 (typed effects per move) to version 2 (a
// reaction per party at the table, from which the engine derives trust and agreement). Works on
// raw JSON so a file's field order and everything else in it stay as the author wrote them.
// The reactions are a draft: the author reviews each one against the sources.
import { SCENARIO_SCHEMA_VERSION, type ReactionKind } from './schema';

type Json = Record<string, unknown>;

export interface Migration {
  /** The scenario as version 2 JSON. */
  scenario: Json;
  /** What the author must review, one line each, naming the meeting and move. */
  review: string[];
}

/**
 * The reaction a typed trust change suggests: +10 or more welcomes, +1..+9 accepts, none accepts
 * (reviewed), -1..-9 objects, -10..-29 rejects, -30 or less walks out.
 */
export function draftReaction(delta: number): ReactionKind {
  if (delta >= 10) return 'welcomes';
  if (delta >= 0) return 'accepts';
  if (delta > -10) return 'objects';
  if (delta > -30) return 'rejects';
  return 'walks-out';
}

/** Rewrites a version 1 scenario as version 2. Throws (with a message) on anything but version 1. */
export function migrateScenario(raw: unknown): Migration {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a scenario file (expected a JSON object)');
  const source = raw as Json;
  if (source.schemaVersion !== 1) throw new Error(`schemaVersion is ${JSON.stringify(source.schemaVersion)}: only version 1 files are migrated`);
  const scenario = structuredClone(source);
  scenario.schemaVersion = SCENARIO_SCHEMA_VERSION;
  const review: string[] = [];
  const meetings = Array.isArray(scenario.meetings) ? (scenario.meetings as Json[]) : [];
  for (const m of meetings) {
    // Schema 2 asks each question what it measures; an order question is chronology, and the rest
    // are drafted as recall until the author judges which test understanding of a stance.
    for (const q of Array.isArray(m.questions) ? (m.questions as Json[]) : []) {
      if (q.kind !== undefined) continue;
      q.kind = q.type === 'order' ? 'chronology' : 'recall';
      if (q.type !== 'order') review.push(`question "${String(q.id)}": drafted kind "recall"; make it "understanding" if it tests a party's stance`);
    }
    const parties = Array.isArray(m.parties) ? (m.parties as string[]) : [];
    for (const mv of Array.isArray(m.moves) ? (m.moves as Json[]) : []) {
      const at = `meeting "${String(m.id)}", move "${String(mv.id)}"`;
      const effects = (mv.effects ?? {}) as Json;
      const trust = (effects.trust ?? {}) as Record<string, number>;
      const evidence = Array.isArray(mv.evidence) && mv.evidence.length ? mv.evidence[0] : (m.opening as Json | undefined)?.evidence;
      if (!(Array.isArray(mv.evidence) && mv.evidence.length)) review.push(`${at}: no evidence on the move; the reactions quote the meeting's opening — replace with each party's stance`);
      mv.reactions = parties.map((party) => {
        const reaction = draftReaction(trust[party] ?? 0);
        if (trust[party] === undefined) review.push(`${at}: ${party} had no typed trust change; drafted "${reaction}"`);
        return { party, reaction, evidence: structuredClone(evidence) };
      });
      review.push(`${at}: review ${parties.map((p, i) => `${p} ${(mv.reactions as Json[])[i]!.reaction}`).join(', ')} and the evidence behind each`);
      const dropped = Object.keys(trust).filter((p) => !parties.includes(p));
      if (dropped.length) review.push(`${at}: trust changes for parties not at the table are dropped (${dropped.map((p) => `${p} ${trust[p]}`).join(', ')})`);
      if (typeof effects.agreement === 'number' && effects.agreement !== 0) review.push(`${at}: the typed agreement ${effects.agreement} is replaced by the one derived from the reactions`);
      const kept: Json = {};
      if (Array.isArray(effects.setFlags) && effects.setFlags.length) kept.setFlags = effects.setFlags;
      if (Array.isArray(effects.clearFlags) && effects.clearFlags.length) kept.clearFlags = effects.clearFlags;
      if (Object.keys(kept).length) mv.effects = kept;
      else delete mv.effects;
    }
  }
  // Each prediction is a decision too, and a run meets each meeting at most once.
  if (typeof scenario.maxDecisions === 'number') {
    scenario.maxDecisions += meetings.length;
    review.push(`maxDecisions raised by ${meetings.length} (one prediction per meeting at most) to ${scenario.maxDecisions}`);
  }
  return { scenario, review };
}
