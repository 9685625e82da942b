// Briefing backdrop: the dossier on the desk, with the scenario's date and the parties' emblems.
import * as Phaser from 'phaser';
import { addEmblem } from './emblems';
import { hex, PALETTE } from './palette';
import { beginRun } from './sceneRun';
import type { StageData } from './stageData';
import { addText } from './view';

export class BriefingScene extends Phaser.Scene {
  constructor() {
    super('BriefingScene');
  }

  create(data: StageData) {
    const { session } = data;
    beginRun(this).draw(({ width, height }) => {
      const scenario = session.content.scenarios[session.app.getSnapshot().context.scenarioId ?? ''];
      const g = this.add.graphics();
      g.fillStyle(PALETTE.woodDark, 1).fillRect(0, 0, width, height);
      const w = Math.min(width * 0.7, 420);
      const h = Math.min(height * 0.75, 520);
      const x = (width - w) / 2;
      const y = (height - h) / 2;
      g.fillStyle(0xd9c9a3, 1).fillRoundedRect(x + 10, y + 10, w, h, 10);
      g.fillStyle(PALETTE.paper, 1).fillRoundedRect(x, y, w, h, 10);
      if (!scenario) return;
      addText(this, width / 2, y + 24, scenario.date.toUpperCase(), { fontFamily: 'Atkinson Hyperlegible', fontSize: '20px', color: '#0b5cad' }).setOrigin(0.5, 0);
      const parties = [...new Set(scenario.meetings.flatMap((m) => m.parties))];
      parties.forEach((id, i) => {
        const p = session.content.parties[id]!;
        const col = i % 3;
        const row = Math.floor(i / 3);
        const ex = x + w * (0.25 + col * 0.25);
        const ey = y + 90 + row * 90;
        addEmblem(this, p.emblem, ex, ey, 20, hex(p.colour));
        addText(this, ex, ey + 28, p.shortName, { fontFamily: 'Atkinson Hyperlegible', fontSize: '14px', color: '#1b1b1f' }).setOrigin(0.5, 0);
      });
    });
  }
}
