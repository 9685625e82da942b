// The sound board: plays the mood loops and the effects through Howler, with separate music and
// effects volumes and a mute. `prepare()` loads Howler, then, a step per idle moment, creates the
// AudioContext (suspended: browsers start one only after a gesture) and the sounds, so that the
// player's first gesture, which the caller passes to `unlock()`, only has to resume the context and
// start the music. Making an AudioContext can hold the main thread for a couple of hundred
// milliseconds (Chromium asks the audio service for the output device synchronously); inside a
// click that delayed the click's own frame. Nothing plays and the board says 'locked' until the
// gesture; a gesture before the idle steps are done does what is left at once. Anything that goes wrong (no Howler, no
// audio device, a file that will not load or decode, a blocked context) leaves the game silent:
// nothing is thrown and nothing reaches console.error. It knows nothing of the DOM or the game.
//
// The system can suspend the audio context behind the game's back (an OS interruption, unplugged
// headphones, a phone call; Safari calls it 'interrupted'). The board then says 'suspended' and
// restarts the context when the caller passes on a gesture or the page's return (`resume()`), or by
// itself when Safari ends an interruption with the context left suspended.
import manifest from '../../assets/audio/manifest.json';
import type { AudioStatus, BoardOptions, BoardState, Mix, SoundBoard, SoundKey } from './boardTypes';
import { EFFECTS, MOODS, type Mood } from './cues';
import { howlerFrom, type HowlerLike, type HowlLike } from './howlerLib';

export type { AudioStatus, BoardOptions, BoardState, Mix, SoundBoard, SoundKey } from './boardTypes';

const whenIdle = (fn: () => void) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 2000 });
  else setTimeout(fn, 50);
};

const FADE_IN_MS = 1200;
const FADE_OUT_MS = 700;

export function createSoundBoard({ urls, load = () => import('howler'), log = (m) => console.info(m), idle = whenIdle }: BoardOptions): SoundBoard {
  let lib: HowlerLike | null | undefined; // undefined: not loaded yet; null: missing
  let loading: Promise<void> | null = null;
  let gesture = false;
  let started = false;
  /** The context exists (made by the idle steps or by start()). */
  let contextMade = false;
  let unavailable = false;
  let disposed = false;
  let mix: Mix = { musicVolume: 0.5, effectsVolume: 0.8, muted: false };
  let wanted: Mood | null = null;
  let current: { mood: Mood; id: number; started: boolean } | null = null;
  let watchedContext: AudioContext | null = null;
  /** The context's state when last seen ('interrupted' is Safari's, outside the DOM typings). */
  let contextState: string | null = null;
  /** The context has run once: not running any more is a suspension, not a lock. */
  let ran = false;
  /** A resume() is under way: an effect asked for meanwhile plays once the context runs. */
  let resuming = false;
  const howls = new Map<SoundKey, HowlLike>();
  /** Sounds already created or tried (one that threw is not tried again). */
  const made = new Set<SoundKey>();
  const failed = new Set<SoundKey>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const listeners = new Set<(state: BoardState) => void>();
  let reported = '';

  const quietly = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      log(`Envoy audio: ${what} failed (${String(error)}); the game goes on without it.`);
    }
  };

  const running = () => {
    if (!lib || !started) return false;
    if (!lib.Howler.usingWebAudio) return true;
    return lib.Howler.ctx?.state === 'running';
  };

  const state = (): BoardState => {
    const quiet: AudioStatus = started && ran && lib?.Howler.ctx?.state !== 'closed' ? 'suspended' : 'locked';
    const status: AudioStatus = unavailable ? 'unavailable' : mix.muted ? 'muted' : running() ? 'playing' : quiet;
    return { status, music: current?.started ? current.mood : null, failed: [...failed] };
  };

  const report = () => {
    if (disposed) return;
    const now = state();
    const key = JSON.stringify(now);
    if (key === reported) return;
    reported = key;
    for (const listener of [...listeners]) listener(now);
  };

  const giveUp = (reason: string) => {
    if (!unavailable) log(`Envoy audio: ${reason}; the game goes on silently.`);
    unavailable = true;
    report();
  };

  const fail = (key: SoundKey, error: unknown) => {
    if (unavailable || disposed || failed.has(key)) return;
    failed.add(key);
    log(`Envoy audio: ${key} could not be loaded (${String(error)}); the game goes on without it.`);
    if (current?.mood === key) current = null;
    report();
  };

  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const create = (key: SoundKey) => {
    if (!lib) return;
    const isMusic = (MOODS as readonly string[]).includes(key);
    const loop = isMusic ? manifest.music[key as Mood] : null;
    made.add(key);
    quietly(`loading ${key}`, () => {
      const howl: HowlLike = new lib!.Howl({
        src: [urls[key]],
        format: ['mp3'],
        preload: true,
        ...(loop ? { sprite: { loop: [loop.loopStartMs, loop.loopMs, true] as [number, number, boolean] } } : {}),
        onloaderror: (_id, error) => fail(key, error),
        onplayerror: (id, error) => {
          // HTML5 Audio that is still locked: try once more when Howler unlocks it.
          log(`Envoy audio: ${key} could not start yet (${String(error)}).`);
          if (!isMusic) return;
          howl.once('unlock', () => {
            if (current?.id === id) quietly(`replaying ${key}`, () => howl.play(id));
          });
        },
        onplay: (id) => {
          if (current && current.id === id && current.mood === key) current.started = true;
          report();
        },
        onunlock: () => report(),
      });
      howls.set(key, howl);
    });
  };

  const resume = () => {
    const ctx = started && !unavailable && !disposed && lib?.Howler.usingWebAudio ? lib.Howler.ctx : null;
    if (!ctx || resuming || ctx.state === 'running' || ctx.state === 'closed' || typeof ctx.resume !== 'function') return;
    resuming = true;
    // Called synchronously, inside the gesture's handler, where browsers allow it.
    let pending: Promise<void>;
    try {
      pending = ctx.resume();
    } catch (error) {
      pending = Promise.reject(error);
    }
    void Promise.resolve(pending)
      .catch((error: unknown) => log(`Envoy audio: the browser could not resume the sound (${String(error)}); the next gesture tries again.`))
      .finally(() => {
        resuming = false;
        report();
      });
  };

  const onContextChange = () => {
    const before = contextState;
    contextState = watchedContext?.state ?? null;
    if (contextState === 'running') ran = true;
    // Safari ends an interruption with the context suspended; no gesture is needed to restart it.
    if (started && before === 'interrupted' && contextState === 'suspended') resume();
    report();
  };

  const watchContext = () => {
    const ctx = lib?.Howler.usingWebAudio ? lib.Howler.ctx : null;
    if (!ctx || ctx === watchedContext || typeof ctx.addEventListener !== 'function') return;
    watchedContext?.removeEventListener('statechange', onContextChange);
    watchedContext = ctx;
    ctx.addEventListener('statechange', onContextChange);
    contextState = ctx.state;
    if (contextState === 'running') ran = true;
  };

  const stopSoon = (howl: HowlLike, id: number) => {
    quietly('fading the music', () => howl.fade(mix.musicVolume, 0, FADE_OUT_MS, id));
    later(() => quietly('stopping the music', () => howl.stop(id)), FADE_OUT_MS + 50);
  };

  const applyMusic = () => {
    if (!started || unavailable || disposed) return;
    if ((current?.mood ?? null) === wanted) return;
    if (current) {
      const old = howls.get(current.mood);
      if (old) stopSoon(old, current.id);
      current = null;
    }
    const howl = wanted && !failed.has(wanted) ? howls.get(wanted) : undefined;
    if (wanted && howl) {
      const mood = wanted;
      quietly(`playing ${mood}`, () => {
        // Howler queues these until the file has loaded.
        const id = howl.play('loop');
        howl.volume(0, id);
        howl.fade(0, mix.musicVolume, FADE_IN_MS, id);
        current = { mood, id, started: false };
      });
    }
    report();
  };

  /** Makes the audio context (Howler makes it on its first call that needs one; suspended before a gesture). */
  const makeContext = () => {
    if (contextMade || !lib || lib.Howler.noAudio || disposed) return;
    contextMade = true;
    // Howler suspends an idle context by itself and resumes it only if it did the suspending. A
    // loop plays on every screen, so idling saves nothing, and with it off every suspension is the
    // system's, which resume() undoes.
    lib.Howler.autoSuspend = false;
    quietly('muting', () => lib!.Howler.mute(mix.muted));
    watchContext();
  };

  /** The sounds not made yet: the loop for the current screen first, then the effects, then the other loops. */
  const toCreate = () => [...(wanted ? [wanted] : []), ...EFFECTS, ...MOODS.filter((m) => m !== wanted)].filter((key) => !made.has(key));

  /** The idle steps after loading: the context, then one sound per step, each in a task of its own. */
  const warm = () => {
    if (started || disposed || !lib || lib.Howler.noAudio) return;
    if (!contextMade) makeContext();
    else {
      const key = toCreate()[0];
      if (!key) return;
      create(key);
    }
    idle(warm);
  };

  const start = () => {
    if (started || disposed || !gesture) return;
    started = true;
    if (!lib) return giveUp('Howler is not available');
    if (lib.Howler.noAudio) return giveUp('this browser has no audio output');
    makeContext();
    for (const key of toCreate()) create(key);
    if (lib.Howler.noAudio || howls.size === 0) return giveUp('this browser has no audio output');
    watchContext();
    applyMusic();
    report();
  };

  const prepare = () => {
    loading ??= Promise.resolve()
      .then(load)
      .then(
        (loaded) => {
          lib = howlerFrom(loaded);
          if (!gesture) idle(warm);
        },
        (error: unknown) => {
          lib = null;
          log(`Envoy audio: Howler could not be loaded (${String(error)}).`);
        },
      );
    return loading;
  };

  return {
    prepare() {
      void prepare();
    },
    unlock() {
      if (gesture || disposed) return;
      gesture = true;
      // Synchronous when Howler is already here, so the context starts inside the gesture.
      if (lib !== undefined) start();
      else void prepare().then(start);
    },
    resume,
    setMix(next) {
      const before = mix;
      mix = { musicVolume: next.musicVolume, effectsVolume: next.effectsVolume, muted: next.muted };
      if (started && !unavailable && lib) {
        if (before.muted !== mix.muted) quietly('muting', () => lib!.Howler.mute(mix.muted));
        const howl = current ? howls.get(current.mood) : undefined;
        if (howl && current && before.musicVolume !== mix.musicVolume) {
          const id = current.id;
          quietly('setting the music volume', () => howl.volume(mix.musicVolume, id));
        }
      }
      report();
    },
    setMusic(mood) {
      wanted = mood;
      applyMusic();
    },
    play(effect) {
      if (!started || unavailable || disposed || mix.muted || mix.effectsVolume <= 0 || !(running() || resuming)) return;
      const howl = howls.get(effect);
      // A sound still loading is skipped rather than played late.
      if (!howl || failed.has(effect) || howl.state() !== 'loaded') return;
      quietly(`playing ${effect}`, () => {
        const id = howl.play();
        howl.volume(mix.effectsVolume, id);
      });
    },
    state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      watchedContext?.removeEventListener('statechange', onContextChange);
      for (const howl of howls.values()) quietly('unloading', () => howl.unload());
      howls.clear();
      listeners.clear();
      current = null;
    },
  };
}
