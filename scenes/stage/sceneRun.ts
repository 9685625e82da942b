// One run of a stage scene, from its create() to its shutdown. Every stage scene subscribes to
// anything (the session, preferences, Phaser's emitters, promises, tween callbacks) only through
// its run, so:
// - nothing it listens to outlives it: a scene that starts twenty times holds one set of listeners;
// - no callback of an ended run touches the scene's objects, not even one still queued in the same
//   notification (emitters call the listeners they had when the notification began);
// - only the running scene redraws when the stage changes size, pixel ratio or loses its drawing.
// A unit test (tests/unit/phaserBuild.test.ts) fails if a scene subscribes around it.
import * as Phaser from 'phaser';
import { clearScene, fitCamera, viewOf, type StageView } from './view';

/** game.events: the stage asks the running scene to draw itself again from scratch. */
export const REDRAW = 'envoy:redraw';

/** Phaser's emitters (game.events, the Scale Manager, a scene's events). */
interface Emitter {
  on(event: string, fn: (...args: unknown[]) => void): unknown;
  off(event: string, fn: (...args: unknown[]) => void): unknown;
}

let liveSubscriptions = 0;
/** How many subscriptions the scenes' runs hold now (the e2e test hook reads it). */
export const liveCount = () => liveSubscriptions;

export interface SceneRun {
  /** False once the run has ended (the scene shut down or was destroyed), even if the scene starts again. */
  readonly live: boolean;
  /** `fn`, except that it does nothing once the run has ended (promises, tweens, timers). */
  guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  /** `source.subscribe(fn)`, guarded, until the run ends (the session: its subscribe returns the unsubscriber). */
  subscribe(source: { subscribe(fn: () => void): () => void }, fn: () => void): void;
  /** `emitter.on(event, fn)`, guarded, until the run ends. */
  on(emitter: Emitter, event: string, fn: (...args: unknown[]) => void): void;
  /**
   * Draws the scene with `draw` now, and again from scratch (objects and tweens gone, camera fitted
   * to the pixel ratio) each time the stage asks for a redraw. `first` is true only the first time.
   */
  draw(draw: (view: StageView, first: boolean) => void): void;
  /** Clears the scene and calls the draw function again (e.g. once a font has arrived). */
  redraw(): void;
  /** Calls `fn` once when the run ends (to let go of what the run made outside the scene, e.g. textures). */
  onEnd(fn: () => void): void;
}

export function beginRun(scene: Phaser.Scene): SceneRun {
  let live = true;
  const unsubscribers: Array<() => void> = [];
  const endings: Array<() => void> = [];
  let drawFn: ((view: StageView, first: boolean) => void) | null = null;
  const guard = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
    if (live) fn(...args);
  };
  const hold = (unsubscribe: () => void) => {
    liveSubscriptions++;
    unsubscribers.push(() => {
      liveSubscriptions--;
      unsubscribe();
    });
  };
  const end = () => {
    if (!live) return;
    live = false;
    scene.events.off(Phaser.Scenes.Events.SHUTDOWN, end);
    scene.events.off(Phaser.Scenes.Events.DESTROY, end);
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    for (const fn of endings.splice(0)) fn();
  };
  scene.events.once(Phaser.Scenes.Events.SHUTDOWN, end);
  scene.events.once(Phaser.Scenes.Events.DESTROY, end);
  fitCamera(scene);

  const redraw = () => {
    if (!live || !drawFn) return;
    clearScene(scene);
    fitCamera(scene);
    drawFn(viewOf(scene), false);
  };
  const run: SceneRun = {
    get live() {
      return live;
    },
    guard,
    subscribe(source, fn) {
      hold(source.subscribe(guard(fn)));
    },
    on(emitter, event, fn) {
      const guarded = guard(fn);
      emitter.on(event, guarded);
      hold(() => emitter.off(event, guarded));
    },
    draw(draw) {
      drawFn = draw;
      draw(viewOf(scene), true);
      run.on(scene.game.events, REDRAW, redraw);
    },
    redraw,
    onEnd(fn) {
      endings.push(fn);
    },
  };
  return run;
}
