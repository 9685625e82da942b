// The stage in CSS pixels. The canvas has CSS size × devicePixelRatio pixels (phaserStage.ts sets
// the Scale Manager's zoom to 1 / ratio), so a scene lays out in CSS pixels, as the HTML beside it
// does, and its camera zooms by the ratio: shapes are drawn at the screen's own resolution, and
// text, which Phaser draws on a canvas of its own, is drawn at the ratio too (addText).
import type * as Phaser from 'phaser';

/** The stage's size in CSS pixels, and device pixels per CSS pixel. */
export interface StageView {
  width: number;
  height: number;
  ratio: number;
}

const ratioOf = (scene: Phaser.Scene) => 1 / (scene.scale.zoom || 1);

export function viewOf(scene: Phaser.Scene): StageView {
  const ratio = ratioOf(scene);
  return { width: scene.scale.width / ratio, height: scene.scale.height / ratio, ratio };
}

/** Points the scene's camera at the whole canvas, one CSS pixel of the scene to `ratio` canvas pixels. */
export function fitCamera(scene: Phaser.Scene): void {
  scene.cameras.main.setSize(scene.scale.width, scene.scale.height).setOrigin(0, 0).setZoom(ratioOf(scene));
}

/** Everything the scene drew and animates, gone (destroyed: a removed Text keeps its canvas from Phaser's pool). */
export function clearScene(scene: Phaser.Scene): void {
  scene.tweens.killAll();
  for (const child of [...scene.children.list]) child.destroy();
}

/** `scene.add.text`, drawn at the pixel ratio so it is as sharp as the HTML text beside it. */
export function addText(scene: Phaser.Scene, x: number, y: number, text: string, style: Parameters<Phaser.GameObjects.GameObjectFactory['text']>[3]): Phaser.GameObjects.Text {
  return scene.add.text(x, y, text, { ...style, resolution: ratioOf(scene) });
}
