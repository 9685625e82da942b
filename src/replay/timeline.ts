// The decision timeline of a run: every answer and move in order, with what it changed (trust per
// party, agreement, understanding per party) and the evidence behind it, and where in the event
// log it happened, so a player can rewind to any decision and choose differently. A move with a
// prediction step is one decision: its changes are those after the prediction, and it carries each
// party's real reaction beside the player's prediction.
import { SimulatedClock } from 'xstate';
import type { Content } from '../content/loader';
import type { Question, ReactionKind, Scenario } from '../content/schema';
import type { Answer } from '../engine/answers';
import { questionLabel, quoteOf, type Quote } from '../engine/presenter';
import { startRun, type RunRecord } from '../engine/run';
import { reactionsNow } from '../engine/reactions';
import { currentMeetingId, findMove, type RunEvent, type RunSnapshot } from '../engine/scenarioMachine';
import { findQuestion, understanding, understandingPoints } from '../engine/stats';

export interface Change {
  before: number;
  after: number;
  /** after − before */
  delta: number;
}

export interface PartyEffect {
  party: string;
  trust: Change;
  /** 0..100; 0 while no question measuring the party has been answered (see `measured`). */
  understanding: Change;
  measured: { before: boolean; after: boolean };
}

interface DecisionBase {
  /** Position in the timeline, 0-based. */
  index: number;
  /**
   * The number of events in the log before this decision: replaying that prefix shows the
   * question or the moves as the player first saw them (before any hint or pause).
   */
  eventIndex: number;
  meetingId: string;
  /** Every party of the scenario, in content order, including those this decision left unchanged. */
  parties: PartyEffect[];
  agreement: Change;
  /** The quotes behind the question or the move. */
  evidence: Quote[];
}

export interface QuestionDecision extends DecisionBase {
  kind: 'question';
  questionId: string;
  questionType: Question['type'];
  prompt: string;
  /** How a list of decisions names the question (presenter.questionLabel): never a bare "True or false?". */
  label: string;
  /** The answer as given, or null when the timer ran out first. */
  answer: Answer | null;
  /** Share right, 0..1 (partial for sort and order questions). */
  fraction: number;
  correct: boolean;
  hintUsed: boolean;
  timedOut: boolean;
}

export interface MoveDecision extends DecisionBase {
  kind: 'move';
  moveId: string;
  moveKind: string;
  text: string;
  response: string;
  /** The next meeting's id, or "end". */
  next: string;
  /**
   * Schema version 2 moves: each party present's reaction with its quote, beside the player's
   * prediction and its score (both null when predictions were off or the timer ran out).
   */
  reactions?: Array<{ party: string; reaction: ReactionKind; evidence: Quote; predicted: ReactionKind | null; score: number | null }>;
  /** Whether the timer ran out on the prediction step. */
  predictionTimedOut?: boolean;
}

export type Decision = QuestionDecision | MoveDecision;

/** One decision as the walk finds it: the snapshots around it and where it sits in the log. */
interface DecisionPoint {
  eventIndex: number;
  event: RunEvent;
  before: RunSnapshot;
  after: RunSnapshot;
}

/** Events that happen inside a decision without ending it. */
const WITHIN_DECISION = new Set<RunEvent['type']>(['answer.hint', 'timer.pause', 'timer.resume']);

/**
 * The last walk of each record, while the record is unchanged: the debrief asks for the same run's
 * decisions from its table, its timeline, the stage's stance map and the session's count, and each
 * walk replays the whole run (tens of ms, several times that on a slow machine). A record grows in
 * place (run.ts pushes its events), so a walk is reused only for the same scenario, events array
 * and length.
 */
interface Walk {
  scenario: Scenario;
  events: RunEvent[];
  length: number;
  points: DecisionPoint[];
  timeline?: { content: Content; decisions: Decision[] };
}
const walked = new WeakMap<RunRecord, Walk>();

function walk(scenario: Scenario, record: RunRecord): Walk {
  const last = walked.get(record);
  if (last && last.scenario === scenario && last.events === record.events && last.length === record.events.length) return last;
  const fresh: Walk = { scenario, events: record.events, length: record.events.length, points: decisionPoints(scenario, record) };
  walked.set(record, fresh);
  return fresh;
}

/** Replays a record event by event on a clock that never advances and finds its decisions. */
function decisionPoints(scenario: Scenario, record: RunRecord): DecisionPoint[] {
  const run = startRun(scenario, { ...record, events: [] }, { clock: new SimulatedClock() });
  const points: DecisionPoint[] = [];
  try {
    // Where the decision now being made started: just after the last event that moved the run on.
    let start = 0;
    record.events.forEach((event, i) => {
      const before = run.getSnapshot();
      run.send(event);
      const after = run.getSnapshot();
      if (after === before) return;
      if (before.hasTag('predicting')) {
        // The prediction (or its timeout) completes the move chosen before it.
        if (event.type === 'prediction.submit' || event.type === 'timer.expire') points[points.length - 1]!.after = after;
      } else if (event.type === 'answer.submit' || event.type === 'move.choose' || event.type === 'timer.expire') {
        points.push({ eventIndex: start, event, before, after });
      }
      if (!WITHIN_DECISION.has(event.type)) start = i + 1;
    });
  } finally {
    run.stop();
  }
  return points;
}

/** The parties a scenario involves, in the content's party order. */
export function scenarioParties(content: Content, scenario: Scenario): string[] {
  const ids = new Set(Object.keys(scenario.initial.trust));
  for (const m of scenario.meetings) {
    m.parties.forEach((p) => ids.add(p));
    for (const q of m.questions) q.measures.forEach((p) => ids.add(p));
    for (const mv of m.moves) Object.keys(mv.effects.trust).forEach((p) => ids.add(p));
  }
  const ordered = content.partyOrder.filter((p) => ids.has(p));
  return [...ordered, ...[...ids].filter((p) => !ordered.includes(p)).sort()];
}

const change = (before: number, after: number): Change => ({ before, after, delta: after - before });

/**
 * The run's decisions in order. The same unchanged record gives the same array (computed once):
 * callers read it and never change it.
 */
export function decisionTimeline(content: Content, scenario: Scenario, record: RunRecord): Decision[] {
  const w = walk(scenario, record);
  if (w.timeline?.content !== content) w.timeline = { content, decisions: timelineOf(content, scenario, w.points) };
  return w.timeline.decisions;
}

function timelineOf(content: Content, scenario: Scenario, points: DecisionPoint[]): Decision[] {
  const parties = scenarioParties(content, scenario);
  return points.map((point, index): Decision => {
    const b = point.before.context;
    const a = point.after.context;
    const [uBefore, uAfter] = [understanding(scenario, b.answers, b.predictions), understanding(scenario, a.answers, a.predictions)];
    const [pBefore, pAfter] = [understandingPoints(scenario, b.answers, b.predictions), understandingPoints(scenario, a.answers, a.predictions)];
    const base = {
      index,
      eventIndex: point.eventIndex,
      meetingId: currentMeetingId(point.before) ?? '',
      parties: parties.map((party) => ({
        party,
        trust: change(b.trust[party] ?? 0, a.trust[party] ?? 0),
        understanding: change(uBefore[party] ?? 0, uAfter[party] ?? 0),
        measured: { before: !!pBefore[party], after: !!pAfter[party] },
      })),
      agreement: change(b.agreement, a.agreement),
    };
    if (point.event.type === 'move.choose') {
      const move = findMove(scenario, base.meetingId, point.event.moveId)!;
      const meeting = scenario.meetings.find((m) => m.id === base.meetingId)!;
      const predicted = a.predictions.length > b.predictions.length ? a.predictions[a.predictions.length - 1]! : null;
      return {
        ...base,
        kind: 'move',
        moveId: move.id,
        moveKind: move.kind,
        text: move.text,
        response: move.response,
        next: move.next,
        evidence: move.evidence.map((e) => quoteOf(content, e)),
        ...(move.reactions
          ? {
              reactions: reactionsNow(move, meeting, b.flags).map((r) => ({
                party: r.party,
                reaction: r.reaction,
                evidence: quoteOf(content, r.evidence),
                predicted: predicted?.predictions?.[r.party] ?? null,
                score: predicted ? (predicted.scores[r.party] ?? 0) : null,
              })),
              predictionTimedOut: !!predicted?.timedOut,
            }
          : {}),
      };
    }
    const answered = a.answers[a.answers.length - 1]!;
    const q = findQuestion(scenario, answered.questionId)!;
    return {
      ...base,
      kind: 'question',
      questionId: q.id,
      questionType: q.type,
      prompt: q.prompt,
      label: questionLabel(q),
      answer: (answered.answer as Answer | null) ?? null,
      fraction: answered.fraction,
      correct: answered.fraction === 1,
      hintUsed: answered.hintUsed,
      timedOut: answered.timedOut,
      evidence: q.evidence.map((e) => quoteOf(content, e)),
    };
  });
}

/**
 * The record cut back to just before decision `decisionIndex` (0-based): replaying it gives the
 * run as it stood when that question or those moves were first shown. Throws a RangeError for an
 * index the record does not have.
 */
export function rewindTo(scenario: Scenario, record: RunRecord, decisionIndex: number): RunRecord {
  const { points } = walk(scenario, record);
  const point = Number.isInteger(decisionIndex) ? points[decisionIndex] : undefined;
  if (!point) throw new RangeError(`the run has no decision ${decisionIndex} (it has ${points.length})`);
  return { ...record, settings: { ...record.settings }, events: record.events.slice(0, point.eventIndex) };
}

/** How many decisions a record holds (cheaper to read than the whole timeline). */
export function decisionCount(scenario: Scenario, record: RunRecord): number {
  return walk(scenario, record).points.length;
}
