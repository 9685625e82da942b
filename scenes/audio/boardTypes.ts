// The sound board's contract (scenes/audio/soundBoard.ts): what it plays, the mix, the state it
// reports and the options it takes, apart from how Howler does it.
import type { Effect, Mood } from './cues';

export type SoundKey = Mood | Effect;
/**
 * locked: waiting for the browser to allow sound (no gesture yet, or the context never ran);
 * suspended: sound ran, then the system stopped it; playing; muted by the player; unavailable.
 */
export type AudioStatus = 'locked' | 'suspended' | 'playing' | 'muted' | 'unavailable';

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
  /** Runs `fn` when the page is idle (the set-up steps before the gesture); by default requestIdleCallback. */
  idle?: (fn: () => void) => void;
}

export interface SoundBoard {
  /** Loads Howler, then makes the (suspended) audio context and the sounds, a step per idle moment. Silent until unlock(). */
  prepare(): void;
  /** Call from the first user gesture, then resume(): makes whatever prepare() has not yet and starts the music. */
  unlock(): void;
  /**
   * Call from every later gesture and when the page is shown again: restarts an audio context that
   * the system suspended (or that the first gesture could not start). A no-op while it runs.
   */
  resume(): void;
  setMix(mix: Mix): void;
  setMusic(mood: Mood | null): void;
  play(effect: Effect): void;
  state(): BoardState;
  subscribe(listener: (state: BoardState) => void): () => void;
  dispose(): void;
}
