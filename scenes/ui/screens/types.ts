// What every HTML screen gets from the director.
import type { Preferences } from '../../../src/persistence/preferences';
import type { Session, SessionEvent } from '../../../src/session';

export interface ScreenContext {
  session: Session;
  send: (event: SessionEvent) => void;
  /** Speaks a message through the polite live region. */
  announce: (message: string) => void;
  prefs: { get(): Preferences; set(patch: Partial<Preferences>): void };
  /** Re-render the screen after a change the session does not know about (e.g. history edits). */
  refresh: () => void;
  /**
   * The event of a button the screen offers now (an id of src/machines/actions.ts), or null when
   * the screen does not offer it: a button is drawn only when its event will be handled.
   */
  action: (id: string) => SessionEvent | null;
}

export type Screen = (ctx: ScreenContext) => HTMLElement;
