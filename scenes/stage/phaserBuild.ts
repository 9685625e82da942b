// The Phaser that the production build ships (the dev server uses the full `phaser` package). It is
// Phaser's own core entry, src/phaser-core.js (Phaser's starting point for custom builds), plus the
// game objects the scenes draw with that core leaves out: containers, circles and rectangles.
// Physics, tilemaps, particles, curves and Phaser's sound are never used here (Howler plays the
// sound), and leaving them out saves the browser evaluating about half of Phaser before the stage's
// first frame. src/cli/buildPlugins.ts points `phaser` at this file when building; the scenes keep
// importing 'phaser' and its types. A unit test checks that every `Phaser.X` the stage uses is
// exported here.
import core from 'phaser-src/phaser-core.js';
import Container from 'phaser-src/gameobjects/container/Container.js';
import Arc from 'phaser-src/gameobjects/shape/arc/Arc.js';
import Rectangle from 'phaser-src/gameobjects/shape/rectangle/Rectangle.js';
// Factories register `this.add.container/circle/rectangle` as they load.
import 'phaser-src/gameobjects/container/ContainerFactory.js';
import 'phaser-src/gameobjects/shape/arc/ArcFactory.js';
import 'phaser-src/gameobjects/shape/rectangle/RectangleFactory.js';

core.GameObjects.Container = Container;
core.GameObjects.Arc = Arc;
core.GameObjects.Rectangle = Rectangle;

export const { AUTO, CANVAS, WEBGL, Core, Game, GameObjects, Math, Scale, Scene, Scenes } = core;
