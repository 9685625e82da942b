// What the teacher pages share: the page frame with its navigation, a source quote, a file
// download and printing one part of a page.
import type { Quote } from '../../src/engine/presenter';
import { quoted } from '../../src/i18n/quoted';
import { h } from '../ui/dom';
export { download } from '../ui/download';
import { tt } from './tt';

export type TeacherPage = 'setup' | 'dashboard' | 'author';

/** The game's address without any query: the base of class links and of the teacher pages' links. */
export function gameUrl(): string {
  return `${location.origin}${location.pathname}`;
}

export function pageFrame(page: TeacherPage, ...sections: HTMLElement[]): HTMLElement {
  const link = (target: TeacherPage, label: string) =>
    h('a', { href: `${gameUrl()}?teacher=${target}`, 'aria-current': page === target ? 'page' : undefined, 'data-nav': target }, label);
  return h(
    'div',
    { class: 'teacher', 'data-teacher': page },
    h(
      'nav',
      { class: 'teacher-nav', 'aria-label': tt('nav.label') },
      h('span', { class: 'teacher-brand' }, tt('nav.brand')),
      h(
        'ul',
        {},
        h('li', {}, link('setup', tt('nav.setup'))),
        h('li', {}, link('dashboard', tt('nav.dashboard'))),
        h('li', {}, link('author', tt('nav.author'))),
        h('li', {}, h('a', { href: `${gameUrl()}?teacher=projector`, 'data-nav': 'projector' }, tt('nav.projector'))),
        h('li', {}, h('a', { href: gameUrl() }, tt('nav.game'))),
      ),
    ),
    ...sections,
  );
}

export function quoteFigure(q: Quote): HTMLElement {
  return h(
    'figure',
    { class: 'quote', 'data-source': q.source },
    h('blockquote', {}, quoted(q.quote)),
    h('figcaption', {}, tt('guide.cite', { outlet: q.outlet, date: q.date }), q.headline ? ' — ' : '', q.headline ? h('cite', {}, tt('guide.headline', { headline: quoted(q.headline) })) : ''),
  );
}

/**
 * Prints the page with `mode` set on the body (the print stylesheet shows only that part), and
 * clears it once the print dialog closes.
 */
export function printPart(mode: string): void {
  document.body.dataset.print = mode;
  const done = () => {
    delete document.body.dataset.print;
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
