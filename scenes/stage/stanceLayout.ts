// Where the debrief's stance map puts everything, in the stage's CSS pixels: a square map with
// understanding across and trust up, each party's emblem at its two figures with its short name
// beside it, and a row per party with its reactions to the run's moves in order (one column per
// move, higher in the row for a warmer reaction). Pure geometry, no Phaser: DebriefScene.ts only
// draws what this returns, and tests/unit/stanceLayout.test.ts checks it at the review's sizes.
// A wide, low stage (a phone, or a large text size) puts the map left of the rows; a tall one puts
// it above them. Text is sized from the player's text scale and shrunk only to fit.
import type { StanceMap, StanceParty } from '../../src/replay/stanceMap';
import { reactionLevel } from '../../src/replay/stanceMap';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A line of text: (x, y) is its top-left corner; `w` is its estimated width. */
export interface TextBox extends Box {
  text: string;
  size: number;
}

export interface PlacedPoint {
  party: StanceParty;
  x: number;
  y: number;
  r: number;
  /** The short name beside the emblem, or null where no free place was found (the rows name it); `leader` when it sits off to one side and needs a line to its emblem. */
  label: (TextBox & { leader: boolean }) | null;
}

export interface PlacedRow {
  party: StanceParty;
  /** The row's band: emblem and name on the left, figures after, then the reaction columns. */
  box: Box;
  emblem: { x: number; y: number; r: number };
  name: TextBox;
  /** "62 · 40" (understanding · trust, "–" for none), or null where the row has no room for it. */
  figures: TextBox | null;
  /** One per reaction the party had, in move order: where its marker goes. */
  markers: Array<{ move: number; level: number; x: number; y: number }>;
}

export interface StanceLayout {
  /** Body text size in px. */
  size: number;
  /** Null on a stage too small for it (the table under the stage has its heading). */
  title: TextBox | null;
  /** The map's square, or null where the stage has no room for it (the rows then carry the figures). */
  plot: Box | null;
  /** The captions of the axes and the plot's corner figures. */
  axes: TextBox[];
  /** The axes' arrows (drawn, since the font has no arrow glyphs): from (x, y) `len` px to the right or up; `box` is the room it takes. */
  arrows: Array<{ x: number; y: number; dir: 'right' | 'up'; len: number; box: Box }>;
  points: PlacedPoint[];
  rows: PlacedRow[];
  /** Move numbers over the reaction columns, and the figures' header. */
  header: TextBox[];
  /** The five reactions with their marker's place (x, y) and name; empty if there was no room. */
  legend: Array<{ level: number; x: number; y: number; label: TextBox }>;
  markerR: number;
}

export interface Strings {
  title: string;
  understanding: string;
  trust: string;
  figures: string;
  reactions: readonly string[];
  none: string;
}

/** Text width in px of `text` at `size` px. */
export type Measure = (text: string, size: number) => number;
/** A rough width for Atkinson Hyperlegible, when no canvas is at hand (unit tests). */
export const estimate: Measure = (text, size) => text.length * size * 0.58;

const PAD = 10;
const MIN_SIZE = 9;
/** The map is kept only with text at least this size: smaller, its names are unreadable. */
const MAP_MIN_SIZE = 11;

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

/** Figures as the rows show them: "62 · 40", "–" for a figure the party does not have. */
export const figuresText = (p: StanceParty, none: string) => `${p.understanding ?? none} · ${p.trust ?? none}`;

interface Plan {
  size: number;
  /** Columns of rows side by side. */
  cols: number;
  /** The map's square, or null where the stage has no room for it (the rows then carry the figures). */
  plot: Box | null;
  rows: Box;
  /** The last resort of a small stage: lower rows and no title. */
  compact: boolean;
}

export function layoutStanceMap(map: StanceMap, width: number, height: number, textScale: number, s: Strings, measure: Measure = estimate): StanceLayout {
  const wide = width > height * 1.3;
  // A large stage is a projected one: its text grows with it (up to half as large again).
  const preferred = Math.round(13 * textScale * Math.min(1.5, Math.max(1, Math.min(width, height) / 500)));
  const rowHeight = (size: number, compact = false) => Math.round(size * (compact ? 1.5 : 1.7));
  const small = (size: number) => Math.max(MIN_SIZE, Math.round(size * 0.85));
  const colStep = (size: number) => Math.max(size, 10) * 1.4;
  const nameW = (size: number) => Math.max(...map.parties.map((p) => measure(p.shortName, size)), 0);
  const figW = (size: number) => measure('100 · 100', small(size));
  /** A row's width before its reaction columns, with or without the figures. */
  const lead = (size: number, figures: boolean) => size + 6 + nameW(size) + 10 + (figures ? figW(size) + 10 : 0);
  const columnsW = (size: number) => (map.hasReactions ? map.moves.length * colStep(size) : 0);
  /** An axis arrow's length and the gap before it, in px. */
  const arrowLen = (size: number) => Math.round(small(size) * 1.2);
  const ARROW_GAP = 4;

  function plan(size: number, cols: number, withMap: boolean, compact = false): Plan {
    const top = PAD + Math.round(size * 1.15 * 1.3) + 6;
    const caption = Math.round(small(size) * 1.4);
    if (compact) return { size, cols, plot: null, rows: { x: PAD, y: 4, w: width - 2 * PAD, h: height - 8 }, compact };
    if (!withMap) return { size, cols, plot: null, rows: { x: PAD, y: top, w: width - 2 * PAD, h: height - top - PAD }, compact };
    if (wide) {
      const side = Math.min(height - top - PAD - caption, width * 0.42);
      const plot = { x: PAD + 4, y: top, w: side, h: side };
      // The rows start after the map or its caption under it, whichever is wider.
      const rx = plot.x + Math.max(side, measure(s.understanding, small(size)) + ARROW_GAP + arrowLen(size)) + PAD * 2;
      return { size, cols, plot, rows: { x: rx, y: top, w: width - rx - PAD, h: height - top - PAD }, compact };
    }
    const side = Math.min(width - 2 * PAD - 8, height * 0.48);
    const plot = { x: (width - side) / 2, y: top, w: side, h: side };
    const ry = plot.y + side + caption + PAD;
    return { size, cols, plot, rows: { x: PAD, y: ry, w: width - 2 * PAD, h: height - ry - PAD }, compact };
  }

  function fits(p: Plan): boolean {
    if (p.plot && p.plot.w < 120) return false;
    const perColumn = Math.ceil(map.parties.length / p.cols);
    const colW = (p.rows.w - (p.cols - 1) * PAD * 2) / p.cols;
    // Without the map the rows are the only place for the figures.
    return p.rows.h >= rowHeight(p.size, p.compact) * (perColumn + (p.compact ? 0 : 1)) && colW >= lead(p.size, !p.plot) + columnsW(p.size);
  }

  // The largest text (from the player's scale down) that fits with the map, the picture this is
  // about; else without it; else the compact rows.
  let chosen: Plan | null = null;
  for (const [withMap, least] of [[true, MAP_MIN_SIZE], [false, MIN_SIZE]] as const) {
    for (let size = preferred; size >= least && !chosen; size--) {
      for (let cols = 1; cols <= 3 && !chosen; cols++) {
        const p = plan(size, cols, withMap);
        if (fits(p)) chosen = p;
      }
    }
  }
  for (let cols = 1; cols <= 3 && !chosen; cols++) {
    const p = plan(MIN_SIZE, cols, false, true);
    if (fits(p)) chosen = p;
  }
  return place(chosen ?? plan(MIN_SIZE, 3, false, true));

  function perColumnOf(cols: number) {
    return Math.ceil(map.parties.length / cols);
  }

  function place({ size, cols, plot, rows: area, compact }: Plan): StanceLayout {
    const sm = small(size);
    const text = (t: string, x: number, y: number, sz = size): TextBox => ({ text: t, x, y, w: measure(t, sz), h: Math.round(sz * 1.3), size: sz });
    const axes: TextBox[] = [];
    const points: PlacedPoint[] = [];
    const arrows: StanceLayout['arrows'] = [];

    if (plot) {
      // "Understanding" under the map with an arrow after it; an arrow up, then "Trust", in its top-left corner.
      const len = arrowLen(size);
      const across = text(s.understanding, plot.x, plot.y + plot.h + 3, sm);
      const ax = across.x + across.w + ARROW_GAP;
      const ay = across.y + across.h / 2;
      arrows.push({ x: ax, y: ay, dir: 'right', len, box: { x: ax, y: ay - 4, w: len, h: 8 } });
      const upX = plot.x + 8;
      const upBottom = plot.y + 3 + Math.min(len, across.h);
      arrows.push({ x: upX, y: upBottom, dir: 'up', len: Math.min(len, across.h), box: { x: upX - 4, y: plot.y + 3, w: 8, h: Math.min(len, across.h) } });
      axes.push(across, text(s.trust, upX + 4 + ARROW_GAP, plot.y + 3, sm));
      // Emblems at (understanding, trust); one that would cover another moves up or down by an
      // emblem's height at a time (trust is in the rows exactly), so none hides another.
      const r = Math.max(5, Math.min(13, plot.w / 26));
      const pitch = 2 * r + 3;
      for (const party of map.parties.filter((p) => p.understanding !== null && p.trust !== null)) {
        const x = Math.min(plot.x + plot.w - r, Math.max(plot.x + r, plot.x + (plot.w * party.understanding!) / 100));
        const y0 = plot.y + plot.h - (plot.h * party.trust!) / 100;
        const free = (y: number) => y >= plot.y + r && y <= plot.y + plot.h - r && points.every((o) => Math.hypot(o.x - x, o.y - y) >= 2 * r + 2);
        const offsets = Array.from({ length: 2 * map.parties.length + 1 }, (_, k) => (k % 2 ? 1 : -1) * Math.ceil(k / 2) * pitch);
        const y = offsets.map((d) => y0 + d).find(free) ?? Math.min(plot.y + plot.h - r, Math.max(plot.y + r, y0));
        points.push({ party, x, y, r, label: null });
      }
      const taken: Box[] = [...axes, ...arrows.map((a) => a.box), ...points.map((p) => ({ x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r }))];
      for (const p of points) {
        const label = text(p.party.shortName, 0, 0, sm);
        const gap = r + 3;
        // Beside, above or below the emblem; failing that a line or two further off, joined by a leader.
        const near = [
          { x: p.x + gap, y: p.y - label.h / 2 },
          { x: p.x - gap - label.w, y: p.y - label.h / 2 },
          { x: p.x - label.w / 2, y: p.y - gap - label.h },
          { x: p.x - label.w / 2, y: p.y + gap },
        ];
        const far = [1, -1, 2, -2].flatMap((k) => [
          { x: p.x + gap, y: p.y - label.h / 2 + k * label.h },
          { x: p.x - gap - label.w, y: p.y - label.h / 2 + k * label.h },
        ]);
        const spot = [...near, ...far]
          .map((c, i) => ({ ...label, x: c.x, y: c.y, leader: i >= near.length }))
          .find((b) => inside(b, plot) && !taken.some((o) => overlaps(b, o)));
        if (spot) {
          p.label = spot;
          taken.push(spot);
        }
      }
    }

    // Rows in `cols` columns: a header (figures, move numbers) over each, then a band per party.
    // Rows stretch into spare height (up to twice their own), so the reactions' line has room to rise and fall.
    const legendH = map.hasReactions ? Math.round(sm * 1.5) + 4 : 0;
    const rowH = compact ? rowHeight(size, true) : Math.max(rowHeight(size), Math.min(Math.round(size * 3.2), Math.floor((area.h - legendH) / (perColumnOf(cols) + 1))));
    const colW = (area.w - (cols - 1) * PAD * 2) / cols;
    const perColumn = perColumnOf(cols);
    const emblemR = size * 0.5;
    const showFigures = !plot || colW >= lead(size, true) + columnsW(size);
    // Reaction columns spread over the row's spare width, up to twice their least spacing.
    const step = map.hasReactions ? Math.min(colStep(size) * 2, Math.max(colStep(size), (colW - lead(size, showFigures) - 4) / map.moves.length)) : colStep(size);
    const markerR = Math.max(2.5, Math.min(size * 0.4, rowH / 7));
    const header: TextBox[] = [];
    // The figures' name heads them, ending where they end (over the names, which need no heading);
    // where it does not fit there it follows the title, if that fits.
    const figuresHeader = showFigures && measure(s.figures, sm) <= lead(size, true) - 10;
    const titleSize = Math.round(size * 1.15);
    const longTitle = `${s.title} (${s.figures})`;
    const title = compact ? null : text(showFigures && !figuresHeader && measure(longTitle, titleSize) <= width - 2 * PAD ? longTitle : s.title, PAD, PAD, titleSize);
    const columnX = (c: number) => area.x + c * (colW + PAD * 2);
    const nameX = (c: number) => columnX(c) + emblemR * 2 + 6;
    const figX = (c: number) => nameX(c) + nameW(size) + 10;
    const moveX = (c: number, move: number) => columnX(c) + lead(size, showFigures) + step * (move + 0.5);
    for (let c = 0; c < Math.min(cols, map.parties.length) && !compact; c++) {
      if (figuresHeader) header.push(text(s.figures, figX(c) + figW(size) - measure(s.figures, sm), area.y + (rowH - sm * 1.3) / 2, sm));
      if (map.hasReactions) for (const m of map.moves) {
        const label = text(String(m.number), 0, area.y + (rowH - sm * 1.3) / 2, sm);
        header.push({ ...label, x: moveX(c, m.number - 1) - label.w / 2 });
      }
    }
    const rows: PlacedRow[] = map.parties.map((party, i) => {
      const c = Math.floor(i / perColumn);
      const y = area.y + rowH * ((i % perColumn) + (compact ? 0 : 1));
      const mid = y + rowH / 2;
      const span = rowH - 2 * markerR - 4;
      return {
        party,
        box: { x: columnX(c), y, w: colW, h: rowH },
        emblem: { x: columnX(c) + emblemR, y: mid, r: emblemR },
        name: text(party.shortName, nameX(c), mid - Math.round(size * 1.3) / 2),
        figures: showFigures ? text(figuresText(party, s.none), figX(c) + figW(size) - measure(figuresText(party, s.none), sm), mid - Math.round(sm * 1.3) / 2, sm) : null,
        // Welcomes at the top of the band, walks out at the bottom.
        markers: party.reactions.flatMap((reaction, move) =>
          reaction === null ? [] : [{ move, level: reactionLevel(reaction), x: moveX(c, move), y: y + 2 + markerR + (span * reactionLevel(reaction)) / 4 }],
        ),
      };
    });

    // The five reactions on one line: right of the title if it fits there, else under the rows, else
    // nowhere (the stage is too small; the table names every reaction).
    const legend: StanceLayout['legend'] = [];
    if (map.hasReactions) {
      const lineH = Math.round(sm * 1.5);
      const items = s.reactions.map((name) => text(name, 0, 0, sm));
      const lineW = items.reduce((w, l) => w + markerR * 2 + 4 + l.w + 12, -12);
      const beside = title && title.x + title.w + 24 + lineW <= width - PAD ? { x: width - PAD - lineW, y: title.y + (title.h - lineH) / 2 } : null;
      const under = { x: area.x, y: area.y + rowH * (perColumn + (compact ? 0 : 1)) + 4 };
      const at = beside ?? (lineW <= area.w && under.y + lineH <= height - 2 ? under : null);
      if (at) {
        let lx = at.x;
        items.forEach((label, level) => {
          legend.push({ level, x: lx + markerR, y: at.y + lineH / 2, label: { ...label, x: lx + markerR * 2 + 4, y: at.y + (lineH - label.h) / 2 } });
          lx += markerR * 2 + 4 + label.w + 12;
        });
      }
    }
    return { size, title, plot, axes, arrows, points, rows, header, legend, markerR };
  }
}
