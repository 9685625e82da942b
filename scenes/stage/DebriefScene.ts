// Debrief chart: per party, understanding (solid) and trust (outline) as paired bars.
import * as Phaser from 'phaser';
import { t } from '../../src/i18n';
import { addEmblem } from './emblems';
import { hex, PALETTE } from './palette';
import { beginRun } from './sceneRun';
import type { StageData } from './stageData';
import { addText } from './view';

export class DebriefScene extends Phaser.Scene {
  constructor() {
    super('DebriefScene');
  }

  create(data: StageData) {
    beginRun(this).draw(({ width, height }) => {
      const view = data.session.runView();
      this.add.rectangle(0, 0, width, height, PALETTE.night).setOrigin(0);
      if (!view) return;
      const parties = view.parties;
      const left = 24;
      const top = 40;
      const rowH = Math.min(56, (height - top - 20) / Math.max(1, parties.length));
      const barMax = width - left * 2 - 48;
      const g = this.add.graphics();
      const legend = { fontFamily: 'Atkinson Hyperlegible', fontSize: '14px', color: '#fbf8f1' };
      g.fillStyle(PALETTE.paper, 1).fillRect(left, 12, 16, 8);
      addText(this, left + 22, 8, t('ending.understandingShort'), legend);
      g.lineStyle(2, PALETTE.paper, 1).strokeRect(left + 160, 12, 16, 8);
      addText(this, left + 182, 8, t('ending.table.trust'), legend);
      parties.forEach((p, i) => {
        const y = top + i * rowH;
        addEmblem(this, p.emblem, left + 12, y + rowH * 0.35, Math.min(11, rowH / 5), hex(p.colour));
        g.fillStyle(hex(p.colour), 1).fillRect(left + 40, y + rowH * 0.15, barMax * (p.understanding / 100), rowH * 0.28);
        g.lineStyle(2, hex(p.colour), 1).strokeRect(left + 40, y + rowH * 0.5, Math.max(2, barMax * (p.trust / 100)), rowH * 0.22);
      });
    });
  }
}
