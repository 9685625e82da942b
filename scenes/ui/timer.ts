// The question timer as the student sees it: time left (unless hidden in the settings), a polite
// warning 20 s before the end, and the pause control. The engine's own delayed transition decides
// when time is up; this only counts down alongside it.
import type { RunView } from '../../src/engine/presenter';
import { t } from '../../src/i18n';
import { actionButton } from './act';
import { h } from './dom';
import type { ScreenContext } from './screens/types';

const WARN_AT = 20;
/** When the current timed period began, by question and restart: survives redraws of the screen. */
const started = new Map<string, number>();

export function timerControls(ctx: ScreenContext, view: RunView): HTMLElement | null {
  const { session, announce, prefs } = ctx;
  const record = session.currentRecord();
  const seconds = record?.settings.timerSeconds ?? null;
  if (view.paused) return h('p', { class: 'timer', 'data-timer': 'paused' }, t('timer.paused'), ' ', actionButton(ctx, 'resume-timer', t('timer.resume'), { 'data-action': 'resume-timer' }));
  if (!view.timed || seconds === null || !record) return null;
  // Resuming restarts the full time (a pause is also how a student gets more time).
  const restarts = record.events.filter((e) => e.type === 'timer.resume').length;
  // A prediction step is told apart from an earlier one of the same move by the moves made so far.
  const moves = record.events.filter((e) => e.type === 'move.choose').length;
  const key = `${view.question?.id ?? `${view.prediction?.moveId}@${moves}`}|${restarts}`;
  if (!started.has(key)) {
    started.clear();
    started.set(key, Date.now());
  }
  const begin = started.get(key)!;
  const left = () => Math.max(0, Math.ceil(seconds - (Date.now() - begin) / 1000));
  const text = h('span', { 'data-timer-left': String(left()) }, t('timer.remaining', { seconds: left() }));
  const el = h('p', { class: 'timer', 'data-timer': 'running' }, prefs.get().showTimer && text, ' ', actionButton(ctx, 'pause', t('timer.pause'), { 'data-action': 'pause' }));
  let warned = left() <= WARN_AT;
  const tick = setInterval(() => {
    if (!el.isConnected) return clearInterval(tick);
    const now = left();
    text.textContent = t('timer.remaining', { seconds: now });
    text.dataset.timerLeft = String(now);
    if (!warned && now <= WARN_AT) {
      warned = true;
      announce(t('timer.warning', { seconds: now }));
    }
  }, 1000);
  return el;
}
