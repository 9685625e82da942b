// Scenario-select backdrop: a map of the Western Balkans (real Natural Earth borders, see
// assets/map/README.md) with the parties of every scenario in their colours. Decorative: the
// stage is aria-hidden and the select screen's HTML carries the information.
import * as Phaser from 'phaser';
import mapData from '../../assets/map/western-balkans.json';
import { bake } from './bake';
import { drawMap, type MapData, type MapLayout } from './drawMap';
import { hex, PALETTE } from './palette';
import { beginRun } from './sceneRun';
import type { StageData } from './stageData';
import { addText, type StageView } from './view';

const MAP: MapData = mapData;
const FONT = 'Atkinson Hyperlegible';
const PAD = 12;

/** Labels made per frame (a text is a canvas of its own: about 2 ms each at 4× CPU slowdown, texture upload included). */
const TEXTS_PER_FRAME = 4;

export class SelectScene extends Phaser.Scene {
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
      // The map and the note from the next frame on, then the labels a few a frame, each made at
      // its final size (setting a size redraws a text's canvas): the Play click that opens this
      // screen also builds its page, and drawing the map or every label in that one task kept a
      // slow machine from answering it for up to 230 ms at 4× CPU (bench: longest task). Waits are
      // tweens, so the stage stays awake in between; a redraw kills them.
      const next = (fn: () => void) => this.tweens.addCounter({ from: 0, to: 1, duration: 1, onComplete: run.guard(fn) });
      next(() => {
        const labels = this.layout(view, content);
        const batch = (from: number) => {
          labels.slice(from, from + TEXTS_PER_FRAME).forEach((make) => make());
          if (from + TEXTS_PER_FRAME < labels.length) next(() => batch(from + TEXTS_PER_FRAME));
        };
        next(() => batch(0));
      });
    });
    // The bundled font may arrive after the first frame: draw the text again once both weights are
    // in (a canvas does not redraw itself when a font loads).
    void Promise.all([document.fonts.load(`16px "${FONT}"`), document.fonts.load(`bold 16px "${FONT}"`)])
      .catch(() => undefined)
      .then(run.guard(() => run.redraw()));
  }

  /** Draws the map to fill the stage and the note below it; returns the labels to make, parties first. */
  private layout({ width, height }: StageView, content: StageData['session']['content']): Array<() => void> {
    const base = Math.min(width, height);
    const note = addText(this, 0, 0, MAP.contested.map((c) => c.note).join(' '), {
      fontFamily: FONT,
      color: '#fbf8f1',
      align: 'center',
      fontSize: `${Math.round(Math.min(15, Math.max(11, base / 48)))}px`,
      wordWrap: { width: Math.max(80, width - PAD * 2) },
    }).setOrigin(0.5, 0);
    const noteSpace = note.height + 8;
    // The map is centred in the stage, so the note (as wide as the stage) is centred under it.
    this.cameras.main.setBackgroundColor(PALETTE.dusk);
    const graphics = this.add.graphics();
    const layout = drawMap(this, graphics, MAP, {
      x: PAD,
      y: PAD,
      width: Math.max(0, width - PAD * 2),
      height: Math.max(0, height - PAD * 2 - noteSpace),
      highlight: this.highlight,
      colours: this.colours,
    });
    // Drawn once: the labels arrive over the next frames, and the map's shapes would be drawn again for each.
    bake(this, [graphics]);
    const { bounds } = layout;
    note.setPosition(bounds.x + bounds.width / 2, bounds.y + bounds.height + 6);
    if (bounds.width <= 40) return [];

    const partySize = Math.round(Math.min(20, Math.max(11, bounds.width / 34)));
    const neighbourSize = Math.round(Math.min(14, Math.max(9, bounds.width / 52)));
    const labels: Array<() => void> = [];
    for (const c of MAP.countries) {
      const party = c.party ? content.parties[c.party] : undefined;
      const at = party ? layout.labels[party.id] : !c.party ? layout.neighbours.find((n) => n.name === c.name) : undefined;
      if (!at) continue;
      if (party) labels.push(() => this.place(addText(this, 0, 0, party.shortName, { fontFamily: FONT, fontStyle: 'bold', fontSize: `${partySize}px`, color: '#fbf8f1', stroke: '#14213d', strokeThickness: 4 }), at, layout));
      else labels.push(() => this.place(addText(this, 0, 0, c.name, { fontFamily: FONT, fontSize: `${neighbourSize}px`, color: '#e4e6eb' }).setAlpha(0.8), at, layout));
    }
    return labels;
  }

  /** Puts a label at its point, kept inside the map. */
  private place(text: Phaser.GameObjects.Text, at: { x: number; y: number }, { bounds }: MapLayout) {
    text.setOrigin(0.5);
    const halfW = Math.min(text.width / 2, bounds.width / 2);
    const halfH = Math.min(text.height / 2, bounds.height / 2);
    text.setPosition(
      Math.min(Math.max(at.x, bounds.x + halfW), bounds.x + bounds.width - halfW),
      Math.min(Math.max(at.y, bounds.y + halfH), bounds.y + bounds.height - halfH),
    );
  }
}
