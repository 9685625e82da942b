// Watch mode: a recorded or shared run played back step by step, read-only, with play, pause,
// step, and "play on from here yourself".
import { t } from '../../../src/i18n';
import { actionButton } from '../act';
import { button, h } from '../dom';
import { negotiationScreen } from './negotiation';
import type { Screen } from './types';

export const watchScreen: Screen = (ctx) => {
  const { session } = ctx;
  const progress = session.watchProgress ?? { step: 0, total: 0 };
  const playing = session.app.getSnapshot().context.watchPlaying;
  const view = session.runView();
  const bar = h(
    'div',
    { class: 'watch-bar', role: 'group', 'aria-label': t('watch.heading') },
    h('strong', {}, t('watch.heading')),
    h('span', { 'data-progress': `${progress.step}/${progress.total}` }, t('watch.progress', { step: progress.step, total: progress.total })),
    playing
      ? actionButton(ctx, 'watch-pause', t('watch.pause'), { 'data-action': 'watch-pause' })
      : (actionButton(ctx, 'watch-play', t('watch.play'), { 'data-action': 'watch-play' }) ?? button(t('watch.play'), () => {}, { 'data-action': 'watch-play', disabled: true })),
    actionButton(ctx, 'watch-step', t('watch.step'), { 'data-action': 'watch-step' }) ?? button(t('watch.step'), () => {}, { 'data-action': 'watch-step', disabled: true }),
    actionButton(ctx, 'watch-takeover', t('watch.takeover'), { 'data-action': 'watch-takeover' }),
    actionButton(ctx, 'watch-exit', t('watch.exit'), { class: 'quiet', 'data-action': 'watch-exit' }),
  );
  const body =
    view?.phase === 'ending' && view.ending
      ? h('section', { class: 'panel', 'data-ending': view.ending.id }, h('p', { class: 'eyebrow' }, t('watch.ended')), h('h1', { id: 'screen-heading', tabindex: '-1' }, view.ending.title), h('p', {}, view.ending.debrief))
      : negotiationScreen(ctx);
  // Watching is read-only: the answer and move buttons of the negotiation screen do nothing.
  for (const el of body.querySelectorAll<HTMLButtonElement | HTMLSelectElement | HTMLInputElement>('.negotiation-main button, .negotiation-main select, .negotiation-main input')) el.disabled = true;
  return h('div', { class: 'watch' }, bar, body);
};
