// The negotiation screen: the meeting's opening, then questions and feedback, then the moves
// (locked ones shown with their reasons) and what the move did. Meters stay visible throughout.
import type { RunView } from '../../../src/engine/presenter';
import { t, type StringKey } from '../../../src/i18n';
import { actionButton } from '../act';
import { h } from '../dom';
import { icon } from '../icons';
import { metersList, partyChip, partyNames, quoteBlock } from '../parts';
import { coachTip } from '../coach';
import { glossed } from '../glossary';
import { feedbackPanel, questionPanel } from './question';
import type { Screen, ScreenContext } from './types';

function openingPanel(ctx: ScreenContext, view: RunView): HTMLElement {
  const { content } = ctx.session;
  const m = view.meeting!;
  const seen = new Set<string>();
  return h(
    'section',
    { class: 'opening', 'aria-labelledby': 'screen-heading', 'data-meeting': m.id },
    h('p', { class: 'eyebrow' }, t('meeting.place', { place: m.place })),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('meeting.heading', { number: view.meetingNumber, title: m.title })),
    h('ul', { class: 'chips', 'aria-label': t('meeting.atTable', { parties: partyNames(content, m.parties) }) }, ...m.parties.map((p) => h('li', {}, partyChip(content, p)))),
    h('h2', {}, t('meeting.opening')),
    h('p', { class: 'lead' }, ...glossed(content, m.opening.text, seen)),
    quoteBlock(content, m.opening.evidence),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'continue', t('nav.continue'), { class: 'primary', 'data-action': 'continue', 'data-key': 1 })),
  );
}

function movesPanel(ctx: ScreenContext, view: RunView): HTMLElement {
  let key = 0;
  return h(
    'section',
    { class: 'moves', 'aria-labelledby': 'screen-heading' },
    h('p', { class: 'eyebrow' }, view.meeting!.title),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('moves.heading')),
    h('p', {}, t('moves.intro')),
    h(
      'ol',
      { class: 'options move-list' },
      ...view.moves.map((mv) => {
        const reasonsId = `reasons-${mv.id}`;
        const label = `${t(`moves.kind.${mv.kind}` as StringKey)}: ${mv.text}`;
        return h(
          'li',
          { class: mv.locked ? 'locked' : '' },
          mv.locked
            ? h(
                'button',
                { type: 'button', 'aria-disabled': 'true', 'aria-describedby': reasonsId, 'data-move': mv.id, class: 'is-locked' },
                icon('lock'),
                `${t('moves.locked')} — ${label}`,
              )
            : ctx.action(`move:${mv.id}`) && actionButton(ctx, `move:${mv.id}`, `${++key}. ${label}`, { 'data-move': mv.id, 'data-key': key }),
          mv.locked && h('ul', { id: reasonsId, class: 'reasons' }, ...mv.reasons.map((r) => h('li', {}, r))),
        );
      }),
    ),
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function outcomePanel(ctx: ScreenContext, view: RunView): HTMLElement {
  const { session } = ctx;
  const last = view.lastMove!;
  const changes = Object.entries(last.trustDelta)
    .filter(([, d]) => d !== 0)
    .map(([party, d]) => t('outcome.trust', { party: session.content.parties[party]?.name ?? party, delta: signed(d) }));
  if (last.agreementDelta) changes.push(t('outcome.agreement', { delta: signed(last.agreementDelta) }));
  return h(
    'section',
    { class: 'outcome', 'aria-labelledby': 'screen-heading' },
    // The eyebrow names the move in a word; its full text is the first line of the body.
    h('p', { class: 'eyebrow' }, `${t(`moves.kind.${last.kind}` as StringKey)} · ${view.meeting?.title ?? ''}`),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('outcome.heading')),
    h('p', { class: 'move-text' }, t('outcome.yourMove', { text: last.text })),
    h('p', { class: 'lead' }, ...glossed(session.content, last.response, new Set())),
    h('ul', { class: 'changes' }, ...(changes.length ? changes : [t('outcome.noChange')]).map((c) => h('li', {}, c))),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'continue', t('nav.continue'), { class: 'primary', 'data-action': 'continue', 'data-key': 1 })),
  );
}

export const negotiationScreen: Screen = (ctx) => {
  const view = ctx.session.runView();
  if (!view) return h('section', { class: 'panel' }, h('h1', { id: 'screen-heading', tabindex: '-1' }, t('app.loading')));
  const body =
    view.phase === 'opening'
      ? openingPanel(ctx, view)
      : view.phase === 'question'
        ? questionPanel(ctx, view)
        : view.phase === 'feedback'
          ? feedbackPanel(ctx, view)
          : view.phase === 'moves'
            ? movesPanel(ctx, view)
            : view.phase === 'outcome'
              ? outcomePanel(ctx, view)
              : h('section', {}, h('p', { class: 'eyebrow' }, view.scenario.date), h('h1', { id: 'screen-heading', tabindex: '-1' }, view.scenario.title), h('p', { class: 'lead' }, view.scenario.summary));
  return h(
    'div',
    { class: 'panel negotiation', 'data-phase': view.phase },
    h('div', { class: 'negotiation-main' }, coachTip(view.scenario, view.phase, ctx), body),
    h(
      'aside',
      { class: 'negotiation-side' },
      metersList(view.parties, view.agreement),
      h('nav', { class: 'menu' }, actionButton(ctx, 'leave', t('nav.leave'), { class: 'quiet', 'data-action': 'leave' })),
    ),
  );
};

