// Two runs of one moment side by side: endings, understanding and trust per party, and the
// first decision where they went different ways, highlighted.
import { decodeRunCode } from '../../../src/replay/code';
import { compareRuns } from '../../../src/replay/compare';
import { t } from '../../../src/i18n';
import { actionButton } from '../act';
import { h } from '../dom';
import { decisionList } from './replay';
import type { Screen } from './types';

export const compareScreen: Screen = (ctx) => {
  const { session } = ctx;
  const pair = session.app.getSnapshot().context.compare;
  const a = pair && decodeRunCode(session.content, pair.a);
  const b = pair && decodeRunCode(session.content, pair.b);
  if (!a?.ok || !b?.ok) {
    return h('section', { class: 'panel' }, h('h1', { id: 'screen-heading', tabindex: '-1' }, t('compare.heading')), h('p', { role: 'alert' }, (a && !a.ok && a.message) || (b && !b.ok && b.message) || ''), actionButton(ctx, 'back', t('nav.back'), { 'data-action': 'back' }));
  }
  const c = compareRuns(session.content, a.record, b.record);
  const cell = (v: string | number) => h('td', {}, String(v));
  return h(
    'section',
    { class: 'panel compare', 'aria-labelledby': 'screen-heading', 'data-divergence': c.firstDivergence ?? '' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('compare.heading')),
    h('p', { class: 'lead' }, c.firstDivergence === null ? t('compare.same') : t('compare.divergence', { number: c.firstDivergence + 1 })),
    h('div', { class: 'table-scroll' }, h(
      'table',
      { class: 'scores' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('ending.table.party')), h('th', { scope: 'col' }, `${t('compare.run', { letter: 'A' })}: ${t('ending.table.understanding')} / ${t('ending.table.trust')}`), h('th', { scope: 'col' }, `${t('compare.run', { letter: 'B' })}: ${t('ending.table.understanding')} / ${t('ending.table.trust')}`))),
      h(
        'tbody',
        {},
        h('tr', {}, h('th', { scope: 'row' }, t('compare.ending')), cell(c.endings.a?.title ?? t('compare.unfinished')), cell(c.endings.b?.title ?? t('compare.unfinished'))),
        h('tr', {}, h('th', { scope: 'row' }, t('compare.agreement')), cell(c.agreement.a), cell(c.agreement.b)),
        ...c.parties.map((p) => h('tr', { 'data-party': p.party }, h('th', { scope: 'row' }, p.name), cell(`${p.understanding.a} / ${p.seated ? p.trust.a : t('ending.table.notSeated')}`), cell(`${p.understanding.b} / ${p.seated ? p.trust.b : t('ending.table.notSeated')}`))),
      ),
    )),
    h('div', { class: 'compare-columns' },
      h('section', {}, h('h2', {}, `${t('compare.run', { letter: 'A' })} · ${t('compare.decisions')}`), decisionList(ctx, c.decisions.a, { rewind: false, highlight: c.firstDivergence })),
      h('section', {}, h('h2', {}, `${t('compare.run', { letter: 'B' })} · ${t('compare.decisions')}`), decisionList(ctx, c.decisions.b, { rewind: false, highlight: c.firstDivergence })),
    ),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'back', t('nav.back'), { class: 'primary', 'data-action': 'back' })),
  );
};
