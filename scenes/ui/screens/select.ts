// Scenario select: the moments on offer (every scenario, or the class's), in timeline order, a
// teacher's own scenarios marked as such; and the way in for a teacher's scenario file.
import { t } from '../../../src/i18n';
import { MAX_SCENARIO_FILE_SIZE } from '../../../src/persistence/teacherScenarios';
import { actionButton } from '../act';
import { h } from '../dom';
import { partyNames } from '../parts';
import type { Screen, ScreenContext } from './types';

export const selectScreen: Screen = (ctx) => {
  const { content } = ctx.session;
  const years = ctx.session.scenarioIds.map((id) => content.scenarios[id]!.year);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('select.heading')),
    h('p', {}, years.length === 1 ? t('select.introOne', { first: years[0]! }) : t('select.intro', { count: years.length, first: Math.min(...years), last: Math.max(...years) })),
    h(
      'ol',
      { class: 'timeline' },
      ...ctx.session.scenarioIds.map((id) => {
        const s = content.scenarios[id]!;
        const parties = [...new Set(s.meetings.flatMap((m) => m.parties))];
        const teachers = content.teacherScenarios?.includes(id) ?? false;
        return h(
          'li',
          { class: teachers ? 'timeline-item teacher-scenario' : 'timeline-item', 'data-scenario': id, ...(teachers ? { 'data-teacher': '' } : {}) },
          h('p', { class: 'date' }, s.date),
          // Said in words (a badge and a note), never by colour alone.
          teachers ? h('p', { class: 'badge', 'data-badge': 'teacher' }, t('teacherFile.badge')) : null,
          h('h2', {}, s.title),
          h('p', {}, s.summary),
          teachers ? h('p', { class: 'meta' }, t('teacherFile.badgeNote')) : null,
          h('p', { class: 'meta' }, t('select.envoy', { role: s.envoy.title })),
          h('p', { class: 'meta' }, t('meeting.atTable', { parties: partyNames(content, parties) })),
          actionButton(ctx, `choose:${id}`, t('select.start', { title: s.title }), { class: 'primary', 'data-action': 'choose' }),
        );
      }),
    ),
    teacherFileSection(ctx),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'back', t('nav.back'), { 'data-action': 'back' })),
  );
};

/** "Open a scenario file from your teacher", with what became of the last file opened. */
function teacherFileSection(ctx: ScreenContext): HTMLElement {
  const { session } = ctx;
  const status = h('p', { class: 'meta', role: 'status', 'data-status': 'teacher-file' });
  const outcome = session.scenarioFile;
  const report: HTMLElement[] = [];
  if (outcome?.ok) {
    const title = session.content.scenarios[outcome.scenarioId]?.title ?? outcome.scenarioId;
    status.textContent = t('teacherFile.added', { title, name: outcome.name }) + (outcome.kept === false ? ` ${t('teacherFile.notKept')}` : '');
    if (outcome.warnings.length) {
      report.push(h('details', { class: 'file-advice' }, h('summary', {}, t('teacherFile.warnings', { count: outcome.warnings.length })), h('ul', { class: 'problem-list', 'data-file-warnings': '' }, ...outcome.warnings.map((w) => h('li', {}, w)))));
    }
  } else if (outcome) {
    // Every error as text, for the student to hand back to the teacher.
    report.push(
      h(
        'div',
        { class: 'file-errors', role: 'alert', 'data-file-errors': '' },
        h('p', {}, t('teacherFile.failed', { name: outcome.name })),
        h('ul', { class: 'problem-list' }, ...outcome.errors.map((e) => h('li', {}, h('code', {}, e)))),
      ),
    );
  }
  const say = (message: string) => {
    status.textContent = message;
    ctx.announce(message);
  };
  const input = h('input', {
    type: 'file',
    id: 'teacher-file',
    accept: '.json,application/json',
    'data-input': 'teacher-file',
    onchange: () => {
      const file = input.files?.[0];
      if (!file) return;
      if (file.size > MAX_SCENARIO_FILE_SIZE) return say(t('teacherFile.tooLarge', { name: file.name, size: MAX_SCENARIO_FILE_SIZE / 1024 }));
      say(t('teacherFile.reading', { name: file.name }));
      void file
        .text()
        .then((text) => session.openScenarioFile({ name: file.name, text }))
        .then(
          (opened) => {
            ctx.refresh();
            ctx.announce(opened.ok ? t('teacherFile.added', { title: session.content.scenarios[opened.scenarioId]!.title, name: opened.name }) : t('teacherFile.failed', { name: opened.name }));
          },
          () => say(t('teacherFile.unreadable', { name: file.name })),
        );
    },
  });
  return h(
    'section',
    { class: 'teacher-file', 'aria-labelledby': 'teacher-file-heading' },
    h('h2', { id: 'teacher-file-heading' }, t('teacherFile.heading')),
    h('p', {}, t('teacherFile.intro')),
    h('div', { class: 'field' }, h('label', { for: 'teacher-file' }, t('teacherFile.open')), input),
    status,
    ...report,
  );
}
