// The authoring workbench at `?teacher=author` (issue 17 item 3): open a shipped scenario or start
// from the template, edit the file in a code editor with the content checks marking problems at
// their lines as you type, insert verbatim quotes from the source's passages, play the draft in
// the real game in a new tab, see the simulator's ending table, and download the file.
// Everything from the draft is shown as text (the editor's own document, text nodes), never HTML.
import { parse } from 'jsonc-parser';
import { draftTemplate, scenarioCopy } from '../../../src/content/draftTemplate';
import type { Content } from '../../../src/content/loader';
import { button, h } from '../../ui/dom';
import { makeScenarioLink } from '../../../src/content/scenarioLink';
import { safeStore } from '../../../src/persistence/storage';
import { draftLink, writeDraft, type ScenarioFileText } from '../../../src/persistence/teacherScenarios';
import { download, gameUrl, pageFrame } from '../shell';
import { tt } from '../tt';
import { createChecker, type CheckResult } from './checker';
import { mountEditor } from './editor';
import { passagePanel } from './passages';
import { simulatorSection } from './simulate';

/** Where the workbench keeps the draft being edited, so a reload does not lose it. */
const WORK_KEY = 'envoy.workbench';
/** Typing pauses this long (ms) before the checks run. */
const CHECK_DELAY = 400;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function readWork(): ScenarioFileText | null {
  try {
    const raw = storage()?.getItem(WORK_KEY);
    const work = raw ? (JSON.parse(raw) as ScenarioFileText) : null;
    return work && typeof work.name === 'string' && typeof work.text === 'string' ? work : null;
  } catch {
    return null;
  }
}

function writeWork(work: ScenarioFileText): void {
  try {
    storage()?.setItem(WORK_KEY, JSON.stringify(work));
  } catch {
    // Full or blocked storage: the draft stays in the editor; Download still saves it.
  }
}

/** The id written in a draft's text, read even when the text is not valid JSON yet. */
function draftField(text: string, field: 'id' | 'source'): string | undefined {
  const value = (parse(text) as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value : undefined;
}

export function mountAuthor(root: HTMLElement, content: Content): () => void {
  // Storage that fails says so where the teacher looks: the status under Play.
  const store = safeStore(() => storage() ?? undefined, () => undefined);
  const sources = Object.values(content.sources);
  const startSource = content.scenarios[content.tutorialId ?? '']?.source ?? sources[0]?.id ?? '';
  const work = readWork() ?? { name: 'my-scenario.json', text: draftTemplate(content, 'my-scenario', startSource) };
  let name = work.name;
  let last: CheckResult = { problems: [] };
  /** The text `last` is the check of (null before the first check answers). */
  let checkedText: string | null = null;
  const checker = createChecker(content);

  // ---- Open a shipped scenario, or start from the template ---------------------------------
  const shipped = h(
    'select',
    { id: 'open-scenario', 'data-open': '' },
    ...[...content.scenarioOrder, ...(content.tutorialId ? [content.tutorialId] : [])].map((id) => h('option', { value: id }, tt('author.scenarioOption', { title: content.scenarios[id]!.title, id }))),
  );
  const newId = h('input', { type: 'text', id: 'new-id', value: 'my-scenario', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'new-id-help' });
  const newSource = h('select', { id: 'new-source' }, ...sources.map((s) => h('option', { value: s.id, selected: s.id === startSource }, tt('author.sourceOption', { id: s.id, outlet: s.outlet, date: s.date }))));
  const openStatus = h('p', { class: 'meta', role: 'status', 'data-status': 'open' });
  const open = (fileName: string, text: string, said: string) => {
    name = fileName;
    fileLabel.textContent = tt('author.file', { name });
    editor.setText(text);
    openStatus.textContent = said;
  };
  const openShipped = () => {
    const id = shipped.value;
    const scenario = content.scenarios[id];
    if (!scenario) return;
    // A copy under its own id: the game keeps its own scenario and plays the copy beside it.
    const copyId = `${id}-copy`;
    open(`${copyId}.json`, scenarioCopy(content, id, copyId, tt('author.copyTitle', { title: scenario.title })), tt('author.opened', { title: scenario.title, id: copyId }));
  };
  const startTemplate = () => {
    const id = newId.value.trim();
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      openStatus.textContent = tt('author.badId', { id });
      newId.focus();
      return;
    }
    open(`${id}.json`, draftTemplate(content, id, newSource.value), tt('author.started', { id }));
  };

  const openSection = h(
    'section',
    { class: 'panel teacher-section author-open', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, tt('author.heading')),
    h('p', { class: 'lead' }, tt('author.intro')),
    h(
      'div',
      { class: 'setup-columns' },
      h(
        'fieldset',
        { class: 'setup-field' },
        h('legend', {}, tt('author.openHeading')),
        h('label', { for: 'open-scenario', class: 'field-label' }, tt('author.openLabel')),
        h('div', { class: 'menu row' }, shipped, button(tt('author.open'), openShipped, { 'data-action': 'open-scenario' })),
      ),
      h(
        'fieldset',
        { class: 'setup-field' },
        h('legend', {}, tt('author.templateHeading')),
        h('label', { for: 'new-id', class: 'field-label' }, tt('author.newId')),
        newId,
        h('p', { class: 'meta', id: 'new-id-help' }, tt('author.newIdHelp')),
        h('label', { for: 'new-source', class: 'field-label' }, tt('author.newSource')),
        newSource,
        h('div', { class: 'menu row' }, button(tt('author.start'), startTemplate, { 'data-action': 'start-template' })),
      ),
    ),
    openStatus,
  );

  // ---- The editor with its problems --------------------------------------------------------
  const fileLabel = h('h2', { id: 'editor-heading' }, tt('author.file', { name }));
  const checkStatus = h('p', { role: 'status', class: 'check-status', 'data-status': 'check' });
  const problemList = h('ul', { class: 'problem-list', 'data-problems': '' });
  const holder = h('div', { class: 'author-editor' });
  const useStatus = h('p', { class: 'meta', role: 'status', 'data-status': 'use' });
  const passages = passagePanel({
    insert: (json) => editor.insert(json),
    copy: (json) => navigator.clipboard.writeText(json),
  });
  /** Shows a check's result: the count, the list, the source's passages. */
  const show = (text: string, result: CheckResult) => {
    last = result;
    checkedText = text;
    const errors = last.problems.filter((p) => p.severity === 'error').length;
    const warnings = last.problems.length - errors;
    checkStatus.textContent = last.problems.length ? tt('author.problems', { errors, warnings }) : tt('author.noProblems');
    checkStatus.dataset.errors = String(errors);
    checkStatus.dataset.warnings = String(warnings);
    // Which text the status is about (its length), so a reader can tell an answer for the current text.
    checkStatus.dataset.chars = String(text.length);
    // "Fix the errors to play" is out of date once they are fixed.
    if (!errors && useStatus.dataset.refused) {
      useStatus.textContent = '';
      delete useStatus.dataset.refused;
    }
    problemList.replaceChildren(
      ...last.problems.map((p) =>
        h(
          'li',
          { 'data-severity': p.severity, 'data-line': p.line },
          button(tt('author.problemAt', { severity: tt(p.severity === 'error' ? 'author.error' : 'author.warning'), line: p.line, column: p.column }), () => editor.goTo(p.line, p.column), { class: 'link-button' }),
          ` ${p.message}`,
        ),
      ),
    );
    const sourceId = last.scenario?.source ?? draftField(text, 'source');
    passages.show(sourceId, sourceId ? content.sources[sourceId] : undefined);
  };
  const check = async (text: string) => {
    writeWork({ name, text });
    const result = await checker.check(name, text);
    // An answer for a text already changed again is not shown: the next check follows.
    if (text === editor.text()) show(text, result);
    return result.problems;
  };
  const editor = mountEditor(holder, { text: work.text, label: tt('author.editorLabel'), delay: CHECK_DELAY, check });
  const editorSection = h(
    'section',
    { class: 'panel teacher-section author-edit', 'aria-labelledby': 'editor-heading' },
    fileLabel,
    h('p', { class: 'meta' }, tt('author.editorHelp')),
    holder,
    checkStatus,
    problemList,
  );

  // ---- Play, download -----------------------------------------------------------------------
  /** The check of the editor's text now: the last one, or a new one when typing has not paused yet. */
  const fresh = async (): Promise<CheckResult> => {
    const text = editor.text();
    if (checkedText === text) return last;
    const result = await checker.check(name, text);
    show(text, result);
    return result;
  };
  const errorsIn = (r: CheckResult) => r.problems.filter((p) => p.severity === 'error').length;
  const play = async () => {
    const result = await fresh();
    const errors = errorsIn(result);
    if (errors || !result.scenario) {
      useStatus.textContent = tt('author.fixToPlay', { errors });
      useStatus.dataset.refused = 'true';
      return;
    }
    const key = writeDraft(store, { name, text: editor.text() });
    if (!key) {
      useStatus.textContent = tt('author.noStorage');
      return;
    }
    const link = draftLink(gameUrl(), key);
    window.open(link, '_blank', 'noopener');
    // Also a link: a browser that blocked the new tab (the check took a while) still lets it open.
    useStatus.replaceChildren(tt('author.playing', { id: result.scenario.id }), ' ', h('a', { href: link, target: '_blank', rel: 'noopener', 'data-play-link': '' }, tt('author.playAgain')));
  };
  const save = async () => {
    const result = await fresh();
    const errors = errorsIn(result);
    const id = result.scenario?.id ?? draftField(editor.text(), 'id') ?? name.replace(/\.json$/, '');
    download(`${id}.json`, editor.text(), 'application/json');
    useStatus.textContent = errors ? tt('author.savedWithErrors', { name: `${id}.json`, errors }) : tt('author.saved', { name: `${id}.json` });
  };
  const linkOut = h('p', { class: 'class-link', hidden: true });
  const share = async () => {
    const result = await fresh();
    const errors = errorsIn(result);
    if (errors || !result.scenario) {
      useStatus.textContent = tt('author.fixToShare', { errors });
      useStatus.dataset.refused = 'true';
      return;
    }
    const title = result.scenario.title;
    await makeScenarioLink(gameUrl(), editor.text()).then(async (made) => {
      if (!made.ok) {
        linkOut.hidden = true;
        useStatus.textContent = tt('author.linkTooLong', { length: made.length, max: made.max });
        return;
      }
      linkOut.replaceChildren(h('a', { href: made.link, 'data-share-link': '' }, tt('author.linkText', { title, length: made.length })));
      linkOut.hidden = false;
      const copied = await navigator.clipboard.writeText(made.link).then(
        () => true,
        () => false,
      );
      useStatus.textContent = copied ? tt('author.linkCopied', { length: made.length }) : tt('author.linkMade', { length: made.length });
    });
  };
  const useSection = h(
    'section',
    { class: 'panel teacher-section author-use', 'aria-labelledby': 'use-heading' },
    h('h2', { id: 'use-heading' }, tt('author.useHeading')),
    h('div', { class: 'menu row' }, button(tt('author.play'), () => void play(), { 'data-action': 'play-draft' }), button(tt('author.download'), () => void save(), { class: 'quiet', 'data-action': 'download-draft' }), button(tt('author.shareLink'), () => void share(), { class: 'quiet', 'data-action': 'share-link' })),
    useStatus,
    linkOut,
    h('h3', {}, tt('author.whereHeading')),
    h('ul', { class: 'guide-points' }, h('li', {}, tt('author.whereRepo')), h('li', {}, tt('author.whereClass'))),
  );

  root.replaceChildren(pageFrame('author', openSection, h('div', { class: 'author-grid' }, editorSection, passages.element), useSection, simulatorSection(async () => {
    const result = await fresh();
    return errorsIn(result) ? undefined : result.scenario;
  })));
  void check(work.text);
  return () => {
    checker.stop();
    editor.destroy();
    root.replaceChildren();
  };
}
