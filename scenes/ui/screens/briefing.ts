// The dossier: the situation, the parties at the tables, the source with outlet and date.
import { t } from '../../../src/i18n';
import { quoted } from '../../../src/i18n/quoted';
import { actionButton } from '../act';
import { h } from '../dom';
import { partyChip, quoteBlock } from '../parts';
import { coachTip } from '../coach';
import { glossed } from '../glossary';
import type { Screen } from './types';

export const briefingScreen: Screen = (ctx) => {
  const { session } = ctx;
  const { content } = session;
  const s = content.scenarios[session.app.getSnapshot().context.scenarioId ?? '']!;
  const source = content.sources[s.source]!;
  const parties = [...new Set(s.meetings.flatMap((m) => m.parties))];
  const seen = new Set<string>();
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'screen-heading' },
    coachTip(s, 'briefing', ctx),
    h('p', { class: 'eyebrow' }, `${t('briefing.heading')} · ${s.date}`),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, s.title),
    h('p', { class: 'meta' }, t('select.envoy', { role: s.envoy.title })),
    h('p', { class: 'lead' }, ...glossed(content, s.summary, seen)),
    h('h2', {}, t('briefing.situation')),
    ...s.briefing.map((b) => h('div', { class: 'briefing-item' }, h('p', {}, ...glossed(content, b.text, seen)), b.evidence && quoteBlock(content, b.evidence))),
    h('h2', {}, t('briefing.parties')),
    h('ul', { class: 'chips' }, ...parties.map((p) => h('li', {}, partyChip(content, p)))),
    h(
      'p',
      { class: 'source-line' },
      `${t('briefing.source')}: `,
      t('source.cite', { outlet: source.outlet, date: source.date }),
      ' — ',
      h('cite', {}, t('source.headline', { headline: quoted(source.headline) })),
    ),
    h(
      'nav',
      { class: 'menu row' },
      actionButton(ctx, 'begin', t('briefing.begin'), { class: 'primary', 'data-action': 'begin' }),
      actionButton(ctx, 'back', t('nav.back'), { 'data-action': 'back' }),
    ),
  );
};
