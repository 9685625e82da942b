// The learning-gain check (src/engine/check.ts): one item at a time before the talks and after,
// with the same controls as a question (buttons, number keys, selects) but no hint, no timer and
// no feedback: it measures what the student knows, it does not teach.
import type { RunView } from '../../../src/engine/presenter';
import { t } from '../../../src/i18n';
import { h } from '../dom';
import { quoteBlock } from '../parts';
import { glossed } from '../glossary';
import { answerControls, recordedAnswer } from './question';
import type { ScreenContext } from './types';
import type { Answer } from '../../../src/engine/answers';

export function checkPanel(ctx: ScreenContext, view: RunView): HTMLElement {
  const { session, send } = ctx;
  const { content } = session;
  const item = view.check!;
  const q = item.question;
  const submit = (answer: Answer) => ctx.action('check-submit') && send({ type: 'check.submit', answer });
  const recorded = recordedAnswer(ctx);
  const controls = answerControls(ctx, q, item.shown, submit, recorded, 'check');
  return h(
    'section',
    { class: 'question check-item', 'aria-labelledby': 'screen-heading', 'data-check': item.stage, 'data-question': q.id, 'data-type': q.type },
    h('p', { class: 'eyebrow' }, t(item.stage === 'before' ? 'check.before' : 'check.after', { number: item.number, count: item.count })),
    item.number === 1 && h('p', { class: 'meta', 'data-check-intro': '' }, t(item.stage === 'before' ? 'check.introBefore' : 'check.introAfter')),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, q.prompt),
    q.type === 'who-said' && quoteBlock(content, q.quote),
    q.type === 'true-false' && h('p', { class: 'statement big' }, ...glossed(content, q.statement, new Set())),
    controls,
    recorded && h('p', { class: 'watch-note', role: 'note' }, t('watch.recordedAnswer')),
    !recorded && (q.type === 'choice' || q.type === 'who-said' || q.type === 'true-false') && h('p', { class: 'tip' }, t('question.keys')),
  );
}
