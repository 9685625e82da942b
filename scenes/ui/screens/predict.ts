// The prediction step: after choosing a move, the player predicts how each party at the table
// will take it. A native form: per party a fieldset (legend: the party) of five radios in scale
// order, so arrow keys change a party's reaction and screen readers announce the group; the number
// keys choose for the party in focus and go on to the next. One submit sends them all.
import type { ReactionKind } from '../../../src/content/schema';
import type { RunView } from '../../../src/engine/presenter';
import { t, type StringKey } from '../../../src/i18n';
import { h } from '../dom';
import { swatch } from '../parts';
import { timerControls } from '../timer';
import type { ScreenContext } from './types';
import { pairNames, pairTurn } from './pairConfirm';

/**
 * Choices made but not yet submitted, kept across redraws of the same step (a pause redraws the
 * screen): keyed by the move and how many moves the run had made.
 */
const draft = { key: '', choices: new Map<string, ReactionKind>() };

export const reactionLabel = (r: ReactionKind) => t(`reaction.${r}` as StringKey);
export const reactionVerb = (r: ReactionKind) => t(`reactionVerb.${r}` as StringKey);

export function predictionPanel(ctx: ScreenContext, view: RunView): HTMLElement {
  const { session, send } = ctx;
  const step = view.prediction!;
  const key = `${session.currentRecord()?.scenarioId}|${step.moveId}|${session.currentRecord()?.events.filter((e) => e.type === 'move.choose').length}`;
  if (draft.key !== key) {
    draft.key = key;
    draft.choices = new Map();
  }
  // Watching a recorded run: the step shows the prediction the player made, read-only.
  const next = session.watchNext;
  const recorded = next?.type === 'prediction.submit' ? next.predictions : null;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const groups = step.parties.map((party) =>
    h(
      'fieldset',
      { class: 'predict-party', 'data-party': party.id, 'data-emblem': party.emblem },
      h('legend', {}, swatch(party.colour), party.name),
      h(
        'div',
        { class: 'reaction-choices' },
        ...party.choices.map((r, i) => {
          const id = `predict-${party.id}-${r}`;
          return h(
            'label',
            { class: 'reaction-choice', for: id, 'data-reaction': r },
            h('input', {
              type: 'radio',
              id,
              name: `predict-${party.id}`,
              value: r,
              'data-reaction': r,
              checked: (recorded ? recorded[party.id] : draft.choices.get(party.id)) === r,
              onchange: () => {
                draft.choices.set(party.id, r);
                error.textContent = '';
              },
            }),
            t('predict.choice', { key: i + 1, reaction: reactionLabel(r) }),
          );
        }),
      ),
    ),
  );
  const offered = ctx.action('submit-prediction');
  // Playing in pairs, submitting is the first player's proposal; the other confirms it next.
  const pair = session.pair;
  const submitButton = offered && h('button', { type: 'submit', class: 'primary', 'data-action': 'submit-prediction' }, pair && offered.type === 'pair.propose' ? t('pair.propose', pairNames(pair)) : t('predict.submit'));
  const form = h(
    'form',
    {
      class: 'prediction-form',
      novalidate: true,
      'aria-label': t('predict.heading'),
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!ctx.action('submit-prediction')) return;
        const missing = step.parties.filter((p) => !draft.choices.has(p.id));
        if (missing.length) {
          error.textContent = t('predict.incomplete', { parties: missing.map((p) => p.name).join(', ') });
          form.querySelector<HTMLInputElement>(`[data-party="${missing[0]!.id}"] input`)?.focus();
          return;
        }
        const decision = { type: 'prediction.submit' as const, predictions: Object.fromEntries(step.parties.map((p) => [p.id, draft.choices.get(p.id)!])) };
        send(ctx.action('submit-prediction')?.type === 'pair.propose' ? { type: 'pair.propose', decision } : decision);
      },
    },
    ...groups,
    error,
    submitButton,
  );

  // Number keys: choose for the party in focus (or the first still open), then go on to the next
  // open party, or to the submit button once every party has a prediction.
  const onKey = (e: Event) => {
    const event = e as KeyboardEvent;
    if (event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
    if (event.repeat) {
      // Holding a number key must not fill in every party (the director ignores repeats too).
      event.preventDefault();
      return;
    }
    const n = Number(event.key);
    const inGroup = (event.target as HTMLElement | null)?.closest?.('fieldset[data-party]');
    const group = (inGroup as HTMLFieldSetElement | null) ?? groups.find((g) => !draft.choices.has(g.dataset.party!)) ?? groups[0];
    const radio = group?.querySelectorAll<HTMLInputElement>('input[type="radio"]')[n - 1];
    event.preventDefault();
    if (!group || !radio || radio.disabled) return;
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    const next = groups.slice(groups.indexOf(group) + 1).concat(groups.slice(0, groups.indexOf(group))).find((g) => !draft.choices.has(g.dataset.party!));
    if (next) (next.querySelector<HTMLInputElement>('input:checked') ?? next.querySelector<HTMLInputElement>('input'))?.focus();
    else submitButton?.focus();
  };

  return h(
    'section',
    { class: 'prediction', 'aria-labelledby': 'screen-heading', 'data-prediction': step.moveId, onkeydown: onKey },
    h('p', { class: 'eyebrow' }, `${t(`moves.kind.${step.kind}` as StringKey)} · ${view.meeting?.title ?? ''}`),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('predict.heading')),
    h('p', { class: 'move-text' }, t('outcome.yourMove', { text: step.text })),
    h('p', {}, t('predict.intro')),
    pairTurn(ctx, 'prediction'),
    recorded && h('p', { class: 'watch-note', role: 'note' }, t('watch.recordedPrediction')),
    view.paused ? null : form,
    timerControls(ctx, view),
    !view.paused && !recorded && h('p', { class: 'tip' }, t('predict.keys', { count: step.parties[0]?.choices.length ?? 0 })),
  );
}
