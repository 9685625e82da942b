// Generates assets/map/western-balkans.json, the map beside the scenario timeline, from real
// geographic data: Natural Earth's 1:50m countries (public domain), as redistributed by the npm
// package world-atlas. Run with `npx tsx assets/map/generate.ts` and commit the JSON it writes.
//
// How: every shared border of world-atlas's topology is projected (conic conformal centred on the
// Western Balkans) and simplified ONCE, so neighbouring countries keep identical border points
// (no slivers, and the stage can tell a shared border apart). Countries are then built from those
// borders, clipped to a fixed box, rounded to 0.1 and written with a label point each.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoConicConformal, geoIdentity, geoStream } from 'd3-geo';
import type { GeoStream } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

type Point = [number, number];
type Ring = Point[];

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);

/** Width of the fixed box; the height follows from the projection. */
const WIDTH = 1000;
/** The area shown, in degrees: all six party countries with their neighbours around them. */
const AREA = { west: 14.2, east: 23.6, south: 39.5, north: 46.7 };
/** Douglas–Peucker tolerance in box units (the box is 1000 wide). */
const TOLERANCE = 0.5;
/** Islands smaller than this (square box units) are left out. */
const MIN_AREA = 6;

/** Natural Earth name → party id (content/parties.json). */
const PARTIES: Record<string, string> = {
  Serbia: 'serbia',
  Kosovo: 'kosovo',
  Albania: 'albania',
  Macedonia: 'north-macedonia',
  'North Macedonia': 'north-macedonia',
  Montenegro: 'montenegro',
  'Bosnia and Herz.': 'bosnia',
  'Bosnia and Herzegovina': 'bosnia',
};

export const CONTESTED_NOTE = 'Kosovo declared independence in 2008; Serbia does not recognise it.';

const atlasPath = require.resolve('world-atlas/countries-50m.json');
const atlasVersion = (JSON.parse(readFileSync(require.resolve('world-atlas/package.json'), 'utf8')) as { version: string }).version;
const topology = JSON.parse(readFileSync(atlasPath, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const partyNames = new Map(
  (JSON.parse(readFileSync(join(root, 'content', 'parties.json'), 'utf8')) as { parties: Array<{ id: string; name: string }> }).parties.map((p) => [p.id, p.name]),
);

// --- projection, fitted to the area's outline -------------------------------------------------
const outline: Point[] = [];
for (let i = 0; i <= 20; i++) {
  const lon = AREA.west + ((AREA.east - AREA.west) * i) / 20;
  const lat = AREA.south + ((AREA.north - AREA.south) * i) / 20;
  outline.push([lon, AREA.south], [lon, AREA.north], [AREA.west, lat], [AREA.east, lat]);
}
const projection = geoConicConformal()
  .parallels([41, 45])
  .rotate([-(AREA.west + AREA.east) / 2, 0])
  .fitWidth(WIDTH, { type: 'MultiPoint', coordinates: outline });
const projectedOutline = outline.map((p) => projection(p)!);
const HEIGHT = Math.ceil(Math.max(...projectedOutline.map((p) => p[1])));

// --- project and simplify every arc the area's countries use ----------------------------------
const countries = topology.objects.countries;
const transform = topology.transform!;
const decoded = new Map<number, Ring>();
const decode = (index: number): Ring => {
  const cached = decoded.get(index);
  if (cached) return cached;
  let x = 0;
  let y = 0;
  const ring = topology.arcs[index]!.map(([dx, dy]) => {
    x += dx!;
    y += dy!;
    return projection([x * transform.scale[0] + transform.translate[0], y * transform.scale[1] + transform.translate[1]])!;
  });
  const simple = simplify(ring, TOLERANCE);
  decoded.set(index, simple);
  return simple;
};

function simplify(points: Ring, tolerance: number): Ring {
  if (points.length < 3) return points;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (first[0] === last[0] && first[1] === last[1]) {
    // A closed arc (an island): split it at the point farthest from its start.
    let far = 1;
    let best = -1;
    points.forEach((p, i) => {
      const d = (p[0] - first[0]) ** 2 + (p[1] - first[1]) ** 2;
      if (d > best) [best, far] = [d, i];
    });
    return [...douglasPeucker(points.slice(0, far + 1), tolerance).slice(0, -1), ...douglasPeucker(points.slice(far), tolerance)];
  }
  return douglasPeucker(points, tolerance);
}

function douglasPeucker(points: Ring, tolerance: number): Ring {
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let index = -1;
    let max = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(points[i]!, points[a]!, points[b]!);
      if (d > max) [max, index] = [d, i];
    }
    if (index > 0) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length)) : 0;
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

// Only the countries that can reach the box (a generous margin around the area, in degrees).
const near = (index: number) => {
  let x = 0;
  let y = 0;
  return topology.arcs[index]!.some(([dx, dy]) => {
    x += dx!;
    y += dy!;
    const lon = x * transform.scale[0] + transform.translate[0];
    const lat = y * transform.scale[1] + transform.translate[1];
    return lon > AREA.west - 3 && lon < AREA.east + 3 && lat > AREA.south - 2 && lat < AREA.north + 2;
  });
};
const arcIndices = (g: unknown): number[] => (Array.isArray(g) ? g.flatMap(arcIndices) : typeof g === 'number' ? [g < 0 ? ~g : g] : []);
const candidates = countries.geometries.filter((g) => 'arcs' in g && arcIndices(g.arcs).some(near));

// A topology of the candidates with projected, simplified arcs and no quantisation.
const usedArcs = [...new Set(candidates.flatMap((g) => ('arcs' in g ? arcIndices(g.arcs) : [])))];
const planarArcs: Ring[] = [];
usedArcs.forEach((i) => (planarArcs[i] = decode(i)));
const planar = {
  type: 'Topology',
  arcs: topology.arcs.map((_, i) => planarArcs[i] ?? []),
  objects: { countries: { type: 'GeometryCollection', geometries: candidates } },
} as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const collection = feature(planar, planar.objects.countries);

// --- clip to the box, round, drop specks --------------------------------------------------------
const clip = geoIdentity().clipExtent([
  [0, 0],
  [WIDTH, HEIGHT],
]);
const round = (v: number) => Math.round(v * 10) / 10;
const area = (ring: Ring) => ring.reduce((sum, p, i) => {
  const q = ring[(i + 1) % ring.length]!;
  return sum + p[0] * q[1] - q[0] * p[1];
}, 0) / 2;

function clipRings(geometry: GeoJSON.Geometry): Ring[] {
  const rings: Ring[] = [];
  let current: Ring | null = null;
  const sink: GeoStream = {
    point: (x, y) => current?.push([round(x), round(y)]),
    lineStart: () => (current = []),
    lineEnd: () => {
      if (current) rings.push(current);
      current = null;
    },
    polygonStart: () => {},
    polygonEnd: () => {},
    sphere: () => {},
  };
  geoStream(geometry, clip.stream(sink));
  return rings
    .map((ring) => {
      // Rings are stored open (no repeated first point) and without repeated points.
      const clean = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
      while (clean.length > 1 && clean[0]![0] === clean.at(-1)![0] && clean[0]![1] === clean.at(-1)![1]) clean.pop();
      return clean;
    })
    .filter((ring) => ring.length >= 3 && Math.abs(area(ring)) >= MIN_AREA);
}

// --- label points: a point inside the largest ring with room for a wide, short name ------------
// The score is the smallest of: room to the left or right, three times the room above or below,
// and three times the distance to any edge (a name is about three times as wide as it is tall).
function inside(p: Point, ring: Ring): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) c = !c;
  }
  return c;
}
function edgeDistance(p: Point, ring: Ring): number {
  let d = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) d = Math.min(d, segmentDistance(p, ring[j]!, ring[i]!));
  return d;
}
/** Distance from p to the ring along a horizontal (axis 0) or vertical (axis 1) line. */
function axisRoom(p: Point, ring: Ring, axis: 0 | 1): number {
  const o = axis === 0 ? 1 : 0;
  let d = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a[o] > p[o] !== b[o] > p[o]) {
      const cross = a[axis] + ((b[axis] - a[axis]) * (p[o] - a[o])) / (b[o] - a[o]);
      d = Math.min(d, Math.abs(cross - p[axis]));
    }
  }
  return d;
}
const labelScore = (p: Point, ring: Ring) => Math.min(axisRoom(p, ring, 0), 3 * axisRoom(p, ring, 1), 3 * edgeDistance(p, ring));
function labelPoint(rings: Ring[]): Point {
  const ring = rings.reduce((a, b) => (Math.abs(area(b)) > Math.abs(area(a)) ? b : a));
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  let x0 = Math.min(...xs);
  let x1 = Math.max(...xs);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  let best: Point = [(x0 + x1) / 2, (y0 + y1) / 2];
  let bestD = inside(best, ring) ? labelScore(best, ring) : -1;
  // Coarse grid, then finer grids around the best point so far.
  for (let pass = 0; pass < 4; pass++) {
    const n = 40;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const p: Point = [x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n];
        if (!inside(p, ring)) continue;
        const d = labelScore(p, ring);
        if (d > bestD) [bestD, best] = [d, p];
      }
    }
    const w = (x1 - x0) / 8;
    const h = (y1 - y0) / 8;
    [x0, x1, y0, y1] = [best[0] - w, best[0] + w, best[1] - h, best[1] + h];
  }
  return [round(best[0]), round(best[1])];
}

// --- write ------------------------------------------------------------------------------------
const out = collection.features
  .map((f) => {
    const neName = f.properties.name;
    const party = PARTIES[neName] ?? null;
    const rings = clipRings(f.geometry);
    const name = party ? (partyNames.get(party) ?? neName) : neName;
    return { party, name, dashed: party === 'kosovo', rings };
  })
  .filter((c) => c.rings.length > 0)
  // Party countries first, then the neighbours, each alphabetically, so the file diffs calmly.
  .sort((a, b) => Number(!a.party) - Number(!b.party) || a.name.localeCompare(b.name))
  .map((c) => ({ party: c.party, name: c.name, dashed: c.dashed, label: labelPoint(c.rings), rings: c.rings }));

for (const id of new Set(Object.values(PARTIES))) {
  if (!out.some((c) => c.party === id)) throw new Error(`no country for party ${id} in the area`);
}
for (const c of out) {
  // Holes would need even-odd filling; none of these countries has one inside the box.
  const signs = new Set(c.rings.map((r) => Math.sign(area(r))));
  if (signs.size > 1) console.warn(`${c.name}: rings of both orientations (a hole?)`);
}

const map = {
  source: `Natural Earth 1:50m Admin 0 countries (public domain, naturalearthdata.com), version 4.1.0 via the npm package world-atlas ${atlasVersion} (countries-50m.json); conic conformal projection, simplified, clipped and generated by assets/map/generate.ts.`,
  viewBox: [WIDTH, HEIGHT],
  countries: out,
  contested: [{ party: 'kosovo', note: CONTESTED_NOTE }],
  // The projection's parameters, so the game can place a city (src/engine/places.ts projectPoint)
  // without d3-geo at run time: box = translate + scale × conic conformal (radians), y down.
  projection: {
    kind: 'conic-conformal',
    parallels: [41, 45],
    centralMeridian: (AREA.west + AREA.east) / 2,
    scale: projection.scale(),
    translate: projection.translate(),
  },
};

// One country per line keeps the committed file readable and its diffs small.
const json = `{\n  "source": ${JSON.stringify(map.source)},\n  "viewBox": ${JSON.stringify(map.viewBox)},\n  "countries": [\n${map.countries
  .map((c) => `    ${JSON.stringify(c)}`)
  .join(',\n')}\n  ],\n  "contested": ${JSON.stringify(map.contested)},\n  "projection": ${JSON.stringify(map.projection)}\n}\n`;
const target = join(here, 'western-balkans.json');
writeFileSync(target, json);
console.log(`wrote ${target}: ${out.length} countries, ${out.reduce((n, c) => n + c.rings.reduce((m, r) => m + r.length, 0), 0)} points, ${(Buffer.byteLength(json) / 1024).toFixed(1)} KB`);
for (const c of out) console.log(`  ${c.party ?? '-'} ${c.name}: ${c.rings.length} rings, label ${c.label.join(',')}`);
