// The numbers a run is judged by, all derived from its records: understanding per party comes
// from the answers, trust and agreement from the moves. Nothing here is stored twice.
import type { ReactionKind, Requirement, Scenario } from '../content/schema';

/** Weight of predicting a reaction that gives no difficulty, as a question of difficulty 2. */
export const DEFAULT_PREDICTION_DIFFICULTY = 2;

export interface AnswerRecord {
  questionId: string;
  meetingId: string;
  /** Share of the answer that was right, 0..1 (partial for sort and order questions). */
  fraction: number;
  hintUsed: boolean;
  timedOut: boolean;
  /** The answer as given (JSON), or null when the timer ran out first. */
  answer: unknown;
}

/** A prediction of the reactions to a move (src/engine/reactions.ts scores it). */
export interface PredictionRecord {
  meetingId: string;
  moveId: string;
  /** The reaction predicted per party present, or null when the timer ran out first. */
  predictions: Record<string, ReactionKind> | null;
  /** Per party present: 1 right, 0.5 a neighbour on the scale, 0 otherwise (0 on a timeout). */
  scores: Record<string, number>;
  timedOut: boolean;
}

/** A used hint halves the credit: knowing with help is worth less than knowing. */
export const HINT_FACTOR = 0.5;

export interface Points {
  earned: number;
  possible: number;
}

export function answerPoints(difficulty: number, record: AnswerRecord): Points {
  return { earned: difficulty * record.fraction * (record.hintUsed ? HINT_FACTOR : 1), possible: difficulty };
}

export function questionIndex(scenario: Scenario) {
  const map = new Map<string, Scenario['meetings'][number]['questions'][number]>();
  for (const m of scenario.meetings) for (const q of m.questions) map.set(q.id, q);
  return map;
}

const indexCache = new WeakMap<Scenario, ReturnType<typeof questionIndex>>();
export function findQuestion(scenario: Scenario, id: string) {
  let index = indexCache.get(scenario);
  if (!index) indexCache.set(scenario, (index = questionIndex(scenario)));
  return index.get(id);
}

const NO_PREDICTIONS: readonly PredictionRecord[] = Object.freeze([]);

const scoredCache = new WeakMap<Scenario, ReadonlySet<string>>();
/**
 * The parties a scenario scores: those some question measures. A party no question measures is
 * present, not scored (issue 15): the sources never quote it or report it acting, so neither its
 * questions nor predictions of its reactions count towards understanding.
 */
export function scoredParties(scenario: Scenario): ReadonlySet<string> {
  let set = scoredCache.get(scenario);
  if (!set) scoredCache.set(scenario, (set = new Set(scenario.meetings.flatMap((m) => m.questions.flatMap((q) => q.measures)))));
  return set;
}

/** Points of one prediction for one party: its score weighted by the reaction's difficulty (default 2). */
export function predictionPoints(scenario: Scenario, record: PredictionRecord, party: string): Points {
  const move = scenario.meetings.find((m) => m.id === record.meetingId)?.moves.find((mv) => mv.id === record.moveId);
  const difficulty = move?.reactions?.find((r) => r.party === party)?.difficulty ?? DEFAULT_PREDICTION_DIFFICULTY;
  return { earned: difficulty * (record.scores[party] ?? 0), possible: difficulty };
}

/** Per party, the points from questions and from predictions apart (the debrief shows both). */
export function understandingSplit(
  scenario: Scenario,
  answers: readonly AnswerRecord[],
  predictions: readonly PredictionRecord[] = NO_PREDICTIONS,
): Record<string, { questions: Points; predictions: Points }> {
  const out: Record<string, { questions: Points; predictions: Points }> = {};
  const add = (party: string, kind: 'questions' | 'predictions', pts: Points) => {
    const acc = (out[party] ??= { questions: { earned: 0, possible: 0 }, predictions: { earned: 0, possible: 0 } })[kind];
    acc.earned += pts.earned;
    acc.possible += pts.possible;
  };
  for (const record of answers) {
    const q = findQuestion(scenario, record.questionId);
    if (!q) continue;
    const pts = answerPoints(q.difficulty, record);
    for (const party of q.measures) add(party, 'questions', pts);
  }
  const scored = scoredParties(scenario);
  for (const record of predictions) {
    for (const party of Object.keys(record.scores)) if (scored.has(party)) add(party, 'predictions', predictionPoints(scenario, record, party));
  }
  return out;
}

/**
 * Per party: points earned over points possible on the questions answered and the reactions
 * predicted so far (summed; a prediction counts like a question of the reaction's difficulty).
 */
export function understandingPoints(
  scenario: Scenario,
  answers: readonly AnswerRecord[],
  predictions: readonly PredictionRecord[] = NO_PREDICTIONS,
): Record<string, Points> {
  const out: Record<string, Points> = {};
  for (const [party, split] of Object.entries(understandingSplit(scenario, answers, predictions))) {
    out[party] = { earned: split.questions.earned + split.predictions.earned, possible: split.questions.possible + split.predictions.possible };
  }
  return out;
}

// Guards ask for understanding many times per event; the answers and predictions arrays are
// immutable (a new one per record), so together they are a safe cache key.
const understandingCache = new WeakMap<readonly AnswerRecord[], WeakMap<readonly PredictionRecord[], Record<string, number>>>();

export function understanding(
  scenario: Scenario,
  answers: readonly AnswerRecord[],
  predictions: readonly PredictionRecord[] = NO_PREDICTIONS,
): Record<string, number> {
  let byPredictions = understandingCache.get(answers);
  const cached = byPredictions?.get(predictions);
  if (cached) return cached;
  const points = understandingPoints(scenario, answers, predictions);
  const out: Record<string, number> = {};
  for (const [party, p] of Object.entries(points)) out[party] = p.possible ? Math.round((100 * p.earned) / p.possible) : 0;
  if (!byPredictions) understandingCache.set(answers, (byPredictions = new WeakMap()));
  byPredictions.set(predictions, out);
  return out;
}

export const clamp = (n: number) => Math.max(0, Math.min(100, n));

export interface Standing {
  understanding: Record<string, number>;
  trust: Record<string, number>;
  agreement: number;
  flags: readonly string[];
}

export function meetsRequirement(r: Requirement, s: Standing): boolean {
  switch (r.kind) {
    case 'understanding':
      return (s.understanding[r.party] ?? 0) >= r.min;
    case 'trust':
      return (s.trust[r.party] ?? 0) >= r.min;
    case 'trust-below':
      return (s.trust[r.party] ?? 0) < r.max;
    case 'agreement':
      return s.agreement >= r.min;
    case 'agreement-below':
      return s.agreement < r.max;
    case 'flag':
      return s.flags.includes(r.flag);
    case 'no-flag':
      return !s.flags.includes(r.flag);
  }
}
