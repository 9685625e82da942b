// Projector mode's screens before the talks (scenes/teacher/projector.ts draws the rest): the
// scenarios to play and the briefing, in the projector's large type.
import { t } from '../../src/i18n';
import { actionButton } from '../ui/act';
import { button, h } from '../ui/dom';
import { glossed } from '../ui/glossary';
import type { ScreenContext } from '../ui/screens/types';
import { tt } from './tt';

/** The scenarios to play (and Resume, when a class run is saved). */
export function startPanel(ctx: ScreenContext): HTMLElement {
  const { session } = ctx;
  const { content } = session;
  const choose = (id: string) => {
    if (session.can({ type: 'menu.play' })) session.send({ type: 'menu.play' });
    session.send({ type: 'scenario.choose', scenarioId: id });
  };
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, tt('projector.heading')),
    h('p', { class: 'lead' }, tt('projector.intro')),
    actionButton(ctx, 'resume', tt('projector.resume'), { class: 'primary', 'data-action': 'resume' }),
    h(
      'ol',
      { class: 'projector-scenarios' },
      ...content.scenarioOrder.map((id) => {
        const s = content.scenarios[id]!;
        return h('li', {}, button(tt('projector.play', { title: s.title, date: s.date }), () => choose(id), { 'data-scenario': id }));
      }),
    ),
  );
}

/** The scenario's date, title and summary, before the class begins. */
export function briefingPanel(ctx: ScreenContext): HTMLElement {
  const { session } = ctx;
  const { content } = session;
  const s = content.scenarios[session.app.getSnapshot().context.scenarioId!]!;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'screen-heading' },
    h('p', { class: 'eyebrow' }, s.date),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, s.title),
    h('p', { class: 'lead' }, ...glossed(content, s.summary, new Set())),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'begin', tt('projector.begin'), { class: 'primary', 'data-action': 'begin' }), actionButton(ctx, 'back', t('nav.back'), { 'data-action': 'back' })),
  );
}
