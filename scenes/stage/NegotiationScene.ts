// The negotiating table: the parties of the current meeting in their seats, the speaker
// highlighted, a trust bar under each and the agreement track above, animated on change.
import * as Phaser from 'phaser';
import type { RunView } from '../../src/engine/presenter';
import { prefersReducedMotion } from '../ui/preferences';
import { addEmblem } from './emblems';
import { hex, PALETTE } from './palette';
import { beginRun, type SceneRun } from './sceneRun';
import type { StageData } from './stageData';
import { addText, clearScene, viewOf } from './view';

interface Seat {
  partyId: string;
  bar: Phaser.GameObjects.Rectangle;
  halo: Phaser.GameObjects.Arc;
  barWidth: number;
}

export class NegotiationScene extends Phaser.Scene {
  private seats: Seat[] = [];
  private agreementBar?: Phaser.GameObjects.Rectangle;
  private agreementWidth = 0;
  private meetingId: string | null = null;
  private stage!: StageData;
  private run!: SceneRun;

  constructor() {
    super('NegotiationScene');
  }

  create(data: StageData) {
    this.stage = data;
    this.run = beginRun(this);
    this.run.subscribe(data.session, () => this.update$());
    // Drawn from scratch for the meeting on screen, at first and on every redraw the stage asks for.
    this.run.draw(() => {
      this.meetingId = null;
      this.seats = [];
      this.agreementBar = undefined;
      this.update$();
    });
  }

  /** Rebuild the table for a new meeting; otherwise animate the meters towards the new values. */
  private update$() {
    const view = this.stage.session.runView();
    if (!view?.meeting) return;
    if (view.meeting.id !== this.meetingId) this.build(view);
    this.animate(view);
  }

  private build(view: RunView) {
    clearScene(this);
    this.meetingId = view.meeting!.id;
    const { width, height } = viewOf(this);
    const cx = width / 2;
    const cy = height * 0.55;
    const rx = Math.min(width * 0.36, 360);
    const ry = Math.min(height * 0.22, 180);
    const g = this.add.graphics();
    g.fillStyle(PALETTE.night, 1).fillRect(0, 0, width, height);
    g.fillStyle(PALETTE.woodDark, 1).fillEllipse(cx, cy + 8, rx * 2 + 16, ry * 2 + 16);
    g.fillStyle(PALETTE.wood, 1).fillEllipse(cx, cy, rx * 2, ry * 2);

    // Agreement track along the top.
    this.agreementWidth = Math.min(width * 0.8, 480);
    const ax = (width - this.agreementWidth) / 2;
    const ay = Math.max(16, height * 0.08);
    this.add.rectangle(ax, ay, this.agreementWidth, 12, PALETTE.grey, 0.4).setOrigin(0, 0.5);
    this.agreementBar = this.add.rectangle(ax, ay, this.agreementWidth * (view.agreement / 100), 12, PALETTE.focus, 1).setOrigin(0, 0.5);

    const parties = view.meeting!.parties;
    this.seats = parties.map((partyId, i) => {
      const meter = view.parties.find((p) => p.id === partyId)!;
      const a = Math.PI + (i + 0.5) * (Math.PI / parties.length);
      const x = cx + Math.cos(a) * rx * 0.98;
      const y = cy - Math.abs(Math.sin(a)) * ry * 0.9 + ry * 0.25;
      const scale = Math.max(0.45, Math.min(1, rx / 300));
      const halo = this.add.circle(x, y, 40 * scale, PALETTE.focus, 0.35).setVisible(false);
      addEmblem(this, meter.emblem, x, y, 28 * scale, hex(meter.colour));
      addText(this, x, y + 54 * scale, meter.shortName, { fontFamily: 'Atkinson Hyperlegible', fontSize: `${Math.round(16 * Math.max(0.8, scale))}px`, color: '#fbf8f1' }).setOrigin(0.5, 0);
      const barWidth = 70 * scale;
      this.add.rectangle(x - barWidth / 2, y + 44 * scale, barWidth, 8, PALETTE.grey, 0.5).setOrigin(0, 0.5);
      const bar = this.add.rectangle(x - barWidth / 2, y + 44 * scale, barWidth * (meter.trust / 100), 8, hex(meter.colour), 1).setOrigin(0, 0.5);
      return { partyId, bar, halo, barWidth };
    });
  }

  private animate(view: RunView) {
    const still = prefersReducedMotion(this.stage.prefs.get());
    const to = (target: Phaser.GameObjects.Rectangle, width: number) => {
      if (still || Math.abs(target.width - width) < 0.5) target.setSize(width, target.height);
      else this.tweens.add({ targets: target, width, duration: 600, ease: 'Cubic.easeOut', onUpdate: this.run.guard(() => target.setSize(target.width, target.height)) });
    };
    if (this.agreementBar) to(this.agreementBar, this.agreementWidth * (view.agreement / 100));
    const speaker = view.phase === 'opening' ? view.meeting!.opening.speaker : null;
    for (const seat of this.seats) {
      const meter = view.parties.find((p) => p.id === seat.partyId)!;
      to(seat.bar, seat.barWidth * (meter.trust / 100));
      seat.halo.setVisible(seat.partyId === speaker);
    }
  }
}
