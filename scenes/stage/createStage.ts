// Creates the stage behind the HTML layer: the Phaser game (phaserStage.ts, its own chunk), once
// this browser is known to be able to draw. Phaser picks WebGL, or the 2D canvas without it; with
// neither (a blocked or exhausted canvas), Phaser would throw as it loads, so it is not loaded at
// all: the stage stays empty (data-renderer="none"), the player is told, and the HTML game, which
// holds everything the player reads and uses, plays on.
import { t } from '../../src/i18n';
import type { Session } from '../../src/session';
import type { StageData } from './stageData';


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

export function createStage(parent: HTMLElement, session: Session, prefs: StageData['prefs']): Stage {
  let destroyed = false;
  let inner: Stage | null = null;
  const withoutStage = (why: unknown) => {
    if (destroyed) return;
    parent.dataset.renderer = 'none';
    console.info(`Envoy: the stage is off (${why instanceof Error ? why.message : String(why)}); the game plays on in text.`);
    session.send({ type: 'notice.show', message: t('notice.noStage') });
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
