// A question of any type, and the feedback after it. Every control is a native button or select,
// so pointer, keyboard (Tab/Enter, number keys) and screen readers all work without dragging.
import type { Content } from '../../../src/content/loader';
import type { Question } from '../../../src/content/schema';
import { correctAnswer, type Answer } from '../../../src/engine/answers';
import { questionAbout, type RunView } from '../../../src/engine/presenter';
import { t } from '../../../src/i18n';
import { actionButton } from '../act';
import { button, h } from '../dom';
import { icon } from '../icons';
import { partyNames, quoteBlock } from '../parts';
import { glossed } from '../glossary';
import { timerControls } from '../timer';
import type { ScreenContext } from './types';

type Submit = (answer: Answer) => void;

/**
 * The options as buttons. Watching a recorded run, the session offers no answer: the options are
 * drawn inert, and the one the player chose (`recorded`) is marked.
 */
export function optionButtons(ctx: ScreenContext, items: Array<{ id: string; text: string }>, recorded: string | null, prefix = 'option'): HTMLElement {
  const watching = ctx.session.watchNext !== null;
  return h(
    'ol',
    { class: 'options', 'aria-label': t('question.options') },
    ...items.map((item, i) => {
      const label = t('question.optionKey', { key: i + 1, text: item.text });
      const attrs = { 'data-key': i + 1, 'data-option': item.id };
      return h(
        'li',
        {},
        actionButton(ctx, `${prefix}:${item.id}`, label, attrs) ??
          (watching
            ? h('button', { type: 'button', disabled: true, ...attrs, class: recorded === item.id ? 'is-recorded' : undefined, 'data-recorded': recorded === item.id || undefined }, recorded === item.id ? t('watch.recordedOption', { option: label }) : label)
            : null),
      );
    }),
  );
}

/** The answer the watched player gave to the question on screen, or null outside watch mode. */
export function recordedAnswer(ctx: ScreenContext): Answer | null {
  const next = ctx.session.watchNext;
  return next?.type === 'answer.submit' || next?.type === 'check.submit' ? next.answer : null;
}

export function sortControls(content: Content, q: Extract<Question, { type: 'sort' }>, order: string[], submit: Submit, recorded: Record<string, string> | null): HTMLElement {
  const selects = new Map<string, HTMLSelectElement>();
  const error = h('p', { class: 'form-error', role: 'alert' });
  const rows = order.map((id) => {
    const st = q.statements.find((s) => s.id === id)!;
    const selectId = `sort-${st.id}`;
    const select = h(
      'select',
      { id: selectId, 'data-statement': st.id, 'aria-label': t('question.sortLabel', { text: st.text }) },
      h('option', { value: '' }, t('question.sortPlaceholder')),
      ...q.categories.map((c) => h('option', { value: c }, content.parties[c]?.name ?? c)),
    );
    if (recorded?.[st.id]) select.value = recorded[st.id]!;
    selects.set(st.id, select);
    return h('li', { class: 'sort-row' }, h('p', { class: 'statement' }, st.text), select);
  });
  const onSubmit = () => {
    const assignments: Record<string, string> = {};
    for (const [id, select] of selects) if (select.value) assignments[id] = select.value;
    if (Object.keys(assignments).length < q.statements.length) {
      error.textContent = t('question.incomplete');
      return;
    }
    submit({ assignments });
  };
  return h(
    'div',
    {},
    h('p', { class: 'instructions' }, t('question.sortInstructions')),
    h('ol', { class: 'sort-list' }, ...rows),
    error,
    button(t('question.submit'), onSubmit, { class: 'primary', 'data-action': 'submit' }),
  );
}

export function orderControls(q: Extract<Question, { type: 'order' }>, initial: string[], submit: Submit): HTMLElement {
  const order = [...initial];
  const list = h('ol', { class: 'order-list' });
  const text = (id: string) => q.events.find((e) => e.id === id)!.text;
  const render = (focusId?: string, dir?: 'up' | 'down') => {
    list.replaceChildren(
      ...order.map((id, i) =>
        h(
          'li',
          { class: 'order-row', 'data-event': id },
          h('span', { class: 'order-text' }, text(id)),
          h(
            'span',
            { class: 'order-buttons' },
            h('button', { type: 'button', onclick: () => move(i, -1), 'aria-label': t('question.moveUp', { text: text(id) }), disabled: i === 0, 'data-dir': 'up' }, icon('up')),
            h('button', { type: 'button', onclick: () => move(i, 1), 'aria-label': t('question.moveDown', { text: text(id) }), disabled: i === order.length - 1, 'data-dir': 'down' }, icon('down')),
          ),
        ),
      ),
    );
    // Keep focus on the moved item's button so keyboard users can keep moving it.
    if (focusId) {
      const row = list.querySelector<HTMLElement>(`[data-event="${focusId}"]`);
      const target = row?.querySelector<HTMLButtonElement>(`[data-dir="${dir}"]:not([disabled])`) ?? row?.querySelector<HTMLButtonElement>('button:not([disabled])');
      target?.focus();
    }
  };
  const move = (i: number, delta: number) => {
    const j = i + delta;
    if (j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j]!, order[i]!];
    render(order[j], delta < 0 ? 'up' : 'down');
  };
  render();
  return h(
    'div',
    {},
    h('p', { class: 'instructions' }, t('question.orderInstructions')),
    list,
    button(t('question.submit'), () => submit({ order: [...order] }), { class: 'primary', 'data-action': 'submit' }),
  );
}

/** Whom the question is about: the parties it scores, and each voice, attributed and not scored. */
function aboutLines(content: Content, view: RunView, answered: boolean): HTMLElement[] {
  const about = questionAbout(content, view.scenario, view.question!);
  if (about.beforeAnswer === answered) return [];
  return [
    ...(about.parties.length ? [h('p', { class: 'meta' }, t('question.measures', { parties: partyNames(content, about.parties) }))] : []),
    ...about.voices.map((v) => h('p', { class: 'meta', 'data-voice': v.id }, v.role ? t('question.voice', { name: v.name, role: v.role }) : t('question.voiceNoRole', { name: v.name }))),
  ];
}

/**
 * The controls that take an answer to `q`, its items in the order `order` shows them: option
 * buttons (with number keys), sort selects or order buttons, set to `recorded` when watching.
 * `prefix` names the offered actions ("option" in play, "check" in the learning-gain check).
 */
export function answerControls(ctx: ScreenContext, q: Question, order: readonly string[], submit: Submit, recorded: Answer | null, prefix = 'option'): HTMLElement {
  switch (q.type) {
    case 'choice':
    case 'who-said':
      return optionButtons(ctx, order.map((id) => q.options.find((o) => o.id === id)!), recorded && 'optionId' in recorded ? recorded.optionId : null, prefix);
    case 'true-false':
      return optionButtons(
        ctx,
        [
          { id: 'true', text: t('question.true') },
          { id: 'false', text: t('question.false') },
        ],
        recorded && 'value' in recorded ? String(recorded.value) : null,
        prefix,
      );
    case 'sort':
      return sortControls(ctx.session.content, q, [...order], submit, recorded && 'assignments' in recorded ? recorded.assignments : null);
    case 'order':
      return orderControls(q, recorded && 'order' in recorded ? recorded.order : [...order], submit);
  }
}

export function questionPanel(ctx: ScreenContext, view: RunView): HTMLElement {
  const { session, send } = ctx;
  const { content } = session;
  const q = view.question!;
  // Sort and order questions send the player's own answer where the screen offers to submit one.
  const submit: Submit = (answer) => ctx.action('submit') && send({ type: 'answer.submit', answer });
  const seen = new Set<string>();
  const recorded = recordedAnswer(ctx);
  const controls = answerControls(ctx, q, view.order, submit, recorded);
  return h(
    'section',
    { class: 'question', 'aria-labelledby': 'screen-heading', 'data-question': q.id, 'data-type': q.type },
    h('p', { class: 'eyebrow' }, t('question.heading', { number: view.questionNumber, count: view.questionCount })),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, q.prompt),
    q.type === 'who-said' && quoteBlock(content, q.quote),
    q.type === 'true-false' && h('p', { class: 'statement big' }, ...glossed(content, q.statement, seen)),
    ...aboutLines(content, view, false),
    controls,
    view.hintUsed && q.hint && h('p', { class: 'hint', role: 'note' }, h('strong', {}, `${t('question.hintLabel')}: `), q.hint),
    actionButton(ctx, 'hint', t('question.hint'), { 'data-action': 'hint' }),
    timerControls(ctx, view),
    recorded && h('p', { class: 'watch-note', role: 'note' }, t('watch.recordedAnswer')),
    !recorded && (q.type === 'choice' || q.type === 'who-said' || q.type === 'true-false') && h('p', { class: 'tip' }, t('question.keys')),
  );
}

/**
 * The right answer, shown after a wrong one; an order question's events with their dates are
 * shown after any answer (the dates are what the player learns from it).
 */
function rightAnswer(content: Content, q: Question, wrong: boolean): HTMLElement | null {
  const right = correctAnswer(q);
  switch (q.type) {
    case 'choice':
    case 'who-said':
      return wrong ? h('p', { class: 'right-answer' }, t('feedback.rightAnswer', { answer: q.options.find((o) => o.id === (right as { optionId: string }).optionId)!.text })) : null;
    case 'true-false':
      return wrong ? h('p', { class: 'right-answer' }, t('feedback.rightAnswer', { answer: q.answer ? t('question.true') : t('question.false') })) : null;
    case 'sort':
      return wrong
        ? h('div', { class: 'right-answer' }, h('p', {}, t('feedback.sortAnswer')), h('ul', { class: 'answer-list' }, ...q.statements.map((s) => h('li', {}, t('feedback.sortedUnder', { text: s.text, party: content.parties[s.party]?.name ?? s.party })))))
        : null;
    case 'order':
      return h('div', { class: 'right-answer', 'data-order-dates': '' }, h('p', {}, t('feedback.orderDates')), h('ol', { class: 'answer-list' }, ...q.events.map((e) => h('li', {}, t('feedback.dated', { when: e.when, text: e.text })))));
  }
}

export function feedbackPanel(ctx: ScreenContext, view: RunView): HTMLElement {
  const { session } = ctx;
  const { content } = session;
  const q = view.question!;
  const last = view.lastAnswer!;
  const verdict = last.timedOut
    ? t('feedback.timeout')
    : last.fraction === 1
      ? t('feedback.correct')
      : last.fraction > 0
        ? t('feedback.partial', { percent: Math.round(last.fraction * 100) })
        : t('feedback.wrong');
  const chosen =
    (q.type === 'choice' || q.type === 'who-said') && last.answer && typeof last.answer === 'object' && 'optionId' in last.answer
      ? q.options.find((o) => o.id === (last.answer as { optionId: string }).optionId)
      : undefined;
  return h(
    'section',
    { class: `feedback ${last.fraction === 1 ? 'is-correct' : 'is-wrong'}`, 'aria-labelledby': 'screen-heading', 'data-question': q.id },
    h('h1', { id: 'screen-heading', tabindex: '-1', 'data-verdict': last.fraction === 1 ? 'correct' : 'wrong' }, verdict),
    chosen?.feedback && !chosen.correct && h('p', {}, chosen.feedback),
    rightAnswer(content, q, last.fraction < 1),
    ...aboutLines(content, view, true),
    h('h2', {}, t('feedback.why')),
    h('p', {}, ...glossed(content, q.explanation, new Set())),
    h('h2', {}, t('feedback.evidence')),
    ...q.evidence.map((e) => quoteBlock(content, e)),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'continue', t('nav.continue'), { class: 'primary', 'data-action': 'continue', 'data-key': 1 })),
  );
}
