// The dossier beside the talks: for each party at the table, what the reports say it holds, opened
// kind by kind as the player's understanding of it rises (src/engine/dossier.ts decides what).
import type { DossierParty } from '../../../src/engine/dossier';
import { t, type StringKey } from '../../../src/i18n';
import { h } from '../dom';
import { quoteBlock, swatch } from '../parts';
import type { ScreenContext } from './types';

/** Open while the player weighs moves and predicts: that is when interests and red lines matter. */
export function dossierPanel(ctx: ScreenContext, dossier: readonly DossierParty[], open: boolean): HTMLElement | null {
  if (!dossier.length) return null;
  const { content } = ctx.session;
  const shown = dossier.reduce((n, d) => n + d.open.length, 0);
  const total = dossier.reduce((n, d) => n + d.open.length + d.closed, 0);
  return h(
    'details',
    { class: 'dossier', open: open || undefined },
    h('summary', {}, t('dossier.summary', { shown, total })),
    h('p', { class: 'meta' }, t('dossier.intro')),
    ...dossier.map((d) => {
      const party = content.parties[d.party];
      const name = party?.name ?? d.party;
      return h(
        'section',
        { class: 'dossier-party', 'data-party': d.party, 'aria-label': name },
        h('h3', { class: 'small-heading' }, swatch(party?.colour ?? '#888888'), name),
        d.open.length
          ? h(
              'ul',
              { class: 'dossier-stances' },
              ...d.open.map((s) =>
                h('li', { 'data-kind': s.kind }, h('strong', { class: 'stance-kind' }, `${t(`dossier.kind.${s.kind}` as StringKey)}: `), s.text, quoteBlock(content, s.evidence)),
              ),
            )
          : null,
        !d.open.length && !d.closed ? h('p', { class: 'meta' }, t('dossier.none', { party: party?.shortName ?? d.party })) : null,
        d.closed > 0 && d.nextAt !== null
          ? h('p', { class: 'dossier-closed meta' }, t('dossier.closed', { count: d.closed, party: party?.shortName ?? d.party, at: d.nextAt }))
          : null,
      );
    }),
  );
}
