// Creates the stage behind the HTML layer: the Phaser game (phaserStage.ts, its own chunk), once
// this browser is known to be able to draw. Phaser picks WebGL, or the 2D canvas without it; with
// neither (a blocked or exhausted canvas), Phaser would throw as it loads, so it is not loaded at
// all: the stage stays empty (data-renderer="none"), the player is told, and the HTML game, which
// holds everything the player reads and uses, plays on.
import { t, type StringKey } from '../../src/i18n';
import en from '../../src/i18n/en.json';
import type { Preferences } from '../../src/persistence/preferences';
import type { Session } from '../../src/session';

/** English until src/i18n/en.json has the key (then the locale's string is used). */
const NO_STAGE = 'This browser cannot draw the negotiating table (no WebGL or canvas), so the game shows text only. Everything you need is in the text.';
const noStageMessage = () => (Object.hasOwn(en, 'notice.noStage') ? t('notice.noStage' as StringKey) : NO_STAGE);

/** Phaser needs a 2D canvas context even for WebGL (its feature tests draw on one as it loads). */
function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

export interface Stage {
  destroy(): void;
}

export function createStage(parent: HTMLElement, session: Session, prefs: { get(): Preferences; onChange(cb: (p: Preferences) => void): void }): Stage {
  let destroyed = false;
  let inner: Stage | null = null;
  const withoutStage = (why: unknown) => {
    if (destroyed) return;
    parent.dataset.renderer = 'none';
    console.info(`Envoy: the stage is off (${why instanceof Error ? why.message : String(why)}); the game plays on in text.`);
    session.send({ type: 'notice.show', message: noStageMessage() });
  };
  if (!canDraw()) withoutStage('no canvas context');
  else {
    import('./phaserStage')
      .then(({ startStage }) => {
        if (!destroyed) inner = startStage(parent, session, prefs);
      })
      .catch(withoutStage);
  }
  return {
    destroy() {
      destroyed = true;
      inner?.destroy();
    },
  };
}
