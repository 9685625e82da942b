// Title menu: plain HTML, shown before Phaser has loaded.
import { t } from '../../../src/i18n';
import { button, h } from '../dom';
import type { Screen } from './types';

export const titleScreen: Screen = ({ session, send, prefs }) => {
  const { canResume } = session.app.getSnapshot().context;
  const tutorialId = session.content.tutorialId;
  // A first-time player is offered the practice first.
  const firstTime = !!tutorialId && !prefs.get().tutorialSeen && !canResume;
  const tutorial =
    tutorialId &&
    button(
      t('title.tutorial'),
      () => {
        prefs.set({ tutorialSeen: true });
        send({ type: 'scenario.choose', scenarioId: tutorialId });
      },
      { class: firstTime ? 'primary' : '', 'data-action': 'tutorial' },
    );
  return h(
    'section',
    { class: 'panel title-panel', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1', class: 'game-title' }, t('app.name')),
    h('p', { class: 'tagline' }, t('app.tagline')),
    session.classSettings?.label && h('p', { class: 'class-label', 'data-class-label': '' }, t('title.class', { label: session.classSettings.label })),
    h(
      'nav',
      { class: 'menu', 'aria-label': t('app.name') },
      canResume && button(t('title.resume'), () => send({ type: 'menu.resume' }), { class: 'primary', 'data-action': 'resume' }),
      firstTime && tutorial,
      button(t('title.play'), () => send({ type: 'menu.play' }), { class: canResume || firstTime ? '' : 'primary', 'data-action': 'play' }),
      !firstTime && tutorial,
      button(t('title.history'), () => send({ type: 'menu.history' }), { 'data-action': 'history' }),
      button(t('title.settings'), () => send({ type: 'menu.settings' }), { 'data-action': 'settings' }),
    ),
    h('p', { class: 'about' }, t('title.about')),
  );
};
