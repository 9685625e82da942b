// The Phaser game that draws the stage behind the HTML layer, kept in step with the app's screen.
// Phaser never holds a rule; it draws what the session shows. Loaded by createStage.ts only once
// it knows this browser can draw (Phaser's own feature tests throw when it cannot).
import * as Phaser from 'phaser';
import { t } from '../../src/i18n';
import type { Session } from '../../src/session';
import { screenName } from '../ui/director';
import { BootScene } from './BootScene';
import { BriefingScene } from './BriefingScene';
import { DebriefScene } from './DebriefScene';
import { NegotiationScene } from './NegotiationScene';
import { SelectScene } from './SelectScene';
import { TitleScene } from './TitleScene';
import { liveCount, REDRAW } from './sceneRun';
import type { StageData } from './stageData';
import { watchLostContext } from './lostContext';
import { watchSize, type StageSize } from './stageSize';

const SCENE_FOR_SCREEN: Record<string, string> = {
  boot: 'TitleScene',
  title: 'TitleScene',
  settings: 'TitleScene',
  select: 'SelectScene',
  briefing: 'BriefingScene',
  negotiation: 'NegotiationScene',
  debrief: 'DebriefScene',
};

export function startStage(parent: HTMLElement, session: Session, prefs: StageData['prefs']) {
  const data: StageData = { session, prefs };
  const size = watchSize(parent, (next) => fit(next));
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: '#1d2d50',
    // Howler plays the sound; two AudioContexts would fight over the device.
    audio: { noAudio: true },
    // The canvas has CSS size × devicePixelRatio pixels and is shown at CSS size (zoom = 1 / ratio);
    // watchSize follows the stage's size and the ratio, fit() applies them (view.ts: what scenes see).
    scale: { mode: Phaser.Scale.NONE, width: size.current.pixelWidth, height: size.current.pixelHeight, zoom: 1 / size.current.ratio },
    banner: false,
    // No multisampling of the canvas: everything the stage draws is an image whose edges were
    // smoothed when it was drawn (bake.ts), or an upright rectangle, so samples would only add work:
    // with software WebGL, four samples a pixel held the table under 55 frames a second at 1× CPU.
    render: { antialiasGL: false },
    scene: [BootScene, TitleScene, SelectScene, BriefingScene, NegotiationScene, DebriefScene],
    callbacks: {
      postBoot: (g) => {
        g.registry.set('stage', data);
        g.events.once(Phaser.Core.Events.POST_RENDER, () => {
          performance.mark('envoy:first-frame');
          parent.dataset.renderer = g.renderer.type === Phaser.WEBGL ? 'webgl' : 'canvas';
        });
      },
    },
  });

  // Test hook, documented in tests/e2e/stage.test.ts: only with `stage-probe` in the address is the
  // game reachable from the page (window.envoyStage), so a browser test can count its listeners.
  if (new URLSearchParams(location.search).has('stage-probe')) (window as unknown as { envoyStage?: unknown }).envoyStage = { game, live: liveCount };

  // Idle cost: when nothing moves the stage stops its loop (laptop batteries, old machines).
  // Any change wakes it; it sleeps again once no tween is running.
  let sleepTimer: ReturnType<typeof setTimeout> | undefined;
  const busy = () => game.scene.getScenes(true).some((scene) => scene.tweens.getTweens().length > 0 || scene.sys.settings.key === 'BootScene');
  const trySleep = () => {
    if (busy()) {
      sleepTimer = setTimeout(trySleep, 250);
      return;
    }
    game.loop.sleep();
    parent.dataset.loop = 'asleep';
  };
  const wake = () => {
    if (!game.loop.running) game.loop.wake(true);
    parent.dataset.loop = 'awake';
    clearTimeout(sleepTimer);
    // A few frames to draw the change before checking for tweens.
    sleepTimer = setTimeout(trySleep, 300);
  };

  let current = '';
  let booted = false;
  const follow = () => {
    const key = SCENE_FOR_SCREEN[screenName(session)] ?? 'TitleScene';
    // Boot hands over when its textures are made; until then there is nothing to switch.
    if (!booted || key === current) return;
    if (current) game.scene.stop(current);
    current = key;
    game.scene.start(key, data);
  };
  game.events.on('envoy:booted', () => {
    booted = true;
    follow();
    wake();
  });
  const onChange = () => {
    follow();
    wake();
  };
  const unsubscribe = session.subscribe(onChange);
  const unsubscribePrefs = prefs.onChange(wake);

  /** Sizes the canvas to the stage (CSS px × ratio) and has the running scene draw itself again. */
  function fit(next: StageSize) {
    if (!game.isBooted) return;
    const { scale, canvas } = game;
    if (scale.width !== next.pixelWidth || scale.height !== next.pixelHeight || scale.zoom !== 1 / next.ratio) {
      scale.zoom = 1 / next.ratio;
      scale.resize(next.pixelWidth, next.pixelHeight);
    }
    // Exactly the stage's CSS size, fractions included (Phaser rounds it, or leaves it unset at ratio 1).
    canvas.style.width = `${next.cssWidth}px`;
    canvas.style.height = `${next.cssHeight}px`;
    game.events.emit(REDRAW);
    wake();
  }
  let lostContext: { stop(): void } | undefined;
  // The canvas exists once the game has booted.
  game.events.once(Phaser.Core.Events.READY, () => {
    fit(size.current);
    lostContext = watchLostContext(game, parent, {
      onLongLoss: () => session.send({ type: 'notice.show', message: t('notice.stageLost') }),
      onRestored: (told) => {
        // The notice about the table goes with the loss (dismiss takes the first notice: only if it is ours).
        if (told && session.app.getSnapshot().context.notices[0] === t('notice.stageLost')) session.send({ type: 'notice.dismiss' });
        game.events.emit(REDRAW);
        wake();
      },
    });
  });

  return {
    game,
    destroy() {
      clearTimeout(sleepTimer);
      unsubscribe();
      unsubscribePrefs();
      size.stop();
      lostContext?.stop();
      game.destroy(true);
    },
  };
}
