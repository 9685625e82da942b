// Playing in pairs: whose turn it is above a choice, and the second confirmation after the first
// player's proposal (the move or the predictions proposed, a prompt to talk it over, then the other
// player agrees or sends it back). What is offered comes from the session (src/machines/actions.ts).
import type { RunView } from '../../../src/engine/presenter';
import { t, type StringKey } from '../../../src/i18n';
import type { PairView } from '../../../src/session';
import { actionButton } from '../act';
import { h } from '../dom';
import { swatch } from '../parts';
import { reactionVerb } from './predict';
import type { ScreenContext } from './types';

/** The two players' names, with stand-ins when the device lost them. */
export function pairNames(pair: PairView): { leader: string; other: string } {
  const first = pair.players?.first ?? t('pair.player1');
  const second = pair.players?.second ?? t('pair.player2');
  return pair.leader === 0 ? { leader: first, other: second } : { leader: second, other: first };
}

/** "Ana chooses this move; then Ben confirms it." above the choice, or null when playing alone. */
export function pairTurn(ctx: ScreenContext, kind: 'move' | 'prediction'): HTMLElement | null {
  const pair = ctx.session.pair;
  if (!pair || ctx.session.watchNext) return null;
  return h('p', { class: 'pair-turn', 'data-pair-turn': pair.leader }, t(kind === 'move' ? 'pair.turnMove' : 'pair.turnPrediction', pairNames(pair)));
}

/** The second confirmation, in place of the choice while a proposal awaits it. */
export function pairConfirmPanel(ctx: ScreenContext, view: RunView, pair: PairView): HTMLElement {
  const proposal = pair.proposal!;
  const names = pairNames(pair);
  const { content } = ctx.session;
  let proposed: HTMLElement;
  if (proposal.type === 'move.choose') {
    const move = view.moves.find((m) => m.id === proposal.moveId);
    const label = move ? `${t(`moves.kind.${move.kind}` as StringKey)}: ${move.text}` : proposal.moveId;
    proposed = h('p', { class: 'move-text', 'data-proposed-move': proposal.moveId }, t('pair.proposedMove', { leader: names.leader, move: label }));
  } else {
    proposed = h(
      'div',
      { 'data-proposed-predictions': '' },
      h('p', {}, t('pair.proposedPredictions', { leader: names.leader })),
      h(
        'ul',
        { class: 'reads' },
        ...Object.entries(proposal.predictions).map(([party, reaction]) =>
          h('li', { 'data-party': party, 'data-reaction': reaction }, swatch(content.parties[party]?.colour ?? '#888'), `${content.parties[party]?.name ?? party}: ${reactionVerb(reaction)}`),
        ),
      ),
    );
  }
  return h(
    'section',
    { class: 'pair-confirm', 'aria-labelledby': 'screen-heading', 'data-pair-confirm': proposal.type },
    h('p', { class: 'eyebrow' }, view.meeting?.title ?? ''),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('pair.confirmHeading')),
    proposed,
    h('h2', {}, t('pair.discuss')),
    h('p', { class: 'lead', 'data-prompt': '' }, t(proposal.type === 'move.choose' ? 'pair.promptMove' : 'pair.promptPrediction', names)),
    h(
      'nav',
      { class: 'menu row' },
      actionButton(ctx, 'pair-agree', t('pair.agree', names), { class: 'primary', 'data-action': 'pair-agree', 'data-key': 1 }),
      actionButton(ctx, 'pair-disagree', t('pair.disagree', names), { 'data-action': 'pair-disagree', 'data-key': 2 }),
    ),
    h('p', { class: 'tip' }, t('pair.keys')),
  );
}
