// The debrief: the ending, understanding and trust per party (split into what the answers and
// what the predictions earned), and the decisions in order with rewind, replay code and compare.
import type { Points } from '../../../src/engine/stats';
import type { CheckResult } from '../../../src/engine/check';
import { t, type StringKey } from '../../../src/i18n';
import { stanceMap, type StanceParty } from '../../../src/replay/stanceMap';
import { decisionTimeline } from '../../../src/replay/timeline';
import { coachTip } from '../coach';
import { glossed } from '../glossary';
import { actionButton } from '../act';
import { h } from '../dom';
import { swatch } from '../parts';
import { handInSection } from './handIn';
import { replaySection } from './replay';
import type { Screen } from './types';

/** Points as "75 % (3 of 4 points)", or "none" when nothing could be earned this way. */
function pointsCell(points: Points, kind: 'questions' | 'predictions'): HTMLElement {
  const round = (n: number) => String(Math.round(n * 10) / 10);
  if (!points.possible) return h('td', { [`data-${kind}`]: '' }, t('ending.table.none'));
  const percent = Math.round((100 * points.earned) / points.possible);
  return h('td', { [`data-${kind}`]: percent }, t('ending.table.points', { percent, earned: round(points.earned), possible: round(points.possible) }));
}

/** The party's reactions move by move, "1: Welcomes, 2: absent, …": the stage's stance map in words. */
function reactionsCell(party: StanceParty): HTMLElement {
  const words = party.reactions.map((r, i) => t('ending.table.reactionAt', { move: i + 1, reaction: r ? t(`reaction.${r}` as StringKey) : t('ending.table.absent') }));
  return h('td', { 'data-reactions': party.reactions.map((r) => r ?? '').join(',') }, words.join(', '));
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The learning-gain check, per party: before, after and the change; null when the run had no check. */
function checkSection(ctx: Parameters<Screen>[0], check: CheckResult | null): HTMLElement | null {
  if (!check) return null;
  const { content } = ctx.session;
  const parties = content.partyOrder.filter((p) => p in check.before);
  const percent = (n: number) => t('ending.check.percent', { percent: n });
  return h(
    'section',
    { class: 'check-result', 'aria-labelledby': 'check-heading' },
    h('h2', { id: 'check-heading' }, t('ending.check.heading')),
    h('p', { class: 'meta' }, t('ending.check.intro', { count: Object.keys(check.items).length })),
    h('div', { class: 'table-scroll' }, h(
      'table',
      { class: 'scores check-table' },
      h('thead', {}, h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('ending.table.party')),
        h('th', { scope: 'col' }, t('ending.check.before')),
        h('th', { scope: 'col' }, t('ending.check.after')),
        h('th', { scope: 'col' }, t('ending.check.change')),
      )),
      h(
        'tbody',
        {},
        ...parties.map((p) => {
          const before = check.before[p]!;
          const after = check.after[p]!;
          return h(
            'tr',
            { 'data-party': p, 'data-before': before, 'data-after': after },
            h('th', { scope: 'row' }, swatch(content.parties[p]?.colour ?? '#888888'), content.parties[p]?.name ?? p),
            h('td', {}, percent(before)),
            h('td', {}, percent(after)),
            h('td', {}, signed(after - before)),
          );
        }),
      ),
    )),
  );
}

export const debriefScreen: Screen = (ctx) => {
  const { session } = ctx;
  const { content } = session;
  const view = session.runView();
  const result = session.app.getSnapshot().context.result;
  if (!view || !result || !view.ending) return h('section', { class: 'panel' }, h('h1', { id: 'screen-heading', tabindex: '-1' }, t('ending.heading')));
  const full = result.answers.filter((a) => a.fraction === 1).length;
  // The split is shown where predictions counted (a schema 2 scenario with predictions on).
  const split = view.parties.some((p) => p.split.predictions.possible > 0);
  // The same figures and reactions the stage's stance map draws (scenes/stage/DebriefScene.ts).
  const record = session.currentRecord();
  const map = record ? stanceMap(view, decisionTimeline(content, view.scenario, record)) : null;
  const reactions = !!map?.hasReactions;
  return h(
    'section',
    { class: 'panel debrief', 'aria-labelledby': 'screen-heading', 'data-ending': view.ending.id },
    coachTip(view.scenario, 'ending', ctx),
    h('p', { class: 'eyebrow' }, `${t('ending.heading')} · ${t(`ending.kind.${view.ending.kind}` as StringKey)}`),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, view.ending.title),
    session.pair?.players && h('p', { class: 'pair-names', 'data-players': '' }, t('ending.players', { ...session.pair.players })),
    h('p', { class: 'lead' }, ...glossed(content, view.ending.debrief, new Set())),
    h('p', {}, t('ending.score', { correct: full, total: result.answers.length })),
    h('h2', {}, t('ending.understanding')),
    split && h('p', { class: 'meta' }, t('ending.split')),
    h('div', { class: 'table-scroll' }, h(
      'table',
      { class: 'scores' },
      h('thead', {}, h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('ending.table.party')),
          h('th', { scope: 'col' }, t('ending.table.understanding')),
          split && h('th', { scope: 'col' }, t('ending.table.fromQuestions')),
          split && h('th', { scope: 'col' }, t('ending.table.fromPredictions')),
          h('th', { scope: 'col' }, t('ending.table.trust')),
          reactions && h('th', { scope: 'col' }, t('ending.table.reactions')),
        )),
      h(
        'tbody',
        {},
        ...view.parties.map((p) =>
          h(
            'tr',
            { 'data-party': p.id },
            h('th', { scope: 'row' }, swatch(p.colour), content.parties[p.id]?.name ?? p.id),
            h('td', { 'data-understanding': p.measured ? p.understanding : '' }, p.measured ? `${p.understanding}` : p.asked ? t('ending.table.notMeasured') : t('ending.table.notScored')),
            split && pointsCell(p.split.questions, 'questions'),
            split && pointsCell(p.split.predictions, 'predictions'),
            p.seated ? h('td', { 'data-trust': p.trust }, String(p.trust)) : h('td', { 'data-trust': '' }, t('ending.table.notSeated')),
            reactions && reactionsCell(map!.parties.find((m) => m.id === p.id)!),
          ),
        ),
      ),
    )),
    checkSection(ctx, result.check ?? null),
    h(
      'nav',
      { class: 'menu row' },
      actionButton(ctx, 'again', t('ending.again'), { class: 'primary', 'data-action': 'again' }),
      actionButton(ctx, 'another', t('ending.another'), { 'data-action': 'another' }),
      actionButton(ctx, 'title', t('nav.title'), { 'data-action': 'title' }),
    ),
    handInSection(ctx),
    replaySection(ctx),
  );
};
