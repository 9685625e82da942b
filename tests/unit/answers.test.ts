// Scoring of each question type, including partial credit and invalid answers.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/schema';
import { correctAnswer, isAnswerValid, representativeAnswers, scoreAnswer } from '../../src/engine/answers';
import { realContent } from './helpers';

const allQuestions = (): Question[] => {
  const c = realContent();
  return c.scenarioOrder.flatMap((id) => c.scenarios[id]!.meetings.flatMap((m) => m.questions));
};

describe('answers', () => {
  it('scores the correct answer 1 and the representative wrong answer below 1, for every question', () => {
    for (const q of allQuestions()) {
      expect(scoreAnswer(q, correctAnswer(q)), q.id).toBe(1);
      const [, wrong] = representativeAnswers(q);
      expect(isAnswerValid(q, wrong!), q.id).toBe(true);
      expect(scoreAnswer(q, wrong!), q.id).toBeLessThan(1);
    }
  });

  it('gives partial credit for sorting and ordering', () => {
    const qs = allQuestions();
    const sort = qs.find((q) => q.type === 'sort' && q.statements.length >= 2) as Extract<Question, { type: 'sort' }>;
    const right = correctAnswer(sort) as { assignments: Record<string, string> };
    const first = sort.statements[0]!;
    const other = sort.categories.find((c) => c !== first.party)!;
    const oneWrong = { assignments: { ...right.assignments, [first.id]: other } };
    expect(scoreAnswer(sort, oneWrong)).toBeCloseTo((sort.statements.length - 1) / sort.statements.length);

    const order = qs.find((q) => q.type === 'order') as Extract<Question, { type: 'order' }>;
    const ids = order.events.map((e) => e.id);
    const swapped = [ids[1]!, ids[0]!, ...ids.slice(2)];
    expect(scoreAnswer(order, { order: swapped })).toBeCloseTo((ids.length - 2) / ids.length);
  });

  it('rejects answers of the wrong shape or with unknown or repeated ids', () => {
    const qs = allQuestions();
    const choice = qs.find((q) => q.type === 'choice')!;
    const order = qs.find((q) => q.type === 'order') as Extract<Question, { type: 'order' }>;
    const sort = qs.find((q) => q.type === 'sort') as Extract<Question, { type: 'sort' }>;
    expect(isAnswerValid(choice, { optionId: 'no-such-option' })).toBe(false);
    expect(isAnswerValid(choice, { value: true })).toBe(false);
    const first = order.events[0]!.id;
    expect(isAnswerValid(order, { order: order.events.map(() => first) })).toBe(false);
    expect(isAnswerValid(sort, { assignments: {} })).toBe(false);
    expect(scoreAnswer(choice, { optionId: 'no-such-option' })).toBe(0);
  });
});
