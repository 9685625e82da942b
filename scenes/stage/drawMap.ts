// Draws the generated map of the Western Balkans (assets/map/western-balkans.json) into a
// rectangle of a Graphics object: sea, countries (party colours, neighbours in grey), borders,
// and the borders of a country marked "dashed" (Kosovo's) as dashes. Returns where each party's
// label goes, in screen coordinates, so the caller places the text. No rule, no text here.
import type * as Phaser from 'phaser';

/** The generated file's shape. Rings are open (the last point is not repeated), in viewBox units. */
export interface MapCountry {
  party: string | null;
  name: string;
  dashed?: boolean;
  label: number[];
  rings: number[][][];
}
export interface MapData {
  source: string;
  viewBox: number[];
  countries: MapCountry[];
  contested: Array<{ party: string; note: string }>;
}

export interface MapOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Party ids drawn in their full colour; the other party countries get a lighter tint. */
  highlight: string[];
  /** Party id → colour (0xRRGGBB). */
  colours: Record<string, number>;
}

export interface Point {
  x: number;
  y: number;
}

export interface MapLayout {
  /** Where the map was drawn (it keeps its aspect ratio, centred in the rectangle). */
  bounds: { x: number; y: number; width: number; height: number };
  /** Screen pixels per viewBox unit. */
  scale: number;
  /** Party id → label position. */
  labels: Record<string, Point>;
  /** The neighbours' names and label positions, for context. */
  neighbours: Array<Point & { name: string }>;
}

export const MAP_COLOURS = {
  sea: 0x27406b,
  land: 0x5d6270,
  border: 0x14213d,
} as const;

/** Mixes a colour towards white by `amount` (0 = unchanged, 1 = white). */
export function lighten(colour: number, amount: number): number {
  const channel = (shift: number) => {
    const c = (colour >> shift) & 0xff;
    return Math.round(c + (255 - c) * amount) << shift;
  };
  return channel(16) | channel(8) | channel(0);
}

/** Fits the viewBox into the rectangle, keeping its aspect ratio, centred. */
export function fitMap(map: MapData, box: { x: number; y: number; width: number; height: number }) {
  const [w = 1, h = 1] = map.viewBox;
  const scale = Math.max(0, Math.min(box.width / w, box.height / h));
  const width = w * scale;
  const height = h * scale;
  return { scale, bounds: { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height } };
}

const key = (a: number[], b: number[]) => {
  const p = `${a[0]},${a[1]}`;
  const q = `${b[0]},${b[1]}`;
  return p < q ? `${p}|${q}` : `${q}|${p}`;
};

/**
 * The borders to stroke, in viewBox units, as open polylines. Segments along the box's edge (where
 * a country was clipped) are left out. A border shared with a dashed country appears only in
 * `dashed`, so a solid stroke of the neighbour never covers the dashes.
 */
export function borderRuns(map: MapData): { solid: number[][][]; dashed: number[][][] } {
  const [w = 0, h = 0] = map.viewBox;
  const onEdge = (a: number[], b: number[]) =>
    (a[0] === 0 && b[0] === 0) || (a[0] === w && b[0] === w) || (a[1] === 0 && b[1] === 0) || (a[1] === h && b[1] === h);
  const dashedSegments = new Set<string>();
  for (const c of map.countries) {
    if (!c.dashed) continue;
    for (const ring of c.rings) ring.forEach((p, i) => dashedSegments.add(key(p, ring[(i + 1) % ring.length]!)));
  }
  const solid: number[][][] = [];
  const dashed: number[][][] = [];
  for (const c of map.countries) {
    const visible = c.dashed
      ? (a: number[], b: number[]) => !onEdge(a, b)
      : (a: number[], b: number[]) => !onEdge(a, b) && !dashedSegments.has(key(a, b));
    for (const ring of c.rings) (c.dashed ? dashed : solid).push(...runs(ring, visible));
  }
  return { solid, dashed };
}

/** Splits a closed ring into open polylines of consecutive visible segments. */
function runs(ring: number[][], visible: (a: number[], b: number[]) => boolean): number[][][] {
  const n = ring.length;
  const segment = (i: number) => [ring[i % n]!, ring[(i + 1) % n]!] as const;
  const start = [...Array(n).keys()].find((i) => !visible(...segment(i)));
  if (start === undefined) return n > 1 ? [[...ring, ring[0]!]] : [];
  const out: number[][][] = [];
  let current: number[][] = [];
  for (let k = start + 1; k <= start + n; k++) {
    const [a, b] = segment(k);
    if (visible(a, b)) {
      if (!current.length) current.push(a);
      current.push(b);
    } else if (current.length) {
      out.push(current);
      current = [];
    }
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Cuts a polyline into dashes of `dash` pixels separated by `gap` pixels; the pattern runs on
 * across vertices, so short segments still get their share of dashes and gaps.
 */
export function dashLines(points: Point[], dash: number, gap: number): Point[][] {
  const out: Point[][] = [];
  if (points.length < 2 || dash <= 0) return out;
  let drawing = true;
  let used = 0; // length already used of the current dash or gap
  let current: Point[] = [points[0]!];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length === 0) continue;
    let t = 0;
    while (t < length) {
      const step = Math.min((drawing ? dash : gap) - used, length - t);
      t += step;
      used += step;
      const p = { x: a.x + ((b.x - a.x) * t) / length, y: a.y + ((b.y - a.y) * t) / length };
      if (drawing) current.push(p);
      if (used >= (drawing ? dash : gap) - 1e-9) {
        if (drawing) out.push(current);
        else current = [p];
        drawing = !drawing;
        used = 0;
      }
    }
  }
  if (drawing && current.length > 1) out.push(current);
  return out;
}

export function drawMap(_scene: Phaser.Scene, g: Phaser.GameObjects.Graphics, map: MapData, options: MapOptions): MapLayout {
  const { scale, bounds } = fitMap(map, options);
  const at = (p: number[]): Point => ({ x: bounds.x + p[0]! * scale, y: bounds.y + p[1]! * scale });
  const highlight = new Set(options.highlight);

  g.fillStyle(MAP_COLOURS.sea, 1).fillRect(bounds.x, bounds.y, bounds.width, bounds.height);

  const labels: Record<string, Point> = {};
  const neighbours: MapLayout['neighbours'] = [];
  for (const c of map.countries) {
    const party = c.party && options.colours[c.party] !== undefined ? c.party : null;
    const colour = party ? (highlight.has(party) ? options.colours[party]! : lighten(options.colours[party]!, 0.55)) : MAP_COLOURS.land;
    g.fillStyle(colour, 1).beginPath();
    for (const ring of c.rings) {
      if (ring.length < 3) continue;
      const [first, ...rest] = ring.map(at);
      g.moveTo(first!.x, first!.y);
      for (const p of rest) g.lineTo(p.x, p.y);
      g.closePath();
    }
    g.fillPath();
    if (party) labels[party] = at(c.label);
    else neighbours.push({ name: c.name, ...at(c.label) });
  }

  const width = Math.min(2, Math.max(1, scale * 2.4));
  const { solid, dashed } = borderRuns(map);
  g.lineStyle(width, MAP_COLOURS.border, 1).beginPath();
  for (const run of solid) {
    const [first, ...rest] = run.map(at);
    g.moveTo(first!.x, first!.y);
    for (const p of rest) g.lineTo(p.x, p.y);
  }
  g.strokePath();

  const dash = Math.min(9, Math.max(4, scale * 12));
  g.lineStyle(width * 1.25, MAP_COLOURS.border, 1).beginPath();
  for (const run of dashed) {
    for (const piece of dashLines(run.map(at), dash, dash * 0.7)) {
      g.moveTo(piece[0]!.x, piece[0]!.y);
      for (const p of piece.slice(1)) g.lineTo(p.x, p.y);
    }
  }
  g.strokePath();

  return { bounds, scale, labels, neighbours };
}
