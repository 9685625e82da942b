// The class dashboard page: import results files (picker or drop zone) and pasted codes, then
// show what the replays say: students, questions with the class's misconceptions, party averages,
// the files skipped and why. Export CSV; print a class summary. Every name is text, never markup.
import type { Content } from '../../src/content/loader';
import { buildDashboard, dashboardCsv, type Dashboard, type ImportedResults, type ScenarioSummary } from '../../src/classroom/dashboard';
import { MAX_RESULTS_SIZE, parseResults, splitPastedCodes } from '../../src/classroom/results';
import { quoted } from '../../src/i18n/quoted';
import { button, h } from '../ui/dom';
import { gainSection, num, partyGainTable, table } from './dashboardTables';
import { download, pageFrame } from './shell';
import { tt } from './tt';

const percent = (share: number) => Math.round(share * 100);

async function readFile(file: File): Promise<ImportedResults> {
  if (file.size > MAX_RESULTS_SIZE) return { source: file.name, parsed: { ok: false, reason: tt('dash.tooLarge', { size: MAX_RESULTS_SIZE / 1024 }) } };
  try {
    return { source: file.name, parsed: parseResults(await file.text()) };
  } catch {
    return { source: file.name, parsed: { ok: false, reason: tt('dash.unreadable') } };
  }
}

function scenarioSection(content: Content, d: Dashboard, s: ScenarioSummary): HTMLElement {
  const short = (id: string) => content.parties[id]?.shortName ?? content.parties[id]?.name ?? id;
  const played = d.students.filter((st) => st.scenarios[s.id]);
  const manyClasses = new Set(played.map((st) => st.classLabel)).size > 1;
  const studentRows = played.map((st) => {
    const r = st.scenarios[s.id]!;
    return h(
      'tr',
      { 'data-student': st.name },
      h('th', { scope: 'row', class: 'student-name' }, st.name, st.partner === null ? '' : h('span', { class: 'meta', 'data-partner': st.partner }, ` ${tt('dash.withPartner', { partner: st.partner })}`)),
      manyClasses ? h('td', {}, st.classLabel) : null,
      h('td', { 'data-ending': r.endingId }, r.endingTitle, r.attempts > 1 ? h('span', { class: 'meta' }, ` ${tt('dash.attempts', { count: r.attempts })}`) : ''),
      h('td', { class: 'num', 'data-right': `${r.right}/${r.total}` }, tt('dash.right', { right: r.right, total: r.total })),
      ...s.parties.map((p) => h('td', { class: 'num', 'data-party': p }, r.understanding[p] === null || r.understanding[p] === undefined ? tt('dash.none') : String(r.understanding[p]))),
    );
  });
  const averageRow = h(
    'tr',
    { class: 'average-row', 'data-average': s.id },
    h('th', { scope: 'row' }, tt('dash.classAverage')),
    manyClasses ? h('td', {}) : null,
    h('td', {}),
    h('td', {}),
    ...s.partyAverages.map((a) => h('td', { class: 'num', 'data-party': a.party }, a.average === null ? tt('dash.none') : String(a.average))),
  );
  const questionRows = s.questions.map((q, i) =>
    h(
      'tr',
      { 'data-question': q.questionId },
      h('td', { class: 'num' }, String(i + 1)),
      h('td', {}, q.prompt, q.detail ? h('span', { class: 'block detail' }, quoted(q.detail)) : '', h('span', { class: 'meta block' }, q.meetingTitle)),
      h(
        'td',
        { class: 'num', 'data-share': q.share === null ? '' : percent(q.share) },
        q.share === null ? tt('dash.notAsked') : tt('dash.share', { percent: percent(q.share), correct: q.correct, answered: q.answered }),
        q.timedOut ? h('span', { class: 'meta block' }, tt('dash.timedOut', { count: q.timedOut })) : '',
        q.inCheck ? h('span', { class: 'meta block', 'data-in-check': q.inCheck }, tt('dash.inCheck', { count: q.inCheck })) : '',
      ),
      h('td', { 'data-wrong': q.mostWrong?.text ?? '' }, q.mostWrong ? tt('dash.wrongCount', { text: q.mostWrong.text, count: q.mostWrong.count }) : tt('dash.noWrong')),
    ),
  );
  return h(
    'section',
    { class: 'panel teacher-section scenario-results', 'data-scenario': s.id, 'aria-labelledby': `results-${s.id}` },
    h('h2', { id: `results-${s.id}` }, tt('dash.scenarioHeading', { title: s.title, date: s.date }), content.teacherScenarios?.includes(s.id) ? h('span', { class: 'meta', 'data-badge': 'teacher' }, ` (${tt('dash.teacherScenario')})`) : ''),
    h('p', {}, s.students === 1 ? tt('dash.scenarioStudentsOne') : tt('dash.scenarioStudents', { count: s.students })),
    h('h3', { class: 'small-heading' }, tt('dash.endings')),
    h('ul', { class: 'chips' }, ...s.endings.filter((e) => e.count > 0).map((e) => h('li', { class: 'chip', 'data-ending': e.id }, tt('dash.ending', { title: e.title, count: e.count })))),
    table(
      tt('dash.studentsTable'),
      [tt('dash.col.student'), ...(manyClasses ? [tt('dash.col.class')] : []), tt('dash.col.ending'), num(tt('dash.col.right')), ...s.parties.map((p) => num(short(p)))],
      studentRows,
      { 'data-table': 'students' },
      averageRow,
    ),
    table(tt('dash.questionsTable'), [num('#'), tt('dash.col.question'), num(tt('dash.col.share')), tt('dash.col.wrong')], questionRows, { 'data-table': 'questions' }),
    gainSection(s),
  );
}

function resultsView(content: Content, d: Dashboard, actions: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (d.problems.length) {
    out.push(
      h(
        'section',
        { class: 'panel teacher-section skipped', 'aria-labelledby': 'skipped-heading', 'data-skipped': d.problems.length },
        h('h2', { id: 'skipped-heading' }, tt('dash.skipped', { count: d.problems.length })),
        h('p', {}, tt('dash.skippedIntro')),
        h('ul', { class: 'problem-list' }, ...d.problems.map((p) => h('li', { 'data-source': p.source }, h('strong', {}, p.source), ' — ', p.reason))),
      ),
    );
  }
  if (d.students.length === 0) {
    if (!d.problems.length) out.push(h('section', { class: 'panel teacher-section' }, h('p', { 'data-empty': '' }, tt('dash.empty'))));
    return out;
  }
  out.unshift(
    h(
      'section',
      { class: 'panel teacher-section class-overview', 'aria-labelledby': 'overview-heading' },
      h('h2', { id: 'overview-heading' }, tt('dash.summary', { students: d.students.length, scenarios: d.scenarios.length })),
      actions,
      table(
        tt('dash.averages'),
        [tt('dash.col.party'), num(tt('dash.col.average')), num(tt('dash.col.measured'))],
        d.partyAverages.map((a) => h('tr', { 'data-party': a.party }, h('th', { scope: 'row' }, a.name), h('td', { class: 'num', 'data-average': a.average ?? '' }, a.average === null ? tt('dash.none') : String(a.average)), h('td', { class: 'num' }, String(a.students)))),
        { 'data-table': 'averages' },
      ),
      ...(d.partyGains.length ? [h('p', { class: 'meta' }, tt('dash.gain.intro')), partyGainTable(tt('dash.gain.allScenarios'), d.partyGains, 'gain-all')] : []),
      table(
        tt('dash.students', { count: d.students.length }),
        [tt('dash.col.student'), tt('dash.col.class'), tt('dash.col.finished'), tt('dash.col.file')],
        d.students.map((st) =>
          h(
            'tr',
            { 'data-student': st.name },
            h('th', { scope: 'row', class: 'student-name' }, st.name, st.partner === null ? '' : h('span', { class: 'meta', 'data-partner': st.partner }, ` ${tt('dash.withPartner', { partner: st.partner })}`)),
            h('td', {}, st.classLabel || tt('dash.none')),
            h('td', {}, d.scenarios.filter((s) => st.scenarios[s.id]).map((s) => s.title).join(', ') || tt('dash.none')),
            h('td', { class: 'meta' }, st.source),
          ),
        ),
        { 'data-table': 'roster' },
      ),
    ),
  );
  out.push(...d.scenarios.map((s) => scenarioSection(content, d, s)));
  return out;
}

/** Which scenario files the imported results need and the dashboard does not have. */
const needsMessage = (d: Dashboard) => tt('dash.needsScenarios', { count: d.problems.filter((p) => p.needsScenario).length, ids: d.needsScenarios.map((id) => `"${id}"`).join(', ') });

export function mountDashboard(root: HTMLElement, shipped: Content): () => void {
  // The shipped content, with the teacher's scenario files loaded here added.
  let content = shipped;
  const imported: ImportedResults[] = [];
  let pasted = 0;
  let dashboard: Dashboard = buildDashboard(content, []);
  const status = h('p', { class: 'meta', role: 'status', 'data-status': 'import' });
  const results = h('div', { class: 'dashboard-results', 'data-results': '' });

  const csvName = () => {
    const labels = [...new Set(dashboard.students.map((s) => s.classLabel).filter(Boolean))];
    const slug = (labels.length === 1 ? labels[0]! : 'results').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'results';
    return tt('dash.csvName', { label: slug });
  };
  const actions = h(
    'div',
    { class: 'menu row no-print' },
    // A byte-order mark, so spreadsheet programs read the names' accents as UTF-8.
    button(tt('dash.csv'), () => download(csvName(), `\uFEFF${dashboardCsv(dashboard)}`, 'text/csv;charset=utf-8'), { class: 'primary', 'data-action': 'csv' }),
    button(tt('dash.printSummary'), () => window.print(), { 'data-action': 'print' }),
  );

  const render = () => {
    dashboard = buildDashboard(content, imported);
    const needs = dashboard.needsScenarios.length
      ? h('section', { class: 'panel teacher-section needs-scenarios', role: 'alert', 'data-needs-scenarios': dashboard.needsScenarios.join(' ') }, h('p', {}, needsMessage(dashboard)))
      : null;
    results.replaceChildren(...(needs ? [needs] : []), ...resultsView(content, dashboard, actions));
  };

  // A teacher's scenario file, checked as the game checks it; the imported results replay again with it.
  const scenarioStatus = h('div', { class: 'meta', role: 'status', 'data-status': 'scenario-file' });
  const scenarioInput = h('input', {
    type: 'file',
    id: 'scenario-files',
    multiple: true,
    accept: '.json,application/json',
    'data-input': 'scenario-files',
    'aria-describedby': 'scenario-files-help',
    onchange: () => {
      const files = [...(scenarioInput.files ?? [])];
      void (async () => {
        const { loadScenarioText, MAX_SCENARIO_FILE_SIZE } = await import('../../src/content/teacherScenarios');
        const lines: HTMLElement[] = [];
        for (const file of files) {
          const text = file.size > MAX_SCENARIO_FILE_SIZE ? '' : await file.text().catch(() => '');
          const result = loadScenarioText(content, file.name, text);
          if (result.ok) {
            content = result.content;
            lines.push(h('p', { 'data-scenario-added': result.scenarioId }, tt('dash.scenarioAdded', { title: content.scenarios[result.scenarioId]!.title, name: file.name })));
          } else {
            lines.push(h('p', {}, tt('dash.scenarioFailed', { name: file.name })), h('ul', { class: 'problem-list', 'data-scenario-errors': '' }, ...result.errors.map((e) => h('li', {}, h('code', {}, e)))));
          }
        }
        scenarioStatus.replaceChildren(...lines);
        scenarioInput.value = '';
        render();
      })();
    },
  });

  const add = async (items: Array<Promise<ImportedResults> | ImportedResults>) => {
    if (!items.length) return;
    status.textContent = tt('dash.importing', { count: items.length });
    const read = await Promise.all(items);
    // Let the status paint before the replays, which take a moment for a large class.
    await new Promise((ok) => setTimeout(ok, 0));
    imported.push(...read);
    render();
    status.textContent = tt('dash.imported', { count: read.length, students: dashboard.students.length, skipped: dashboard.problems.length });
    // Said where the teacher is looking, as well as above the results.
    if (dashboard.needsScenarios.length) status.textContent += ` ${needsMessage(dashboard)}`;
  };

  const fileInput = h('input', {
    type: 'file',
    id: 'results-files',
    multiple: true,
    accept: '.json,application/json,.txt,text/plain',
    'data-input': 'files',
    onchange: (e: Event) => {
      const input = e.target as HTMLInputElement;
      void add([...(input.files ?? [])].map(readFile)).then(() => (input.value = ''));
    },
  });
  const drop = h(
    'div',
    { class: 'drop-zone', 'data-drop': '' },
    h('p', {}, tt('dash.drop')),
  );
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('is-over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('is-over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('is-over');
    void add([...(e.dataTransfer?.files ?? [])].map(readFile));
  });
  const codes = h('textarea', { id: 'results-codes', rows: 4, spellcheck: 'false', autocomplete: 'off', 'data-input': 'codes' });
  const addCodes = () => {
    const found = splitPastedCodes(codes.value);
    if (!found.length) {
      status.textContent = tt('dash.noCodes');
      return;
    }
    codes.value = '';
    void add(found.map((code) => ({ source: tt('dash.pasted', { number: ++pasted }), parsed: parseResults(code) })));
  };
  const clear = () => {
    imported.length = 0;
    pasted = 0;
    render();
    status.textContent = tt('dash.cleared');
  };

  const importSection = h(
    'section',
    { class: 'panel teacher-section import-section no-print', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, tt('dash.heading')),
    h('p', { class: 'lead' }, tt('dash.intro')),
    h('h2', {}, tt('dash.import')),
    h('div', { class: 'setup-field' }, h('label', { for: 'results-files', class: 'field-label' }, tt('dash.files')), fileInput),
    drop,
    h('div', { class: 'setup-field' }, h('label', { for: 'results-codes', class: 'field-label' }, tt('dash.paste')), codes),
    h('div', { class: 'menu row' }, button(tt('dash.addCodes'), addCodes, { 'data-action': 'add-codes' }), button(tt('dash.clear'), clear, { class: 'quiet', 'data-action': 'clear' })),
    status,
    h(
      'div',
      { class: 'setup-field' },
      h('label', { for: 'scenario-files', class: 'field-label' }, tt('dash.scenarioFiles')),
      h('p', { class: 'meta', id: 'scenario-files-help' }, tt('dash.scenarioFilesHelp')),
      scenarioInput,
    ),
    scenarioStatus,
  );
  const printHeading = h('h1', { class: 'print-only' }, tt('dash.heading'));

  render();
  root.replaceChildren(pageFrame('dashboard', importSection, printHeading, results));
  return () => root.replaceChildren();
}

