// What a view shows of a run, derived from its snapshot: the phase, the meeting, the question
// with its options in seeded order, the feedback, the moves (locked ones with their reasons, and
// the player's read of each party's reaction), the prediction step, the reactions beside the
// predictions after a move, the meters (understanding split into questions and predictions) and
// the ending. Scenes render this and hold no rule of their own.
import type { Content } from '../content/loader';
import type { Evidence, Setting, Meeting, Move, Question, ReactionKind, Requirement, Scenario } from '../content/schema';
import { REACTIONS } from '../content/vocabulary';
import { t } from '../i18n';
import { quoted } from '../i18n/quoted';
import { containsWords } from '../content/words';
import { dossierOf, type DossierParty } from './dossier';
import { cityOf, excerpt, journeyBetween, settingOf, type CityPoint, type CityRef } from './places';
import { presentParties, reactionsToPredict, yourRead } from './reactions';
import { seededShuffle } from './rng';
import type { CheckStage } from './check';
import { checkItemNow, currentMeetingId, findMove, standingOf, type RunContext, type RunSnapshot } from './scenarioMachine';
import { findQuestion, meetsRequirement, scoredParties, understandingPoints, understandingSplit, type AnswerRecord, type Points, type Standing } from './stats';

export type Phase = 'briefing' | 'check' | 'opening' | 'question' | 'feedback' | 'moves' | 'predicting' | 'outcome' | 'ending';

/** A learning-gain check item on screen (./check.ts): which stage, which item of how many, and what it shows. */
export interface CheckView {
  stage: CheckStage;
  /** 1-based. */
  number: number;
  count: number;
  question: Question;
  /** Option, statement or event ids in the order shown; for a choice, only the options shown. */
  shown: string[];
}

/** A party as the prediction and outcome views name and draw it. */
export interface PartyRef {
  id: string;
  name: string;
  shortName: string;
  colour: string;
  emblem: string;
}

/**
 * The player's read of one party's reaction to a move: the reaction they expect, or null when
 * their understanding of that party is still too low to have one (src/engine/reactions.ts yourRead).
 */
export interface ReadView extends PartyRef {
  read: ReactionKind | null;
}

/** The prediction step: the move chosen and, per party present, the five reactions in scale order. */
export interface PredictionView {
  moveId: string;
  kind: string;
  text: string;
  /** The parties present that the scenario scores (a party present but not scored is not predicted). */
  parties: Array<PartyRef & { choices: readonly ReactionKind[] }>;
}

/** One party's reaction to the last move, beside the player's prediction of it. */
export interface ReactionView extends PartyRef {
  reaction: ReactionKind;
  /** The prediction, or null when there was no prediction step or the timer ran out. */
  predicted: ReactionKind | null;
  /** 1 right, 0.5 a neighbour on the scale, 0 otherwise; null without a prediction step. */
  score: number | null;
  /** The stance the reaction rests on. */
  evidence: Quote;
  /** Whether the prediction counts towards understanding (see PredictionView). */
  scored: boolean;
}

export interface Quote extends Evidence {
  outlet: string;
  date: string;
  headline: string;
}

export interface MoveView {
  id: string;
  kind: string;
  text: string;
  locked: boolean;
  /** Why a locked move is locked, one line per unmet requirement. */
  reasons: string[];
  /** Per party present with a reaction to this move, the player's read (empty for schema 1 moves). */
  reads: ReadView[];
}

export interface PartyMeter {
  id: string;
  name: string;
  shortName: string;
  colour: string;
  emblem: string;
  trust: number;
  /**
   * Whether the scenario keeps this party's trust: it sits at a table, starts with a trust value
   * or is moved by a move. A party that is only asked about has no trust to show ("not at the table").
   */
  seated: boolean;
  understanding: number;
  /** Whether any question measuring this party has been answered yet. */
  measured: boolean;
  /**
   * Whether any question of the scenario measures this party. A party seated but asked about by no
   * question (the sources never quote it or report it acting) is "present, not scored" by questions.
   */
  asked: boolean;
  /** Points from questions and from predictions apart (earned of possible), for the debrief. */
  split: { questions: Points; predictions: Points };
}

/** What the stage draws of the meeting besides the meters: the room, the city, who is still seated. */
export interface StageView {
  setting: Setting;
  city: CityRef | null;
  /** The meeting's parties still at the table (not walked out), in seat order. */
  present: string[];
  /** The start of the opening's text, for the speaker's speech bubble (at most OPENING_EXCERPT characters). */
  excerpt: string;
  /** From the city of the meeting the last move was made in to this meeting's, when both are on the map and differ. */
  journey: { from: CityRef & CityPoint; to: CityRef & CityPoint } | null;
}

/** Characters of the opening the speaker's speech bubble carries. */
export const OPENING_EXCERPT = 90;

export interface RunView {
  phase: Phase;
  scenario: Scenario;
  meeting: Meeting | null;
  /** 1-based position of the meeting among those visited, for "Meeting 2". */
  meetingNumber: number;
  question: Question | null;
  /** Options or items in the order this seed shows them. */
  order: string[];
  questionNumber: number;
  questionCount: number;
  hintAvailable: boolean;
  hintUsed: boolean;
  timed: boolean;
  paused: boolean;
  lastAnswer: AnswerRecord | null;
  moves: MoveView[];
  /** The prediction step on screen, or null in any other phase. */
  prediction: PredictionView | null;
  /** The check item on screen, or null in any other phase. */
  check: CheckView | null;
  lastMove: {
    kind: string;
    text: string;
    response: string;
    trustDelta: Record<string, number>;
    agreementDelta: number;
    /** Schema version 2 moves: each party's reaction with its quote and the prediction; else empty. */
    reactions: ReactionView[];
    /** Whether the timer ran out before the player predicted. */
    predictionTimedOut: boolean;
  } | null;
  parties: PartyMeter[];
  /** What the player has understood of each party at the current table (empty between meetings). */
  dossier: DossierParty[];
  agreement: number;
  ending: Scenario['endings'][number] | null;
  /** Null between meetings (the briefing, the ending). */
  stage: StageView | null;
}

/** Whether a scenario keeps a party's trust (see PartyMeter.seated). */
export function keepsTrust(scenario: Scenario, partyId: string): boolean {
  return (
    partyId in scenario.initial.trust ||
    scenario.meetings.some((m) => m.parties.includes(partyId) || m.moves.some((mv) => partyId in mv.effects.trust))
  );
}

/** A voice a question is about: attributed by name and role as the report gives them, never scored. */
export interface VoiceRef {
  id: string;
  name: string;
  role: string;
}

/**
 * Who a question is about: the parties it measures (ids) and the voices (source people with
 * `voice`) it is attributed to, by the names and roles the scenario's source prints.
 */
export function questionAbout(content: Content, scenario: Scenario, q: Question): { parties: string[]; voices: VoiceRef[]; beforeAnswer: boolean } {
  const people = content.sources[scenario.source]?.people ?? [];
  const voices = q.voices.map((id) => {
    const person = people.find((p) => p.id === id);
    return { id, name: person?.name ?? id, role: person?.role ?? '' };
  });
  // Naming whom a question is about must not answer it: when an option names a measured party or
  // a voice ("Who said this?" → "Jelena Milić…"), the line waits for the feedback.
  const names = [...q.measures.flatMap((p) => [content.parties[p]?.name, content.parties[p]?.shortName]), ...voices.map((v) => v.name)].filter((n): n is string => !!n);
  const options = q.type === 'choice' || q.type === 'who-said' ? q.options.map((o) => o.text) : [];
  const givesAway = options.some((text) => names.some((n) => containsWords(text, n)));
  return { parties: q.measures, voices, beforeAnswer: !givesAway };
}

/**
 * A question as a list of decisions names it: its prompt, or what the prompt is about when the
 * prompt alone says nothing ("True or false?" → the statement; "Who said this?" → and the quote).
 */
export function questionLabel(q: Question): string {
  switch (q.type) {
    case 'true-false':
      return t('question.label.trueFalse', { statement: q.statement });
    case 'who-said':
      return t('question.label.whoSaid', { prompt: q.prompt, quote: quoted(q.quote.quote) });
    default:
      return q.prompt;
  }
}

export function quoteOf(content: Content, evidence: Evidence): Quote {
  const source = content.sources[evidence.source];
  return {
    ...evidence,
    outlet: source?.outlet ?? evidence.source,
    date: source?.date ?? '',
    headline: source?.headline ?? '',
  };
}

export function describeRequirement(content: Content, scenario: Scenario, r: Requirement, s: Standing): string {
  const party = (id: string) => content.parties[id]?.name ?? id;
  const flag = (id: string) => scenario.flags.find((f) => f.id === id)?.description ?? id;
  switch (r.kind) {
    case 'understanding':
      return t('requirement.understanding', { party: party(r.party), min: r.min, now: s.understanding[r.party] ?? 0 });
    case 'trust':
      return t('requirement.trust', { party: party(r.party), min: r.min, now: s.trust[r.party] ?? 0 });
    case 'trust-below':
      return t('requirement.trustBelow', { party: party(r.party), max: r.max, now: s.trust[r.party] ?? 0 });
    case 'agreement':
      return t('requirement.agreement', { min: r.min, now: s.agreement });
    case 'agreement-below':
      return t('requirement.agreementBelow', { max: r.max, now: s.agreement });
    case 'flag':
      return t('requirement.flag', { flag: flag(r.flag) });
    case 'no-flag':
      return t('requirement.noFlag', { flag: flag(r.flag) });
  }
}

/** The ids a question shows in order: options, statements or events, shuffled by the seed. */
export function displayOrder(q: Question, seed: number): string[] {
  switch (q.type) {
    case 'choice':
    case 'who-said':
      return seededShuffle(q.options.map((o) => o.id), seed, q.id);
    case 'sort':
      return seededShuffle(q.statements.map((s) => s.id), seed, q.id);
    case 'order': {
      const ids = q.events.map((e) => e.id);
      let shuffled = seededShuffle(ids, seed, q.id);
      // An order question shown already in order gives the answer away: rotate it once.
      if (shuffled.every((id, i) => id === ids[i])) shuffled = [...shuffled.slice(1), shuffled[0]!];
      return shuffled;
    }
    case 'true-false':
      return ['true', 'false'];
  }
}

function phaseOf(snapshot: RunSnapshot): Phase {
  for (const tag of ['briefing', 'check', 'opening', 'question', 'feedback', 'moves', 'predicting', 'outcome', 'ending'] as const) {
    if (snapshot.hasTag(tag)) return tag;
  }
  return 'briefing';
}

function partyRef(content: Content, id: string): PartyRef {
  const p = content.parties[id];
  return { id, name: p?.name ?? id, shortName: p?.shortName ?? id, colour: p?.colour ?? '#888888', emblem: p?.emblem ?? '' };
}

/**
 * The player's reads of a move, for the parties still at the table that the scenario scores (see
 * ReadView): understanding of a party present but not scored never grows, so no read is offered.
 */
function readsOf(content: Content, scenario: Scenario, move: Move, meeting: Meeting, ctx: RunContext, understandingNow: Record<string, number>): ReadView[] {
  if (!move.reactions?.length) return [];
  const reacting = new Set(move.reactions.map((r) => r.party));
  const scored = scoredParties(scenario);
  return presentParties(meeting, ctx.flags)
    .filter((p) => reacting.has(p) && scored.has(p))
    .map((p) => ({ ...partyRef(content, p), read: yourRead(move, p, understandingNow[p] ?? 0, ctx.seed) }));
}

/**
 * The reactions to the last move as they counted, beside the prediction recorded for it. A schema
 * version 2 move's trust changes name exactly the parties present when it was made.
 */
function reactionsOf(content: Content, scenario: Scenario, ctx: RunContext): { reactions: ReactionView[]; timedOut: boolean } {
  const last = ctx.moves[ctx.moves.length - 1];
  const move = last && findMove(scenario, last.meetingId, last.moveId);
  if (!last || !move?.reactions) return { reactions: [], timedOut: false };
  const candidate = ctx.predictions[ctx.predictions.length - 1];
  // The prediction step, when there was one, is recorded just before its move is applied.
  const prediction = candidate && candidate.meetingId === last.meetingId && candidate.moveId === last.moveId ? candidate : null;
  const present = Object.keys(last.trustDelta);
  const seats = scenario.meetings.find((m) => m.id === last.meetingId)?.parties ?? [];
  return {
    reactions: move.reactions
      .filter((r) => present.includes(r.party))
      .sort((a, b) => seats.indexOf(a.party) - seats.indexOf(b.party))
      .map((r) => ({
        ...partyRef(content, r.party),
        reaction: r.reaction,
        predicted: prediction?.predictions?.[r.party] ?? null,
        score: prediction ? (prediction.scores[r.party] ?? 0) : null,
        evidence: quoteOf(content, r.evidence),
        scored: scoredParties(scenario).has(r.party),
      })),
    timedOut: !!prediction?.timedOut,
  };
}

export function describeRun(content: Content, scenario: Scenario, snapshot: RunSnapshot): RunView {
  const ctx = snapshot.context;
  const standing = standingOf(scenario, ctx);
  const meetingId = currentMeetingId(snapshot);
  const meeting = scenario.meetings.find((m) => m.id === meetingId) ?? null;
  const question = ctx.questionId ? (findQuestion(scenario, ctx.questionId) ?? null) : null;
  const points = understandingPoints(scenario, ctx.answers, ctx.predictions);
  const split = understandingSplit(scenario, ctx.answers, ctx.predictions);
  const none = (): Points => ({ earned: 0, possible: 0 });
  const atTables = new Set(scenario.meetings.flatMap((m) => m.parties));
  const asked = scoredParties(scenario);
  const parties = content.partyOrder
    .filter((id) => atTables.has(id) || points[id])
    .map((id) => {
      const p = content.parties[id]!;
      return {
        id,
        name: p.name,
        shortName: p.shortName,
        colour: p.colour,
        emblem: p.emblem,
        trust: ctx.trust[id] ?? 0,
        seated: keepsTrust(scenario, id),
        understanding: standing.understanding[id] ?? 0,
        measured: !!points[id],
        asked: asked.has(id),
        split: split[id] ?? { questions: none(), predictions: none() },
      };
    });
  const visited = new Set(ctx.moves.map((m) => m.meetingId));
  const last = ctx.moves[ctx.moves.length - 1];
  const lastMoveDef = last ? scenario.meetings.find((m) => m.id === last.meetingId)?.moves.find((mv) => mv.id === last.moveId) : undefined;
  const ending = ctx.endingId ? (scenario.endings.find((e) => e.id === ctx.endingId) ?? null) : null;
  // Questions held out for the check are not asked in play, so they are not counted either.
  const inPlay = meeting ? meeting.questions.filter((q) => !ctx.check?.items.includes(q.id)) : [];
  const qIndex = question ? inPlay.findIndex((q) => q.id === question.id) : -1;
  const checkStage: CheckStage | null = snapshot.hasTag('check-before') ? 'before' : snapshot.hasTag('check-after') ? 'after' : null;
  const checkItem = checkStage ? checkItemNow(ctx, checkStage) : null;
  const checkQuestion = checkItem ? findQuestion(scenario, checkItem.questionId) : undefined;
  const predicting = snapshot.hasTag('predicting');
  const predictingMove = predicting && meeting && ctx.predictingMoveId ? findMove(scenario, meeting.id, ctx.predictingMoveId) : undefined;

  return {
    phase: phaseOf(snapshot),
    scenario,
    meeting,
    meetingNumber: meeting && !visited.has(meeting.id) ? visited.size + 1 : visited.size,
    question,
    order: question ? displayOrder(question, ctx.seed) : [],
    questionNumber: qIndex + 1,
    questionCount: inPlay.length,
    hintAvailable: !!question?.hint && ctx.settings.hintsEnabled && !ctx.hintUsed,
    hintUsed: ctx.hintUsed,
    timed: snapshot.hasTag('timed'),
    paused: snapshot.hasTag('paused'),
    lastAnswer: snapshot.hasTag('feedback') ? (ctx.answers[ctx.answers.length - 1] ?? null) : null,
    moves: (meeting?.moves ?? []).map((mv) => {
      const unmet = mv.requires.filter((r) => !meetsRequirement(r, standing));
      return {
        id: mv.id,
        kind: mv.kind,
        text: mv.text,
        locked: unmet.length > 0,
        reasons: unmet.map((r) => describeRequirement(content, scenario, r, standing)),
        reads: meeting ? readsOf(content, scenario, mv, meeting, ctx, standing.understanding) : [],
      };
    }),
    prediction: predicting && meeting && predictingMove ? {
      moveId: predictingMove.id,
      kind: predictingMove.kind,
      text: predictingMove.text,
      parties: reactionsToPredict(predictingMove, meeting, ctx.flags, scoredParties(scenario)).map((r) => ({ ...partyRef(content, r.party), choices: REACTIONS })),
    } : null,
    check:
      checkStage && checkItem && checkQuestion
        ? { stage: checkStage, number: (ctx.check?.[checkStage].indexOf(checkItem) ?? 0) + 1, count: ctx.check?.[checkStage].length ?? 0, question: checkQuestion, shown: checkItem.shown }
        : null,
    lastMove:
      last && lastMoveDef
        ? (() => {
            const { reactions, timedOut } = reactionsOf(content, scenario, ctx);
            return { kind: lastMoveDef.kind, text: lastMoveDef.text, response: lastMoveDef.response, trustDelta: last.trustDelta, agreementDelta: last.agreementDelta, reactions, predictionTimedOut: timedOut };
          })()
        : null,
    parties,
    dossier: meeting ? dossierOf(content, scenario, meeting.parties, standing.understanding, scoredParties(scenario)) : [],
    agreement: ctx.agreement,
    ending,
    stage: meeting
      ? {
          setting: settingOf(meeting),
          city: cityOf(meeting),
          present: presentParties(meeting, ctx.flags),
          excerpt: excerpt(meeting.opening.text, OPENING_EXCERPT),
          journey: journeyBetween(scenario.meetings.find((m) => m.id === last?.meetingId) ?? null, meeting),
        }
      : null,
  };
}

