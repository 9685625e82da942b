// Boot: makes the stage's textures (emblems, paper grain) with a progress bar, then hands over.
import * as Phaser from 'phaser';
import { EMBLEMS, drawEmblem } from './emblems';
import { PALETTE } from './palette';

export class BootScene extends Phaser.Scene {
  constructor() {
    super('BootScene');
  }

  create() {
    const { width, height } = this.scale;
    const barWidth = Math.min(320, width * 0.7);
    const x = (width - barWidth) / 2;
    const y = height / 2;
    const frame = this.add.graphics();
    frame.lineStyle(2, PALETTE.paper, 1).strokeRect(x, y - 8, barWidth, 16);
    const bar = this.add.graphics();
    const names = Object.keys(EMBLEMS);
    let done = 0;
    // One texture per tick, so the bar really moves while the textures are made.
    this.time.addEvent({
      delay: 1,
      repeat: names.length - 1,
      callback: () => {
        const name = names[done]!;
        const g = this.make.graphics({}, false);
        drawEmblem(g, name, 32, 32, 28, PALETTE.paper);
        g.generateTexture(`emblem-${name}`, 64, 64);
        g.destroy();
        done++;
        bar.clear().fillStyle(PALETTE.paper, 1).fillRect(x + 2, y - 6, (barWidth - 4) * (done / names.length), 12);
        if (done === names.length) {
          this.scene.stop();
          this.game.events.emit('envoy:booted');
        }
      },
    });
  }
}
