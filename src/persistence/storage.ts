// A key-value store that never throws: private mode, a full quota or a blocked localStorage turn
// into a reported failure, so the game keeps running and tells the player what was not saved.

export interface KeyValueStore {
  get(key: string): string | null;
  /** False when the value could not be stored. */
  set(key: string, value: string): boolean;
  remove(key: string): void;
}

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const data = new Map(Object.entries(initial));
  return {
    get: (key) => data.get(key) ?? null,
    set: (key, value) => (data.set(key, value), true),
    remove: (key) => void data.delete(key),
  };
}

/** Wraps a Web Storage area; falls back to memory when the area is missing or refuses writes. */
export function safeStore(area: () => Storage | undefined, onFailure: (reason: string) => void): KeyValueStore {
  const fallback = memoryStore();
  let reported = false;
  const fail = (e: unknown) => {
    if (!reported) onFailure(e instanceof Error ? e.message : String(e));
    reported = true;
  };
  const storage = (): Storage | undefined => {
    try {
      return area();
    } catch (e) {
      fail(e);
      return undefined;
    }
  };
  return {
    get(key) {
      try {
        return storage()?.getItem(key) ?? fallback.get(key);
      } catch (e) {
        fail(e);
        return fallback.get(key);
      }
    },
    set(key, value) {
      fallback.set(key, value);
      try {
        const s = storage();
        if (!s) return false;
        s.setItem(key, value);
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    remove(key) {
      fallback.remove(key);
      try {
        storage()?.removeItem(key);
      } catch (e) {
        fail(e);
      }
    },
  };
}
