// Pieces several screens share: a quote with its source, party chips, the standing meters.
import type { Content } from '../../src/content/loader';
import type { Evidence } from '../../src/content/schema';
import { quoteOf, type PartyMeter } from '../../src/engine/presenter';
import { t } from '../../src/i18n';
import { quoted } from '../../src/i18n/quoted';
import { h } from './dom';

export function quoteBlock(content: Content, evidence: Evidence): HTMLElement {
  const q = quoteOf(content, evidence);
  return h(
    'figure',
    { class: 'quote' },
    h('blockquote', {}, quoted(q.quote)),
    h('figcaption', {}, t('source.cite', { outlet: q.outlet, date: q.date }), ' — ', h('cite', {}, t('source.headline', { headline: quoted(q.headline) }))),
  );
}

/**
 * A party's colour square (`colour` is "#rrggbb"). The colour goes in through CSSOM as --party,
 * which the page's Content-Security-Policy allows; a style attribute would be blocked.
 */
export function swatch(colour: string): HTMLElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  el.style.setProperty('--party', colour);
  return el;
}

export function partyChip(content: Content, partyId: string): HTMLElement {
  const party = content.parties[partyId];
  return h(
    'span',
    { class: 'chip', 'data-party': partyId },
    swatch(party?.colour ?? '#888888'),
    party?.name ?? partyId,
  );
}

export function partyNames(content: Content, ids: readonly string[]): string {
  return ids.map((id) => content.parties[id]?.name ?? id).join(', ');
}

export function metersList(parties: readonly PartyMeter[], agreement: number): HTMLElement {
  return h(
    'section',
    { class: 'meters', 'aria-labelledby': 'meters-heading' },
    h('h2', { id: 'meters-heading', class: 'small-heading' }, t('meters.heading')),
    h('p', { class: 'meter-agreement' }, t('meters.agreement', { value: agreement })),
    h(
      'ul',
      {},
      ...parties.map((p) =>
        h(
          'li',
          { 'data-party': p.id },
          swatch(p.colour),
          p.seated
            ? !p.asked
              ? p.measured
                ? t('meters.partyNotAskedPredicted', { party: p.shortName, trust: p.trust, understanding: p.understanding })
                : t('meters.partyNotScored', { party: p.shortName, trust: p.trust })
              : p.measured
                ? t('meters.party', { party: p.shortName, trust: p.trust, understanding: p.understanding })
                : t('meters.partyUnmeasured', { party: p.shortName, trust: p.trust })
            : p.measured
              ? t('meters.partyNotSeated', { party: p.shortName, understanding: p.understanding })
              : t('meters.partyNotSeatedUnmeasured', { party: p.shortName }),
        ),
      ),
    ),
  );
}
