// Every character a player or teacher reads comes from the bundled font: a glyph the font lacks
// is drawn by whatever the system has (an emoji font, a symbol font) or as an empty box where it
// has none. Checked against the font files themselves: a character counts as covered when a face
// the game loads (its @fontsource CSS, weights 400 and 700) lists it in its unicode-range and the
// face's font file maps it to a glyph.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/contentFiles';

const require = createRequire(import.meta.url);
const FONT_DIR = dirname(require.resolve('@fontsource/atkinson-hyperlegible/400.css'));

/** The code points a WOFF (1.0) file's cmap maps to a glyph other than .notdef. */
function woffCodePoints(file: string): Set<number> {
  const buf = readFileSync(file);
  if (buf.toString('latin1', 0, 4) !== 'wOFF') throw new Error(`${file} is not a WOFF file`);
  const numTables = buf.readUInt16BE(12);
  let cmap: Buffer | null = null;
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    if (buf.toString('latin1', at, at + 4) !== 'cmap') continue;
    const [offset, compLength, origLength] = [buf.readUInt32BE(at + 4), buf.readUInt32BE(at + 8), buf.readUInt32BE(at + 12)];
    const raw = buf.subarray(offset, offset + compLength);
    cmap = compLength < origLength ? inflateSync(raw) : raw;
  }
  if (!cmap) throw new Error(`${file} has no cmap`);
  const points = new Set<number>();
  const records = cmap.readUInt16BE(2);
  for (let r = 0; r < records; r++) {
    const [platform, encoding, sub] = [cmap.readUInt16BE(4 + r * 8), cmap.readUInt16BE(6 + r * 8), cmap.readUInt32BE(8 + r * 8)];
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const format = cmap.readUInt16BE(sub);
    if (format === 4) {
      const segs = cmap.readUInt16BE(sub + 6) / 2;
      const ends = sub + 14;
      const starts = ends + segs * 2 + 2;
      const deltas = starts + segs * 2;
      const rangeOffsets = deltas + segs * 2;
      for (let s = 0; s < segs; s++) {
        const [end, start, delta, rangeOffset] = [cmap.readUInt16BE(ends + s * 2), cmap.readUInt16BE(starts + s * 2), cmap.readInt16BE(deltas + s * 2), cmap.readUInt16BE(rangeOffsets + s * 2)];
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const glyph = rangeOffset === 0 ? (c + delta) & 0xffff : cmap.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
          if (glyph !== 0) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(sub + 12);
      for (let g = 0; g < groups; g++) {
        const [start, end, glyph] = [cmap.readUInt32BE(sub + 16 + g * 12), cmap.readUInt32BE(sub + 20 + g * 12), cmap.readUInt32BE(sub + 24 + g * 12)];
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) points.add(c);
      }
    }
  }
  return points;
}

/** The characters every loaded face of one weight draws: its unicode-range ∩ its font's cmap. */
function coveredBy(cssFile: string): (c: number) => boolean {
  const css = readFileSync(join(FONT_DIR, cssFile), 'utf8');
  const faces = [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map(([, body]) => {
    const woff = /url\(\.\/(files\/[^)]+\.woff)\)/.exec(body!)![1]!;
    const ranges = /unicode-range:\s*([^;]+);/.exec(body!)![1]!.split(',').map((r) => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as const;
    });
    return { ranges, glyphs: woffCodePoints(join(FONT_DIR, woff)) };
  });
  return (c) => faces.some((f) => f.glyphs.has(c) && f.ranges.some(([a, b]) => c >= a && c <= b));
}

const files = (dir: string, ext: RegExp): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });

/** Every string value in a JSON file. */
const jsonStrings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(jsonStrings) : value && typeof value === 'object' ? Object.values(value).flatMap(jsonStrings) : [];

/** The code of a source file without its comments (comments are for developers). */
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Every text a player or teacher can be shown, by where it comes from. */
function playerTexts(): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  for (const file of [...files(join(ROOT, 'content'), /\.json$/), join(ROOT, 'src/i18n/en.json'), join(ROOT, 'src/i18n/teacher.en.json')]) {
    for (const text of jsonStrings(JSON.parse(readFileSync(file, 'utf8')))) out.push({ where: file.slice(ROOT.length + 1), text });
  }
  for (const file of files(join(ROOT, 'scenes'), /\.(ts|css)$/)) out.push({ where: file.slice(ROOT.length + 1), text: withoutComments(readFileSync(file, 'utf8')) });
  out.push({ where: 'index.html', text: readFileSync(join(ROOT, 'index.html'), 'utf8').replace(/<!--[\s\S]*?-->/g, '') });
  return out;
}

describe('glyphs', () => {
  it('reads the fonts: the bundled faces cover Latin text and leave emoji to the system', () => {
    const regular = coveredBy('400.css');
    for (const c of 'Aa1“”’–—…ć€') expect(regular(c.codePointAt(0)!), c).toBe(true);
    for (const c of ['🔒', '✓', '▶']) expect(regular(c.codePointAt(0)!), c).toBe(false);
  });

  it('every character of every string shown to a player is drawn by the bundled font, regular and bold', () => {
    const weights = [coveredBy('400.css'), coveredBy('700.css')];
    const missing = new Set<string>();
    for (const { where, text } of playerTexts()) {
      for (const ch of text) {
        const c = ch.codePointAt(0)!;
        if (c === 0x0a || c === 0x0d || c === 0x09) continue;
        if (!weights.every((covered) => covered(c))) missing.add(`${where}: U+${c.toString(16).toUpperCase().padStart(4, '0')} "${ch}"`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
