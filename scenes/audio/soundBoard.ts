// The sound board: plays the mood loops and the effects through Howler, with separate music and
// effects volumes and a mute. Howler is loaded early, but no AudioContext exists until `unlock()`,
// which the caller runs from the player's first gesture. Anything that goes wrong (no Howler, no
// audio device, a file that will not load or decode, a blocked context) leaves the game silent:
// nothing is thrown and nothing reaches console.error. It knows nothing of the DOM or the game.
import type { HowlOptions } from 'howler';
import manifest from '../../assets/audio/manifest.json';
import { EFFECTS, MOODS, type Effect, type Mood } from './cues';

export type SoundKey = Mood | Effect;
export type AudioStatus = 'locked' | 'playing' | 'muted' | 'unavailable';

/** The part of a Howl the board uses (tests pass a fake). */
export interface HowlLike {
  /** A sprite name to start, or a sound id to resume. */
  play(spriteOrId?: string | number): number;
  stop(id?: number): unknown;
  volume(volume: number, id?: number): unknown;
  fade(from: number, to: number, duration: number, id?: number): unknown;
  state(): 'unloaded' | 'loading' | 'loaded';
  once(event: 'unlock', callback: () => void): unknown;
  unload(): unknown;
}

/** The part of the howler package the board uses. */
export interface HowlerLike {
  Howl: new (options: HowlOptions) => HowlLike;
  Howler: { noAudio: boolean; usingWebAudio: boolean; ctx?: AudioContext | null; mute(muted: boolean): unknown };
}

export interface Mix {
  musicVolume: number;
  effectsVolume: number;
  muted: boolean;
}

export interface BoardState {
  status: AudioStatus;
  /** The loop Howler has started (null before the first gesture, in silence, or if it failed). */
  music: Mood | null;
  /** Files that could not be loaded or decoded. */
  failed: SoundKey[];
}

export interface BoardOptions {
  urls: Record<SoundKey, string>;
  /** Loads the howler package; by default a dynamic import (its own chunk). */
  load?: () => Promise<unknown>;
  /** Where the board reports what it skipped; never console.error. */
  log?: (message: string) => void;
}

export interface SoundBoard {
  /** Starts loading Howler (no audio context yet). */
  prepare(): void;
  /** Call from the first user gesture: creates the sounds and starts the music. */
  unlock(): void;
  setMix(mix: Mix): void;
  setMusic(mood: Mood | null): void;
  play(effect: Effect): void;
  state(): BoardState;
  subscribe(listener: (state: BoardState) => void): () => void;
  dispose(): void;
}

const FADE_IN_MS = 1200;
const FADE_OUT_MS = 700;

/** Finds Howl and Howler in whatever shape the bundler hands the CommonJS package over. */
export function howlerFrom(loaded: unknown): HowlerLike | null {
  const candidates = [loaded, (loaded as { default?: unknown } | null)?.default];
  for (const c of candidates) {
    const lib = c as Partial<HowlerLike> | null | undefined;
    if (lib && typeof lib.Howl === 'function' && lib.Howler && typeof lib.Howler === 'object') return lib as HowlerLike;
  }
  return null;
}

export function createSoundBoard({ urls, load = () => import('howler'), log = (m) => console.info(m) }: BoardOptions): SoundBoard {
  let lib: HowlerLike | null | undefined; // undefined: not loaded yet; null: missing
  let loading: Promise<void> | null = null;
  let gesture = false;
  let started = false;
  let unavailable = false;
  let disposed = false;
  let mix: Mix = { musicVolume: 0.5, effectsVolume: 0.8, muted: false };
  let wanted: Mood | null = null;
  let current: { mood: Mood; id: number; started: boolean } | null = null;
  let watchedContext: AudioContext | null = null;
  const howls = new Map<SoundKey, HowlLike>();
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
    const status: AudioStatus = unavailable ? 'unavailable' : mix.muted ? 'muted' : running() ? 'playing' : 'locked';
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

  const watchContext = () => {
    const ctx = lib?.Howler.usingWebAudio ? lib.Howler.ctx : null;
    if (!ctx || ctx === watchedContext || typeof ctx.addEventListener !== 'function') return;
    watchedContext?.removeEventListener('statechange', report);
    watchedContext = ctx;
    ctx.addEventListener('statechange', report);
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

  const start = () => {
    if (started || disposed || !gesture) return;
    started = true;
    if (!lib) return giveUp('Howler is not available');
    if (lib.Howler.noAudio) return giveUp('this browser has no audio output');
    // The loop for the current screen first, then the effects, then the other loops.
    const order: SoundKey[] = [...(wanted ? [wanted] : []), ...EFFECTS, ...MOODS.filter((m) => m !== wanted)];
    for (const key of order) create(key);
    if (lib.Howler.noAudio || howls.size === 0) return giveUp('this browser has no audio output');
    quietly('muting', () => lib!.Howler.mute(mix.muted));
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
      if (!started || unavailable || disposed || mix.muted || mix.effectsVolume <= 0 || !running()) return;
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
      watchedContext?.removeEventListener('statechange', report);
      for (const howl of howls.values()) quietly('unloading', () => howl.unload());
      howls.clear();
      listeners.clear();
      current = null;
    },
  };
}
