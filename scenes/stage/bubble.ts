// The speech bubble of the party that opens a meeting: a short excerpt of its opening (cut by the
// presenter), above the speaker's head, or beside it when the stage is too flat for that, always
// inside the stage, with a tail pointing at the speaker.
import type * as Phaser from 'phaser';
import { around, bake, type TextureCache } from './bake';
import { PALETTE } from './palette';
import { boxesMeet, type Box, type Point } from './stageLayout';
import { addText } from './view';

export interface BubbleOptions {
  /** The top of the speaker's head. */
  anchor: Point;
  /** Half the speaker's width: how far beside the head a side bubble keeps. */
  reach: number;
  text: string;
  font: number;
  /** The stage (CSS px), and the highest the bubble may go (under the agreement track). */
  width: number;
  height: number;
  top: number;
  /** What the bubble keeps clear of where the stage has room elsewhere (the city's plaque). */
  avoid?: Box;
  /** Where the bubble is drawn (the scene's atlas). */
  atlas: TextureCache;
}

/** Draws the bubble; returns it as one image (the scene fades it in, or not with reduced motion). */
export function addBubble(scene: Phaser.Scene, o: BubbleOptions): Phaser.GameObjects.Image | Phaser.GameObjects.Container {
  const pad = Math.round(o.font * 0.6);
  const maxWidth = Math.max(120, Math.min(o.width - 16, o.font * 22));
  const text = addText(scene, 0, 0, o.text, { fontFamily: 'Atkinson Hyperlegible', fontSize: `${o.font}px`, color: '#1b1b1f', wordWrap: { width: maxWidth - pad * 2 }, lineSpacing: 2 });
  const w = Math.min(maxWidth, text.width + pad * 2);
  const h = text.height + pad * 2;
  const tail = Math.max(8, o.font * 0.7);
  const clampX = (x: number) => Math.min(Math.max(x, 8), o.width - w - 8);
  const a = o.avoid;
  const clear = (at: Point) => !a || !boxesMeet({ ...at, width: w, height: h }, a);
  /** `at`, or else the first of `elsewhere` that is clear and passes `fits`. */
  const keepClear = (at: Point, elsewhere: Point[], fits: (p: Point) => boolean) => (clear(at) ? at : (elsewhere.find((p) => clear(p) && fits(p)) ?? at));
  let x: number;
  let y: number;
  let tip: Point;
  let base: [Point, Point];
  if (o.anchor.y - tail - h >= o.top) {
    // Above the head; beside the plaque or under it when it would cover it.
    ({ x, y } = keepClear(
      { x: clampX(o.anchor.x - w / 2), y: o.anchor.y - tail - h },
      a ? [{ x: a.x + a.width + 6, y: o.anchor.y - tail - h }, { x: clampX(o.anchor.x - w / 2), y: a.y + a.height + 4 }] : [],
      (p) => p.x + w <= o.width - 8 && p.y + h <= o.anchor.y - 4,
    ));
    const bx = Math.min(Math.max(o.anchor.x, x + tail * 1.5), x + w - tail * 1.5);
    tip = { x: o.anchor.x, y: o.anchor.y - 2 };
    base = [{ x: bx - tail * 0.7, y: y + h - 1 }, { x: bx + tail * 0.7, y: y + h - 1 }];
  } else {
    // Beside the head, on the side with more room.
    const right = o.anchor.x < o.width / 2;
    const bx = clampX(right ? o.anchor.x + o.reach + tail : o.anchor.x - o.reach - tail - w);
    ({ x, y } = keepClear({ x: bx, y: Math.min(Math.max(o.anchor.y - h / 3, o.top), o.height - h - 4) }, a ? [{ x: bx, y: a.y + a.height + 4 }] : [], (p) => p.y + h <= o.height - 4));
    const edge = right ? x + 1 : x + w - 1;
    const by = Math.min(Math.max(o.anchor.y + tail, y + tail), y + h - tail);
    tip = { x: right ? o.anchor.x + o.reach * 0.6 : o.anchor.x - o.reach * 0.6, y: o.anchor.y + tail };
    base = [{ x: edge, y: by - tail * 0.7 }, { x: edge, y: by + tail * 0.7 }];
  }
  const g = scene.add.graphics();
  g.fillStyle(0x000000, 0.25).fillRoundedRect(x + 2, y + 3, w, h, pad);
  g.fillStyle(PALETTE.paper, 1).fillRoundedRect(x, y, w, h, pad);
  g.fillTriangle(base[0].x, base[0].y, base[1].x, base[1].y, tip.x, tip.y);
  g.lineStyle(2, PALETTE.focus, 1).strokeRoundedRect(x, y, w, h, pad);
  text.setPosition(x + pad, y + pad);
  const bubble = scene.add.container(0, 0, [g, text]);
  return (bake(scene, [bubble], around(scene, [{ x, y, w: w + 2, h: h + 3 }, { x: tip.x, y: tip.y, w: 0, h: 0 }]), { atlas: o.atlas }) ?? bubble).setName('bubble');
}
