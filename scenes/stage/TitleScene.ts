// Title backdrop: the parties' emblems drifting slowly around a table seen from above.
import * as Phaser from 'phaser';
import { prefersReducedMotion } from '../ui/preferences';
import { addEmblem } from './emblems';
import { hex, PALETTE } from './palette';
import { beginRun } from './sceneRun';
import type { StageData } from './stageData';

export class TitleScene extends Phaser.Scene {
  constructor() {
    super('TitleScene');
  }

  create(data: StageData) {
    beginRun(this).draw(({ width, height }, first) => {
      const cx = width / 2;
      const cy = height / 2;
      const r = Math.min(width, height) * 0.32;
      const table = this.add.graphics();
      table.fillStyle(PALETTE.woodDark, 1).fillCircle(cx, cy, r + 6);
      table.fillStyle(PALETTE.wood, 1).fillCircle(cx, cy, r);
      const parties = data.session.content.partyOrder.map((id) => data.session.content.parties[id]!);
      const ring = this.add.container(cx, cy);
      parties.forEach((p, i) => {
        const a = (i / parties.length) * Math.PI * 2;
        const seat = addEmblem(this, p.emblem, Math.cos(a) * (r + 28), Math.sin(a) * (r + 28), Math.max(10, r / 11), hex(p.colour));
        ring.add(seat);
      });
      // One slow turn on arrival (not on a resize), then stillness: an endless spin would keep the loop awake.
      if (first && !prefersReducedMotion(data.prefs.get())) {
        this.tweens.add({ targets: ring, angle: { from: -30, to: 0 }, alpha: { from: 0, to: 1 }, duration: 1600, ease: 'Cubic.easeOut' });
      }
    });
  }
}
