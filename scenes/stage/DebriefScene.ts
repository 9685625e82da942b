// The debrief's stance map: where each party ends up on the player's understanding (across) and its
// trust (up), and how it reacted to each move of the run, in order. Everything it shows is in the
// debrief's table too (the stage is decorative for assistive technology); the figures come from
// src/replay/stanceMap.ts and the places from stanceLayout.ts, so this only draws.
import * as Phaser from 'phaser';
import { REACTIONS } from '../../src/content/vocabulary';
import { t, type StringKey } from '../../src/i18n';
import { decisionTimeline } from '../../src/replay/timeline';
import { stanceMap, type StanceMap } from '../../src/replay/stanceMap';
import { drawEmblem } from './emblems';
import { hex, PALETTE, REACTION_COLOURS } from './palette';
import { beginRun } from './sceneRun';
import type { StageData } from './stageData';
import { layoutStanceMap, type Measure, type StanceLayout, type Strings, type TextBox } from './stanceLayout';
import { addText } from './view';

const FONT = 'Atkinson Hyperlegible';
/** Texts made per frame (about 2 ms each at 4× CPU slowdown, texture upload included). */
const TEXTS_PER_FRAME = 12;

/** Text widths as the stage's canvas draws them. */
function canvasMeasure(): Measure {
  const g = document.createElement('canvas').getContext('2d');
  return (text, size) => {
    if (!g) return text.length * size * 0.58;
    g.font = `${size}px "${FONT}"`;
    return g.measureText(text).width;
  };
}

const strings = (): Strings => ({
  title: t('debrief.map.title'),
  understanding: t('debrief.map.understanding'),
  trust: t('debrief.map.trust'),
  figures: t('debrief.map.figures'),
  reactions: REACTIONS.map((r) => t(`reaction.${r}` as StringKey)),
  none: t('debrief.map.none'),
});

export class DebriefScene extends Phaser.Scene {
  constructor() {
    super('DebriefScene');
  }

  create(data: StageData) {
    const { session } = data;
    const view = session.runView();
    const record = session.currentRecord();
    // The run is over: its map is worked out once, and drawn again at each size.
    const map: StanceMap | null = view && record ? stanceMap(view, decisionTimeline(session.content, view.scenario, record)) : null;
    const measure = canvasMeasure();
    const run = beginRun(this);
    run.draw(({ width, height }) => {
      this.add.rectangle(0, 0, width, height, PALETTE.night).setOrigin(0);
      if (!map) return;
      const texts = this.drawMap(layoutStanceMap(map, width, height, data.prefs.get().textScale, strings(), measure));
      // The forty-odd texts (each a canvas of its own) are made a batch a frame, from the next frame:
      // the click that ended the run also builds the debrief's page, and one task doing both would
      // keep a slow machine from answering for a while. Waits are tweens, so the stage does not go
      // to sleep in between; a redraw kills them.
      const batch = (from: number) => {
        texts.slice(from, from + TEXTS_PER_FRAME).forEach((make) => make());
        if (from + TEXTS_PER_FRAME < texts.length) this.tweens.addCounter({ from: 0, to: 1, duration: 1, onComplete: run.guard(() => batch(from + TEXTS_PER_FRAME)) });
      };
      this.tweens.addCounter({ from: 0, to: 1, duration: 1, onComplete: run.guard(() => batch(0)) });
    });
  }

  private label(box: TextBox, colour = '#fbf8f1', bold = false) {
    return () => addText(this, box.x, box.y, box.text, { fontFamily: FONT, fontSize: `${box.size}px`, fontStyle: bold ? 'bold' : '', color: colour });
  }

  /** Draws the shapes now; returns the texts to make, in reading order. */
  private drawMap(layout: ReturnType<typeof layoutStanceMap>): Array<() => unknown> {
    const g = this.add.graphics();
    const texts: Array<() => unknown> = [];
    if (layout.title) texts.push(this.label(layout.title, '#fbf8f1', true));

    const { plot } = layout;
    if (plot) {
      g.fillStyle(PALETTE.dusk, 1).fillRect(plot.x, plot.y, plot.w, plot.h);
      // Halves of each axis, so "more than half" reads at a glance.
      g.lineStyle(1, PALETTE.grey, 0.6);
      g.lineBetween(plot.x + plot.w / 2, plot.y, plot.x + plot.w / 2, plot.y + plot.h);
      g.lineBetween(plot.x, plot.y + plot.h / 2, plot.x + plot.w, plot.y + plot.h / 2);
      g.lineStyle(2, PALETTE.paper, 0.9).strokeRect(plot.x, plot.y, plot.w, plot.h);
      for (const axis of layout.axes) texts.push(this.label(axis, '#d6dbe6'));
      for (const a of layout.arrows) this.arrow(g, a);
      for (const p of layout.points) {
        g.fillStyle(PALETTE.paper, 1).fillCircle(p.x, p.y, p.r + 2);
        drawEmblem(g, p.party.emblem, p.x, p.y, p.r, hex(p.party.colour));
        if (p.label?.leader) {
          const lx = p.label.x > p.x ? p.label.x - 1 : p.label.x + p.label.w + 1;
          g.lineStyle(1, PALETTE.paper, 0.7).lineBetween(p.x, p.y, lx, p.label.y + p.label.h / 2);
        }
        if (p.label) texts.push(this.label(p.label));
      }
    }

    for (const h of layout.header) texts.push(this.label(h, '#d6dbe6'));
    layout.rows.forEach((row, i) => {
      if (i % 2 === 0) g.fillStyle(PALETTE.dusk, 0.7).fillRect(row.box.x, row.box.y, row.box.w, row.box.h);
      g.fillStyle(PALETTE.paper, 1).fillCircle(row.emblem.x, row.emblem.y, row.emblem.r + 1.5);
      drawEmblem(g, row.party.emblem, row.emblem.x, row.emblem.y, row.emblem.r, hex(row.party.colour));
      texts.push(this.label(row.name));
      if (row.figures) texts.push(this.label(row.figures));
      // The reactions as a line through the run: consecutive moves joined, a gap where the party was away.
      g.lineStyle(1.5, PALETTE.grey, 1);
      row.markers.forEach((m, j) => {
        const prev = row.markers[j - 1];
        if (prev && prev.move === m.move - 1) g.lineBetween(prev.x, prev.y, m.x, m.y);
      });
      for (const m of row.markers) this.marker(g, m.x, m.y, layout.markerR, m.level);
    });
    for (const l of layout.legend) {
      this.marker(g, l.x, l.y, layout.markerR, l.level);
      texts.push(this.label(l.label, '#d6dbe6'));
    }
    return texts;
  }

  /** A line with a filled head, the font having no arrow glyphs. */
  private arrow(g: Phaser.GameObjects.Graphics, a: StanceLayout['arrows'][number]) {
    const head = Math.max(3, a.len * 0.35);
    g.lineStyle(1.5, 0xd6dbe6, 1).fillStyle(0xd6dbe6, 1);
    if (a.dir === 'right') {
      g.lineBetween(a.x, a.y, a.x + a.len - head, a.y);
      g.fillTriangle(a.x + a.len, a.y, a.x + a.len - head, a.y - head * 0.6, a.x + a.len - head, a.y + head * 0.6);
    } else {
      g.lineBetween(a.x, a.y, a.x, a.y - a.len + head);
      g.fillTriangle(a.x, a.y - a.len, a.x - head * 0.6, a.y - a.len + head, a.x + head * 0.6, a.y - a.len + head);
    }
  }

  /**
   * A reaction's marker: a shape per reaction as well as a colour, so welcomes and accepts (two
   * greens) and the rest read apart without colour. Warmest up, coldest down: ▲ welcomes, ● accepts,
   * ◆ objects, ■ rejects, ▼ walks out.
   */
  private marker(g: Phaser.GameObjects.Graphics, x: number, y: number, r: number, level: number) {
    g.fillStyle(REACTION_COLOURS[level] ?? PALETTE.grey, 1).lineStyle(1, PALETTE.night, 1);
    const k = r * 1.15;
    const points =
      level === 0 ? [x, y - k, x + k, y + k * 0.8, x - k, y + k * 0.8]
      : level === 2 ? [x, y - k, x + k, y, x, y + k, x - k, y]
      : level === 3 ? [x - r * 0.9, y - r * 0.9, x + r * 0.9, y - r * 0.9, x + r * 0.9, y + r * 0.9, x - r * 0.9, y + r * 0.9]
      : level === 4 ? [x - k, y - k * 0.8, x + k, y - k * 0.8, x, y + k]
      : null;
    if (!points) {
      g.fillCircle(x, y, r).strokeCircle(x, y, r);
      return;
    }
    // Phaser's point lists take anything with x and y; its types ask for Vector2.
    const shape: Phaser.Math.Vector2[] = [];
    for (let i = 0; i < points.length; i += 2) shape.push({ x: points[i]!, y: points[i + 1]! } as Phaser.Math.Vector2);
    g.fillPoints(shape, true).strokePoints(shape, true);
  }
}
