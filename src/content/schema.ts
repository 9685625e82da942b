// The content contract: everything an author can write in content/, as zod schemas.
// Types are inferred from these schemas so the engine and the views never restate them.
import * as z from 'zod';
import { DEFAULT_SETTING, ISSUES, QUESTION_KINDS, REACTIONS, SETTINGS, STANCE_KINDS, VOICE_KINDS } from './vocabulary';

export * from './vocabulary';

/** The version of parties, sources, glossary and neutrality files (unchanged since the first). */
export const SCHEMA_VERSION = 1;
/**
 * The version scenario files are written in. Version 2 adds `reactions` to moves, from which the
 * engine derives trust and agreement (src/engine/reactions.ts). Version 1 files still load: their
 * moves keep typed effects and have no reactions (`npm run content:migrate -- FILE` rewrites one).
 */
export const SCENARIO_SCHEMA_VERSION = 2;

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes');
const Text = z.string().trim().min(1, 'must not be empty');
const Lang = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as "en"');
const Version = z.literal(SCHEMA_VERSION, { error: `schemaVersion must be ${SCHEMA_VERSION}` });

/** A verbatim quote from one source's passages: the trace every fact in the game needs. */
export const EvidenceSchema = z.strictObject({
  source: Id,
  quote: Text,
});

/**
 * Who a report quotes or reports acting. A person with `party` speaks for that party (Lavrov for
 * Russia); a person with `voice` is a voice: a commentator, analyst, opposition group, rights group
 * or unnamed source, attributed by name and never scored as a party (issue 15).
 */
export const PersonSchema = z
  .strictObject({
    id: Id,
    /** As the report prints it ("Jelena Milić", "critics", "Serbian rights groups"). */
    name: Text,
    /** As the report describes them ("Russia's foreign minister"). */
    role: Text,
    party: Id.optional(),
    voice: z.enum(VOICE_KINDS).optional(),
  })
  .refine((p) => (p.party === undefined) !== (p.voice === undefined), {
    message: 'a person has either `party` (speaks for a party) or `voice` (a commentator, analyst, group…), not both',
  });

export const PassageSchema = z.strictObject({
  id: Id,
  text: Text,
  /**
   * Whose own words or actions the passage reports: ids of the source's `people`, or party ids for
   * a party reported acting ("Belgrade has refused…"). Empty: the report's own narration.
   */
  speakers: z.array(Id).default([]),
});

export const SourceSchema = z.strictObject({
  schemaVersion: Version,
  id: Id,
  lang: Lang,
  /** File name of the original capture in shared/seeds, used to check passages verbatim. */
  capture: z.string().regex(/^[0-9]{3}_[0-9a-f]{16}\.txt$/),
  outlet: Text,
  headline: Text,
  /** The date as the game shows it, e.g. "June 2020" or "about January 2026". */
  date: Text,
  year: z.number().int().min(1990).max(2100),
  /** Everyone the report quotes or reports acting, officials and voices alike. */
  people: z.array(PersonSchema).default([]),
  passages: z.array(PassageSchema).min(1),
});

export const StanceSchema = z.strictObject({
  issue: z.enum(ISSUES),
  kind: z.enum(STANCE_KINDS).default('position'),
  text: Text,
  evidence: EvidenceSchema,
});

export const PartySchema = z.strictObject({
  id: Id,
  name: Text,
  shortName: Text,
  /** Neutral one-line description in the project's own words. */
  description: Text,
  /** Colour-blind-safe hue; never the only cue (name and emblem always show too). */
  colour: z.string().regex(/^#[0-9a-f]{6}$/),
  emblem: Text,
  stances: z.array(StanceSchema),
});

export const PartiesFileSchema = z.strictObject({
  schemaVersion: Version,
  lang: Lang,
  parties: z.array(PartySchema).min(2),
});

export const GlossaryFileSchema = z.strictObject({
  schemaVersion: Version,
  lang: Lang,
  terms: z.array(
    z.strictObject({
      id: Id,
      term: Text,
      aliases: z.array(Text).default([]),
      definition: Text,
      evidence: EvidenceSchema.optional(),
    }),
  ),
});

export const NeutralityFileSchema = z.strictObject({
  schemaVersion: Version,
  /** Words the project's own text must not use (quotes may, since they are attributed). */
  loadedTerms: z.array(Text),
});

const QuestionBase = {
  id: Id,
  prompt: Text,
  /** Required in scenario schema 2 (checked below); a schema 1 file migrates to `recall`/`chronology`. */
  kind: z.enum(QUESTION_KINDS).optional(),
  /**
   * The parties whose own position or action this question tests; understanding of each moves with
   * the answer. Empty only for a question about a voice (then `voices` names it).
   */
  measures: z.array(Id).default([]),
  /** Voices (people ids of the source with `voice`) the question is about: attributed, never scored. */
  voices: z.array(Id).default([]),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** Why the answer is right, in the project's own words. */
  explanation: Text,
  evidence: z.array(EvidenceSchema).min(1),
  hint: Text.optional(),
};

const OptionSchema = z.strictObject({
  id: Id,
  text: Text,
  correct: z.boolean().default(false),
  /** Shown when this option was chosen, e.g. whose position it really is. */
  feedback: Text.optional(),
});

export const ChoiceQuestionSchema = z.strictObject({
  ...QuestionBase,
  type: z.literal('choice'),
  options: z.array(OptionSchema).min(2).max(5),
});

export const WhoSaidQuestionSchema = z.strictObject({
  ...QuestionBase,
  type: z.literal('who-said'),
  /** Shown as a quote: must be verbatim in the source. */
  quote: EvidenceSchema,
  options: z.array(OptionSchema).min(2).max(5),
});

export const TrueFalseQuestionSchema = z.strictObject({
  ...QuestionBase,
  type: z.literal('true-false'),
  statement: Text,
  answer: z.boolean(),
});

export const SortQuestionSchema = z.strictObject({
  ...QuestionBase,
  type: z.literal('sort'),
  /** Party ids to sort into. */
  categories: z.array(Id).min(2).max(4),
  statements: z.array(z.strictObject({ id: Id, text: Text, party: Id })).min(2).max(6),
});

export const OrderQuestionSchema = z.strictObject({
  ...QuestionBase,
  type: z.literal('order'),
  /** Listed in the correct order; the game shows them shuffled. */
  events: z.array(z.strictObject({ id: Id, text: Text, when: Text })).min(3).max(6),
});

export const QuestionSchema = z.discriminatedUnion('type', [
  ChoiceQuestionSchema,
  WhoSaidQuestionSchema,
  TrueFalseQuestionSchema,
  SortQuestionSchema,
  OrderQuestionSchema,
]);

export const RequirementSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('understanding'), party: Id, min: z.number().min(0).max(100) }),
  z.strictObject({ kind: z.literal('trust'), party: Id, min: z.number().min(0).max(100) }),
  z.strictObject({ kind: z.literal('trust-below'), party: Id, max: z.number().min(0).max(100) }),
  z.strictObject({ kind: z.literal('agreement'), min: z.number().min(0).max(100) }),
  z.strictObject({ kind: z.literal('agreement-below'), max: z.number().min(0).max(100) }),
  z.strictObject({ kind: z.literal('flag'), flag: Id }),
  z.strictObject({ kind: z.literal('no-flag'), flag: Id }),
]);

export const ReactionSchema = z.strictObject({
  party: Id,
  reaction: z.enum(REACTIONS),
  /** The party's stance the reaction rests on: a verbatim quote, checked like all evidence. */
  evidence: EvidenceSchema,
  /** Weight of predicting this reaction, as a question's difficulty (default 2). */
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
});

export const EffectsSchema = z.strictObject({
  trust: z.record(z.string(), z.number().int().min(-100).max(100)).default({}),
  agreement: z.number().int().min(-100).max(100).default(0),
  setFlags: z.array(Id).default([]),
  clearFlags: z.array(Id).default([]),
});

export const MoveSchema = z.strictObject({
  id: Id,
  kind: z.enum(['proposal', 'concession', 'appeal', 'invite', 'leave']),
  text: Text,
  /** What happens at the table after the move, attributed, in the project's own words. */
  response: Text,
  requires: z.array(RequirementSchema).default([]),
  effects: EffectsSchema.default({ trust: {}, agreement: 0, setFlags: [], clearFlags: [] }),
  /** The next meeting's id, or "end" to conclude the scenario. */
  next: Id,
  evidence: z.array(EvidenceSchema).default([]),
  /**
   * Schema version 2: how each party seated at the meeting takes the move. When present, trust and
   * agreement follow from them (src/engine/reactions.ts) and `effects` may only set or clear flags.
   */
  reactions: z.array(ReactionSchema).min(1).optional(),
});

export const MeetingSchema = z.strictObject({
  id: Id,
  title: Text,
  place: Text,
  /** The kind of room (optional; files written before it existed load as a conference hall). */
  setting: z.enum(SETTINGS).default(DEFAULT_SETTING),
  /** The city the meeting is in, as shown ("Brussels"); the journey map places the cities it knows. */
  city: Text.optional(),
  /** Parties at the table; the first is the host. */
  parties: z.array(Id).min(1),
  opening: z.strictObject({
    speaker: Id,
    /** An attributed paraphrase of the party's position ("Lavrov said ..."). */
    text: Text,
    evidence: EvidenceSchema,
  }),
  questions: z.array(QuestionSchema).min(1).max(6),
  moves: z.array(MoveSchema).min(2).max(4),
});

export const EndingSchema = z.strictObject({
  id: Id,
  kind: z.enum(['breakthrough', 'partial', 'stalemate', 'walkout']),
  title: Text,
  /** All must hold; endings are tried in order and the last must have none (the fallback). */
  when: z.array(RequirementSchema),
  debrief: Text,
  evidence: z.array(EvidenceSchema).default([]),
});

export const ScenarioSchema = z.strictObject({
  schemaVersion: z.union([z.literal(1), z.literal(SCENARIO_SCHEMA_VERSION)], {
    error: `schemaVersion must be ${SCENARIO_SCHEMA_VERSION} (or 1, the previous version, still read)`,
  }),
  id: Id,
  lang: Lang,
  title: Text,
  /** Shown on the timeline, as the seeds README gives it. */
  date: Text,
  year: z.number().int().min(1990).max(2100),
  /** Position on the timeline (2018 → 2026). */
  order: z.number().int().min(1),
  source: Id,
  envoy: z.strictObject({
    role: z.enum(['EU', 'US', 'UN', 'independent']),
    title: Text,
  }),
  summary: Text,
  briefing: z.array(z.strictObject({ text: Text, evidence: EvidenceSchema.optional() })).min(1),
  /** Base seconds per question when a teacher turns the timer on. */
  questionSeconds: z.number().int().min(10).max(600).default(60),
  flags: z.array(z.strictObject({ id: Id, description: Text })).default([]),
  initial: z.strictObject({
    trust: z.record(z.string(), z.number().int().min(0).max(100)),
    agreement: z.number().int().min(0).max(100).default(0),
  }),
  start: Id,
  meetings: z.array(MeetingSchema).min(2),
  endings: z.array(EndingSchema).min(3),
  /** Upper bound on decisions (answers + moves) in one run, checked by path enumeration. */
  maxDecisions: z.number().int().min(1).max(200),
  /** A guided practice run: kept off the timeline, started from "How to play", shown with coaching. */
  tutorial: z.boolean().default(false),
}).superRefine((scenario, ctx) => {
  // Version 1 moves type their effects; version 2 moves declare reactions and the engine derives
  // the effects, so a move never says the same thing twice (and never disagrees with itself).
  scenario.meetings.forEach((m, mi) =>
    m.questions.forEach((q, qi) => {
      const at = ['meetings', mi, 'questions', qi];
      if (scenario.schemaVersion !== 1 && !q.kind) {
        ctx.addIssue({ code: 'custom', path: [...at, 'kind'], message: `every question needs \`kind\` in schemaVersion 2: one of ${QUESTION_KINDS.join(', ')}` });
      }
      if (!q.measures.length && !q.voices.length) {
        ctx.addIssue({ code: 'custom', path: [...at, 'measures'], message: 'name the party whose stance the question tests in `measures` (or the voice it is about in `voices`)' });
      }
    }),
  );
  scenario.meetings.forEach((m, mi) =>
    m.moves.forEach((mv, vi) => {
      const at = ['meetings', mi, 'moves', vi];
      if (scenario.schemaVersion === 1 && mv.reactions) {
        ctx.addIssue({ code: 'custom', path: [...at, 'reactions'], message: 'reactions need schemaVersion 2 (run npm run content:migrate)' });
      }
      if (scenario.schemaVersion !== 1 && !mv.reactions) {
        ctx.addIssue({ code: 'custom', path: [...at, 'reactions'], message: 'every move needs reactions in schemaVersion 2, one per party at the table' });
      }
      if (mv.reactions && Object.keys(mv.effects.trust).length) {
        ctx.addIssue({ code: 'custom', path: [...at, 'effects', 'trust'], message: 'a move with reactions may not type trust effects: they follow from the reactions' });
      }
      if (mv.reactions && mv.effects.agreement !== 0) {
        ctx.addIssue({ code: 'custom', path: [...at, 'effects', 'agreement'], message: 'a move with reactions may not type an agreement effect: it follows from the reactions' });
      }
    }),
  );
});

export type Evidence = z.infer<typeof EvidenceSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Party = z.infer<typeof PartySchema>;
export type Person = z.infer<typeof PersonSchema>;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type Stance = z.infer<typeof StanceSchema>;
export type StanceKind = (typeof STANCE_KINDS)[number];
export type GlossaryTerm = z.infer<typeof GlossaryFileSchema>['terms'][number];
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question['type'];
export type Requirement = z.infer<typeof RequirementSchema>;
export type Effects = z.infer<typeof EffectsSchema>;
export type ReactionKind = (typeof REACTIONS)[number];
export type Setting = (typeof SETTINGS)[number];
export type Reaction = z.infer<typeof ReactionSchema>;
export type Move = z.infer<typeof MoveSchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type Ending = z.infer<typeof EndingSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
