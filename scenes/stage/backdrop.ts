// The room behind the table, one per kind of meeting place (content: a meeting's `setting`), and
// the plaque that names the city. Plain shapes, no photos, no flags: the summit's banners carry the
// parties' colours and emblems only. What the props on the table are follows the room too.
import type * as Phaser from 'phaser';
import type { Setting } from '../../src/content/schema';
import { drawEmblem } from './emblems';
import { PALETTE } from './palette';
import type { Box, Point } from './stageLayout';
import { addText } from './view';

export interface BackdropOptions {
  width: number;
  height: number;
  /** Where the back wall meets the floor (CSS px). */
  horizon: number;
  setting: Setting;
  /** Colours and emblems of the parties at the table (the summit's banners, the press wall). */
  parties: Array<{ colour: number; emblem: string }>;
}

const rect = (g: Phaser.GameObjects.Graphics, colour: number, x: number, y: number, w: number, h: number, alpha = 1) => g.fillStyle(colour, alpha).fillRect(x, y, w, h);

function hall(g: Phaser.GameObjects.Graphics, { width: w, horizon: hz }: BackdropOptions) {
  rect(g, 0x26355a, 0, 0, w, hz);
  const count = Math.max(2, Math.round(w / 140));
  const gap = w / count;
  for (let i = 0; i < count; i++) {
    const x = i * gap + gap * 0.2;
    rect(g, 0x3d5a80, x, hz * 0.22, gap * 0.6, hz * 0.62);
    rect(g, 0x5b7ba6, x, hz * 0.22, gap * 0.6, hz * 0.05);
    g.lineStyle(2, 0x26355a, 1).lineBetween(x + gap * 0.3, hz * 0.22, x + gap * 0.3, hz * 0.84);
    rect(g, 0x1f2c4a, i * gap - 6, 0, 12, hz);
  }
  rect(g, PALETTE.accent, 0, hz * 0.08, w, Math.max(6, hz * 0.05));
}

function press(g: Phaser.GameObjects.Graphics, o: BackdropOptions) {
  const { width: w, horizon: hz } = o;
  rect(g, 0x0d3b6e, 0, 0, w, hz);
  const step = Math.max(36, Math.min(64, w / 9));
  let k = 0;
  for (let y = step * 0.6; y < hz - step * 0.3; y += step * 0.8) {
    for (let x = ((k % 2) * step) / 2 + step * 0.5; x < w; x += step) {
      const p = o.parties[(k + Math.round(x / step)) % Math.max(1, o.parties.length)];
      if (p) drawEmblem(g, p.emblem, x, y, step * 0.14, 0x3c6aa3);
    }
    k++;
  }
  // Two spotlights on the table.
  g.fillStyle(0xffffff, 0.06).fillTriangle(w * 0.1, 0, w * 0.02, hz * 1.3, w * 0.45, hz * 1.3);
  g.fillStyle(0xffffff, 0.06).fillTriangle(w * 0.9, 0, w * 0.55, hz * 1.3, w * 0.98, hz * 1.3);
}

function videoCall(g: Phaser.GameObjects.Graphics, { width: w, horizon: hz }: BackdropOptions) {
  rect(g, 0x233041, 0, 0, w, hz);
  const sw = Math.min(w * 0.7, hz * 1.5);
  const sh = sw * 0.5;
  const sx = (w - sw) / 2;
  const sy = Math.max(hz * 0.1, hz - sh - hz * 0.12);
  rect(g, 0x0f1722, sx - 6, sy - 6, sw + 12, sh + 12);
  const tiles = [0x2f4a66, 0x3a3f5c, 0x2f5a55, 0x4a3f55];
  tiles.forEach((c, i) => {
    const tx = sx + (i % 2) * (sw / 2) + 2;
    const ty = sy + Math.floor(i / 2) * (sh / 2) + 2;
    const tw = sw / 2 - 4;
    const th = sh / 2 - 4;
    rect(g, c, tx, ty, tw, th);
    g.fillStyle(0x9aa7b8, 1).fillCircle(tx + tw / 2, ty + th * 0.42, th * 0.17);
    g.fillStyle(0x9aa7b8, 1).fillEllipse(tx + tw / 2, ty + th * 0.95, tw * 0.42, th * 0.5);
  });
  // The camera over the screen, its light on.
  g.fillStyle(0x0f1722, 1).fillRoundedRect(w / 2 - 14, sy - 16, 28, 10, 3);
  g.fillStyle(0xd55e00, 1).fillCircle(w / 2 + 8, sy - 11, 2.5);
}

function office(g: Phaser.GameObjects.Graphics, { width: w, horizon: hz }: BackdropOptions) {
  rect(g, 0x3b4a5a, 0, 0, w, hz);
  rect(g, 0x5a4030, 0, hz * 0.62, w, hz * 0.38);
  for (let x = 0; x < w; x += 48) g.lineStyle(1, 0x4a3626, 1).lineBetween(x, hz * 0.62, x, hz);
  // A window onto the city.
  const ww = Math.min(w * 0.34, 220);
  const wx = w * 0.08;
  const wy = hz * 0.12;
  const wh = hz * 0.44;
  rect(g, 0x8fb3d9, wx, wy, ww, wh);
  const buildings = 7;
  // The skyline stands on the window's sill: each building from its roof down to the frame's bottom.
  for (let i = 0; i < buildings; i++) {
    const roof = wy + wh * (0.35 + ((i * 37) % 5) * 0.1);
    rect(g, 0x4b5f7a, wx + (i * ww) / buildings, roof, ww / buildings - 2, wy + wh - roof);
  }
  g.lineStyle(4, 0x2b2118, 1).strokeRect(wx, wy, ww, wh).lineBetween(wx + ww / 2, wy, wx + ww / 2, wy + wh);
  // A bookshelf.
  const bx = w * 0.62;
  const bw = Math.min(w * 0.3, 180);
  rect(g, 0x4a3626, bx, hz * 0.1, bw, hz * 0.5);
  const spines = [0x8c3b2e, 0x2e5c8c, 0x8c7a2e, 0x3b6b4a, 0x6b4a8c];
  for (let row = 0; row < 3; row++) {
    const y = hz * (0.13 + row * 0.16);
    for (let x = bx + 4, i = row; x < bx + bw - 8; x += 7, i++) rect(g, spines[i % spines.length]!, x, y + ((i * 3) % 4), 5, hz * 0.13 - ((i * 3) % 4));
  }
}

function summit(g: Phaser.GameObjects.Graphics, o: BackdropOptions) {
  const { width: w, horizon: hz } = o;
  rect(g, 0x1c2440, 0, 0, w, hz);
  g.lineStyle(2, 0x33406a, 1);
  for (let i = 1; i <= 3; i++) g.strokeEllipse(w / 2, hz * 1.05, w * (0.5 + i * 0.3), hz * (0.9 + i * 0.35));
  const n = Math.max(1, o.parties.length);
  const bw = Math.min(46, (w * 0.8) / n - 8);
  o.parties.forEach((p, i) => {
    const x = w * 0.1 + ((i + 0.5) * (w * 0.8)) / n;
    const top = hz * 0.1;
    const h = hz * 0.55;
    g.fillStyle(p.colour, 1).fillPoints([{ x: x - bw / 2, y: top }, { x: x + bw / 2, y: top }, { x: x + bw / 2, y: top + h }, { x, y: top + h - bw * 0.35 }, { x: x - bw / 2, y: top + h }] as unknown as Phaser.Math.Vector2[], true);
    g.fillStyle(PALETTE.paper, 1).fillCircle(x, top + h * 0.35, bw * 0.32);
    drawEmblem(g, p.emblem, x, top + h * 0.35, bw * 0.22, p.colour);
  });
}

const ROOMS: Record<Setting, (g: Phaser.GameObjects.Graphics, o: BackdropOptions) => void> = {
  'conference-hall': hall,
  'press-conference': press,
  'video-call': videoCall,
  office,
  summit,
};

const FLOORS: Record<Setting, number> = {
  'conference-hall': 0x1a2438,
  'press-conference': 0x15213a,
  'video-call': 0x1b2430,
  office: 0x3a2a1e,
  summit: 0x4a1f2a,
};

/** Draws the room for the setting: back wall down to the horizon, the floor below. */
export function drawBackdrop(scene: Phaser.Scene, o: BackdropOptions): Phaser.GameObjects.Graphics {
  const g = scene.add.graphics();
  rect(g, FLOORS[o.setting], 0, o.horizon, o.width, o.height - o.horizon);
  ROOMS[o.setting](g, o);
  rect(g, 0x000000, 0, o.horizon - 2, o.width, 4, 0.25);
  return g;
}

/** What sits on the table in front of each delegate in this room: microphones, laptops, or papers. */
export function drawTableProps(g: Phaser.GameObjects.Graphics, setting: Setting, at: Point[], scale: number) {
  for (const p of at) {
    if (setting === 'press-conference') {
      g.lineStyle(2.5 * scale, 0x1b1b1f, 1).lineBetween(p.x + 20 * scale, p.y + 14 * scale, p.x + 10 * scale, p.y - 6 * scale);
      g.fillStyle(0x1b1b1f, 1).fillCircle(p.x + 10 * scale, p.y - 8 * scale, 4 * scale);
    } else if (setting === 'video-call') {
      g.fillStyle(0x3a3f4a, 1).fillRect(p.x - 16 * scale, p.y - 2 * scale, 32 * scale, 16 * scale);
      g.fillStyle(0x8fb3d9, 1).fillRect(p.x - 13 * scale, p.y + 1 * scale, 26 * scale, 10 * scale);
    } else {
      g.fillStyle(PALETTE.paper, 0.9).fillRect(p.x - 24 * scale, p.y + 2 * scale, 16 * scale, 12 * scale);
      g.fillStyle(0xe8eef5, 0.9).fillCircle(p.x + 22 * scale, p.y + 6 * scale, 4 * scale);
    }
  }
}

/** The plaque naming the city, its top left corner at x, y (CSS px); returns the area it covers. */
export function addCityPlaque(scene: Phaser.Scene, name: string, x: number, y: number, font: number): Box {
  const text = addText(scene, 0, 0, name, { fontFamily: 'Atkinson Hyperlegible', fontStyle: 'bold', fontSize: `${font}px`, color: '#fbf8f1' }).setOrigin(0, 0.5);
  const pin = font * 0.42;
  const g = scene.add.graphics();
  const w = text.width + pin * 2 + font * 1.2;
  const h = font * 1.8;
  g.fillStyle(0x14213d, 0.85).fillRoundedRect(0, -h / 2, w, h, h / 2);
  g.fillStyle(PALETTE.focus, 1).fillCircle(font * 0.5 + pin, -pin * 0.35, pin).fillTriangle(font * 0.5, -pin * 0.1, font * 0.5 + pin * 2, -pin * 0.1, font * 0.5 + pin, pin * 1.5);
  g.fillStyle(0x14213d, 1).fillCircle(font * 0.5 + pin, -pin * 0.35, pin * 0.4);
  text.setPosition(font * 0.7 + pin * 2, 0);
  scene.add.container(x, y + h / 2, [g, text]);
  return { x, y, width: w, height: h };
}
