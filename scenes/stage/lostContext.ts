// The stage's drawing context lost and found again. A browser drops a WebGL context when the GPU
// resets, a driver updates or too many pages draw at once; until it comes back the canvas shows
// nothing useful (some browsers a white box), so it is hidden and the stage element's own
// background shows. Only if the loss lasts is the player told; when the context returns, Phaser
// rebuilds its GPU resources (WebGLRenderer.dispatchContextRestored) and the stage draws again.
import type * as Phaser from 'phaser';

/** How long a loss may last before the player is told (a GPU reset usually takes a second or two). */
export const LONG_LOSS_MS = 3000;

export interface LostContextHandlers {
  /** The context has stayed lost for LONG_LOSS_MS. */
  onLongLoss(): void;
  /** The context is back; `told` says whether onLongLoss ran during this loss. */
  onRestored(told: boolean): void;
}

/** Sets `data-context="lost"` on `parent` while the game's canvas has lost its context. */
export function watchLostContext(game: Phaser.Game, parent: HTMLElement, handlers: LostContextHandlers): { stop(): void } {
  const canvas = game.canvas;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let told = false;
  const lost = () => {
    parent.dataset.context = 'lost';
    canvas.style.visibility = 'hidden';
    clearTimeout(timer);
    told = false;
    timer = setTimeout(() => {
      told = true;
      handlers.onLongLoss();
    }, LONG_LOSS_MS);
  };
  const restored = () => {
    clearTimeout(timer);
    delete parent.dataset.context;
    canvas.style.visibility = '';
    handlers.onRestored(told);
    told = false;
  };
  // WebGL's events, and the 2D canvas's (the canvas renderer, without WebGL). Phaser's own WebGL
  // listeners were added first, so its renderer is rebuilt before `restored` asks for a drawing.
  const events: Array<[string, () => void]> = [
    ['webglcontextlost', lost],
    ['webglcontextrestored', restored],
    ['contextlost', lost],
    ['contextrestored', restored],
  ];
  for (const [name, fn] of events) canvas.addEventListener(name, fn);
  return {
    stop() {
      clearTimeout(timer);
      for (const [name, fn] of events) canvas.removeEventListener(name, fn);
    },
  };
}
