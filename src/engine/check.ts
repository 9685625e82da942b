// The learning-gain check (issue 18 item 1): when a class link turns it on, a run opens and closes
// with the same few understanding questions from the scenario's bank, held out of play for that
// run, so the student meets them only in the check. Before and after show them in different orders
// and, where a choice question has distractors to spare, with a different distractor left out.
// Everything here is a pure function of the scenario and the run's seed, so a seed and an event
// log reproduce the check like the rest of the run.
import type { Question, Scenario } from '../content/schema';
import { isAnswerValid, scoreAnswer, type Answer } from './answers';
import { seededShuffle } from './rng';
import { answerPoints, findQuestion, type Points } from './stats';

/** Items a check asks when the scenario has enough to hold out; never fewer than MIN_CHECK_ITEMS by the content rule. */
export const CHECK_ITEMS = 6;
/** The fewest items a scenario must be able to hold out for the check (tests/unit/check.test.ts checks the content). */
export const MIN_CHECK_ITEMS = 5;
/** A choice question shows one distractor fewer in the check when it has at least this many options. */
const OPTIONS_TO_DROP_ONE = 4;

export type CheckStage = 'before' | 'after';

export interface CheckItem {
  questionId: string;
  /** What the item shows, in order: option ids (choice, who-said), statement ids (sort), event ids (order), or ['true', 'false']. */
  shown: string[];
}

export interface CheckPlan {
  /** The question ids held out of play, in content order. */
  items: string[];
  before: CheckItem[];
  after: CheckItem[];
}

/** One answer in the check. Never counts towards understanding during play. */
export interface CheckRecord {
  questionId: string;
  /** Share right, 0..1, as scoreAnswer gives it. */
  fraction: number;
  answer: Answer;
}

/**
 * Whether a question can be held out of play given the questions its meeting still keeps: the
 * meeting keeps at least one other question, and every party the question measures is measured by
 * another kept question of the meeting. So a run with the check measures the same parties at every
 * point as one without, and informed play (every answer right) reaches exactly what it did.
 */
function canHoldOut(q: Question, kept: readonly Question[]): boolean {
  const others = kept.filter((k) => k.id !== q.id);
  return others.length > 0 && q.measures.every((p) => others.some((k) => k.measures.includes(p)));
}

const planCache = new WeakMap<Scenario, Map<number, CheckPlan>>();

/**
 * The check of a run: which understanding questions it holds out (up to CHECK_ITEMS, spread over
 * the parties they measure) and how each is shown before and after. Deterministic in (scenario, seed).
 */
export function checkPlan(scenario: Scenario, seed: number): CheckPlan {
  let bySeed = planCache.get(scenario);
  if (!bySeed) planCache.set(scenario, (bySeed = new Map()));
  let plan = bySeed.get(seed);
  if (!plan) bySeed.set(seed, (plan = makePlan(scenario, seed)));
  return plan;
}

function makePlan(scenario: Scenario, seed: number): CheckPlan {
  const kept = new Map(scenario.meetings.map((m) => [m.id, [...m.questions]]));
  const meetingOf = new Map(scenario.meetings.flatMap((m) => m.questions.map((q) => [q.id, m.id] as const)));
  let candidates = seededShuffle(
    scenario.meetings.flatMap((m) => m.questions).filter((q) => q.kind === 'understanding' && q.measures.length > 0),
    seed,
    `check:${scenario.id}`,
  );
  const chosen: Question[] = [];
  const covered = new Set<string>();
  while (chosen.length < CHECK_ITEMS) {
    const holdable = candidates.filter((q) => canHoldOut(q, kept.get(meetingOf.get(q.id)!)!));
    // A question about a party the check does not ask about yet comes first: the gain is per party.
    const next = holdable.find((q) => q.measures.some((p) => !covered.has(p))) ?? holdable[0];
    if (!next) break;
    chosen.push(next);
    for (const p of next.measures) covered.add(p);
    const meeting = meetingOf.get(next.id)!;
    kept.set(meeting, kept.get(meeting)!.filter((q) => q.id !== next.id));
    candidates = candidates.filter((q) => q !== next);
  }
  const inContentOrder = scenario.meetings.flatMap((m) => m.questions).filter((q) => chosen.includes(q));
  const before = differentOrder(seededShuffle(inContentOrder, seed, 'check:before'), null);
  const after = differentOrder(seededShuffle(inContentOrder, seed, 'check:after'), before);
  const left = new Map(inContentOrder.map((q) => [q.id, seededShuffle(distractors(q), seed, `check:drop:${q.id}`)]));
  return {
    items: inContentOrder.map((q) => q.id),
    before: before.map((q) => ({ questionId: q.id, shown: shownIds(q, seed, 'before', left.get(q.id)![0]) })),
    after: after.map((q) => ({ questionId: q.id, shown: shownIds(q, seed, 'after', left.get(q.id)![1]) })),
  };
}

/** `order`, rotated by one when it equals `other` (two items or more), so before and after differ. */
function differentOrder<T>(order: T[], other: readonly T[] | null): T[] {
  if (!other || order.length < 2 || !order.every((x, i) => x === other[i])) return order;
  return [...order.slice(1), order[0]!];
}

function distractors(q: Question): string[] {
  return q.type === 'choice' || q.type === 'who-said' ? q.options.filter((o) => !o.correct).map((o) => o.id) : [];
}

/** The ids an item shows at one stage, shuffled for that stage; `dropped` is left out where the question has options to spare. */
function shownIds(q: Question, seed: number, stage: CheckStage, dropped: string | undefined): string[] {
  const key = `check:${stage}:${q.id}`;
  let ids: string[];
  switch (q.type) {
    case 'choice':
    case 'who-said':
      ids = q.options.map((o) => o.id).filter((id) => q.options.length < OPTIONS_TO_DROP_ONE || id !== dropped);
      break;
    case 'sort':
      ids = q.statements.map((s) => s.id);
      break;
    case 'order':
      ids = q.events.map((e) => e.id);
      break;
    case 'true-false':
      return ['true', 'false'];
  }
  const shuffled = seededShuffle(ids, seed, key);
  // An order question shown in order gives the answer away.
  return q.type === 'order' ? differentOrder(shuffled, ids) : shuffled;
}

/** Whether `answer` answers a check item: valid for its question and, for a choice, one of the options shown. */
export function isCheckAnswerValid(scenario: Scenario, item: CheckItem, answer: Answer): boolean {
  const q = findQuestion(scenario, item.questionId);
  if (!q || !isAnswerValid(q, answer)) return false;
  if (q.type === 'choice' || q.type === 'who-said') return 'optionId' in answer && item.shown.includes(answer.optionId);
  return true;
}

export function checkRecord(scenario: Scenario, item: CheckItem, answer: Answer): CheckRecord {
  return { questionId: item.questionId, fraction: scoreAnswer(findQuestion(scenario, item.questionId)!, answer), answer };
}

/**
 * Per party the items measure: points earned over points possible on the check's answers, each
 * weighted by its question's difficulty as understanding is (no hints in the check).
 */
export function checkPoints(scenario: Scenario, records: readonly CheckRecord[]): Record<string, Points> {
  const out: Record<string, Points> = {};
  for (const r of records) {
    const q = findQuestion(scenario, r.questionId);
    if (!q) continue;
    const pts = answerPoints(q.difficulty, { questionId: r.questionId, meetingId: '', fraction: r.fraction, hintUsed: false, timedOut: false, answer: r.answer });
    for (const party of q.measures) {
      const acc = (out[party] ??= { earned: 0, possible: 0 });
      acc.earned += pts.earned;
      acc.possible += pts.possible;
    }
  }
  return out;
}

/** Per party, the check's score in percent (0..100, rounded). */
export function checkScores(scenario: Scenario, records: readonly CheckRecord[]): Record<string, number> {
  return Object.fromEntries(Object.entries(checkPoints(scenario, records)).map(([p, v]) => [p, v.possible ? Math.round((100 * v.earned) / v.possible) : 0]));
}

/** Before and after per party, for the debrief and the dashboard. */
export interface CheckResult {
  before: Record<string, number>;
  after: Record<string, number>;
  /** Per item (question id): the share right before and after. */
  items: Record<string, { before: number; after: number }>;
}

/** The check's result once both stages are answered, else null. */
export function checkResult(scenario: Scenario, plan: CheckPlan, before: readonly CheckRecord[], after: readonly CheckRecord[]): CheckResult | null {
  if (before.length < plan.before.length || after.length < plan.after.length || plan.items.length === 0) return null;
  const fractionOf = (records: readonly CheckRecord[], id: string) => records.find((r) => r.questionId === id)?.fraction ?? 0;
  return {
    before: checkScores(scenario, before),
    after: checkScores(scenario, after),
    items: Object.fromEntries(plan.items.map((id) => [id, { before: fractionOf(before, id), after: fractionOf(after, id) }])),
  };
}
