// The source panel: the passages of the draft's source, each in a text box that refuses edits, so
// words can be selected with the mouse or the keyboard (Shift and the arrows). The selected words go into
// the draft as a quote with its source id, copied from the passage, never retyped.
import type { Source } from '../../../src/content/schema';
import { button, h } from '../../ui/dom';
import { tt } from '../tt';

/** The evidence object for a quote, as it is written in a scenario file. */
export function quoteJson(source: string, quote: string): string {
  return `{ "source": ${JSON.stringify(source)}, "quote": ${JSON.stringify(quote)} }`;
}

export interface PassagePanel {
  element: HTMLElement;
  /** Shows the passages of `source` (or says it is unknown); nothing changes when it is the same one. */
  show(sourceId: string | undefined, source: Source | undefined): void;
}

/**
 * The panel. `insert` puts a quote's JSON into the draft and returns the line it went to; `copy`
 * puts it on the clipboard. Ctrl+Enter (Cmd+Enter) in a passage inserts its selected words.
 */
export function passagePanel(options: { insert: (json: string) => number; copy: (json: string) => Promise<void> }): PassagePanel {
  const status = h('p', { class: 'meta', role: 'status', 'data-status': 'quote' });
  const list = h('div', { class: 'passage-list', 'data-passages': '' });
  const heading = h('h2', { id: 'passages-heading' }, tt('author.passages'));
  const about = h('p', { class: 'meta' });
  let shown: string | undefined | null = null;
  let last: { source: string; box: HTMLTextAreaElement } | undefined;

  const selected = (): { source: string; quote: string } | undefined => {
    if (!last) return undefined;
    const { box } = last;
    const quote = box.value.slice(box.selectionStart, box.selectionEnd).trim();
    return quote ? { source: last.source, quote } : undefined;
  };
  const act = (how: 'insert' | 'copy') => {
    const pick = selected();
    if (!pick) {
      status.textContent = tt('author.selectFirst');
      return;
    }
    const text = quoteJson(pick.source, pick.quote);
    if (how === 'insert') status.textContent = tt('author.inserted', { line: options.insert(text) });
    else
      options.copy(text).then(
        () => (status.textContent = tt('author.copied')),
        () => (status.textContent = tt('author.copyFailed')),
      );
  };

  const element = h(
    'section',
    { class: 'panel teacher-section passage-panel', 'aria-labelledby': 'passages-heading' },
    heading,
    about,
    h('p', { class: 'meta' }, tt('author.passagesHelp')),
    h(
      'div',
      { class: 'menu row passage-actions' },
      button(tt('author.insertQuote'), () => act('insert'), { 'data-action': 'insert-quote', 'aria-keyshortcuts': 'Control+Enter' }),
      button(tt('author.copyQuote'), () => act('copy'), { class: 'quiet', 'data-action': 'copy-quote' }),
    ),
    status,
    list,
  );

  return {
    element,
    show(sourceId, source) {
      if (shown === (source ? source.id : (sourceId ?? ''))) return;
      shown = source ? source.id : (sourceId ?? '');
      last = undefined;
      if (!source) {
        heading.textContent = tt('author.passages');
        about.textContent = sourceId ? tt('author.unknownSource', { source: sourceId }) : tt('author.noSource');
        list.replaceChildren();
        return;
      }
      heading.textContent = tt('author.passagesOf', { source: source.id });
      about.textContent = tt('author.sourceAbout', { outlet: source.outlet, date: source.date, headline: source.headline });
      list.replaceChildren(
        ...source.passages.map((p) => {
          const id = `passage-${p.id}`;
          const box = h('textarea', {
            id,
            class: 'passage-text',
            // Not `readonly`: Chromium gives a read-only text box no caret, so the keyboard could
            // not select in it. Edits are refused instead (beforeinput), and it says it is read-only.
            'aria-readonly': 'true',
            spellcheck: 'false',
            // Selecting needs no on-screen keyboard on a touch screen.
            inputmode: 'none',
            rows: Math.max(2, Math.ceil(p.text.length / 60)),
            'data-passage': p.id,
            'aria-keyshortcuts': 'Control+Enter',
          });
          box.value = p.text;
          const remember = () => {
            if (box.selectionEnd > box.selectionStart) last = { source: source.id, box };
          };
          for (const type of ['select', 'mouseup', 'keyup', 'focus']) box.addEventListener(type, remember);
          box.addEventListener('beforeinput', (e) => e.preventDefault());
          // Where beforeinput cannot be refused (some IME compositions), the passage is put back.
          box.addEventListener('input', () => {
            if (box.value !== p.text) box.value = p.text;
          });
          box.addEventListener('keydown', (e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              remember();
              act('insert');
            }
          });
          const speakers = p.speakers.length ? tt('author.speakers', { speakers: p.speakers.join(', ') }) : '';
          return h('div', { class: 'passage' }, h('label', { for: id, class: 'passage-label' }, tt('author.passage', { id: p.id }), speakers ? h('span', { class: 'meta' }, ` ${speakers}`) : ''), box);
        }),
      );
    },
  };
}
