// The discussion guide view: pick a scenario, read or print its guide. The questions are worded
// here; every position and point comes from the content with its source.
import type { Content } from '../../src/content/loader';
import { discussionGuide, type DiscussionGuide } from '../../src/classroom/discussion';
import { quoted } from '../../src/i18n/quoted';
import { button, h } from '../ui/dom';
import { printPart, quoteFigure } from './shell';
import { tt, type TeacherKey } from './tt';

export function guideArticle(guide: DiscussionGuide): HTMLElement {
  return h(
    'article',
    { class: 'guide', 'data-guide': guide.scenarioId, 'aria-labelledby': 'guide-title' },
    h('h2', { id: 'guide-title' }, tt('guide.title', { title: guide.title })),
    h('p', { class: 'meta' }, tt('guide.meta', { date: guide.date, envoy: guide.envoy })),
    h('p', { class: 'meta' }, tt('guide.report', { ...guide.report, headline: quoted(guide.report.headline) })),
    h('p', {}, guide.summary),
    ...guide.meetings.map((m, i) =>
      h(
        'section',
        { class: 'guide-meeting', 'data-meeting': m.meetingId },
        h('h3', {}, tt('guide.meeting', { number: i + 1, title: m.title })),
        h('p', { class: 'meta' }, tt('guide.place', { place: m.place, parties: m.atTable.join(', ') })),
        h('p', { class: 'guide-question', 'data-question': 'position' }, tt('guide.question', { speaker: m.speaker.name })),
        h('h4', {}, tt('guide.position')),
        h('p', {}, m.position),
        quoteFigure(m.source),
        h('h4', {}, tt('guide.points')),
        h(
          'ul',
          { class: 'guide-points' },
          ...m.points.map((p) => h('li', { 'data-point': p.questionId }, h('p', { class: 'meta' }, tt('guide.pointPrompt', { prompt: p.prompt }), p.detail ? ` ${quoted(p.detail)}` : ''), h('p', {}, p.explanation), ...p.sources.map(quoteFigure))),
        ),
      ),
    ),
    h(
      'section',
      { class: 'guide-meeting guide-endings' },
      h('h3', {}, tt('guide.endings')),
      h('p', { class: 'guide-question', 'data-question': 'endings' }, tt('guide.endingsQuestion')),
      h(
        'ul',
        { class: 'guide-points' },
        ...guide.endings.map((e) =>
          h('li', { 'data-ending': e.id }, h('p', {}, h('strong', {}, tt('guide.endingTitle', { title: e.title, kind: tt(`guide.kind.${e.kind}` as TeacherKey) }))), h('p', {}, e.debrief), ...e.sources.map(quoteFigure)),
        ),
      ),
    ),
  );
}

/** The guides section of the set-up page; `preferred` gives the class's scenarios, shown first. */
export function guideSection(content: Content, preferred: () => string[]): HTMLElement {
  const ids = [...content.scenarioOrder, ...(content.tutorialId ? [content.tutorialId] : [])];
  const holder = h('div', { class: 'guide-holder' });
  const show = (id: string) => {
    const guide = discussionGuide(content, id);
    holder.replaceChildren(guide ? guideArticle(guide) : '');
  };
  const first = preferred()[0] ?? ids[0]!;
  const select = h(
    'select',
    { id: 'guide-scenario', 'data-guide-select': '', onchange: (e: Event) => show((e.target as HTMLSelectElement).value) },
    ...ids.map((id) => h('option', { value: id, selected: id === first }, content.scenarios[id]!.title)),
  );
  show(first);
  return h(
    'section',
    { class: 'panel teacher-section guide-section', 'aria-labelledby': 'guides-heading', 'data-print-part': 'guide' },
    h('h2', { id: 'guides-heading', class: 'no-print' }, tt('guide.heading')),
    h('p', { class: 'no-print' }, tt('guide.intro')),
    h('div', { class: 'field no-print' }, h('label', { for: 'guide-scenario' }, tt('guide.choose')), select, button(tt('guide.print'), () => printPart('guide'), { 'data-action': 'print-guide' })),
    holder,
  );
}
