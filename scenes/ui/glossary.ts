// Glossary links in the HTML layer: a term's first appearance on a screen becomes a small
// disclosure button that shows its plain-language definition in place (keyboard and screen
// reader friendly, no hover needed).
import type { Content } from '../../src/content/loader';
import { segmentByGlossary } from '../../src/content/glossary';
import { t } from '../../src/i18n';
import { h } from './dom';

let counter = 0;

/** `text` as nodes, with glossary terms linked; `seen` is shared by one screen. */
export function glossed(content: Content, text: string, seen: Set<string>): Node[] {
  return segmentByGlossary(text, content.glossary, seen).map((segment) => {
    if (!segment.term) return document.createTextNode(segment.text);
    const id = `gloss-${++counter}`;
    const definition = h('span', { id, class: 'definition', role: 'note', hidden: true }, h('strong', {}, `${segment.term.term}: `), segment.term.definition);
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'term',
        'aria-expanded': 'false',
        'aria-controls': id,
        title: t('glossary.show'),
        onclick: () => {
          const open = toggle.getAttribute('aria-expanded') !== 'true';
          toggle.setAttribute('aria-expanded', String(open));
          definition.hidden = !open;
        },
      },
      segment.text,
    );
    return h('span', { class: 'glossed' }, toggle, definition);
  });
}
