// The debrief's replay section: the run's decision timeline with rewind buttons, its replay code
// and link, and the ways to watch or compare it.
import type { Content } from '../../../src/content/loader';
import { runLink } from '../../../src/replay/code';
import { decisionTimeline, type Decision } from '../../../src/replay/timeline';
import { t } from '../../../src/i18n';
import { actionButton } from '../act';
import { button, h } from '../dom';
import { quoteBlock } from '../parts';
import type { ScreenContext } from './types';
import { reactionVerb } from './predict';

const scoreWord = (score: number) => t(score === 1 ? 'outcome.score.right' : score > 0 ? 'outcome.score.close' : 'outcome.score.wrong');

/** The quotes behind a decision: its evidence, then its reactions' (each quote once). */
function quotesOf(d: Decision) {
  const all = [...d.evidence, ...(d.kind === 'move' ? (d.reactions ?? []).map((r) => r.evidence) : [])];
  return all.filter((q, i) => all.findIndex((o) => o.source === q.source && o.quote === q.quote) === i);
}

/** A move's reactions, each beside the player's prediction of it (schema 2 moves only). */
function reactionsList(ctx: ScreenContext, d: Decision): HTMLElement | null {
  if (d.kind !== 'move' || !d.reactions?.length) return null;
  const name = (id: string) => ctx.session.content.parties[id]?.shortName ?? id;
  return h(
    'ul',
    { class: 'reactions-list' },
    ...d.reactions.map((r) =>
      h(
        'li',
        { 'data-party': r.party, 'data-reaction': r.reaction, 'data-predicted': r.predicted ?? '' },
        r.predicted && r.score !== null
          ? t('ending.timeline.reaction', { party: name(r.party), reaction: reactionVerb(r.reaction), predicted: reactionVerb(r.predicted), score: scoreWord(r.score) })
          : t('ending.timeline.reactionUnpredicted', { party: name(r.party), reaction: reactionVerb(r.reaction) }),
      ),
    ),
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function effectsText(content: Content, d: Decision): string {
  const changes = d.parties
    .filter((p) => p.trust.delta !== 0 || p.understanding.delta !== 0)
    .map((p) => {
      const name = content.parties[p.party]?.shortName ?? p.party;
      const parts = [p.trust.delta ? `${t('ending.table.trust')} ${signed(p.trust.delta)}` : '', p.understanding.delta ? `${t('ending.understandingShort')} ${signed(p.understanding.delta)}` : ''].filter(Boolean);
      return `${name}: ${parts.join(', ')}`;
    });
  if (d.agreement.delta) changes.push(`${t('compare.agreement')} ${signed(d.agreement.delta)}`);
  return t('replay.effects', { changes: changes.length ? changes.join('; ') : t('replay.noEffect') });
}

export function decisionList(ctx: ScreenContext, decisions: Decision[], options: { rewind: boolean; highlight?: number | null }): HTMLElement {
  const { content } = ctx.session;
  return h(
    'ol',
    { class: 'decisions' },
    ...decisions.map((d) => {
      const verdict = d.kind === 'question' ? (d.timedOut ? t('feedback.timeout') : d.correct ? t('feedback.correct') : d.fraction > 0 ? t('feedback.partial', { percent: Math.round(d.fraction * 100) }) : t('feedback.wrong')) : '';
      const meeting = content.scenarios[ctx.session.currentRecord()?.scenarioId ?? '']?.meetings.find((m) => m.id === d.meetingId)?.title ?? '';
      return h(
        'li',
        { class: `decision ${d.kind}${options.highlight === d.index ? ' diverges' : ''}`, 'data-decision': d.index },
        h('p', {}, d.kind === 'question' ? t('ending.timeline.answer', { prompt: d.label, result: verdict }) : t('ending.timeline.move', { meeting, text: d.text })),
        reactionsList(ctx, d),
        h('p', { class: 'meta' }, effectsText(content, d)),
        quotesOf(d).length > 0 && h('details', {}, h('summary', {}, t('feedback.evidence')), ...quotesOf(d).map((e) => quoteBlock(content, e))),
        options.rewind && actionButton(ctx, `rewind:${d.index}`, t('replay.rewind'), { class: 'quiet', 'data-action': 'rewind' }),
      );
    }),
  );
}

export function replaySection(ctx: ScreenContext): HTMLElement | null {
  const { session } = ctx;
  const record = session.currentRecord();
  const code = session.lastCode;
  if (!record || !code) return null;
  const scenario = session.content.scenarios[record.scenarioId]!;
  const link = runLink(location.href, code);
  const status = h('p', { class: 'meta', role: 'status' });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = t('replay.copied');
    } catch {
      status.textContent = t('replay.copyFailed');
    }
  };
  return h(
    'section',
    { class: 'replay', 'aria-labelledby': 'replay-heading' },
    h('h2', { id: 'replay-heading' }, t('replay.heading')),
    h('p', {}, `${t('replay.code')}: `, h('code', { class: 'replay-code', 'data-code': code }, code)),
    h('p', { class: 'replay-link' }, h('a', { href: link, 'data-link': link }, link)),
    h(
      'nav',
      { class: 'menu row' },
      button(t('replay.copy'), () => void copy(), { 'data-action': 'copy-link' }),
      actionButton(ctx, 'watch', t('replay.watch'), { 'data-action': 'watch' }),
      actionButton(ctx, 'history', t('replay.compare'), { 'data-action': 'history' }),
    ),
    status,
    h('h2', {}, t('ending.timeline')),
    decisionList(ctx, decisionTimeline(session.content, scenario, record), { rewind: true }),
  );
}
