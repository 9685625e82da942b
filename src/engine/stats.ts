// The numbers a run is judged by, all derived from its records: understanding per party comes
// from the answers, trust and agreement from the moves. Nothing here is stored twice.
import type { Requirement, Scenario } from '../content/schema';

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

/** Per party: points earned over points possible on the questions answered so far, 0..100. */
export function understandingPoints(scenario: Scenario, answers: readonly AnswerRecord[]): Record<string, Points> {
  const out: Record<string, Points> = {};
  for (const record of answers) {
    const q = findQuestion(scenario, record.questionId);
    if (!q) continue;
    const pts = answerPoints(q.difficulty, record);
    for (const party of q.measures) {
      const acc = (out[party] ??= { earned: 0, possible: 0 });
      acc.earned += pts.earned;
      acc.possible += pts.possible;
    }
  }
  return out;
}

// Guards ask for understanding many times per event; the answers array is immutable (a new one
// per answer), so it is a safe cache key.
const understandingCache = new WeakMap<readonly AnswerRecord[], Record<string, number>>();

export function understanding(scenario: Scenario, answers: readonly AnswerRecord[]): Record<string, number> {
  const cached = understandingCache.get(answers);
  if (cached) return cached;
  const points = understandingPoints(scenario, answers);
  const out: Record<string, number> = {};
  for (const [party, p] of Object.entries(points)) out[party] = p.possible ? Math.round((100 * p.earned) / p.possible) : 0;
  understandingCache.set(answers, out);
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
