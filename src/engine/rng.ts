// Seeded randomness: every random choice in a run derives from the run's seed, so a seed and
// an event log reproduce it exactly. No Math.random() anywhere in the model.
import { fnv1a } from '../content/text';

/** mulberry32: tiny, fast, good enough for shuffles; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable shuffle of `items` for this seed and key (e.g. a question id): same inputs, same order. */
export function seededShuffle<T>(items: readonly T[], seed: number, key: string): T[] {
  const random = mulberry32((seed ^ fnv1a(key)) >>> 0);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A fresh seed for a new run, from the caller's entropy (the composition root passes one in). */
export function normaliseSeed(value: number): number {
  return (Math.abs(Math.floor(value)) % 2147483647) || 1;
}
