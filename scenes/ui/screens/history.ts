// Past runs on this device: watch one again, compare two of the same moment, open a shared code,
// remove one or clear them all.
import { clearHistory, readHistory, removeFromHistory } from '../../../src/replay/history';
import { t } from '../../../src/i18n';
import { actionButton } from '../act';
import { button, h } from '../dom';
import type { Screen } from './types';

export const historyScreen: Screen = (ctx) => {
  const { session, send, refresh } = ctx;
  const { content, store } = session;
  const { entries, problem } = readHistory(store);
  const ticked = new Set<string>();
  const error = h('p', { class: 'form-error', role: 'alert' });
  const codeInput = h('input', { type: 'text', id: 'open-code', name: 'code', autocomplete: 'off', spellcheck: 'false' });
  const groups = content.scenarioOrder
    .map((id) => ({ id, runs: entries.filter((e) => e.scenarioId === id) }))
    .filter((g) => g.runs.length);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('history.heading')),
    h('p', {}, t('history.intro')),
    problem && h('p', { class: 'form-error' }, problem),
    !groups.length && h('p', {}, t('history.empty')),
    ...groups.map((g) =>
      h(
        'section',
        { class: 'history-group', 'data-scenario': g.id },
        h('h2', {}, `${content.scenarios[g.id]!.date}: ${content.scenarios[g.id]!.title}`),
        h(
          'ul',
          { class: 'history-list' },
          ...g.runs.map((entry) => {
            const ending = content.scenarios[g.id]!.endings.find((e) => e.id === entry.endingId)?.title ?? entry.endingId;
            const label = t('history.entry', { ending, date: new Date(entry.finishedAt).toLocaleString() });
            return h(
              'li',
              { 'data-run': entry.id },
              h(
                'label',
                { class: 'check' },
                h('input', { type: 'checkbox', 'data-pick': entry.id, onchange: (e: Event) => ((e.target as HTMLInputElement).checked ? ticked.add(entry.id) : ticked.delete(entry.id)) }),
                ' ',
                label,
              ),
              h(
                'span',
                { class: 'row-buttons' },
                actionButton(ctx, `watch:${entry.id}`, t('history.watch'), { 'data-action': 'watch', 'aria-label': `${t('history.watch')}: ${label}` }),
                button(t('history.remove'), () => {
                  removeFromHistory(store, entry.id);
                  refresh();
                }, { class: 'quiet', 'aria-label': `${t('history.remove')}: ${label}` }),
              ),
            );
          }),
        ),
      ),
    ),
    error,
    groups.length > 0 &&
      h(
        'nav',
        { class: 'menu row' },
        ctx.action('compare') && button(t('history.compare'), () => {
          const picked = entries.filter((e) => ticked.has(e.id));
          if (picked.length !== 2 || picked[0]!.scenarioId !== picked[1]!.scenarioId) {
            error.textContent = t('history.pickTwo');
            return;
          }
          send({ type: 'compare.open', a: picked[1]!.code, b: picked[0]!.code });
        }, { class: 'primary', 'data-action': 'compare' }),
        button(t('history.clear'), () => {
          clearHistory(store);
          refresh();
        }, { class: 'quiet', 'data-action': 'clear' }),
      ),
    h(
      'form',
      { class: 'field open-code', onsubmit: (e: Event) => (e.preventDefault(), send({ type: 'watch.code', code: codeInput.value })) },
      h('label', { for: 'open-code' }, t('history.codeLabel')),
      codeInput,
      h('button', { type: 'submit', 'data-action': 'open-code' }, t('history.openButton')),
    ),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'back', t('nav.back'), { 'data-action': 'back' })),
  );
};
