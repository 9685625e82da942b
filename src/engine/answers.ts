// What a player can answer to each question type, and how much of it is right (0..1).
import * as z from 'zod';
import type { Question } from '../content/schema';

// Built on first use (z.lazy): the page needs it only to read a save or a results file.
export const AnswerSchema = z.lazy(() =>
  z.union([
    z.strictObject({ optionId: z.string().max(64) }),
    z.strictObject({ value: z.boolean() }),
    z.strictObject({ assignments: z.record(z.string().max(64), z.string().max(64)) }),
    z.strictObject({ order: z.array(z.string().max(64)).max(10) }),
  ]),
);
export type Answer = z.infer<typeof AnswerSchema>;

/** An answer fits its question: right shape, known ids, every item placed exactly once. */
export function isAnswerValid(q: Question, answer: Answer): boolean {
  switch (q.type) {
    case 'choice':
    case 'who-said':
      return 'optionId' in answer && q.options.some((o) => o.id === answer.optionId);
    case 'true-false':
      return 'value' in answer;
    case 'sort':
      return (
        'assignments' in answer &&
        Object.keys(answer.assignments).length === q.statements.length &&
        q.statements.every((s) => q.categories.includes(answer.assignments[s.id] ?? ''))
      );
    case 'order': {
      if (!('order' in answer) || answer.order.length !== q.events.length) return false;
      const ids = new Set(answer.order);
      return ids.size === q.events.length && q.events.every((e) => ids.has(e.id));
    }
  }
}

/** Share of the answer that is right: 1 or 0 for single answers, partial credit for sort/order. */
export function scoreAnswer(q: Question, answer: Answer): number {
  if (!isAnswerValid(q, answer)) return 0;
  switch (q.type) {
    case 'choice':
    case 'who-said':
      return q.options.find((o) => o.id === (answer as { optionId: string }).optionId)?.correct ? 1 : 0;
    case 'true-false':
      return (answer as { value: boolean }).value === q.answer ? 1 : 0;
    case 'sort': {
      const { assignments } = answer as { assignments: Record<string, string> };
      return q.statements.filter((s) => assignments[s.id] === s.party).length / q.statements.length;
    }
    case 'order': {
      const { order } = answer as { order: string[] };
      return q.events.filter((e, i) => order[i] === e.id).length / q.events.length;
    }
  }
}

/** The answer that scores 1: used by the "well-informed" simulator and the feedback screen. */
export function correctAnswer(q: Question): Answer {
  switch (q.type) {
    case 'choice':
    case 'who-said':
      return { optionId: q.options.find((o) => o.correct)!.id };
    case 'true-false':
      return { value: q.answer };
    case 'sort':
      return { assignments: Object.fromEntries(q.statements.map((s) => [s.id, s.party])) };
    case 'order':
      return { order: q.events.map((e) => e.id) };
  }
}

/** Every distinct answer worth trying when enumerating paths: the right one and one wrong one. */
export function representativeAnswers(q: Question): Answer[] {
  const right = correctAnswer(q);
  switch (q.type) {
    case 'choice':
    case 'who-said':
      return [right, { optionId: q.options.find((o) => !o.correct)!.id }];
    case 'true-false':
      return [right, { value: !q.answer }];
    case 'sort':
      return [right, { assignments: Object.fromEntries(q.statements.map((s) => [s.id, q.categories.find((c) => c !== s.party)!])) }];
    case 'order':
      return [right, { order: q.events.map((e) => e.id).reverse() }];
  }
}
