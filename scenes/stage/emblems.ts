// Party emblems drawn as simple geometric marks (no flags, no logos): each party has a distinct
// shape as well as a colour, so identity never rests on colour alone.
import type * as Phaser from 'phaser';

type Draw = (g: Phaser.GameObjects.Graphics, x: number, y: number, r: number) => void;

const polygon = (g: Phaser.GameObjects.Graphics, x: number, y: number, r: number, sides: number, rotation = -Math.PI / 2, inner?: number) => {
  const points: Array<{ x: number; y: number }> = [];
  const count = inner ? sides * 2 : sides;
  for (let i = 0; i < count; i++) {
    const radius = inner && i % 2 ? r * inner : r;
    const a = rotation + (i * 2 * Math.PI) / count;
    points.push({ x: x + Math.cos(a) * radius, y: y + Math.sin(a) * radius });
  }
  g.fillPoints(points as unknown as Phaser.Math.Vector2[], true);
};

export const EMBLEMS: Record<string, Draw> = {
  eagle: (g, x, y, r) => polygon(g, x, y, r, 3, Math.PI / 2),
  star: (g, x, y, r) => polygon(g, x, y, r, 5, -Math.PI / 2, 0.45),
  bear: (g, x, y, r) => polygon(g, x, y, r, 4, 0),
  ring: (g, x, y, r) => {
    g.fillCircle(x, y, r);
  },
  shield: (g, x, y, r) => polygon(g, x, y, r, 6, 0),
  compass: (g, x, y, r) => polygon(g, x, y, r, 4, -Math.PI / 2, 0.35),
  mountain: (g, x, y, r) => polygon(g, x, y, r, 3),
  sun: (g, x, y, r) => polygon(g, x, y, r, 8, -Math.PI / 2, 0.6),
  tower: (g, x, y, r) => g.fillRect(x - r * 0.6, y - r, r * 1.2, r * 2),
  bridge: (g, x, y, r) => polygon(g, x, y, r, 5),
};

export function drawEmblem(g: Phaser.GameObjects.Graphics, name: string, x: number, y: number, r: number, colour: number) {
  g.fillStyle(colour, 1);
  (EMBLEMS[name] ?? EMBLEMS.ring!)(g, x, y, r);
}

/** An emblem as its own small Graphics object at (x, y): vector, so it stays sharp at any size. */
export function addEmblem(scene: Phaser.Scene, name: string, x: number, y: number, radius: number, colour: number): Phaser.GameObjects.Graphics {
  const g = scene.add.graphics({ x, y });
  drawEmblem(g, name, 0, 0, radius, colour);
  return g;
}
