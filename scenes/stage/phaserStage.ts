// The Phaser game that draws the stage behind the HTML layer, kept in step with the app's screen.
// Phaser never holds a rule; it draws what the session shows. Loaded by createStage.ts only once
// it knows this browser can draw (Phaser's own feature tests throw when it cannot).
import * as Phaser from 'phaser';
import type { Preferences } from '../../src/persistence/preferences';
import type { Session } from '../../src/session';
import { screenName } from '../ui/director';
import { BootScene } from './BootScene';
import { BriefingScene } from './BriefingScene';
import { DebriefScene } from './DebriefScene';
import { NegotiationScene } from './NegotiationScene';
import { SelectScene } from './SelectScene';
import { TitleScene } from './TitleScene';
import type { StageData } from './stageData';

const SCENE_FOR_SCREEN: Record<string, string> = {
  boot: 'TitleScene',
  title: 'TitleScene',
  settings: 'TitleScene',
  select: 'SelectScene',
  briefing: 'BriefingScene',
  negotiation: 'NegotiationScene',
  debrief: 'DebriefScene',
};

export function startStage(parent: HTMLElement, session: Session, prefs: { get(): Preferences; onChange(cb: (p: Preferences) => void): void }) {
  const data: StageData = { session, prefs };
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: '#1d2d50',
    // Howler plays the sound; two AudioContexts would fight over the device.
    audio: { noAudio: true },
    scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 640, height: parent.clientHeight || 480 },
    banner: false,
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

  // Idle cost: when nothing moves the stage stops its loop (laptop batteries, old machines).
  // Any change wakes it; it sleeps again once no tween is running.
  // Test hook, documented in tests/e2e/stage.test.ts: only with `stage-probe` in the address is the
  // game reachable from the page (window.envoyStage), so a browser test can count its listeners.
  if (new URLSearchParams(location.search).has('stage-probe')) (window as unknown as { envoyStage?: unknown }).envoyStage = { game };

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
  game.scale.on('resize', wake);
  prefs.onChange(wake);

  return {
    game,
    destroy() {
      clearTimeout(sleepTimer);
      unsubscribe();
      game.destroy(true);
    },
  };
}
