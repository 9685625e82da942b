// The debrief's hand-in section: the student's name, then their results as a file to save or a
// code to copy, for the teacher's class dashboard. Nothing is sent anywhere from here.
import { handInResults } from '../../../src/classroom/handIn';
import { MAX_NAME_LENGTH, resultsCode, resultsFileName, resultsFileText } from '../../../src/classroom/results';
import { t } from '../../../src/i18n';
import { quoted } from '../../../src/i18n/quoted';
import { button, h } from '../dom';
import { download } from '../download';
import type { ScreenContext } from './types';

export function handInSection(ctx: ScreenContext): HTMLElement {
  const { session, prefs } = ctx;
  const settings = session.classSettings;
  // Playing in pairs, the results carry both names and count for both.
  const players = session.pair?.players ?? null;
  const status = h('p', { class: 'meta', role: 'status', 'data-status': 'hand-in' });
  const input = h('input', {
    id: 'student-name',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: String(MAX_NAME_LENGTH),
    value: players ? players.first : prefs.get().studentName,
    'aria-describedby': 'student-name-help',
  });
  const partnerInput = players
    ? h('input', { id: 'partner-name', type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: String(MAX_NAME_LENGTH), value: players.second, 'aria-describedby': 'student-name-help' })
    : null;
  const codeBox = h('textarea', { id: 'results-code', readonly: true, rows: 3, 'data-results-code': '', 'aria-label': t('handin.code') });
  const codeRow = h('div', { class: 'results-code', hidden: true }, h('label', { for: 'results-code' }, t('handin.code')), codeBox);

  /** The results under the typed name, or null with the reason in the status line. */
  const results = () => {
    const name = input.value;
    const empty = [input, partnerInput].find((field) => field && field.value.trim() === '');
    if (empty) {
      status.textContent = t(partnerInput ? 'handin.needNames' : 'handin.needName');
      empty.focus();
      return null;
    }
    const made = handInResults(session.store, settings, name, partnerInput?.value ?? null, session.scenarioIds, session.content.tutorialId);
    if (!made.ok) {
      status.textContent = t('handin.cannot');
      return null;
    }
    // Remembered only once used, so typing never redraws the screen under the student.
    if (!partnerInput && prefs.get().studentName !== made.file.name) prefs.set({ studentName: made.file.name });
    return made.file;
  };

  const save = () => {
    const file = results();
    if (!file) return;
    download(resultsFileName(file), resultsFileText(file), 'application/json');
    status.textContent = t('handin.saved', { file: resultsFileName(file), runs: file.runs.length });
  };

  const copy = async () => {
    const file = results();
    if (!file) return;
    const code = resultsCode(file);
    codeBox.value = code;
    codeRow.hidden = false;
    try {
      await navigator.clipboard.writeText(code);
      status.textContent = t('handin.copied', { runs: file.runs.length });
    } catch {
      codeBox.select();
      status.textContent = t('handin.copyFailed');
    }
  };

  // On paper the debrief carries the student's name and class instead of the controls.
  const printed = h('p', { class: 'print-only', 'data-print-name': '' });
  const showName = () => {
    const name = input.value.trim();
    const partner = partnerInput?.value.trim() ?? '';
    const who = partner && name ? t('handin.printedNames', { first: name, second: partner }) : name ? t('handin.printedName', { name }) : '';
    printed.textContent = who ? who + (settings?.label ? ` · ${t('title.class', { label: settings.label })}` : '') : '';
  };
  input.addEventListener('input', showName);
  partnerInput?.addEventListener('input', showName);
  showName();
  const print = () => {
    showName();
    window.print();
  };

  return h(
    'section',
    { class: 'hand-in', 'aria-labelledby': 'hand-in-heading' },
    h('h2', { id: 'hand-in-heading' }, t('handin.heading')),
    h('p', {}, settings?.label ? t('handin.introClass', { label: quoted(settings.label) }) : t('handin.intro')),
    partnerInput
      ? h(
          'fieldset',
          { class: 'field' },
          h('legend', {}, t('handin.names')),
          h('label', { for: 'student-name' }, t('handin.firstName')),
          input,
          h('label', { for: 'partner-name' }, t('handin.secondName')),
          partnerInput,
          h('p', { id: 'student-name-help', class: 'meta' }, t('handin.nameHelp')),
        )
      : h('div', { class: 'field' }, h('label', { for: 'student-name' }, t('handin.name')), input, h('p', { id: 'student-name-help', class: 'meta' }, t('handin.nameHelp'))),
    h(
      'nav',
      { class: 'menu row', 'aria-label': t('handin.heading') },
      button(t('handin.save'), save, { 'data-action': 'save-results' }),
      button(t('handin.copy'), () => void copy(), { 'data-action': 'copy-results' }),
      button(t('handin.print'), print, { 'data-action': 'print-debrief' }),
    ),
    status,
    codeRow,
    printed,
  );
}
