// A delegate at the table, drawn in code: a stylised figure (no likeness of anyone, the same
// neutral figure for every party, told apart by the party's colour on the jacket and tie, its
// emblem on the lapel and its name card), the chair behind it, and the poses and small animated
// cues the scene asks for: listening, speaking (leaning in), and each reaction to a move.
// Decorative: the stage is aria-hidden and the HTML layer says all of this in words.
import type * as Phaser from 'phaser';
import type { ReactionKind } from '../../src/content/schema';
import { t, type StringKey } from '../../src/i18n';
import { bake, type Area, type TextureCache } from './bake';
import { drawEmblem } from './emblems';
import { PALETTE } from './palette';
import { addText, viewOf } from './view';

export type Pose = 'listening' | 'speaking' | ReactionKind;

export interface DelegateOptions {
  x: number;
  y: number;
  /** 1 = a figure about 100 px tall. */
  scale: number;
  colour: number;
  emblem: string;
  name: string;
  /** Label font size, CSS px. */
  font: number;
  /** Seat number: varies the hair, nothing else. */
  index: number;
  /** -1, 0 or 1: the table's centre lies to the left, ahead or to the right. */
  facing: number;
}

/** A part of the figure: an image of its drawing in the pose (or the drawing itself, where no texture could be made). */
type Part = Phaser.GameObjects.Image | Phaser.GameObjects.Graphics;
/** Something drawn once and shown as one image where a texture could be made. */
type Baked = Phaser.GameObjects.Image | Phaser.GameObjects.Container;

export interface Delegate {
  options: DelegateOptions;
  figure: Phaser.GameObjects.Container;
  arms: Part;
  head: Part;
  card: Baked;
  cue: Baked | null;
  /** Where the figure's parts are drawn once per pose, shared with the other delegates of the run. */
  parts: TextureCache;
}

const SKIN = 0xd9b99b;
const HAIR = [0x2b2118, 0x6b5642, 0x9a9a9a, 0x1d1d1d];
const INK = 0x2a2a2a;
/** A reaction's badge colour; the glyph's shape tells them apart without colour. */
export const CUE_COLOURS: Record<ReactionKind, number> = {
  welcomes: 0x009e73,
  accepts: 0x0b5cad,
  objects: 0xb35c00,
  rejects: 0xc0392b,
  'walks-out': 0x5d6270,
};

const mix = (a: number, b: number, amount: number) => {
  const ch = (s: number) => Math.round(((a >> s) & 0xff) * (1 - amount) + ((b >> s) & 0xff) * amount) << s;
  return ch(16) | ch(8) | ch(0);
};

/** What each part's drawing covers, in the figure's units around its own origin (the head's is its centre). */
const BODY_AREA: Area = { x: -26, y: -58, w: 52, h: 64 };
const HEAD_AREA: Area = { x: -18, y: -24, w: 36, h: 42 };

/** Texture pixels per figure unit: the figure's scale at the screen's pixel ratio, so a part is as sharp as a shape. */
const resolutionOf = (scene: Phaser.Scene, o: DelegateOptions) => viewOf(scene).ratio * o.scale;

/** A part as an image of `draw` (its origin where the drawing's 0,0 is), or the drawing itself. */
function addPart(scene: Phaser.Scene, parts: TextureCache, name: string, area: Area, resolution: number, draw: (g: Phaser.GameObjects.Graphics) => void): Part {
  const at = parts.get(name, area, resolution, draw);
  if (!at) {
    const g = scene.add.graphics();
    draw(g);
    return g;
  }
  return scene.add.image(0, 0, at.key, at.frame).setOrigin(-area.x / area.w, -area.y / area.h).setScale(1 / resolution);
}

/** Shows another drawing on a part: its texture for an image, drawn again for a drawing. */
function repaint(part: Part, parts: TextureCache, name: string, area: Area, resolution: number, draw: (g: Phaser.GameObjects.Graphics) => void) {
  if (part.type !== 'Image') {
    (part as Phaser.GameObjects.Graphics).clear();
    draw(part as Phaser.GameObjects.Graphics);
    return;
  }
  const at = parts.get(name, area, resolution, draw);
  // Each pose's drawing has its own area: the origin stays where the drawing's 0,0 is.
  if (at) (part as Phaser.GameObjects.Image).setTexture(at.key, at.frame).setOrigin(-area.x / area.w, -area.y / area.h);
}

/** Arms as shoulder → elbow → hand, left then right, in the figure's units (base at 0,0, up is −y). */
const ARMS: Record<Pose, number[][][]> = {
  listening: [[[-20, -40], [-26, -14], [-12, -4]], [[20, -40], [26, -14], [12, -4]]],
  speaking: [[[-20, -40], [-26, -14], [-12, -4]], [[20, -40], [34, -24], [30, -44]]],
  welcomes: [[[-20, -40], [-34, -60], [-40, -80]], [[20, -40], [34, -60], [40, -80]]],
  accepts: [[[-20, -40], [-24, -14], [-5, -6]], [[20, -40], [24, -14], [5, -6]]],
  objects: [[[-20, -40], [-26, -14], [-12, -4]], [[20, -40], [28, -62], [28, -88]]],
  rejects: [[[-20, -40], [-10, -24], [14, -30]], [[20, -40], [8, -20], [-14, -25]]],
  'walks-out': [[[-20, -40], [-24, -16], [-22, -2]], [[20, -40], [24, -16], [22, -2]]],
};

/** What the arms cover in a pose: their joints, with room for the sleeve's width and the hands. */
function armsArea(pose: Pose): Area {
  const points = ARMS[pose].flat();
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  const pad = 7;
  const x = Math.min(...xs) - pad;
  const y = Math.min(...ys) - pad;
  return { x, y, w: Math.max(...xs) + pad - x, h: Math.max(...ys) + pad - y };
}

function drawArms(g: Phaser.GameObjects.Graphics, pose: Pose, suit: number) {
  g.clear();
  for (const arm of ARMS[pose]) {
    g.lineStyle(10, suit, 1).beginPath();
    g.moveTo(arm[0]![0]!, arm[0]![1]!);
    for (const p of arm.slice(1)) g.lineTo(p[0]!, p[1]!);
    g.strokePath();
    g.fillStyle(suit, 1).fillCircle(arm[1]![0]!, arm[1]![1]!, 5);
    g.fillStyle(SKIN, 1).fillCircle(arm[2]![0]!, arm[2]![1]!, 5.5);
  }
}

/** The head in a pose; `tilt` (radians) turns it, towards the table for the speaker. */
function drawHead(g: Phaser.GameObjects.Graphics, pose: Pose, index: number, tilt = 0) {
  g.clear();
  g.save();
  g.rotateCanvas(tilt);
  g.fillStyle(SKIN, 1).fillCircle(0, 0, 14);
  const hair = HAIR[index % HAIR.length]!;
  g.fillStyle(hair, 1).slice(0, -1, 15, Math.PI, 0, false).fillPath();
  if (index % 3 === 1) g.fillCircle(0, -15, 6);
  g.fillStyle(INK, 1).fillCircle(-5, 1, 1.7).fillCircle(5, 1, 1.7);
  g.lineStyle(1.6, INK, 1).beginPath();
  if (pose === 'speaking') g.fillEllipse(0, 8, 6, 4);
  else if (pose === 'welcomes' || pose === 'accepts') g.arc(0, 5, 4.5, 0.2 * Math.PI, 0.8 * Math.PI, false);
  else if (pose === 'objects' || pose === 'rejects' || pose === 'walks-out') g.arc(0, 11, 4.5, 1.2 * Math.PI, 1.8 * Math.PI, false);
  else {
    g.moveTo(-3.5, 8);
    g.lineTo(3.5, 8);
  }
  g.strokePath();
  g.restore();
}

/** The chair at a seat, behind its delegate (the scene draws every chair with the room, once). */
export function addChair(scene: Phaser.Scene, o: Pick<DelegateOptions, 'x' | 'y' | 'scale'>): Phaser.GameObjects.Graphics {
  return scene.add.graphics({ x: o.x, y: o.y }).setScale(o.scale).fillStyle(0x2a2f3a, 1).fillRoundedRect(-28, -88, 56, 84, 10).fillStyle(0x363c4a, 1).fillRoundedRect(-22, -82, 44, 60, 8);
}

/** Draws the delegate at the seat (in front of its chair, addChair). The caller adds the name card (addNameCard) in front of the table. */
export function addDelegate(scene: Phaser.Scene, o: DelegateOptions, parts: TextureCache): Omit<Delegate, 'card'> {
  const suit = suitOf(o);
  const resolution = resolutionOf(scene, o);
  const body = addPart(scene, parts, `body-${o.colour}-${o.emblem}`, BODY_AREA, resolution, (g) => {
    g.fillStyle(SKIN, 1).fillRect(-5, -56, 10, 10);
    g.fillStyle(suit, 1).fillRoundedRect(-23, -48, 46, 52, { tl: 14, tr: 14, bl: 0, br: 0 });
    g.fillStyle(PALETTE.paper, 1).fillTriangle(-8, -48, 8, -48, 0, -32);
    g.fillStyle(o.colour, 1).fillPoints([{ x: -3, y: -45 }, { x: 3, y: -45 }, { x: 4.5, y: -26 }, { x: 0, y: -20 }, { x: -4.5, y: -26 }] as unknown as Phaser.Math.Vector2[], true);
    g.fillStyle(PALETTE.paper, 1).fillCircle(13, -36, 6);
    drawEmblem(g, o.emblem, 13, -36, 4.5, o.colour);
  });
  const head = addPart(scene, parts, headName(o, 'listening'), HEAD_AREA, resolution, (g) => drawHead(g, 'listening', o.index)).setPosition(0, -68);
  const arms = addPart(scene, parts, armsName(o, 'listening'), armsArea('listening'), resolution, (g) => drawArms(g, 'listening', suit));
  const figure = scene.add.container(o.x, o.y, [body, head, arms]).setScale(o.scale);
  return { options: o, figure, arms, head, cue: null, parts };
}

const suitOf = (o: Pick<DelegateOptions, 'colour'>) => mix(o.colour, 0x1b2233, 0.55);
/** The speaker's head leans towards the table (the figure itself is never turned: see leanIn). */
const tiltOf = (o: DelegateOptions, pose: Pose) => (pose === 'speaking' ? o.facing * 0.14 : 0);
const headName = (o: DelegateOptions, pose: Pose) => `head-${o.index % (HAIR.length * 3)}-${pose}-${tiltOf(o, pose)}`;
const armsName = (o: DelegateOptions, pose: Pose) => `arms-${suitOf(o)}-${pose}`;

/** The name card on the table in front of a delegate: the party's colour, emblem and short name. */
export function addNameCard(scene: Phaser.Scene, o: DelegateOptions, y: number, atlas: TextureCache): Baked {
  const text = addText(scene, 0, 0, o.name, { fontFamily: 'Atkinson Hyperlegible', fontStyle: 'bold', fontSize: `${o.font}px`, color: '#1b1b1f' }).setOrigin(0, 0.5);
  const r = o.font * 0.45;
  const pad = o.font * 0.4;
  const width = text.width + r * 2 + pad * 3 + 4;
  const height = o.font * 1.7;
  const g = scene.add.graphics();
  g.fillStyle(0x000000, 0.25).fillRoundedRect(-width / 2 + 2, -height / 2 + 3, width, height, 4);
  g.fillStyle(PALETTE.paper, 1).fillRoundedRect(-width / 2, -height / 2, width, height, 4);
  g.fillStyle(o.colour, 1).fillRect(-width / 2, -height / 2, 4, height);
  drawEmblem(g, o.emblem, -width / 2 + 4 + pad + r, 0, r, o.colour);
  text.setPosition(-width / 2 + 4 + pad * 2 + r * 2, 0);
  const card = scene.add.container(o.x, y, [g, text]);
  return bake(scene, [card], { x: o.x - width / 2 - 1, y: y - height / 2 - 1, w: width + 4, h: height + 5 }, { pivot: { x: o.x, y }, atlas }) ?? card;
}

/** Sets a pose at once (arms and face). */
export function setPose(scene: Phaser.Scene, d: Pick<Delegate, 'options' | 'arms' | 'head' | 'parts'>, pose: Pose) {
  const resolution = resolutionOf(scene, d.options);
  repaint(d.arms, d.parts, armsName(d.options, pose), armsArea(pose), resolution, (g) => drawArms(g, pose, suitOf(d.options)));
  repaint(d.head, d.parts, headName(d.options, pose), HEAD_AREA, resolution, (g) => drawHead(g, pose, d.options.index, tiltOf(d.options, pose)));
}

/** Back to listening, upright, without a cue (before each phase's own pose). */
export function settle(scene: Phaser.Scene, d: Delegate) {
  setPose(scene, d, 'listening');
  d.figure.setPosition(d.options.x, d.options.y).setAlpha(1).setVisible(true);
  d.head.setPosition(0, -68);
  d.cue?.destroy();
  d.cue = null;
}

/**
 * The speaker leans in towards the table with a gesture, its head tilted; `still` does it without
 * motion. The figure moves rather than turns: a turned container drew one of its images with part
 * of another's texture (Phaser 4.2 with software WebGL), so nothing on the stage is turned.
 */
export function leanIn(scene: Phaser.Scene, d: Delegate, still: boolean) {
  setPose(scene, d, 'speaking');
  const x = d.options.x + d.options.facing * 5 * d.options.scale;
  const y = d.options.y + 4 * d.options.scale;
  if (still) d.figure.setPosition(x, y);
  else scene.tweens.add({ targets: d.figure, x, y, duration: 450, ease: 'Cubic.easeOut' });
}

/** The badge over a delegate's head: the reaction's colour and glyph, and its word. */
function addCue(scene: Phaser.Scene, d: Delegate, kind: ReactionKind): Baked {
  const { x, y, scale, font } = d.options;
  const r = Math.max(9, 12 * scale);
  const g = scene.add.graphics();
  g.fillStyle(PALETTE.paper, 1).fillCircle(0, 0, r + 2).fillStyle(CUE_COLOURS[kind], 1).fillCircle(0, 0, r);
  g.lineStyle(Math.max(2, r / 5), PALETTE.paper, 1).beginPath();
  const k = r * 0.5;
  const tick = (dx: number) => {
    g.moveTo(dx - k, 0);
    g.lineTo(dx - k * 0.35, k * 0.7);
    g.lineTo(dx + k, -k * 0.8);
  };
  if (kind === 'welcomes') {
    tick(-k * 0.45);
    tick(k * 0.45);
  } else if (kind === 'accepts') tick(0);
  else if (kind === 'objects') {
    g.moveTo(0, -k * 1.1);
    g.lineTo(0, k * 0.3);
    g.moveTo(0, k * 0.75);
    g.lineTo(0, k * 1.05);
  } else if (kind === 'rejects') {
    g.moveTo(-k, -k);
    g.lineTo(k, k);
    g.moveTo(k, -k);
    g.lineTo(-k, k);
  } else {
    g.moveTo(-k, 0);
    g.lineTo(k, 0);
    g.moveTo(k * 0.3, -k * 0.7);
    g.lineTo(k, 0);
    g.lineTo(k * 0.3, k * 0.7);
  }
  g.strokePath();
  const word = addText(scene, 0, r + 3, t(`reaction.${kind}` as StringKey), { fontFamily: 'Atkinson Hyperlegible', fontStyle: 'bold', fontSize: `${Math.max(11, font - 1)}px`, color: '#fbf8f1', stroke: '#14213d', strokeThickness: 3 }).setOrigin(0.5, 0);
  const half = Math.max(r + 2, word.width / 2) + 2;
  const top = y - 100 * scale - r - word.height;
  const cue = scene.add.container(x, top, [g, word]);
  return bake(scene, [cue], { x: x - half, y: top - r - 4, w: half * 2, h: r * 2 + word.height + 9 }, { pivot: { x, y: top }, atlas: d.parts }) ?? cue;
}

/**
 * A delegate's reaction to the move: its pose, the badge with its word, and a small motion (a hop,
 * a nod, a raised hand's shake, a head shake, or getting up and leaving the seat empty). `still`
 * shows the end state at once.
 */
export function react(scene: Phaser.Scene, d: Delegate, kind: ReactionKind, still: boolean) {
  setPose(scene, d, kind);
  d.cue = addCue(scene, d, kind);
  const s = d.options.scale;
  if (kind === 'walks-out') {
    const x = d.options.x - d.options.facing * 40 * s;
    if (still) d.figure.setVisible(false);
    else scene.tweens.add({ targets: d.figure, x, y: d.options.y - 12 * s, alpha: 0, delay: 350, duration: 900, ease: 'Cubic.easeIn' });
    return;
  }
  if (still) return;
  scene.tweens.add({ targets: d.cue, scale: { from: 0, to: 1 }, duration: 320, ease: 'Back.easeOut' });
  // What moves, to where and back, how many times: a hop, a nod, a raised hand's shake, a head shake.
  const motion: Record<Exclude<ReactionKind, 'walks-out'>, [object, Record<string, number>, number]> = {
    welcomes: [d.figure, { y: d.options.y - 6 * s }, 1],
    accepts: [d.head, { y: -64 }, 1],
    objects: [d.arms, { x: 2 }, 2],
    rejects: [d.head, { x: 3 }, 2],
  };
  const [targets, props, repeat] = motion[kind];
  scene.tweens.add({ targets, ...props, yoyo: true, repeat, duration: 150, ease: 'Sine.easeInOut' });
}

/** An empty seat: the party walked out at an earlier meeting. */
export function leaveEmpty(d: Delegate) {
  d.figure.setVisible(false);
  d.card.setAlpha(0.5);
}

