// The part of the howler package the sound board uses, as interfaces (tests pass fakes), and the
// finder that takes Howl and Howler from whatever shape the bundler hands the CommonJS package over.
import type { HowlOptions } from 'howler';

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
  Howler: { noAudio: boolean; usingWebAudio: boolean; autoSuspend: boolean; ctx?: AudioContext | null; mute(muted: boolean): unknown };
}

/** Finds Howl and Howler in whatever shape the bundler hands the CommonJS package over. */
export function howlerFrom(loaded: unknown): HowlerLike | null {
  const candidates = [loaded, (loaded as { default?: unknown } | null)?.default];
  for (const c of candidates) {
    const lib = c as Partial<HowlerLike> | null | undefined;
    if (lib && typeof lib.Howl === 'function' && lib.Howler && typeof lib.Howler === 'object') return lib as HowlerLike;
  }
  return null;
}
