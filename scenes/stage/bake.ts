// Static drawing turned into textures. A Graphics object is drawn from its commands again on every
// frame (its shapes triangulated anew each time), and with software WebGL every pixel a frame
// covers costs too: a room, a table and a map of the region drawn as shapes, or a stage-sized
// image that is mostly transparent, held the table at about 42 frames a second at 1× CPU while a
// delegate moved (bench: while the stage animates). So what never moves is drawn once into a
// texture no larger than what it covers, at the screen's pixel ratio so it stays as sharp, and
// shown as one image in the objects' place in the display list; a delegate's parts are drawn once
// per pose into textures its images switch between.
import type * as Phaser from 'phaser';
import { viewOf } from './view';

export interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A text drawn into a baked image, with its bounds (CSS px) from the image's position, so they follow the image when it moves. */
export interface BakedText {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An image baked from objects; `bakedTexts` keeps what it says, for the stage probe (tests/e2e/stageProbe.ts). */
export type BakedImage = Phaser.GameObjects.Image & { bakedTexts: BakedText[] };

type Drawn = Phaser.GameObjects.GameObject & { visible?: boolean; alpha?: number; list?: Drawn[]; text?: string; getBounds?: () => { x: number; y: number; width: number; height: number } };

/** The visible texts among `objects`, inside containers too, with their bounds. */
function textsIn(objects: Drawn[]): BakedText[] {
  return objects.flatMap((o) => {
    if (o.visible === false || o.alpha === 0) return [];
    if (o.list) return textsIn(o.list);
    if (o.type !== 'Text' || !o.getBounds) return [];
    const { x, y, width, height } = o.getBounds();
    return [{ text: o.text ?? '', x, y, width, height }];
  });
}

let serial = 0;

/** A texture to draw into (Phaser's DynamicTexture). */
type Page = NonNullable<ReturnType<Phaser.Scene['textures']['addDynamicTexture']>>;

/**
 * Draws `objects` (in units where `area` is measured) into `texture` at `resolution` texture pixels
 * per unit, the area's corner at texture pixel (x, y), and destroys them.
 */
function drawAt(scene: Phaser.Scene, texture: Page, objects: Phaser.GameObjects.GameObject[], area: Area, resolution: number, x: number, y: number) {
  const holder = scene.add.container(x - area.x * resolution, y - area.y * resolution, objects).setScale(resolution);
  texture.draw(holder).render();
  holder.destroy();
}

/**
 * Draws `objects` (in units where `area` is measured) into a new texture of `area` at `resolution`
 * texture pixels per unit, and destroys them. Returns the texture's key, or null (objects left as
 * they were) when there is nothing to draw or no texture could be made.
 */
function drawTexture(scene: Phaser.Scene, objects: Phaser.GameObjects.GameObject[], area: Area, resolution: number, key = `envoy-baked-${++serial}`): string | null {
  const pw = Math.ceil(area.w * resolution);
  const ph = Math.ceil(area.h * resolution);
  if (!objects.length || pw < 1 || ph < 1) return null;
  const texture = scene.textures.addDynamicTexture(key, pw, ph);
  if (!texture) return null;
  // Cleared first: a new texture may get the memory of one just let go, with its drawing still in it.
  drawAt(scene, texture.clear(), objects, area, resolution, 0, 0);
  return key;
}

/** Blend modes that copy a texture's pixels instead of blending them, one per WebGL renderer. */
const copyModes = new WeakMap<object, number>();

/**
 * The blend mode that writes an image's pixels over what is under it without blending (WebGL only;
 * null on the 2D canvas, which blends opaque pixels cheaply). Software WebGL spends most of a frame
 * blending: a stage-sized room drawn this way held the table at about 57 frames a second at 1× CPU
 * instead of 52. Phaser has no such mode for WebGL, so one is added to the renderer's list.
 */
function copyMode(scene: Phaser.Scene): number | null {
  const renderer = scene.game.renderer as unknown as { gl?: WebGLRenderingContext; blendModes?: Array<{ enabled: boolean }>; addBlendMode?(func: number[], equation: number): number };
  const { gl, blendModes, addBlendMode } = renderer;
  if (!gl || !blendModes || !addBlendMode) return null;
  if (!copyModes.has(renderer)) {
    // addBlendMode's own return value is one short of the mode's place in the list (Phaser 4.2).
    const index = blendModes.length;
    addBlendMode.call(renderer, [gl.ONE, gl.ZERO], gl.FUNC_ADD);
    blendModes[index]!.enabled = false;
    copyModes.set(renderer, index);
  }
  return copyModes.get(renderer)!;
}

export interface BakeOptions {
  /** A point in the scene for the image's origin, so it scales about it (default: the area's top-left corner). */
  pivot?: { x: number; y: number };
  /** Every pixel of the drawing is opaque (a room, a map on its sea): the image is copied, not blended. */
  opaque?: boolean;
  /** Draw into this atlas (the atlas owns the texture) rather than a texture of the image's own. */
  atlas?: TextureCache;
}

/**
 * Draws `objects` (in the scene's CSS px) into a texture covering `area` (default: the whole stage),
 * destroys them and returns the image that replaces them, or null (objects left as they were) when
 * there is nothing to draw or no texture could be made. The texture goes with the image (a redraw
 * or the scene's end destroys it).
 */
export function bake(scene: Phaser.Scene, objects: Phaser.GameObjects.GameObject[], area?: Area, { pivot, opaque = false, atlas }: BakeOptions = {}): BakedImage | null {
  const { width, height, ratio } = viewOf(scene);
  const box = area ?? { x: 0, y: 0, w: width, h: height };
  const list = scene.children;
  const index = Math.min(...objects.map((o) => list.getIndex(o)).filter((i) => i >= 0));
  const depth = (objects[0] as unknown as { depth?: number } | undefined)?.depth ?? 0;
  const texts = textsIn(objects as Drawn[]);
  const drawn = atlas ? atlas.add(objects, box, ratio) : drawTexture(scene, objects, box, ratio);
  if (!drawn) return null;
  const { key, frame } = typeof drawn === 'string' ? { key: drawn, frame: undefined } : drawn;
  const at = pivot ?? { x: box.x, y: box.y };
  const image = scene.add
    .image(at.x, at.y, key, frame)
    .setOrigin((at.x - box.x) / box.w, (at.y - box.y) / box.h)
    .setScale(1 / ratio)
    .setDepth(depth) as BakedImage;
  image.bakedTexts = texts.map((t) => ({ ...t, x: t.x - at.x, y: t.y - at.y }));
  const copy = opaque ? copyMode(scene) : null;
  if (copy !== null) image.setBlendMode(copy);
  if (Number.isFinite(index)) list.moveTo(image, index);
  if (!atlas) image.once('destroy', () => scene.textures.remove(key));
  return image;
}

/** The smallest area holding every one of `areas`, grown by `pad` on each side and kept on the stage. */
export function around(scene: Phaser.Scene, areas: Area[], pad = 2): Area {
  const { width, height } = viewOf(scene);
  const x = Math.max(0, Math.floor(Math.min(...areas.map((a) => a.x)) - pad));
  const y = Math.max(0, Math.floor(Math.min(...areas.map((a) => a.y)) - pad));
  const right = Math.min(width, Math.ceil(Math.max(...areas.map((a) => a.x + a.w)) + pad));
  const bottom = Math.min(height, Math.ceil(Math.max(...areas.map((a) => a.y + a.h)) + pad));
  return { x, y, w: Math.max(1, right - x), h: Math.max(1, bottom - y) };
}

/** A drawing's place in an atlas: the texture and the frame to show it with. */
export interface AtlasFrame {
  key: string;
  frame: string;
}

/**
 * The drawings of one scene's run: those shared by its images (a delegate's body, its head and
 * arms in each pose) under names the caller gives, and those drawn once for one image (a name
 * card, a reaction's badge, a speech bubble); `release` removes them all (at the run's end).
 * They are packed as frames into a few large textures rather than one texture each: making
 * a texture to draw into waits for the GPU to be ready with it, and twenty of those kept the first
 * table from answering for 200 ms at 4× CPU slowdown.
 */
export interface TextureCache {
  /**
   * The frame of the drawing `name`, drawn by `draw` into `area` (its units) at `resolution`
   * texture pixels per unit the first time it is asked for; null when no texture could be made.
   */
  get(name: string, area: Area, resolution: number, draw: (g: Phaser.GameObjects.Graphics) => void): AtlasFrame | null;
  /** Draws `objects` (units of `area`) into a new frame and destroys them; null (objects left as they were) when it does not fit. */
  add(objects: Phaser.GameObjects.GameObject[], area: Area, resolution: number): AtlasFrame | null;
  release(): void;
}

/** The side of each atlas texture, in texture pixels (every WebGL and 2D canvas takes 1024). */
const PAGE = 1024;
/** Space between frames, so that filtering at a frame's edge never reads its neighbour. */
const GAP = 2;

export function textureCache(scene: Phaser.Scene): TextureCache {
  const frames = new Map<string, AtlasFrame | null>();
  const pages: string[] = [];
  const prefix = `envoy-parts-${++serial}`;
  // Shelf packing: frames left to right along a shelf, a new shelf below when one is full.
  let x = PAGE;
  let y = 0;
  let shelf = 0;
  let page: Page | null = null;
  const place = (w: number, h: number): { texture: Page; x: number; y: number } | null => {
    if (w > PAGE || h > PAGE) return null;
    if (x + w > PAGE) {
      x = 0;
      y += shelf + GAP;
      shelf = 0;
    }
    if (!page || y + h > PAGE) {
      const key = `${prefix}-${pages.length}`;
      page = scene.textures.addDynamicTexture(key, PAGE, PAGE);
      if (!page) return null;
      page.clear();
      pages.push(key);
      x = 0;
      y = 0;
      shelf = 0;
    }
    const at = { texture: page, x, y };
    x += w + GAP;
    shelf = Math.max(shelf, h);
    return at;
  };
  let made = 0;
  /** Draws the objects into a frame named `id`, or returns null (objects untouched) when it does not fit. */
  const drawFrame = (id: string, objects: Phaser.GameObjects.GameObject[], area: Area, resolution: number): AtlasFrame | null => {
    const w = Math.ceil(area.w * resolution);
    const h = Math.ceil(area.h * resolution);
    const at = objects.length && w >= 1 && h >= 1 ? place(w, h) : null;
    if (!at) return null;
    drawAt(scene, at.texture, objects, area, resolution, at.x, at.y);
    at.texture.add(id, 0, at.x, at.y, w, h);
    return { key: at.texture.key, frame: id };
  };
  return {
    get(name, area, resolution, draw) {
      const id = `${name}@${resolution.toFixed(3)}`;
      if (!frames.has(id)) {
        const g = scene.add.graphics();
        draw(g);
        const frame = drawFrame(id, [g], area, resolution);
        if (!frame) g.destroy();
        frames.set(id, frame);
      }
      return frames.get(id)!;
    },
    add(objects, area, resolution) {
      return drawFrame(`drawing-${++made}`, objects, area, resolution);
    },
    release() {
      for (const key of pages) if (scene.textures.exists(key)) scene.textures.remove(key);
      pages.length = 0;
      frames.clear();
      page = null;
      x = PAGE;
    },
  };
}

/** The objects added to the scene's display list since `from` (its length then). */
export const addedSince = (scene: Phaser.Scene, from: number): Phaser.GameObjects.GameObject[] => scene.children.list.slice(from);
