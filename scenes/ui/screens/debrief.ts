// The debrief: the ending, understanding and trust per party, and the decisions in order.
import { findQuestion } from '../../../src/engine/stats';
import { t, type StringKey } from '../../../src/i18n';
import { button, h } from '../dom';
import { coachTip } from '../coach';
import { glossed } from '../glossary';
import type { Screen } from './types';

export const debriefScreen: Screen = ({ session, send }) => {
  const { content } = session;
  const view = session.runView();
  const result = session.app.getSnapshot().context.result;
  if (!view || !result || !view.ending) return h('section', { class: 'panel' }, h('h1', { id: 'screen-heading', tabindex: '-1' }, t('ending.heading')));
  const scenario = view.scenario;
  const full = result.answers.filter((a) => a.fraction === 1).length;
  const decisions: HTMLElement[] = [];
  let moveIndex = 0;
  // Answers and moves interleave by meeting: list each meeting's answers, then its move.
  const meetingsInOrder = [...new Set([...result.answers.map((a) => a.meetingId), ...result.moves.map((m) => m.meetingId)])];
  for (const meetingId of meetingsInOrder) {
    const meeting = scenario.meetings.find((m) => m.id === meetingId)!;
    for (const a of result.answers.filter((x) => x.meetingId === meetingId)) {
      const q = findQuestion(scenario, a.questionId)!;
      const label = q.type === 'true-false' ? `${q.prompt} ${q.statement}` : q.prompt;
      const resultText = a.timedOut ? t('feedback.timeout') : a.fraction === 1 ? t('feedback.correct') : a.fraction > 0 ? t('feedback.partial', { percent: Math.round(a.fraction * 100) }) : t('feedback.wrong');
      decisions.push(h('li', { class: 'decision answer' }, t('ending.timeline.answer', { prompt: label, result: resultText })));
    }
    const mv = result.moves[moveIndex];
    if (mv && mv.meetingId === meetingId) {
      moveIndex++;
      const def = meeting.moves.find((x) => x.id === mv.moveId)!;
      decisions.push(h('li', { class: 'decision move' }, t('ending.timeline.move', { meeting: meeting.title, text: def.text })));
    }
  }
  return h(
    'section',
    { class: 'panel debrief', 'aria-labelledby': 'screen-heading', 'data-ending': view.ending.id },
    coachTip(scenario, 'ending', send),
    h('p', { class: 'eyebrow' }, `${t('ending.heading')} · ${t(`ending.kind.${view.ending.kind}` as StringKey)}`),
    h('h1', { id: 'screen-heading', tabindex: '-1' }, view.ending.title),
    h('p', { class: 'lead' }, ...glossed(content, view.ending.debrief, new Set())),
    h('p', {}, t('ending.score', { correct: full, total: result.answers.length })),
    h('h2', {}, t('ending.understanding')),
    h(
      'table',
      { class: 'scores' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('ending.table.party')), h('th', { scope: 'col' }, t('ending.table.understanding')), h('th', { scope: 'col' }, t('ending.table.trust')))),
      h(
        'tbody',
        {},
        ...view.parties.map((p) =>
          h(
            'tr',
            { 'data-party': p.id },
            h('th', { scope: 'row' }, h('span', { class: 'swatch', style: `background:${p.colour}`, 'aria-hidden': 'true' }), content.parties[p.id]?.name ?? p.id),
            h('td', { 'data-understanding': p.measured ? p.understanding : '' }, p.measured ? `${p.understanding}` : t('ending.table.notMeasured')),
            h('td', { 'data-trust': p.trust }, String(p.trust)),
          ),
        ),
      ),
    ),
    h('h2', {}, t('ending.timeline')),
    h('ol', { class: 'decisions' }, ...decisions),
    h(
      'nav',
      { class: 'menu row' },
      button(t('ending.again'), () => send({ type: 'debrief.again' }), { class: 'primary', 'data-action': 'again' }),
      button(t('ending.another'), () => send({ type: 'nav.back' }), { 'data-action': 'another' }),
      button(t('nav.title'), () => send({ type: 'nav.title' }), { 'data-action': 'title' }),
    ),
  );
};
