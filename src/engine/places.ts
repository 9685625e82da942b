// Where the talks are: the kind of room of a meeting, its city, the cities the journey map can
// place (a small table of coordinates), the map's projection of them, and the journey from the
// last meeting's city to this one's. Pure; the stage draws what these say.
import type { Meeting, Setting } from '../content/schema';
import { DEFAULT_SETTING } from '../content/vocabulary';

/** A city the journey map can place: longitude and latitude in degrees (east and north positive). */
export interface CityPoint {
  lon: number;
  lat: number;
}

/** A meeting's city as the content names it, with its coordinates when the table knows it. */
export interface CityRef extends Partial<CityPoint> {
  name: string;
}

/**
 * The cities the shipped scenarios meet in and the capitals a teacher's scenario is likely to use,
 * keyed by their names in lower case without accents (several spellings where they differ).
 */
const CITIES: Array<{ names: string[] } & CityPoint> = [
  { names: ['belgrade', 'beograd'], lon: 20.457, lat: 44.817 },
  { names: ['pristina', 'prishtina', 'prishtine'], lon: 21.166, lat: 42.663 },
  { names: ['tirana', 'tirane'], lon: 19.819, lat: 41.328 },
  { names: ['sarajevo'], lon: 18.413, lat: 43.856 },
  { names: ['skopje'], lon: 21.431, lat: 41.998 },
  { names: ['podgorica'], lon: 19.263, lat: 42.441 },
  { names: ['ohrid'], lon: 20.802, lat: 41.117 },
  { names: ['zagreb'], lon: 15.982, lat: 45.815 },
  { names: ['brussels', 'bruxelles', 'brussel'], lon: 4.352, lat: 50.847 },
  { names: ['moscow', 'moskva'], lon: 37.618, lat: 55.756 },
  { names: ['washington', 'washington dc', 'washington, d.c.'], lon: -77.037, lat: 38.895 },
  { names: ['davos'], lon: 9.836, lat: 46.802 },
  { names: ['vienna', 'wien'], lon: 16.373, lat: 48.208 },
  { names: ['berlin'], lon: 13.405, lat: 52.52 },
  { names: ['paris'], lon: 2.352, lat: 48.857 },
  { names: ['new york'], lon: -74.006, lat: 40.713 },
];

const normal = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** The coordinates of a city by any of its names ("Pristina (Prishtina)" too), or null if unknown. */
export function cityPoint(name: string): CityPoint | null {
  const key = normal(name);
  const candidates = [key, key.replace(/\s*\(.*\)$/, ''), ...[...key.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!.trim())];
  const found = CITIES.find((c) => candidates.some((k) => c.names.includes(k)));
  return found ? { lon: found.lon, lat: found.lat } : null;
}

/** The kind of room a meeting is drawn in (schema default for a file that does not say). */
export const settingOf = (meeting: Meeting): Setting => meeting.setting ?? DEFAULT_SETTING;

/**
 * A meeting's city: its `city`, or, for a file written before that field, the known city its
 * `place` starts with ("Belgrade, St Sava church" → Belgrade). Null when neither names one.
 */
export function cityOf(meeting: Meeting): CityRef | null {
  const name = meeting.city ?? meeting.place.split(/,| and | with /)[0]!.trim();
  const point = cityPoint(name);
  if (meeting.city) return { name: meeting.city, ...point };
  return point ? { name, ...point } : null;
}

/**
 * The journey into `to` from `from` (the meeting the last move was made in): both cities, when
 * they are known to the map and not the same; else null (no journey to draw).
 */
export function journeyBetween(from: Meeting | null, to: Meeting | null): { from: CityRef & CityPoint; to: CityRef & CityPoint } | null {
  if (!from || !to || from.id === to.id) return null;
  const a = cityOf(from);
  const b = cityOf(to);
  if (a?.lon === undefined || b?.lon === undefined || a.lat === undefined || b.lat === undefined) return null;
  if (a.lon === b.lon && a.lat === b.lat) return null;
  return { from: { ...a, lon: a.lon, lat: a.lat }, to: { ...b, lon: b.lon, lat: b.lat } };
}

/** The map's projection as the map file gives it (assets/map/generate.ts). */
export interface MapProjection {
  kind: 'conic-conformal';
  parallels: number[];
  centralMeridian: number;
  scale: number;
  translate: number[];
}

/**
 * A longitude/latitude in the map's box units (x right, y down), by the same conic conformal
 * projection the map was drawn with (d3-geo's, re-stated so nothing of d3 ships). Points outside
 * the box come out outside it: the caller decides how to show them.
 */
export function projectPoint(p: MapProjection, { lon, lat }: CityPoint): { x: number; y: number } {
  const rad = Math.PI / 180;
  const half = Math.PI / 2;
  const tany = (y: number) => Math.tan((half + y) / 2);
  const [y0, y1] = [p.parallels[0]! * rad, p.parallels[1]! * rad];
  const cy0 = Math.cos(y0);
  const n = y0 === y1 ? Math.sin(y0) : Math.log(cy0 / Math.cos(y1)) / Math.log(tany(y1) / tany(y0));
  const f = (cy0 * Math.pow(tany(y0), n)) / n;
  let lambda = (lon - p.centralMeridian) % 360;
  if (lambda > 180) lambda -= 360;
  if (lambda < -180) lambda += 360;
  const x = lambda * rad;
  const y = Math.max(lat * rad, -half + 1e-6);
  const r = f / Math.pow(tany(y), n);
  return { x: p.translate[0]! + p.scale * r * Math.sin(n * x), y: p.translate[1]! - p.scale * (f - r * Math.cos(n * x)) };
}

/**
 * The first words of `text`, at most `max` characters with the ellipsis, cut at a word boundary
 * (a single word longer than `max` is cut inside it). The whole text when it fits.
 */
export function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const room = clean.slice(0, Math.max(1, max - 1));
  const space = room.lastIndexOf(' ');
  const cut = space > max / 3 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.–—-]+$/, '')}…`;
}
