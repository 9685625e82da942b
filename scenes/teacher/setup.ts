// The set-up page: the teacher picks the scenarios and their order, the timer, hints, predictions, pairs, the before-and-after check, the seed and
// a class label, and gets the class link (a real link, a copy button and a QR code). Below it, the
// discussion guides. The form is built once; only the scenario list and the link re-render.
import type { Content } from '../../src/content/loader';
import { classLink, MAX_LABEL_LENGTH, TIMER_FACTOR, TIMERS, type ClassSettings, type Timer } from '../../src/classroom/classLink';
import { button, h } from '../ui/dom';
import { guideSection } from './guide';
import { qrSvg } from './qr';
import { gameUrl, pageFrame, printPart } from './shell';
import { tt, type TeacherKey } from './tt';

interface SetupState {
  /** Every scenario, in the order the teacher set; only the chosen ones go in the link. */
  order: string[];
  chosen: Set<string>;
  timer: Timer;
  hints: boolean;
  /** Whether students predict each party's reaction to a move before its outcome (on by default). */
  predictions: boolean;
  /** Whether students play in pairs (two names, each move and prediction confirmed by both). */
  pairs: boolean;
  /** Whether each scenario opens and closes with the learning-gain check (same questions before and after). */
  check: boolean;
  seedMode: 'per-student' | 'fixed';
  seed: number;
  label: string;
}

const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000;

export function settingsOf(state: SetupState): ClassSettings {
  return {
    scenarios: state.order.filter((id) => state.chosen.has(id)),
    timer: state.timer,
    hints: state.hints,
    ...(state.predictions ? {} : { predictions: false }),
    ...(state.pairs ? { pairs: true } : {}),
    ...(state.check ? { check: true } : {}),
    seed: state.seedMode === 'per-student' ? 'per-student' : state.seed,
    label: state.label.trim().slice(0, MAX_LABEL_LENGTH),
  };
}

export function mountSetup(root: HTMLElement, content: Content): () => void {
  const tutorial = content.tutorialId ? [content.tutorialId] : [];
  const state: SetupState = {
    order: [...content.scenarioOrder, ...tutorial],
    chosen: new Set(content.scenarioOrder),
    timer: 'off',
    hints: true,
    predictions: true,
    pairs: false,
    check: false,
    seedMode: 'per-student',
    seed: randomSeed(),
    label: '',
  };
  const title = (id: string) => content.scenarios[id]?.title ?? id;
  const firstSeconds = () => content.scenarios[settingsOf(state).scenarios[0] ?? state.order[0]!]?.questionSeconds ?? 60;

  // ---- Scenarios: checkboxes in order, each with up and down buttons -------------------------
  const moved = h('p', { class: 'visually-hidden', role: 'status' });
  const list = h('ol', { class: 'scenario-order', 'data-list': 'scenarios' });
  const renderList = (focus?: { id: string; dir: 'up' | 'down' }) => {
    list.replaceChildren(
      ...state.order.map((id, i) => {
        const s = content.scenarios[id]!;
        const boxId = `scenario-${id}`;
        const move = (dir: 'up' | 'down') => {
          const j = dir === 'up' ? i - 1 : i + 1;
          if (j < 0 || j >= state.order.length) return;
          [state.order[i], state.order[j]] = [state.order[j]!, state.order[i]!];
          moved.textContent = tt('setup.moved', { title: s.title, position: j + 1, count: state.order.length });
          renderList({ id, dir });
          update();
        };
        const edge = (dir: 'up' | 'down') => (dir === 'up' ? i === 0 : i === state.order.length - 1);
        const arrow = (dir: 'up' | 'down') =>
          button(tt(dir === 'up' ? 'setup.up' : 'setup.down'), () => move(dir), {
            class: 'quiet',
            'data-dir': dir,
            'aria-label': tt(dir === 'up' ? 'setup.moveUp' : 'setup.moveDown', { title: s.title }),
            // aria-disabled, not disabled: a button that just reached the top keeps the focus.
            'aria-disabled': edge(dir) ? 'true' : undefined,
          });
        const box = h('input', {
          type: 'checkbox',
          id: boxId,
          checked: state.chosen.has(id),
          'data-scenario': id,
          onchange: (e: Event) => {
            if ((e.target as HTMLInputElement).checked) state.chosen.add(id);
            else state.chosen.delete(id);
            update();
          },
        });
        const item = h(
          'li',
          { class: 'scenario-row', 'data-scenario-row': id },
          h('label', { class: 'check', for: boxId }, box, tt('setup.scenarioLabel', { title: s.title, date: s.date }), s.tutorial ? h('span', { class: 'tag' }, tt('setup.tutorial')) : ''),
          h('span', { class: 'order-buttons' }, arrow('up'), arrow('down')),
        );
        return item;
      }),
    );
    if (focus) list.querySelector<HTMLButtonElement>(`[data-scenario-row="${focus.id}"] [data-dir="${focus.dir}"]`)?.focus();
  };

  // ---- Timer, hints, seed, label ------------------------------------------------------------
  const timerLabels = new Map<Timer, HTMLElement>();
  const timerField = h(
    'fieldset',
    { class: 'setup-field' },
    h('legend', {}, tt('setup.timer')),
    ...TIMERS.map((timer) => {
      const id = `timer-${timer.replace('.', '-')}`;
      const text = h('span', {});
      timerLabels.set(timer, text);
      return h(
        'label',
        { class: 'check', for: id },
        h('input', { type: 'radio', name: 'timer', id, value: timer, checked: state.timer === timer, 'data-timer': timer, onchange: () => ((state.timer = timer), update()) }),
        text,
      );
    }),
  );
  const timerHelp = h('p', { class: 'meta' });
  timerField.append(timerHelp);

  const hintsField = h(
    'fieldset',
    { class: 'setup-field' },
    h('legend', {}, tt('setup.hints')),
    h('label', { class: 'check', for: 'hints' }, h('input', { type: 'checkbox', id: 'hints', checked: state.hints, onchange: (e: Event) => ((state.hints = (e.target as HTMLInputElement).checked), update()) }), tt('setup.hintsOn')),
  );

  const predictionsField = h(
    'fieldset',
    { class: 'setup-field' },
    h('legend', {}, tt('setup.predictions')),
    h(
      'label',
      { class: 'check', for: 'predictions' },
      h('input', { type: 'checkbox', id: 'predictions', 'aria-describedby': 'predictions-help', checked: state.predictions, onchange: (e: Event) => ((state.predictions = (e.target as HTMLInputElement).checked), update()) }),
      tt('setup.predictionsOn'),
    ),
    h('p', { class: 'meta', id: 'predictions-help' }, tt('setup.predictionsHelp')),
  );

  const pairsField = h(
    'fieldset',
    { class: 'setup-field' },
    h('legend', {}, tt('setup.pairs')),
    h(
      'label',
      { class: 'check', for: 'pairs' },
      h('input', { type: 'checkbox', id: 'pairs', 'aria-describedby': 'pairs-help', checked: state.pairs, onchange: (e: Event) => ((state.pairs = (e.target as HTMLInputElement).checked), update()) }),
      tt('setup.pairsOn'),
    ),
    h('p', { class: 'meta', id: 'pairs-help' }, tt('setup.pairsHelp')),
  );

  const checkField = h(
    'fieldset',
    { class: 'setup-field' },
    h('legend', {}, tt('setup.check')),
    h(
      'label',
      { class: 'check', for: 'check' },
      h('input', { type: 'checkbox', id: 'check', 'aria-describedby': 'check-help', checked: state.check, onchange: (e: Event) => ((state.check = (e.target as HTMLInputElement).checked), update()) }),
      tt('setup.checkOn'),
    ),
    h('p', { class: 'meta', id: 'check-help' }, tt('setup.checkHelp')),
  );

  const seedInput = h('input', {
    type: 'number',
    id: 'seed-number',
    min: 0,
    max: 2 ** 32 - 1,
    step: 1,
    value: state.seed,
    disabled: state.seedMode === 'per-student',
    oninput: (e: Event) => {
      const n = Number((e.target as HTMLInputElement).value);
      if (Number.isInteger(n) && n >= 0 && n < 2 ** 32) state.seed = n;
      update();
    },
  });
  const seedRadio = (mode: SetupState['seedMode'], key: TeacherKey) =>
    h('label', { class: 'check', for: `seed-${mode}` }, h('input', { type: 'radio', name: 'seed', id: `seed-${mode}`, value: mode, checked: state.seedMode === mode, onchange: () => ((state.seedMode = mode), (seedInput.disabled = mode === 'per-student'), update()) }), tt(key));
  const seedField = h(
    'fieldset',
    { class: 'setup-field' },
    h('legend', {}, tt('setup.seed')),
    seedRadio('per-student', 'setup.seedPerStudent'),
    h('span', { class: 'field' }, seedRadio('fixed', 'setup.seedFixed'), h('label', { for: 'seed-number', class: 'visually-hidden' }, tt('setup.seedNumber')), seedInput),
  );

  const labelField = h(
    'div',
    { class: 'setup-field' },
    h('label', { for: 'class-label', class: 'field-label' }, tt('setup.label')),
    h('input', { type: 'text', id: 'class-label', maxlength: MAX_LABEL_LENGTH, autocomplete: 'off', 'aria-describedby': 'class-label-help', oninput: (e: Event) => ((state.label = (e.target as HTMLInputElement).value), update()) }),
    h('p', { class: 'meta', id: 'class-label-help' }, tt('setup.labelHelp', { max: MAX_LABEL_LENGTH })),
  );

  // ---- The link, the copy button, the QR code -----------------------------------------------
  const output = h('div', { class: 'link-output', 'aria-live': 'polite' });
  const status = h('p', { class: 'meta no-print', role: 'status', 'data-status': 'copy' });
  let currentLink = '';
  const copy = async () => {
    if (!currentLink) return;
    try {
      await navigator.clipboard.writeText(currentLink);
      status.textContent = tt('setup.copied');
    } catch {
      status.textContent = tt('setup.copyFailed');
    }
  };
  const copyButton = button(tt('setup.copy'), () => void copy(), { class: 'primary', 'data-action': 'copy' });
  const printButton = button(tt('setup.print'), () => printPart('link'), { 'data-action': 'print-link' });

  const summary = (s: ClassSettings) => {
    const seconds = (t: Timer) => Math.round(firstSeconds() * (TIMER_FACTOR[t] ?? 1));
    const timerText = tt(`setup.timer.${s.timer}` as TeacherKey, { seconds: seconds(s.timer) });
    return h(
      'ul',
      { class: 'setup-summary', 'data-summary': '' },
      h('li', {}, tt('setup.summary.scenarios', { list: s.scenarios.map((id, i) => `${i + 1}. ${title(id)}`).join(', ') })),
      h('li', {}, tt('setup.summary.timer', { timer: timerText })),
      h('li', {}, tt('setup.summary.hints', { hints: tt(s.hints ? 'setup.on' : 'setup.off') })),
      h('li', {}, tt('setup.summary.predictions', { predictions: tt(s.predictions === false ? 'setup.off' : 'setup.predictionsAsked') })),
      h('li', {}, tt('setup.summary.pairs', { pairs: tt(s.pairs ? 'setup.pairsYes' : 'setup.pairsNo') })),
      h('li', {}, tt('setup.summary.check', { check: tt(s.check ? 'setup.checkYes' : 'setup.off') })),
      h('li', {}, tt('setup.summary.seed', { seed: s.seed === 'per-student' ? tt('setup.seedEach') : tt('setup.seedSame', { seed: s.seed }) })),
      h('li', {}, tt('setup.summary.label', { label: s.label || tt('setup.summary.noLabel') })),
    );
  };

  function update() {
    const seconds = firstSeconds();
    for (const [timer, el] of timerLabels) el.textContent = tt(`setup.timer.${timer}` as TeacherKey, { seconds: Math.round(seconds * (TIMER_FACTOR[timer] ?? 1)) });
    timerHelp.textContent = tt('setup.timerHelp', { base: seconds });
    const settings = settingsOf(state);
    if (settings.scenarios.length === 0) {
      currentLink = '';
      copyButton.setAttribute('aria-disabled', 'true');
      output.replaceChildren(h('p', { class: 'form-error', 'data-error': 'no-scenario' }, tt('setup.noScenario')));
      return;
    }
    copyButton.removeAttribute('aria-disabled');
    currentLink = classLink(gameUrl(), settings);
    const qr = qrSvg(currentLink, tt('setup.qr'));
    output.replaceChildren(
      h('p', { class: 'class-link' }, h('a', { href: currentLink, 'data-class-link': currentLink }, currentLink)),
      h('figure', { class: 'qr', 'data-qr': '' }, qr ?? h('p', { class: 'form-error' }, tt('setup.qrFailed')), h('figcaption', { class: 'meta' }, tt('setup.qrCaption'))),
      h('h3', { class: 'small-heading' }, tt('setup.summary')),
      summary(settings),
    );
  }

  const form = h(
    'section',
    { class: 'panel teacher-section setup-form', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, tt('setup.heading')),
    h('p', { class: 'lead' }, tt('setup.intro')),
    h('fieldset', { class: 'setup-field' }, h('legend', {}, tt('setup.scenarios')), h('p', { class: 'meta' }, tt('setup.scenariosHelp')), list, moved),
    h('div', { class: 'setup-columns' }, timerField, h('div', {}, hintsField, predictionsField, pairsField, checkField, seedField)),
    labelField,
  );
  const linkSection = h(
    'section',
    { class: 'panel teacher-section link-section', 'aria-labelledby': 'link-heading', 'data-print-part': 'link' },
    h('h2', { id: 'link-heading' }, tt('setup.linkHeading')),
    output,
    h('div', { class: 'menu row no-print' }, copyButton, printButton),
    status,
  );

  renderList();
  update();
  root.replaceChildren(pageFrame('setup', form, linkSection, guideSection(content, () => settingsOf(state).scenarios)));
  return () => root.replaceChildren();
}
