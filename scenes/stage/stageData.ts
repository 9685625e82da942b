// What every stage scene receives when it starts.
import type { Preferences } from '../../src/persistence/preferences';
import type { Session } from '../../src/session';

export interface StageData {
  session: Session;
  /** onChange returns its unsubscriber. */
  prefs: { get(): Preferences; onChange(cb: (p: Preferences) => void): () => void };
}
