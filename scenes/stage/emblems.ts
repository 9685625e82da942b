// Party emblems drawn as simple geometric marks (no flags, no logos): each party has a distinct
// shape as well as a colour, so identity never rests on colour alone. The shapes are plain
// geometry (emblemShape), so the app icons' generator (assets/icons/generate.ts) draws the same marks.
import type * as Phaser from 'phaser';

/** An emblem's outline in the stage's coordinates: a polygon's corners, a circle or a rectangle. */
export type EmblemShape =
  | { kind: 'polygon'; points: Array<{ x: number; y: number }> }
  | { kind: 'circle'; x: number; y: number; r: number }
  | { kind: 'rect'; x: number; y: number; width: number; height: number };

const polygon = (x: number, y: number, r: number, sides: number, rotation = -Math.PI / 2, inner?: number): EmblemShape => {
  const points: Array<{ x: number; y: number }> = [];
  const count = inner ? sides * 2 : sides;
  for (let i = 0; i < count; i++) {
    const radius = inner && i % 2 ? r * inner : r;
    const a = rotation + (i * 2 * Math.PI) / count;
    points.push({ x: x + Math.cos(a) * radius, y: y + Math.sin(a) * radius });
  }
  return { kind: 'polygon', points };
};

const SHAPES: Record<string, (x: number, y: number, r: number) => EmblemShape> = {
  eagle: (x, y, r) => polygon(x, y, r, 3, Math.PI / 2),
  star: (x, y, r) => polygon(x, y, r, 5, -Math.PI / 2, 0.45),
  bear: (x, y, r) => polygon(x, y, r, 4, 0),
  ring: (x, y, r) => ({ kind: 'circle', x, y, r }),
  shield: (x, y, r) => polygon(x, y, r, 6, 0),
  compass: (x, y, r) => polygon(x, y, r, 4, -Math.PI / 2, 0.35),
  mountain: (x, y, r) => polygon(x, y, r, 3),
  sun: (x, y, r) => polygon(x, y, r, 8, -Math.PI / 2, 0.6),
  tower: (x, y, r) => ({ kind: 'rect', x: x - r * 0.6, y: y - r, width: r * 1.2, height: r * 2 }),
  bridge: (x, y, r) => polygon(x, y, r, 5),
};

/** The emblem called `name` (a ring for an unknown name) centred on (x, y), `r` from centre to its outer corners. */
export function emblemShape(name: string, x: number, y: number, r: number): EmblemShape {
  return (SHAPES[name] ?? SHAPES.ring!)(x, y, r);
}

export function drawEmblem(g: Phaser.GameObjects.Graphics, name: string, x: number, y: number, r: number, colour: number) {
  g.fillStyle(colour, 1);
  const shape = emblemShape(name, x, y, r);
  if (shape.kind === 'circle') g.fillCircle(shape.x, shape.y, shape.r);
  else if (shape.kind === 'rect') g.fillRect(shape.x, shape.y, shape.width, shape.height);
  else g.fillPoints(shape.points as unknown as Phaser.Math.Vector2[], true);
}

/** An emblem as its own small Graphics object at (x, y): vector, so it stays sharp at any size. */
export function addEmblem(scene: Phaser.Scene, name: string, x: number, y: number, radius: number, colour: number): Phaser.GameObjects.Graphics {
  const g = scene.add.graphics({ x, y });
  drawEmblem(g, name, 0, 0, radius, colour);
  return g;
}
