// The floor the benchmark measures Envoy against: the least a Phaser 4 page can be. One scene,
// one text, `type: Phaser.AUTO`, every other option left at Phaser's default. It sets the same
// performance marks as the game's stage so tests/bench/run.ts reads both pages the same way.
import * as Phaser from 'phaser';

const parent = document.getElementById('stage')!;

class FloorScene extends Phaser.Scene {
  constructor() {
    super('FloorScene');
  }

  create() {
    this.add.text(24, 24, 'Phaser 4 floor', { fontSize: '32px', color: '#ffffff' });
  }
}

new Phaser.Game({
  type: Phaser.AUTO,
  parent,
  scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 640, height: parent.clientHeight || 480 },
  scene: [FloorScene],
  callbacks: {
    postBoot: (game) => {
      game.events.once(Phaser.Core.Events.POST_RENDER, () => {
        performance.mark('envoy:first-frame');
        parent.dataset.renderer = game.renderer.type === Phaser.WEBGL ? 'webgl' : 'canvas';
      });
    },
  },
});
