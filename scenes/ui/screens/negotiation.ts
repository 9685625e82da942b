// The negotiation screen: the meeting's opening, then questions and feedback, then the moves
// (locked ones shown with their reasons, each with the player's read of the table), the prediction
// step, and what the move did: the reactions beside the predictions. Meters stay visible throughout.
import type { MoveView, RunView } from '../../../src/engine/presenter';
import { t, type StringKey } from '../../../src/i18n';
import { actionButton } from '../act';
import { h } from '../dom';
import { icon } from '../icons';
import { metersList, partyChip, partyNames, quoteBlock, swatch } from '../parts';
import { coachTip } from '../coach';
import { glossed } from '../glossary';
import { feedbackPanel, questionPanel } from './question';
import { predictionPanel, reactionVerb } from './predict';
import { dossierPanel } from './dossier';
import { pairConfirmPanel, pairTurn } from './pairConfirm';
import { checkPanel } from './check';
import type { Screen, ScreenContext } from './types';

export function openingPanel(ctx: ScreenContext, view: RunView): HTMLElement {
  const { content } = ctx.session;
  const m = view.meeting!;
  const seen = new Set<string>();
  return h(
    'section',
    { class: 'opening', 'aria-labelledby': 'screen-heading', 'data-meeting': m.id },
    h('p', { class: 'eyebrow' }, t('meeting.place', { place: m.place })),
    // The stage's journey map, in words (the stage is decorative).
    view.stage?.journey && h('p', { class: 'journey' }, t('meeting.journey', { from: view.stage.journey.from.name, to: view.stage.journey.to.name })),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('meeting.heading', { number: view.meetingNumber, title: m.title })),
    h('ul', { class: 'chips', 'aria-label': t('meeting.atTable', { parties: partyNames(content, m.parties) }) }, ...m.parties.map((p) => h('li', {}, partyChip(content, p)))),
    h('h2', {}, t('meeting.opening')),
    h('p', { class: 'lead' }, ...glossed(content, m.opening.text, seen)),
    quoteBlock(content, m.opening.evidence),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'continue', t('nav.continue'), { class: 'primary', 'data-action': 'continue', 'data-key': 1 })),
  );
}

/** The player's read of each party's reaction to a move, under its card (empty for schema 1 moves). */
function readsList(mv: MoveView, id: string): HTMLElement | null {
  if (!mv.reads.length) return null;
  return h(
    'ul',
    { id, class: 'reads', 'aria-label': t('moves.reads') },
    ...mv.reads.map((r) =>
      h(
        'li',
        { 'data-party': r.id, 'data-read': r.read ?? '' },
        swatch(r.colour),
        r.read ? t('moves.read', { party: r.shortName, reaction: reactionVerb(r.read) }) : t('moves.readUnknown', { party: r.shortName }),
      ),
    ),
  );
}

function movesPanel(ctx: ScreenContext, view: RunView): HTMLElement {
  let key = 0;
  return h(
    'section',
    { class: 'moves', 'aria-labelledby': 'screen-heading' },
    h('p', { class: 'eyebrow' }, view.meeting!.title),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('moves.heading')),
    h('p', {}, t('moves.intro')),
    pairTurn(ctx, 'move'),
    h(
      'ol',
      { class: 'options move-list' },
      ...view.moves.map((mv) => {
        const reasonsId = `reasons-${mv.id}`;
        const readsId = `reads-${mv.id}`;
        const label = `${t(`moves.kind.${mv.kind}` as StringKey)}: ${mv.text}`;
        const reads = readsList(mv, readsId);
        const describedBy = [mv.locked ? reasonsId : '', reads ? readsId : ''].filter(Boolean).join(' ') || undefined;
        return h(
          'li',
          { class: mv.locked ? 'locked' : '' },
          mv.locked
            ? h(
                'button',
                { type: 'button', 'aria-disabled': 'true', 'aria-describedby': describedBy, 'data-move': mv.id, class: 'is-locked' },
                icon('lock'),
                `${t('moves.locked')} — ${label}`,
              )
            : ctx.action(`move:${mv.id}`) && actionButton(ctx, `move:${mv.id}`, `${++key}. ${label}`, { 'data-move': mv.id, 'data-key': key, 'aria-describedby': describedBy }),
          mv.locked && h('ul', { id: reasonsId, class: 'reasons' }, ...mv.reasons.map((r) => h('li', {}, r))),
          reads,
        );
      }),
    ),
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

const scoreWord = (score: number, predicted: unknown = true) =>
  t(!predicted ? 'outcome.score.none' : score === 1 ? 'outcome.score.right' : score > 0 ? 'outcome.score.close' : 'outcome.score.wrong');

/** Each party's real reaction beside the prediction, then the quote each reaction rests on. */
function reactionsSection(ctx: ScreenContext, view: RunView): HTMLElement | null {
  const { content } = ctx.session;
  const reactions = view.lastMove?.reactions ?? [];
  if (!reactions.length) return null;
  const predicted = reactions.some((r) => r.score !== null);
  return h(
    'section',
    { class: 'reactions', 'aria-labelledby': 'reactions-heading' },
    h('h2', { id: 'reactions-heading' }, t('outcome.reactions')),
    view.lastMove?.predictionTimedOut && h('p', { class: 'meta' }, t('outcome.timedOut')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'scores reaction-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('outcome.table.party')),
            h('th', { scope: 'col' }, t('outcome.table.reaction')),
            predicted && h('th', { scope: 'col' }, t('outcome.table.prediction')),
            predicted && h('th', { scope: 'col' }, t('outcome.table.score')),
          ),
        ),
        h(
          'tbody',
          {},
          ...reactions.map((r) =>
            h(
              'tr',
              {
                'data-party': r.id,
                'data-reaction': r.reaction,
                'data-predicted': r.predicted ?? '',
                'data-score': r.score ?? '',
                // What the director announces for the row when the outcome appears.
                'data-summary':
                  r.score === null
                    ? t('outcome.reactionLineUnpredicted', { party: r.name, reaction: reactionVerb(r.reaction) })
                    : t('outcome.reactionLine', { party: r.name, reaction: reactionVerb(r.reaction), predicted: r.predicted ? reactionVerb(r.predicted) : t('outcome.notPredicted'), score: scoreWord(r.score, r.predicted) }),
              },
              h('th', { scope: 'row' }, swatch(r.colour), r.name),
              h('td', {}, reactionVerb(r.reaction)),
              predicted && h('td', {}, r.predicted ? reactionVerb(r.predicted) : t('outcome.notPredicted')),
              predicted && (r.scored ? h('td', { class: r.score === 1 ? 'is-right' : r.score ? 'is-close' : 'is-wrong' }, r.score === null ? '' : scoreWord(r.score, r.predicted)) : h('td', { class: 'meta', 'data-not-scored': 'true' }, `${r.score === null ? '' : `${scoreWord(r.score, r.predicted)} · `}${t('predict.notScored')}`)),
            ),
          ),
        ),
      ),
    ),
    ...reactions.map((r) =>
      h('div', { class: 'reaction-evidence', 'data-party': r.id }, h('h3', { class: 'small-heading' }, t('outcome.why', { party: r.name, reaction: reactionVerb(r.reaction) })), quoteBlock(content, r.evidence)),
    ),
  );
}

export function outcomePanel(ctx: ScreenContext, view: RunView): HTMLElement {
  const { session } = ctx;
  const last = view.lastMove!;
  const changes = Object.entries(last.trustDelta)
    .filter(([, d]) => d !== 0)
    .map(([party, d]) => t('outcome.trust', { party: session.content.parties[party]?.name ?? party, delta: signed(d) }));
  if (last.agreementDelta) changes.push(t('outcome.agreement', { delta: signed(last.agreementDelta) }));
  return h(
    'section',
    { class: 'outcome', 'aria-labelledby': 'screen-heading' },
    // The eyebrow names the move in a word; its full text is the first line of the body.
    h('p', { class: 'eyebrow' }, `${t(`moves.kind.${last.kind}` as StringKey)} · ${view.meeting?.title ?? ''}`),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('outcome.heading')),
    h('p', { class: 'move-text' }, t('outcome.yourMove', { text: last.text })),
    h('p', { class: 'lead' }, ...glossed(session.content, last.response, new Set())),
    h('ul', { class: 'changes' }, ...(changes.length ? changes : [t('outcome.noChange')]).map((c) => h('li', {}, c))),
    reactionsSection(ctx, view),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'continue', t('nav.continue'), { class: 'primary', 'data-action': 'continue', 'data-key': 1 })),
  );
}

export const negotiationScreen: Screen = (ctx) => {
  const view = ctx.session.runView();
  if (!view) return h('section', { class: 'panel' }, h('h1', { id: 'screen-heading', tabindex: '-1' }, t('app.loading')));
  const pair = ctx.session.pair;
  const confirming = !!pair?.proposal && !view.paused && (view.phase === 'moves' || view.phase === 'predicting');
  const body = confirming
    ? pairConfirmPanel(ctx, view, pair)
    : view.phase === 'check' && view.check
      ? checkPanel(ctx, view)
    : view.phase === 'opening'
      ? openingPanel(ctx, view)
      : view.phase === 'question'
        ? questionPanel(ctx, view)
        : view.phase === 'feedback'
          ? feedbackPanel(ctx, view)
          : view.phase === 'moves'
            ? movesPanel(ctx, view)
            : view.phase === 'predicting' && view.prediction
              ? predictionPanel(ctx, view)
            : view.phase === 'outcome'
              ? outcomePanel(ctx, view)
              : h('section', {}, h('p', { class: 'eyebrow' }, view.scenario.date), h('h1', { id: 'screen-heading', tabindex: '-1' }, view.scenario.title), h('p', { class: 'lead' }, view.scenario.summary));
  return h(
    'div',
    { class: 'panel negotiation', 'data-phase': view.phase },
    h('div', { class: 'negotiation-main' }, coachTip(view.scenario, view.phase, ctx), body),
    h(
      'aside',
      { class: 'negotiation-side' },
      metersList(view.parties, view.agreement),
      dossierPanel(ctx, view.dossier, view.phase === 'moves' || view.phase === 'predicting'),
      h('nav', { class: 'menu' }, actionButton(ctx, 'leave', t('nav.leave'), { class: 'quiet', 'data-action': 'leave' })),
    ),
  );
};

