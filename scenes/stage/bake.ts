// Static drawing turned into one texture. A Graphics object is drawn from its commands again on
// every frame (its shapes triangulated anew each time), and with software WebGL a room, a table and
// a map of the region cost tens of milliseconds a frame at 4× CPU slowdown while anything on the
// stage moves. What never moves is drawn once into a texture, at the screen's pixel ratio so it
// stays as sharp, and shown as one image in the objects' place in the display list; the texture
// goes with the image (a redraw or the scene's end destroys it).
import type * as Phaser from 'phaser';
import { viewOf } from './view';

export interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
}

let serial = 0;

/**
 * Draws `objects` (in the scene's CSS px) into a texture covering `area` (default: the whole stage),
 * destroys them and returns the image that replaces them, or null (objects left as they were) when
 * there is nothing to draw or no texture could be made.
 */
export function bake(scene: Phaser.Scene, objects: Phaser.GameObjects.GameObject[], area?: Area): Phaser.GameObjects.Image | null {
  const { width, height, ratio } = viewOf(scene);
  const box = area ?? { x: 0, y: 0, w: width, h: height };
  const pw = Math.ceil(box.w * ratio);
  const ph = Math.ceil(box.h * ratio);
  if (!objects.length || pw < 1 || ph < 1) return null;
  const key = `envoy-baked-${++serial}`;
  const texture = scene.textures.addDynamicTexture(key, pw, ph);
  if (!texture) return null;
  const list = scene.children;
  const index = Math.min(...objects.map((o) => list.getIndex(o)).filter((i) => i >= 0));
  const depth = (objects[0] as unknown as { depth?: number }).depth ?? 0;
  // The objects drawn at the pixel ratio, shifted so the area's corner is the texture's.
  const holder = scene.add.container(-box.x * ratio, -box.y * ratio, objects).setScale(ratio);
  texture.draw(holder).render();
  holder.destroy();
  const image = scene.add.image(box.x, box.y, key).setOrigin(0).setScale(1 / ratio).setDepth(depth);
  if (Number.isFinite(index)) list.moveTo(image, index);
  image.once('destroy', () => scene.textures.remove(key));
  return image;
}

/** The objects added to the scene's display list since `from` (its length then). */
export const addedSince = (scene: Phaser.Scene, from: number): Phaser.GameObjects.GameObject[] => scene.children.list.slice(from);
