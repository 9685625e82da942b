// The HTML layer's director: shows the screen for the app's state in the overlay, re-renders it
// when what it shows changes, moves focus to its heading, and routes number keys to the
// numbered buttons. It works before Phaser has loaded and without it.
import type { Preferences } from '../../src/persistence/preferences';
import { t } from '../../src/i18n';
import type { Session, SessionEvent } from '../../src/session';
import { actionButton } from './act';
import { h } from './dom';
import { briefingScreen } from './screens/briefing';
import { compareScreen } from './screens/compare';
import { historyScreen } from './screens/history';
import { watchScreen } from './screens/watch';
import { debriefScreen } from './screens/debrief';
import { negotiationScreen } from './screens/negotiation';
import { selectScreen } from './screens/select';
import { settingsScreen } from './screens/settings';
import { titleScreen } from './screens/title';
import { playersScreen } from './screens/players';
import type { Screen, ScreenContext } from './screens/types';

const SCREENS: Record<string, Screen> = {
  title: titleScreen,
  select: selectScreen,
  briefing: briefingScreen,
  negotiation: negotiationScreen,
  debrief: debriefScreen,
  settings: settingsScreen,
  history: historyScreen,
  compare: compareScreen,
  watch: watchScreen,
  players: playersScreen,
};

/** Watch mode plays back one step this often (ms) while playing. */
const WATCH_STEP_MS = 1200;

/** The app state's name, e.g. "title" or "negotiation". */
export function screenName(session: Session): string {
  const value = session.app.getSnapshot().value;
  return typeof value === 'string' ? value : Object.keys(value)[0]!;
}

/** Changes of this key mean a new screen; anything else keeps the DOM (and focus) as it is. */
function screenKey(session: Session, locale: string): string {
  const name = screenName(session);
  const view = name === 'negotiation' || name === 'debrief' || name === 'watch' ? session.runView() : null;
  const { notices, watchPlaying } = session.app.getSnapshot().context;
  return [name, locale, notices.length, watchPlaying, session.watchProgress?.step, view?.phase, view?.meeting?.id, view?.question?.id, view?.prediction?.moveId, view?.check && `${view.check.stage}${view.check.number}`, view?.hintUsed, view?.timed, view?.paused, view?.moves.map((m) => m.locked).join(), JSON.stringify(session.pair?.proposal ?? null)].join('|');
}

export function mountDirector(root: HTMLElement, live: HTMLElement, session: Session, prefs: ScreenContext['prefs'] & { onChange(cb: (p: Preferences) => void): void }) {
  let lastKey = '';
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The actions on offer, read once per drawing. */
  let offered = new Map<string, SessionEvent>();
  const ctx: ScreenContext = {
    session,
    send: (event) => session.send(event),
    announce: (message) => {
      // Clearing first makes screen readers repeat an identical message.
      live.textContent = '';
      clearTimeout(announceTimer);
      announceTimer = setTimeout(() => (live.textContent = message), 50);
    },
    prefs,
    refresh: () => render(true),
    action: (id) => offered.get(id) ?? null,
  };

  function render(force = false) {
    const key = screenKey(session, prefs.get().locale);
    if (!force && key === lastKey) return;
    const first = lastKey === '' || lastKey.startsWith('boot|');
    lastKey = key;
    const name = screenName(session);
    const snapshot = session.app.getSnapshot();
    // What was announced on the last screen is not news on this one: a screen reader user who
    // reads the live region later must not find "The talks are over" on the next scenario.
    if (!force) {
      clearTimeout(announceTimer);
      live.textContent = '';
    }
    const screen = SCREENS[name];
    const notices = snapshot.context.notices;
    offered = new Map(session.actions().map((a) => [a.id, a.event]));
    let body: HTMLElement;
    if (snapshot.hasTag('error')) {
      body = h('section', { class: 'panel', role: 'alert' }, h('h1', { id: 'screen-heading', tabindex: '-1' }, t('app.name')), h('p', {}, t('app.contentFailed')), h('ul', {}, ...snapshot.context.contentErrors.map((e) => h('li', {}, e))));
    } else if (!screen) {
      body = h('section', { class: 'panel' }, h('h1', { id: 'screen-heading', tabindex: '-1' }, t('app.loading')));
    } else {
      body = screen(ctx);
    }
    root.dataset.screen = name;
    root.replaceChildren(
      ...(notices.length
        ? [h('div', { class: 'notice', role: 'status' }, h('p', {}, notices[0]!), actionButton(ctx, 'dismiss', t('notice.dismiss'), { 'data-action': 'dismiss' }))]
        : []),
      body,
    );
    announceFor(name);
    // The first screen needs neither: nothing is scrolled yet, and setting scrollTop would force a
    // layout before the page has finished loading.
    if (first) return;
    root.querySelector<HTMLElement>('#screen-heading')?.focus({ preventScroll: false });
    root.scrollTop = 0;
  }

  const announceFor = (name: string) => {
    const view = session.runView();
    if (name === 'negotiation' && view?.phase === 'feedback') {
      ctx.announce(root.querySelector('#screen-heading')?.textContent ?? '');
    } else if (name === 'negotiation' && view?.phase === 'outcome') {
      const reactions = Array.from(root.querySelectorAll('.reaction-table [data-summary]')).map((tr) => tr.getAttribute('data-summary'));
      ctx.announce([...reactions, ...Array.from(root.querySelectorAll('.changes li')).map((li) => li.textContent)].join('. '));
    } else if (name === 'debrief' && view?.ending) {
      ctx.announce(t('announce.ending', { title: view.ending.title }));
    }
  };

  const onKey = (event: KeyboardEvent) => {
    // A screen that used the key itself (the prediction form's number keys) has the last word.
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'SELECT' || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
    if (!/^[1-9]$/.test(event.key)) return;
    // A held key repeats: each repeat would act on the screen the last one opened, unseen.
    if (event.repeat) {
      event.preventDefault();
      return;
    }
    const button = root.querySelector<HTMLButtonElement>(`button[data-key="${event.key}"]`);
    if (button && !button.disabled) {
      event.preventDefault();
      button.click();
    }
  };
  document.addEventListener('keydown', onKey);
  // The watch clock lives in the view: the model only ever sees `watch.step` events.
  let watchTimer: ReturnType<typeof setInterval> | undefined;
  const syncWatchClock = () => {
    const playing = session.app.getSnapshot().matches('watch') && session.app.getSnapshot().context.watchPlaying;
    if (playing && !watchTimer) watchTimer = setInterval(() => session.send({ type: 'watch.step' }), WATCH_STEP_MS);
    if (!playing && watchTimer) {
      clearInterval(watchTimer);
      watchTimer = undefined;
    }
  };
  const unsubscribe = session.subscribe(() => {
    render();
    syncWatchClock();
  });
  // Preferences that change how screens look redraw them; the remembered student name does not
  // (redrawing would wipe the hand-in status the student is reading).
  let drawnWith = prefs.get();
  prefs.onChange((next) => {
    const changed = (Object.keys(next) as Array<keyof Preferences>).filter((key) => next[key] !== drawnWith[key]);
    drawnWith = next;
    if (changed.some((key) => key !== 'studentName')) render(true);
  });
  render();
  return () => {
    clearInterval(watchTimer);
    unsubscribe();
    document.removeEventListener('keydown', onKey);
  };
}
