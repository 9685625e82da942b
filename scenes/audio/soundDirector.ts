// Mounts the game's sound: follows the session and plays the mood loop for the screen and an
// effect for each answer, move outcome and ending (the rules are in cues.ts); clicks of buttons in
// the HTML layer tick. Audio starts on the player's first gesture; if the system suspends it later,
// the next gesture or the page being shown again brings it back. Every meaningful sound (and sound
// stopping or coming back by itself) also
// shows a caption over the stage when captions are on, and the board's state is published on
// <html> (data-audio, data-music) so a browser test can check it without speakers.
import { t } from '../../src/i18n';
import type { Preferences } from '../../src/persistence/preferences';
import type { Session } from '../../src/session';
import { screenName } from '../ui/director';
import { captionsFor, cueView, soundsFor, statusCaptions, type CaptionKey, type CueView } from './cues';
import { AUDIO_URLS } from './files';
import { createSoundBoard, type BoardState, type SoundBoard } from './soundBoard';

export interface SoundPrefs {
  get(): Preferences;
  onChange(cb: (p: Preferences) => void): void;
}

export interface SoundOptions {
  /** The board to drive (tests pass one); by default Howler with the generated files. */
  board?: SoundBoard;
  /** Whose button clicks tick; by default #ui. */
  ui?: HTMLElement | null;
  /** Where the caption shows; by default over the stage (#stage), else the page. */
  captionParent?: HTMLElement | null;
}

const CAPTION_MS = 2200;
/** A click that itself caused a cue (an answer, a move) gets the cue, not a tick as well. */
const SELECT_AFTER_CUE_MS = 150;
/**
 * The events that let a page start sound (HTML's activation-triggering events: on touch screens
 * pointerdown is not one, pointerup and touchend are). Each one unlocks or resumes the audio.
 */
const GESTURES = ['pointerdown', 'pointerup', 'touchend', 'keydown', 'click'] as const;


function createCaption(parent: HTMLElement): HTMLElement {
  const el = document.createElement('div');
  el.className = 'caption';
  el.setAttribute('aria-hidden', 'true');
  Object.assign(el.style, {
    position: parent === document.body ? 'fixed' : 'absolute',
    left: '0.75rem',
    bottom: '0.75rem',
    maxWidth: 'calc(100% - 1.5rem)',
    padding: '0.35rem 0.75rem',
    borderRadius: '0.4rem',
    background: 'rgba(0, 0, 0, 0.85)',
    color: '#ffffff',
    fontFamily: 'var(--font, system-ui, sans-serif)',
    fontSize: '1rem',
    lineHeight: '1.4',
    zIndex: '5',
    pointerEvents: 'none',
    display: 'none',
  } satisfies Partial<CSSStyleDeclaration>);
  parent.append(el);
  return el;
}

export function mountSound(session: Session, prefs: SoundPrefs, options: SoundOptions = {}): () => void {
  const page = document.documentElement;
  const board = options.board ?? createSoundBoard({ urls: AUDIO_URLS });
  const ui = options.ui === undefined ? document.getElementById('ui') : options.ui;
  const caption = createCaption(options.captionParent ?? document.getElementById('stage') ?? document.body);
  let captionTimer: ReturnType<typeof setTimeout> | undefined;
  let prev: CueView | null = null;
  let lastCueAt = -Infinity;
  let disposed = false;
  let status: BoardState['status'] | null = null;

  const publish = (state: BoardState) => {
    const keys = status ? statusCaptions(status, state.status) : [];
    status = state.status;
    if (keys.length && prefs.get().captions) showCaption(keys);
    page.dataset.audio = state.status;
    page.dataset.music = state.music ?? 'none';
    if (state.failed.length) page.dataset.audioFailed = state.failed.join(' ');
    else delete page.dataset.audioFailed;
  };

  const hideCaption = () => {
    clearTimeout(captionTimer);
    caption.style.display = 'none';
    caption.textContent = '';
  };

  const showCaption = (keys: CaptionKey[]) => {
    caption.textContent = keys.map((key) => t(key)).join(' ');
    caption.style.display = 'block';
    clearTimeout(captionTimer);
    captionTimer = setTimeout(hideCaption, CAPTION_MS + 800 * (keys.length - 1));
  };

  const follow = () => {
    if (disposed) return;
    const screen = screenName(session);
    const next = cueView(screen, screen === 'negotiation' || screen === 'debrief' ? session.runView() : null);
    const cues = soundsFor(prev, next);
    // A caption belongs to the moment of its sound (a screen, a meeting, a phase, a question): it
    // never stays on into the next one.
    if (prev && (['screen', 'phase', 'meetingId', 'meetingNumber', 'questionId'] as const).some((k) => prev![k] !== next[k])) hideCaption();
    prev = next;
    board.setMusic(cues.music);
    for (const effect of cues.effects) board.play(effect);
    if (cues.effects.length) lastCueAt = performance.now();
    const keys = captionsFor(cues);
    if (keys.length && prefs.get().captions) showCaption(keys);
  };

  const onGesture = () => {
    board.unlock();
    board.resume();
  };

  const onShown = () => {
    if (document.visibilityState === 'visible') board.resume();
  };

  const onClick = (event: Event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    if (target && performance.now() - lastCueAt > SELECT_AFTER_CUE_MS) board.play('select');
  };

  const unsubscribeBoard = board.subscribe(publish);
  board.setMix(prefs.get());
  prefs.onChange((p) => {
    if (disposed) return;
    board.setMix(p);
    if (!p.captions) hideCaption();
  });
  publish(board.state());
  // Howler and the sounds load when the page is idle (the first gesture loads them at once if it
  // comes sooner): they must not compete with the menu and the stage for the first second.
  const prepareWhenIdle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => board.prepare(), { timeout: 3000 }) : setTimeout(() => board.prepare(), 1000));
  prepareWhenIdle();
  follow();
  const unsubscribe = session.subscribe(follow);
  for (const type of GESTURES) document.addEventListener(type, onGesture, true);
  document.addEventListener('visibilitychange', onShown);
  window.addEventListener('pageshow', onShown);
  ui?.addEventListener('click', onClick);

  return () => {
    disposed = true;
    unsubscribe();
    unsubscribeBoard();
    for (const type of GESTURES) document.removeEventListener(type, onGesture, true);
    document.removeEventListener('visibilitychange', onShown);
    window.removeEventListener('pageshow', onShown);
    ui?.removeEventListener('click', onClick);
    board.dispose();
    hideCaption();
    caption.remove();
    delete page.dataset.audio;
    delete page.dataset.music;
    delete page.dataset.audioFailed;
  };
}
