// The journey between two meetings: the real map of the region (assets/map, drawn by drawMap.ts)
// with the route from the last meeting's city to the next one's drawn across it. A city beyond the
// map (Moscow, Washington, Brussels, Davos) is shown by an arrow at the map's edge with its name.
import type * as Phaser from 'phaser';
import mapData from '../../assets/map/western-balkans.json';
import { projectPoint, type CityPoint, type CityRef, type MapProjection } from '../../src/engine/places';
import { t } from '../../src/i18n';
import { drawMap, type MapData } from './drawMap';
import { PALETTE } from './palette';
import { bake } from './bake';
import { boxesMeet, pinOnMap, routeArc, type Box, type MapPin, type Point } from './stageLayout';
import { addText } from './view';

const MAP = mapData as MapData & { projection: MapProjection };
const FONT = 'Atkinson Hyperlegible';

export interface JourneyDrawing {
  /** Draws the first `progress` (0..1) of the route. */
  route(progress: number): void;
}

type City = CityRef & CityPoint;

/** Where a city falls on the map drawn in `bounds` (`scale` screen px per map unit). */
function pinOf(city: City, bounds: Box, scale: number, margin: number): MapPin {
  const p = projectPoint(MAP.projection, city);
  return pinOnMap(bounds, { x: bounds.x + p.x * scale, y: bounds.y + p.y * scale }, margin);
}

/** A city's mark: a dot on the map, or an arrow at its edge pointing the way to it. */
function mark(g: Phaser.GameObjects.Graphics, pin: MapPin, size: number, colour: number) {
  if (pin.inside) {
    g.fillStyle(PALETTE.night, 1).fillCircle(pin.x, pin.y, size + 2);
    g.fillStyle(colour, 1).fillCircle(pin.x, pin.y, size);
    return;
  }
  const along = (d: number, side: number) => ({ x: pin.x + Math.cos(pin.angle) * d - Math.sin(pin.angle) * side, y: pin.y + Math.sin(pin.angle) * d + Math.cos(pin.angle) * side });
  const tip = along(size * 1.6, 0);
  const l = along(-size * 0.8, size * 1.3);
  const r = along(-size * 0.8, -size * 1.3);
  g.fillStyle(PALETTE.night, 1).fillTriangle(tip.x, tip.y, l.x, l.y, r.x, r.y);
  const tip2 = along(size * 1.1, 0);
  const l2 = along(-size * 0.45, size * 0.9);
  const r2 = along(-size * 0.45, -size * 0.9);
  g.fillStyle(colour, 1).fillTriangle(tip2.x, tip2.y, l2.x, l2.y, r2.x, r2.y);
}

/**
 * A city's name beside its mark, kept inside the stage. Beyond the map it goes on the inner side of
 * the arrow and says so: an arrow at the map's edge alone read as a place there (Davos, at the
 * western edge, as a town on the Adriatic: playtest).
 */
function label(scene: Phaser.Scene, pin: MapPin, name: string, font: number, view: { width: number; height: number }, placed: Box[] = []): Box {
  const text = addText(scene, 0, 0, pin.inside ? name : t('meeting.offMap', { city: name }), { fontFamily: FONT, fontStyle: 'bold', fontSize: `${font}px`, color: '#fbf8f1', stroke: '#14213d', strokeThickness: 4 });
  const gap = font * 1.3;
  const at = (dx: number, dy: number, shift = 0): Box => ({
    x: Math.min(Math.max(pin.x + dx * gap - text.width / 2 + dx * (text.width / 2), 4), view.width - text.width - 4),
    y: Math.min(Math.max(pin.y + dy * gap - text.height / 2 + dy * (text.height / 2) + shift, 4), view.height - text.height - 4),
    width: text.width,
    height: text.height,
  });
  // Above a city on the map, else below or beside it; beyond the map, outwards from the arrow, else
  // a line lower or higher: never over the other city's name (Belgrade's and "Brussels, off the
  // map" met on a narrow map).
  const out = { dx: -Math.cos(pin.angle), dy: -Math.sin(pin.angle) };
  const line = text.height + 4;
  const candidates = pin.inside ? [at(0, -1), at(0, 1), at(1, 0), at(-1, 0)] : [at(out.dx, out.dy), at(out.dx, out.dy, line), at(out.dx, out.dy, -line)];
  const box = candidates.find((b) => !placed.some((o) => boxesMeet(b, o))) ?? candidates[0]!;
  text.setPosition(box.x, box.y);
  return box;
}

/**
 * Draws the map filling the stage, both cities' marks and names, and a caption ("From Belgrade to
 * Brussels"); returns the drawing of the route, which starts empty.
 */
export function drawJourney(
  scene: Phaser.Scene,
  view: { width: number; height: number },
  journey: { from: City; to: City },
  highlight: string[],
  colours: Record<string, number>,
): JourneyDrawing {
  const pad = 10;
  const font = Math.round(Math.min(18, Math.max(11, Math.min(view.width, view.height) / 26)));
  const caption = addText(scene, view.width / 2, pad, t('meeting.journey', { from: journey.from.name, to: journey.to.name }), {
    fontFamily: FONT,
    fontStyle: 'bold',
    fontSize: `${font}px`,
    color: '#fbf8f1',
    align: 'center',
    wordWrap: { width: Math.max(80, view.width - pad * 2) },
  }).setOrigin(0.5, 0);
  const note = addText(scene, view.width / 2, 0, MAP.contested.map((c) => c.note).join(' '), {
    fontFamily: FONT,
    fontSize: `${Math.max(11, font - 3)}px`,
    color: '#fbf8f1',
    align: 'center',
    wordWrap: { width: Math.max(80, view.width - pad * 2) },
  }).setOrigin(0.5, 0);
  const top = pad + caption.height + 6;
  // The map on the stage's own colour: an opaque image, copied rather than blended (bake.ts).
  const ground = scene.add.rectangle(0, 0, view.width, view.height, PALETTE.dusk, 1).setOrigin(0).setDepth(-1);
  const g = scene.add.graphics().setDepth(-1);
  scene.cameras.main.setBackgroundColor(PALETTE.dusk);
  const room = Math.max(0, view.height - top - pad - note.height - 6);
  const layout = drawMap(scene, g, MAP, { x: pad, y: top, width: Math.max(0, view.width - pad * 2), height: room, highlight, colours });
  // Caption just above the map and the note on Kosovo's status just under it, the three centred together.
  const groupTop = Math.max(pad, (view.height - caption.height - layout.bounds.height - note.height - 12) / 2);
  const shift = layout.bounds.y - (groupTop + caption.height + 6);
  g.setY(-shift);
  layout.bounds.y -= shift;
  caption.setY(layout.bounds.y - caption.height - 6);
  note.setY(layout.bounds.y + layout.bounds.height + 6);
  const size = Math.max(4, Math.min(8, layout.bounds.width / 60));
  const margin = size * 3;
  const a = pinOf(journey.from, layout.bounds, layout.scale, margin);
  const b = pinOf(journey.to, layout.bounds, layout.scale, margin);
  const routeGraphics = scene.add.graphics();
  const marks = scene.add.graphics();
  mark(marks, a, size, PALETTE.paper);
  mark(marks, b, size, PALETTE.focus);
  // The map never moves while the route is drawn over it, frame by frame: one image, not its thousands of points.
  bake(scene, [ground, g], undefined, { opaque: true });
  // A city beyond the map first: its name has one good place, by its arrow; a city on the map can
  // take its name below or beside its mark.
  const names = [{ pin: a, name: journey.from.name }, { pin: b, name: journey.to.name }].sort((p, q) => Number(p.pin.inside) - Number(q.pin.inside));
  const placed: Box[] = [];
  for (const { pin, name } of names) placed.push(label(scene, pin, name, font, view, placed));
  return {
    route(progress) {
      const points: Point[] = routeArc(a, b, progress);
      routeGraphics.clear();
      if (points.length < 2) return;
      for (const [width, colour] of [[size * 1.1, PALETTE.night], [size * 0.55, PALETTE.focus]] as const) {
        routeGraphics.lineStyle(width, colour, 1).beginPath();
        routeGraphics.moveTo(points[0]!.x, points[0]!.y);
        for (const p of points.slice(1)) routeGraphics.lineTo(p.x, p.y);
        routeGraphics.strokePath();
      }
      const end = points[points.length - 1]!;
      routeGraphics.fillStyle(PALETTE.focus, 1).fillCircle(end.x, end.y, size * 0.7);
    },
  };
}
