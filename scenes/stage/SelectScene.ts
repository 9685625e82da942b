// Scenario-select backdrop: a map of the Western Balkans (real Natural Earth borders, see
// assets/map/README.md) with the parties of every scenario in their colours. Decorative: the
// stage is aria-hidden and the select screen's HTML carries the information.
import * as Phaser from 'phaser';
import mapData from '../../assets/map/western-balkans.json';
import { drawMap, type MapData, type MapLayout } from './drawMap';
import { hex, PALETTE } from './palette';
import { beginRun } from './sceneRun';
import type { StageData } from './stageData';
import { addText, type StageView } from './view';

const MAP: MapData = mapData;
const FONT = 'Atkinson Hyperlegible';
const PAD = 12;

export class SelectScene extends Phaser.Scene {
  private graphics!: Phaser.GameObjects.Graphics;
  private partyLabels = new Map<string, Phaser.GameObjects.Text>();
  private neighbourLabels = new Map<string, Phaser.GameObjects.Text>();
  private note!: Phaser.GameObjects.Text;
  private highlight: string[] = [];
  private colours: Record<string, number> = {};

  constructor() {
    super('SelectScene');
  }

  create(data: StageData) {
    const { content } = data.session;
    this.highlight = [...new Set(data.session.scenarioIds.flatMap((id) => content.scenarios[id]!.meetings.flatMap((m) => m.parties)))];
    this.colours = Object.fromEntries(content.partyOrder.map((id) => [id, hex(content.parties[id]!.colour)]));
    const run = beginRun(this);
    run.draw((view) => {
      this.graphics = this.add.graphics();
      this.partyLabels = new Map();
      this.neighbourLabels = new Map();
      for (const c of MAP.countries) {
        const party = c.party ? content.parties[c.party] : undefined;
        if (party) {
          const text = addText(this, 0, 0, party.shortName, { fontFamily: FONT, fontStyle: 'bold', color: '#fbf8f1', stroke: '#14213d', strokeThickness: 4 });
          this.partyLabels.set(party.id, text.setOrigin(0.5));
        } else if (!c.party) {
          const text = addText(this, 0, 0, c.name, { fontFamily: FONT, color: '#e4e6eb' });
          this.neighbourLabels.set(c.name, text.setOrigin(0.5).setAlpha(0.8));
        }
      }
      this.note = addText(this, 0, 0, MAP.contested.map((c) => c.note).join(' '), { fontFamily: FONT, color: '#fbf8f1', align: 'center' }).setOrigin(0.5, 0);
      this.layout(view);
    });
    // The bundled font may arrive after the first frame: draw the text again once both weights are
    // in (a canvas does not redraw itself when a font loads).
    void Promise.all([document.fonts.load(`16px "${FONT}"`), document.fonts.load(`bold 16px "${FONT}"`)])
      .catch(() => undefined)
      .then(run.guard(() => run.redraw()));
  }

  /** Draws the map to fill the stage, the note below it, and places the labels. */
  private layout({ width, height }: StageView) {
    const base = Math.min(width, height);
    this.note.setFontSize(Math.round(Math.min(15, Math.max(11, base / 48))));
    this.note.setWordWrapWidth(Math.max(80, width - PAD * 2));
    const noteSpace = this.note.height + 8;
    // The map is centred in the stage, so the note (as wide as the stage) is centred under it.

    this.graphics.clear();
    this.cameras.main.setBackgroundColor(PALETTE.dusk);
    const layout = drawMap(this, this.graphics, MAP, {
      x: PAD,
      y: PAD,
      width: Math.max(0, width - PAD * 2),
      height: Math.max(0, height - PAD * 2 - noteSpace),
      highlight: this.highlight,
      colours: this.colours,
    });
    const { bounds } = layout;
    this.note.setPosition(bounds.x + bounds.width / 2, bounds.y + bounds.height + 6);

    const partySize = Math.round(Math.min(20, Math.max(11, bounds.width / 34)));
    for (const [id, text] of this.partyLabels) {
      text.setFontSize(partySize);
      this.place(text, layout.labels[id], layout);
    }
    const neighbourSize = Math.round(Math.min(14, Math.max(9, bounds.width / 52)));
    for (const n of layout.neighbours) {
      const text = this.neighbourLabels.get(n.name);
      text?.setFontSize(neighbourSize);
      if (text) this.place(text, n, layout);
    }
  }

  /** Puts a label at its point, kept inside the map. */
  private place(text: Phaser.GameObjects.Text, at: { x: number; y: number } | undefined, { bounds }: MapLayout) {
    text.setVisible(Boolean(at) && bounds.width > 40);
    if (!at) return;
    const halfW = Math.min(text.width / 2, bounds.width / 2);
    const halfH = Math.min(text.height / 2, bounds.height / 2);
    text.setPosition(
      Math.min(Math.max(at.x, bounds.x + halfW), bounds.x + bounds.width - halfW),
      Math.min(Math.max(at.y, bounds.y + halfH), bounds.y + bounds.height - halfH),
    );
  }
}
