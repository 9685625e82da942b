// The dashboard's tables: the one table shape every section uses, and the learning-gain tables
// (issue 18), per party and per question. Every cell is text, never markup.
import type { ScenarioSummary } from '../../src/classroom/dashboard';
import type { PartyGain } from '../../src/classroom/gain';
import { h } from '../ui/dom';
import { tt } from './tt';

/** A column heading; `num` right-aligns it over numbers. */
export type Head = string | { text: string; num: true };
export const num = (text: string): Head => ({ text, num: true });

export function table(caption: string, head: Head[], rows: HTMLTableRowElement[], attrs: Record<string, string> = {}, foot?: HTMLTableRowElement): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table', ...attrs },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...head.map((c) => (typeof c === 'string' ? h('th', { scope: 'col' }, c) : h('th', { scope: 'col', class: 'num' }, c.text))))),
      h('tbody', {}, ...rows),
      foot ? h('tfoot', {}, foot) : null,
    ),
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const pct = (value: number | null) => (value === null ? tt('dash.none') : tt('dash.gain.points', { value }));

/** Per party: the class's mean before and after the check, the gain and how many students it is over. */
export function partyGainTable(caption: string, gains: readonly PartyGain[], key: string): HTMLElement {
  return table(
    caption,
    [tt('dash.col.party'), num(tt('dash.gain.col.before')), num(tt('dash.gain.col.after')), num(tt('dash.gain.col.gain')), num(tt('dash.gain.col.students'))],
    gains.map((g) =>
      h(
        'tr',
        { 'data-party': g.party, 'data-before': g.before ?? '', 'data-after': g.after ?? '', 'data-gain': g.gain ?? '' },
        h('th', { scope: 'row' }, g.name),
        h('td', { class: 'num' }, pct(g.before)),
        h('td', { class: 'num' }, pct(g.after)),
        h('td', { class: 'num' }, g.gain === null ? tt('dash.none') : signed(g.gain)),
        h('td', { class: 'num' }, String(g.students)),
      ),
    ),
    { 'data-table': key },
  );
}

/** A scenario's learning gain, per party and per question; null without a check. */
export function gainSection(s: ScenarioSummary): HTMLElement | null {
  const gain = s.gain;
  if (!gain) return null;
  return h(
    'div',
    { class: 'gain', 'data-gain': s.id },
    h('h3', { class: 'small-heading' }, tt('dash.gain.heading')),
    h('p', { class: 'meta' }, tt('dash.gain.students', { count: gain.students })),
    partyGainTable(tt('dash.gain.parties'), gain.parties, 'gain-parties'),
    table(
      tt('dash.gain.items'),
      [num('#'), tt('dash.col.question'), num(tt('dash.gain.col.before')), num(tt('dash.gain.col.after')), num(tt('dash.gain.col.gain')), num(tt('dash.gain.col.students'))],
      gain.items.map((item, i) =>
        h(
          'tr',
          { 'data-question': item.questionId, 'data-before': item.before, 'data-after': item.after },
          h('td', { class: 'num' }, String(i + 1)),
          h('td', {}, item.label),
          h('td', { class: 'num' }, pct(item.before)),
          h('td', { class: 'num' }, pct(item.after)),
          h('td', { class: 'num' }, signed(item.gain)),
          h('td', { class: 'num' }, String(item.students)),
        ),
      ),
      { 'data-table': 'gain-items' },
    ),
  );
}

