// The generated map of the Western Balkans (assets/map/western-balkans.json) and the pure parts
// of its drawing: every party country is there and inside the box, Kosovo's border is dashed with
// the project's neutral note, the file stays small and free of loaded terms.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { borderRuns, dashLines, fitMap, lighten, type MapData } from '../../scenes/stage/drawMap';

const root = join(import.meta.dirname, '..', '..');
const FILE = join(root, 'assets', 'map', 'western-balkans.json');
const map = JSON.parse(readFileSync(FILE, 'utf8')) as MapData;
const PARTIES = ['serbia', 'kosovo', 'albania', 'north-macedonia', 'montenegro', 'bosnia'];
const NOTE = 'Kosovo declared independence in 2008; Serbia does not recognise it.';

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

describe('the generated map', () => {
  it('has a viewBox of two positive numbers', () => {
    expect(map.viewBox).toHaveLength(2);
    for (const v of map.viewBox) expect(v).toBeGreaterThan(0);
  });

  it('has each of the six party countries once, with non-empty rings inside the viewBox', () => {
    const [w, h] = map.viewBox as [number, number];
    for (const party of PARTIES) {
      const found = map.countries.filter((c) => c.party === party);
      expect(found, party).toHaveLength(1);
      const country = found[0]!;
      expect(country.rings.length, party).toBeGreaterThan(0);
      for (const ring of country.rings) {
        expect(ring.length, party).toBeGreaterThanOrEqual(3);
        for (const [x, y] of ring) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(w);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(h);
        }
      }
      const [lx, ly] = country.label as [number, number];
      expect(lx > 0 && lx < w && ly > 0 && ly < h, `${party} label`).toBe(true);
    }
  });

  it('names only real parties, and has neighbours for context', () => {
    const ids = new Set((JSON.parse(readFileSync(join(root, 'content', 'parties.json'), 'utf8')) as { parties: Array<{ id: string }> }).parties.map((p) => p.id));
    for (const c of map.countries) if (c.party !== null) expect(ids.has(c.party), c.party).toBe(true);
    expect(map.countries.filter((c) => c.party === null).map((c) => c.name)).toEqual(expect.arrayContaining(['Croatia', 'Hungary', 'Romania', 'Bulgaria', 'Greece']));
  });

  it('marks Kosovo, and only Kosovo, dashed, with exactly the neutral note', () => {
    expect(map.countries.filter((c) => c.dashed).map((c) => c.party)).toEqual(['kosovo']);
    expect(map.contested).toEqual([{ party: 'kosovo', note: NOTE }]);
  });

  it('names Natural Earth as its source', () => {
    expect(map.source).toMatch(/Natural Earth/);
  });

  it('is smaller than 60 KB', () => {
    expect(statSync(FILE).size).toBeLessThan(60 * 1024);
  });

  it('uses no loaded term in any of its text', () => {
    const { loadedTerms } = JSON.parse(readFileSync(join(root, 'content', 'neutrality.json'), 'utf8')) as { loadedTerms: string[] };
    expect(loadedTerms.length).toBeGreaterThan(0);
    const texts = strings(map);
    const found = loadedTerms.filter((term) => {
      const re = new RegExp(`\\b${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');
      return texts.some((t) => re.test(t));
    });
    expect(found).toEqual([]);
  });
});

describe('drawing the map', () => {
  it('draws every border Kosovo shares only dashed, never under a solid stroke', () => {
    const kosovo = map.countries.find((c) => c.party === 'kosovo')!;
    const key = (a: number[], b: number[]) => [a.join(), b.join()].sort().join('|');
    const kosovoSegments = new Set(kosovo.rings.flatMap((r) => r.map((p, i) => key(p, r[(i + 1) % r.length]!))));
    // Its neighbours really share those segments point for point (one simplification per border).
    const shared = map.countries
      .filter((c) => c !== kosovo)
      .flatMap((c) => c.rings.flatMap((r) => r.map((p, i) => key(p, r[(i + 1) % r.length]!))))
      .filter((k) => kosovoSegments.has(k));
    expect(new Set(shared).size).toBe(kosovoSegments.size);
    const { solid, dashed } = borderRuns(map);
    const solidSegments = solid.flatMap((run) => run.slice(1).map((p, i) => key(run[i]!, p)));
    expect(solidSegments.filter((k) => kosovoSegments.has(k))).toEqual([]);
    const dashedSegments = new Set(dashed.flatMap((run) => run.slice(1).map((p, i) => key(run[i]!, p))));
    expect(dashedSegments).toEqual(kosovoSegments);
  });

  it('does not stroke the edges where the box clips a country', () => {
    const [w, h] = map.viewBox as [number, number];
    const { solid } = borderRuns(map);
    const along = solid.flatMap((run) => run.slice(1).filter((p, i) => {
      const q = run[i]!;
      return (p[0] === 0 && q[0] === 0) || (p[0] === w && q[0] === w) || (p[1] === 0 && q[1] === 0) || (p[1] === h && q[1] === h);
    }));
    expect(along).toEqual([]);
  });

  it('cuts a line into dashes that carry on across corners', () => {
    const pieces = dashLines(
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
      ],
      4,
      2,
    );
    // 20 px of line: dashes at 0–4, 6–10, 12–16 (across the corner at 10) and 18–20.
    expect(pieces).toHaveLength(4);
    expect(pieces[0]).toEqual([
      { x: 0, y: 0 },
      { x: 4, y: 0 },
    ]);
    expect(pieces[1]).toEqual([
      { x: 6, y: 0 },
      { x: 10, y: 0 },
    ]);
    expect(pieces[2]).toEqual([
      { x: 10, y: 2 },
      { x: 10, y: 6 },
    ]);
    expect(pieces[3]).toEqual([
      { x: 10, y: 8 },
      { x: 10, y: 10 },
    ]);
  });

  it('keeps a dash whole when it turns a corner', () => {
    const pieces = dashLines(
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
      ],
      4,
      3,
    );
    expect(pieces[1]).toEqual([
      { x: 7, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 1 },
    ]);
  });

  it('fits the map into a rectangle, centred, keeping its shape', () => {
    const [w, h] = map.viewBox as [number, number];
    const { scale, bounds } = fitMap(map, { x: 10, y: 20, width: 2000, height: h });
    expect(scale).toBeCloseTo(1);
    expect(bounds.width).toBeCloseTo(w);
    expect(bounds.x).toBeCloseTo(10 + (2000 - w) / 2);
    expect(bounds.y).toBeCloseTo(20);
  });

  it('tints a colour lighter', () => {
    expect(lighten(0x000000, 0.5)).toBe(0x808080);
    expect(lighten(0xd55e00, 0)).toBe(0xd55e00);
    expect(lighten(0xd55e00, 1)).toBe(0xffffff);
  });
});
