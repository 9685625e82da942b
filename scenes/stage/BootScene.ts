// Boot: waits for what the stage draws with (the bundled font in both weights) behind a real
// progress bar, then hands over to the scene for the current screen.
import * as Phaser from 'phaser';
import { PALETTE } from './palette';
import { beginRun } from './sceneRun';

const FONTS = ['400 16px "Atkinson Hyperlegible"', '700 16px "Atkinson Hyperlegible"'];

export class BootScene extends Phaser.Scene {
  constructor() {
    super('BootScene');
  }

  create() {
    const run = beginRun(this);
    let done = 0;
    run.draw(({ width, height }) => {
      const barWidth = Math.min(320, width * 0.7);
      const x = (width - barWidth) / 2;
      const y = height / 2;
      this.add.graphics().lineStyle(2, PALETTE.paper, 1).strokeRect(x, y - 8, barWidth, 16);
      this.add.graphics().fillStyle(PALETTE.paper, 1).fillRect(x + 2, y - 6, (barWidth - 4) * (done / FONTS.length), 12);
    });
    const advance = run.guard(() => {
      done++;
      run.redraw();
    });
    // A font that fails to load is not fatal: the stage falls back to the system font.
    const loads = FONTS.map((font) => (document.fonts?.load(font) ?? Promise.resolve()).catch(() => undefined).then(advance));
    void Promise.all(loads).then(
      run.guard(() => {
        this.scene.stop();
        this.game.events.emit('envoy:booted');
      }),
    );
  }
}
