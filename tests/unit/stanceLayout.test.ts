// The debrief's stance map laid out (scenes/stage/stanceLayout.ts) on the stage at the review's
// window sizes and text sizes: nothing outside the stage, no text over other text, a row for every
// party with a marker per reaction inside it, an emblem on the map for every party with both figures
// and none hidden under another.
import { describe, expect, it } from 'vitest';
import { REACTIONS } from '../../src/content/schema';
import { describeRun } from '../../src/engine/presenter';
import { decisionTimeline } from '../../src/replay/timeline';
import { stanceMap } from '../../src/replay/stanceMap';
import { estimate, layoutStanceMap, overlaps, type Box, type Strings } from '../../scenes/stage/stanceLayout';
import en from '../../src/i18n/en.json';
import { newRun, playThrough, realContent, type Strategy } from './helpers';

const content = realContent();
const mixed: Strategy = { answer: (_, step) => step % 3, move: (ids, step) => ids[step % ids.length]!, predict: (_, step) => step % 2 };
const strings: Strings = {
  title: en['debrief.map.title'],
  understanding: en['debrief.map.understanding'],
  trust: en['debrief.map.trust'],
  figures: en['debrief.map.figures'],
  reactions: REACTIONS.map((r) => en[`reaction.${r}`]),
  none: en['debrief.map.none'],
};
const WINDOWS = [[360, 640], [768, 1024], [1024, 768], [1366, 768], [1920, 1080]] as const;

/** The stage's box in a window (scenes/ui/style.css: one column below 52rem (of 16 px) or with larger text, the stage 26vh or 22vh tall; else 2 of 5 columns, full height). */
function stageIn(width: number, height: number, textScale: number) {
  if (textScale > 1) return { width, height: Math.round(height * 0.22) };
  return width < 52 * 16 ? { width, height: Math.round(height * 0.26) } : { width: Math.round(width * 0.4), height };
}

const maps = content.scenarioOrder.map((id) => {
  const scenario = content.scenarios[id]!;
  const run = playThrough(content, scenario, newRun(content, id, 5), mixed);
  return [id, stanceMap(describeRun(content, scenario, run.getSnapshot()), decisionTimeline(content, scenario, run.record))] as const;
});

describe('stance map layout', () => {
  const cases = maps.flatMap(([id, map]) => WINDOWS.flatMap(([w, h]) => [1, 2].map((scale) => [id, `${w}×${h}`, scale, map, stageIn(w, h, scale)] as const)));
  it.each(cases)('%s at %s, text ×%s', (_id, _window, scale, map, stage) => {
    const layout = layoutStanceMap(map, stage.width, stage.height, scale, strings, estimate);
    const all: Box = { x: 0, y: 0, w: stage.width, h: stage.height };
    const within = (b: Box) => b.x >= all.x - 0.5 && b.y >= -0.5 && b.x + b.w <= all.w + 0.5 && b.y + b.h <= all.h + 0.5;
    const texts = [...(layout.title ? [layout.title] : []), ...layout.axes, ...layout.header, ...layout.points.flatMap((p) => (p.label ? [p.label] : [])), ...layout.rows.flatMap((r) => [r.name, ...(r.figures ? [r.figures] : [])]), ...layout.legend.map((l) => l.label)];
    expect(texts.filter((b) => !within(b)).map((b) => `${b.text} @${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.w)}×${b.h} in ${stage.width}×${stage.height}`)).toEqual([]);
    const clashes = texts.flatMap((a, i) => texts.slice(i + 1).filter((b) => overlaps(a, b)).map((b) => `${a.text} / ${b.text}`));
    expect(clashes).toEqual([]);
    // The axes' arrows are drawn shapes (the font has no arrow glyphs): inside the stage, clear of every text.
    for (const a of layout.arrows) {
      expect(within(a.box)).toBe(true);
      expect(texts.filter((b) => overlaps(a.box, b)).map((b) => b.text)).toEqual([]);
    }
    if (layout.plot) expect(layout.arrows.map((a) => a.dir).sort()).toEqual(['right', 'up']);
    expect(layout.size).toBeGreaterThanOrEqual(9);

    expect(layout.rows.map((r) => r.party.id)).toEqual(map.parties.map((p) => p.id));
    for (const row of layout.rows) {
      expect(within(row.box)).toBe(true);
      expect(row.markers.map((m) => m.move)).toEqual(row.party.reactions.flatMap((r, i) => (r ? [i] : [])));
      for (const m of row.markers) {
        expect(m.x - layout.markerR).toBeGreaterThanOrEqual(row.box.x);
        expect(m.x + layout.markerR).toBeLessThanOrEqual(row.box.x + row.box.w + 0.5);
        expect(m.y - layout.markerR).toBeGreaterThanOrEqual(row.box.y);
        expect(m.y + layout.markerR).toBeLessThanOrEqual(row.box.y + row.box.h);
      }
      // Without the map, the rows are where the figures are.
      if (!layout.plot) expect(row.figures).not.toBeNull();
    }
    for (const [i, a] of layout.rows.entries()) for (const b of layout.rows.slice(i + 1)) expect(overlaps(a.box, b.box)).toBe(false);
    if (layout.plot) {
      expect(within(layout.plot)).toBe(true);
      expect(layout.points.map((p) => p.party.id).sort()).toEqual(map.parties.filter((p) => p.understanding !== null && p.trust !== null).map((p) => p.id).sort());
      for (const p of layout.points) expect(within({ x: p.x - p.r, y: p.y - p.r, w: 2 * p.r, h: 2 * p.r })).toBe(true);
      // No emblem hides another.
      const hidden = layout.points.flatMap((a, i) => layout.points.slice(i + 1).filter((b) => Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r).map((b) => `${a.party.id} / ${b.party.id}`));
      expect(hidden).toEqual([]);
      for (const row of layout.rows) expect(overlaps(row.box, layout.plot)).toBe(false);
    }
  });

  it('keeps the map where a class would see it projected (a laptop or a large screen, text ×1)', () => {
    for (const [, map] of maps) {
      for (const [w, h] of [[1366, 768], [1920, 1080], [1024, 768]] as const) {
        const stage = stageIn(w, h, 1);
        const layout = layoutStanceMap(map, stage.width, stage.height, 1, strings, estimate);
        expect(layout.plot, `${w}×${h}`).not.toBeNull();
        expect(layout.legend).toHaveLength(REACTIONS.length);
        expect(layout.points.filter((p) => !p.label).map((p) => `${p.party.shortName} ${p.party.understanding}/${p.party.trust} at ${Math.round(p.x)},${Math.round(p.y)}`), `${w}×${h}: every emblem on the map named`).toEqual([]);
      }
    }
  });
});
