// Scenario select: the moments on offer (every scenario, or the class's), in timeline order.
import { t } from '../../../src/i18n';
import { actionButton } from '../act';
import { h } from '../dom';
import { partyNames } from '../parts';
import type { Screen } from './types';

export const selectScreen: Screen = (ctx) => {
  const { content } = ctx.session;
  const years = ctx.session.scenarioIds.map((id) => content.scenarios[id]!.year);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('select.heading')),
    h('p', {}, years.length === 1 ? t('select.introOne', { first: years[0]! }) : t('select.intro', { count: years.length, first: Math.min(...years), last: Math.max(...years) })),
    h(
      'ol',
      { class: 'timeline' },
      ...ctx.session.scenarioIds.map((id) => {
        const s = content.scenarios[id]!;
        const parties = [...new Set(s.meetings.flatMap((m) => m.parties))];
        return h(
          'li',
          { class: 'timeline-item', 'data-scenario': id },
          h('p', { class: 'date' }, s.date),
          h('h2', {}, s.title),
          h('p', {}, s.summary),
          h('p', { class: 'meta' }, t('select.envoy', { role: s.envoy.title })),
          h('p', { class: 'meta' }, t('meeting.atTable', { parties: partyNames(content, parties) })),
          actionButton(ctx, `choose:${id}`, t('select.start', { title: s.title }), { class: 'primary', 'data-action': 'choose' }),
        );
      }),
    ),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'back', t('nav.back'), { 'data-action': 'back' })),
  );
};
