// Title menu: plain HTML, shown before Phaser has loaded.
import type { Content } from '../../../src/content/loader';
import { t } from '../../../src/i18n';
import { actionButton } from '../act';
import { h } from '../dom';
import type { Screen } from './types';

/** How many reports the content is built from and the years they span. */
function reportSpan(content: Content): { count: number; first: number; last: number } | null {
  const years = Object.values(content.sources).map((s) => s.year);
  return years.length ? { count: years.length, first: Math.min(...years), last: Math.max(...years) } : null;
}

export const titleScreen: Screen = (ctx) => {
  const { session, prefs } = ctx;
  const { canResume } = session.app.getSnapshot().context;
  const tutorialId = session.content.tutorialId;
  const span = reportSpan(session.content);
  // A first-time player is offered the practice first.
  const firstTime = !!tutorialId && !prefs.get().tutorialSeen && !canResume;
  const tutorial = actionButton(ctx, 'tutorial', t('title.tutorial'), { class: firstTime ? 'primary' : '', 'data-action': 'tutorial' }, () => prefs.set({ tutorialSeen: true }));
  return h(
    'section',
    { class: 'panel title-panel', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1', class: 'game-title' }, t('app.name')),
    h('p', { class: 'tagline' }, t('app.tagline')),
    session.classSettings?.label && h('p', { class: 'class-label', 'data-class-label': '' }, t('title.class', { label: session.classSettings.label })),
    session.pair?.players && h('p', { class: 'class-label', 'data-players': '' }, t('title.players', { ...session.pair.players })),
    h(
      'nav',
      { class: 'menu', 'aria-label': t('app.name') },
      actionButton(ctx, 'resume', t('title.resume'), { class: 'primary', 'data-action': 'resume' }),
      firstTime && tutorial,
      actionButton(ctx, 'play', t('title.play'), { class: canResume || firstTime ? '' : 'primary', 'data-action': 'play' }),
      !firstTime && tutorial,
      actionButton(ctx, 'change-players', t('title.changePlayers'), { 'data-action': 'change-players' }),
      actionButton(ctx, 'history', t('title.history'), { 'data-action': 'history' }),
      actionButton(ctx, 'settings', t('title.settings'), { 'data-action': 'settings' }),
    ),
    span && h('p', { class: 'about' }, t('title.about', span)),
  );
};
