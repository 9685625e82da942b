// Where the talks are (src/engine/places.ts) and where the stage puts them
// (scenes/stage/stageLayout.ts): the meeting's room and city, the city table, the map's projection
// of a city (the same as d3-geo's, which drew the map), a journey between meetings, the opening's
// excerpt, a city beyond the map shown at its edge, the route's arc, and the table's layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoConicConformal } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { MeetingSchema, SETTINGS } from '../../src/content/schema';
import { describeRun } from '../../src/engine/presenter';
import { cityOf, cityPoint, excerpt, journeyBetween, projectPoint, settingOf, type MapProjection } from '../../src/engine/places';
import { boxesMeet, cardDrops, pinOnMap, routeArc, tableLayout, type CardBlock } from '../../scenes/stage/stageLayout';
import { realContent } from './helpers';
import { initialTransition } from 'xstate';
import { machineFor } from '../../src/engine/run';

const content = realContent();
const map = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'map', 'western-balkans.json'), 'utf8')) as { viewBox: number[]; projection: MapProjection };
const meetings = content.scenarioOrder.flatMap((id) => content.scenarios[id]!.meetings.map((m) => ({ scenario: id, meeting: m })));
const someMeeting = meetings[0]!.meeting;

describe('a meeting’s room and city', () => {
  it('a meeting written without `setting` or `city` still loads, in the default room', () => {
    const bare: Record<string, unknown> = { ...someMeeting };
    delete bare.setting;
    delete bare.city;
    const parsed = MeetingSchema.parse(bare);
    expect(parsed.setting).toBe('conference-hall');
    expect(parsed.city).toBeUndefined();
    expect(settingOf(parsed)).toBe('conference-hall');
  });

  it('refuses a setting that is not a kind of room', () => {
    expect(MeetingSchema.safeParse({ ...someMeeting, setting: 'beach' }).success).toBe(false);
    for (const setting of SETTINGS) expect(MeetingSchema.safeParse({ ...someMeeting, setting }).success, setting).toBe(true);
  });

  it('every shipped meeting names a city the map can place', () => {
    const unplaced = meetings.filter(({ meeting }) => cityOf(meeting)?.lon === undefined).map(({ scenario, meeting }) => `${scenario}/${meeting.id}: ${meeting.city ?? meeting.place}`);
    expect(unplaced).toEqual([]);
  });

  it('knows a city by any of its spellings, and a city from the place of an older file', () => {
    expect(cityPoint('Pristina (Prishtina)')).toEqual(cityPoint('Prishtina'));
    expect(cityPoint('  BRUSSELS ')).toEqual(cityPoint('Bruxelles'));
    expect(cityPoint('Atlantis')).toBeNull();
    const older = { ...someMeeting, city: undefined, place: 'Belgrade, St Sava church' };
    expect(cityOf(older)).toMatchObject({ name: 'Belgrade', ...cityPoint('Belgrade') });
    expect(cityOf({ ...older, place: 'A quiet room' })).toBeNull();
    // A city the table does not know is still named (the backdrop's plaque), just not placed.
    expect(cityOf({ ...older, city: 'Atlantis' })).toEqual({ name: 'Atlantis' });
  });
});

describe('the journey map', () => {
  it('places a city where d3-geo, which drew the map, places it', () => {
    const [w, h] = map.viewBox as [number, number];
    const d3 = geoConicConformal()
      .parallels(map.projection.parallels as [number, number])
      .rotate([-map.projection.centralMeridian, 0])
      .scale(map.projection.scale)
      .translate(map.projection.translate as [number, number]);
    for (const name of ['Belgrade', 'Pristina', 'Tirana', 'Sarajevo', 'Ohrid', 'Brussels', 'Moscow', 'Washington', 'Davos']) {
      const p = cityPoint(name)!;
      const [x, y] = d3([p.lon, p.lat])!;
      const ours = projectPoint(map.projection, p);
      expect(ours.x, name).toBeCloseTo(x, 6);
      expect(ours.y, name).toBeCloseTo(y, 6);
    }
    const inBox = (name: string) => {
      const q = projectPoint(map.projection, cityPoint(name)!);
      return q.x >= 0 && q.x <= w && q.y >= 0 && q.y <= h;
    };
    expect(['Belgrade', 'Pristina', 'Tirana', 'Sarajevo', 'Ohrid'].filter((c) => !inBox(c))).toEqual([]);
    expect(['Brussels', 'Moscow', 'Washington', 'Davos'].filter(inBox)).toEqual([]);
  });

  it('a city beyond the map goes to the map’s edge, in its direction, and one on the map stays put', () => {
    const bounds = { x: 10, y: 20, width: 400, height: 300 };
    const belgrade = pinOnMap(bounds, { x: 250, y: 150 }, 12);
    expect(belgrade).toMatchObject({ x: 250, y: 150, inside: true });
    const moscow = pinOnMap(bounds, { x: 2000, y: -900 }, 12);
    expect(moscow.inside).toBe(false);
    // On the inner box's edge (12 px in), up and to the right of the centre.
    const onEdge = Math.abs(moscow.x - (bounds.x + bounds.width - 12)) < 1e-9 || Math.abs(moscow.y - (bounds.y + 12)) < 1e-9;
    expect(onEdge).toBe(true);
    expect(moscow.x).toBeGreaterThan(bounds.x + bounds.width / 2);
    expect(moscow.y).toBeLessThan(bounds.y + bounds.height / 2);
    expect(moscow.angle).toBeCloseTo(Math.atan2(-900 - 170, 2000 - 210), 9);
  });

  it('the route runs from one city to the other, bowed upwards, and grows with its progress', () => {
    const a = { x: 100, y: 200 };
    const b = { x: 300, y: 200 };
    const full = routeArc(a, b);
    expect(full[0]).toEqual(a);
    expect(full.at(-1)!.x).toBeCloseTo(b.x, 9);
    expect(full.at(-1)!.y).toBeCloseTo(b.y, 9);
    expect(Math.min(...full.map((p) => p.y))).toBeLessThan(200);
    expect(Math.min(...routeArc(b, a).map((p) => p.y))).toBeLessThan(200);
    expect(routeArc(a, b, 0)).toHaveLength(1);
    expect(routeArc(a, b, 0.5).length).toBeLessThan(full.length);
  });

  it('a journey is drawn between meetings in different cities, not within one city', () => {
    const byCity = (name: string) => meetings.find(({ meeting }) => cityOf(meeting)?.name.startsWith(name))?.meeting;
    const belgrade = byCity('Belgrade')!;
    const brussels = byCity('Brussels')!;
    expect(journeyBetween(belgrade, brussels)).toMatchObject({ from: { name: cityOf(belgrade)!.name }, to: { name: cityOf(brussels)!.name } });
    expect(journeyBetween(belgrade, { ...belgrade, id: 'elsewhere-in-belgrade' })).toBeNull();
    expect(journeyBetween(null, brussels)).toBeNull();
    expect(journeyBetween(belgrade, belgrade)).toBeNull();
  });
});

describe('the opening’s excerpt', () => {
  it('cuts at a word boundary, within the limit, with an ellipsis; a short text stays whole', () => {
    const text = 'Lavrov said that Russia would support any solution acceptable to Belgrade and the Serbian people.';
    const cut = excerpt(text, 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut.endsWith('…')).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(text[cut.length - 1]).toBe(' ');
    expect(excerpt('Short  and\nwhole.', 40)).toBe('Short and whole.');
    expect(excerpt('Supercalifragilistic', 8)).toBe('Superca…');
  });

  it('the presenter gives the stage the room, the city, the seated parties and the excerpt at a meeting', () => {
    for (const id of content.scenarioOrder) {
      const scenario = content.scenarios[id]!;
      const [snapshot] = initialTransition(machineFor(scenario), { seed: 1, settings: { timerSeconds: null, hintsEnabled: false } });
      const view = describeRun(content, scenario, snapshot);
      if (!view.meeting) continue;
      expect(view.stage, id).toMatchObject({ setting: view.meeting.setting, city: cityOf(view.meeting), present: view.meeting.parties, journey: null });
      expect(view.meeting.opening.text.startsWith(view.stage!.excerpt.replace(/…$/, '')), id).toBe(true);
    }
  });
});

describe('the table', () => {
  it('seats every delegate inside the stage at every size, in order, with legible labels', () => {
    for (const [w, h] of [[360, 166], [768, 266], [410, 768], [546, 768], [768, 1080]] as const) {
      for (let n = 1; n <= 6; n++) {
        const l = tableLayout(w, h, n);
        expect(l.seats, `${w}×${h}, ${n}`).toHaveLength(n);
        for (const s of l.seats) {
          expect(s.x).toBeGreaterThan(0);
          expect(s.x).toBeLessThan(w);
          // The head (about 100 px × scale above the seat) stays below the agreement track.
          expect(s.y - 92 * l.scale, `${w}×${h}, ${n}`).toBeGreaterThanOrEqual(l.agreement.y);
        }
        expect([...l.seats].sort((a, b) => a.x - b.x)).toEqual(l.seats);
        expect(l.font).toBeGreaterThanOrEqual(11);
        expect(l.table.cy + l.table.ry).toBeLessThanOrEqual(h);
      }
    }
  });
});

describe('boxes on the stage', () => {
  it('meet when they share some area, not when they only touch', () => {
    const plaque = { x: 8, y: 2, width: 60, height: 20 };
    expect(boxesMeet(plaque, { x: 60, y: 10, width: 100, height: 40 })).toBe(true);
    expect(boxesMeet(plaque, { x: 68, y: 2, width: 100, height: 40 })).toBe(false);
    expect(boxesMeet(plaque, { x: 8, y: 22, width: 100, height: 40 })).toBe(false);
    expect(boxesMeet({ x: 0, y: 0, width: 200, height: 200 }, plaque)).toBe(true);
  });
});

describe('name cards at the table', () => {
  // The playtests' overlaps: five parties at 1366×768, seats about 100 px apart, cards up to 150 px
  // wide; then the cards a row lower still covering the side seats' cards, which sit lower.
  const CARD = 26;
  const blocks = (n: number, width: number, cardWidth: (spacing: number) => number) => {
    const seats = tableLayout(width, 768, n).seats;
    const spacing = n > 1 ? seats[1]!.x - seats[0]!.x : width;
    return seats.map((p) => ({ x: p.x, width: cardWidth(spacing), top: p.y + 20, bottom: p.y + 20 + CARD }));
  };
  const overlapping = (cards: CardBlock[], drops: number[]) =>
    cards.flatMap((a, i) =>
      cards
        .map((b, j) => ({ b, j }))
        .filter(({ b, j }) => j > i && Math.abs(a.x - b.x) < (a.width + b.width) / 2 && a.top + drops[i]! < b.bottom + drops[j]! && b.top + drops[j]! < a.bottom + drops[i]!)
        .map(({ j }) => `${i} and ${j}`),
    );

  it('keeps every card in place when the names fit, and drops every other card below its neighbours when they would overlap', () => {
    const two = blocks(2, 546, () => 90);
    expect(cardDrops(two)).toEqual([0, 0]);
    const five = blocks(5, 546, () => 150);
    expect(overlapping(five, [0, 0, 0, 0, 0])).not.toEqual([]);
    const drops = cardDrops(five);
    expect(drops.map((d) => d > 0)).toEqual([false, true, false, true, false]);
    expect(overlapping(five, drops)).toEqual([]);
    // Below the lower of its two neighbours (the side seats sit lower than the middle ones).
    expect(five[1]!.top + drops[1]!).toBeGreaterThanOrEqual(Math.max(five[0]!.bottom, five[2]!.bottom));
  });

  it('never lets two cards overlap, for any full table up to eight at the five stage widths', () => {
    for (const width of [360, 546, 768, 1024, 1152]) {
      for (let n = 1; n <= 8; n++) {
        // Cards as wide as the seat spacing allows twice over (the widest a name can be and still fit two seats).
        const cards = blocks(n, width, (spacing) => Math.min(2 * spacing - 8, 160));
        expect(overlapping(cards, cardDrops(cards)), `${n} at ${width}`).toEqual([]);
      }
    }
  });
});
