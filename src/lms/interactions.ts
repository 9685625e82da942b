// An answered question as an LMS interaction: what type it is in SCORM's terms, the student's
// response and the right one(s), by position in the question's content order.
import type { Question } from '../content/schema';
import type { AnswerRecord } from '../engine/stats';
import { shorten, type Interaction, type InteractionResponse, type InteractionType } from './format';

const TYPE: Record<Question['type'], InteractionType> = {
  choice: 'choice',
  'who-said': 'choice',
  'true-false': 'true-false',
  sort: 'matching',
  order: 'sequencing',
};

function describe(q: Question): string {
  return shorten(q.type === 'true-false' ? `${q.prompt} ${q.statement}` : q.prompt);
}

function learnerResponse(q: Question, answer: unknown): InteractionResponse | null {
  if (!answer || typeof answer !== 'object') return null;
  const a = answer as Record<string, unknown>;
  switch (q.type) {
    case 'choice':
    case 'who-said': {
      const i = q.options.findIndex((o) => o.id === a.optionId);
      return i < 0 ? null : { type: 'choice', chosen: [i] };
    }
    case 'true-false':
      return typeof a.value === 'boolean' ? { type: 'true-false', value: a.value } : null;
    case 'sort': {
      const assignments = (a.assignments ?? {}) as Record<string, string>;
      const pairs: Array<[number, number]> = [];
      q.statements.forEach((s, i) => {
        const t = q.categories.indexOf(assignments[s.id] ?? '');
        if (t >= 0) pairs.push([i, t]);
      });
      return { type: 'matching', pairs };
    }
    case 'order': {
      const order = Array.isArray(a.order) ? (a.order as unknown[]) : [];
      const ids = q.events.map((e) => e.id);
      return { type: 'sequencing', order: order.map((id) => ids.indexOf(String(id))).filter((i) => i >= 0) };
    }
  }
}

function correctResponses(q: Question): InteractionResponse[] {
  switch (q.type) {
    case 'choice':
    case 'who-said':
      return q.options.flatMap((o, i) => (o.correct ? [{ type: 'choice', chosen: [i] } as const] : []));
    case 'true-false':
      return [{ type: 'true-false', value: q.answer }];
    case 'sort':
      return [{ type: 'matching', pairs: q.statements.map((s, i) => [i, q.categories.indexOf(s.party)] as [number, number]) }];
    case 'order':
      return [{ type: 'sequencing', order: q.events.map((_, i) => i) }];
  }
}

/** The interaction for one answer record of question `q`. */
export function interactionFor(q: Question, record: AnswerRecord, answeredAt: number, latencyMs: number | null = null): Interaction {
  return {
    id: q.id,
    type: TYPE[q.type],
    description: describe(q),
    weighting: q.difficulty,
    sources: q.type === 'choice' || q.type === 'who-said' ? q.options.map((o) => o.id) : q.type === 'sort' ? q.statements.map((s) => s.id) : q.type === 'order' ? q.events.map((e) => e.id) : [],
    targets: q.type === 'sort' ? [...q.categories] : [],
    learnerResponse: record.timedOut ? null : learnerResponse(q, record.answer),
    correctResponses: correctResponses(q),
    fraction: record.fraction,
    answeredAt,
    latencyMs,
  };
}
