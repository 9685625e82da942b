// Playing in pairs: the two players type their names before choosing a scenario. The names are
// checked by the model (src/classroom/pair.ts); a problem is said under the form.
import { checkPairNames } from '../../../src/classroom/pair';
import { MAX_NAME_LENGTH } from '../../../src/classroom/results';
import { t } from '../../../src/i18n';
import { actionButton } from '../act';
import { h } from '../dom';
import type { Screen } from './types';

export const playersScreen: Screen = (ctx) => {
  const known = ctx.session.pair?.players;
  const field = (id: string, label: string, value: string) =>
    h(
      'p',
      { class: 'field' },
      h('label', { for: id }, label),
      h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: String(MAX_NAME_LENGTH), value, 'data-player': id }),
    );
  const error = h('p', { class: 'form-error', role: 'alert', 'data-error': 'players' });
  const form = h(
    'form',
    {
      class: 'players-form',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const value = (id: string) => form.querySelector<HTMLInputElement>(`#${id}`)!.value;
        const checked = checkPairNames(value('player-first'), value('player-second'));
        if (!checked.ok) {
          error.textContent = checked.message;
          form.querySelector<HTMLInputElement>(value('player-first').trim() ? '#player-second' : '#player-first')?.focus();
          return;
        }
        if (ctx.action('pair-names')) ctx.send({ type: 'pair.names', names: checked.names });
      },
    },
    field('player-first', t('players.first'), known?.first ?? ''),
    field('player-second', t('players.second'), known?.second ?? ''),
    error,
    h('nav', { class: 'menu row' }, h('button', { type: 'submit', class: 'primary', 'data-action': 'players-start' }, t('players.start')), actionButton(ctx, 'back', t('nav.back'), { 'data-action': 'back' })),
  );
  return h(
    'section',
    { class: 'panel players', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('players.heading')),
    h('p', { class: 'lead' }, t('players.intro')),
    form,
  );
};
