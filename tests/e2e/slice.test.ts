// The game as a player meets it, in real headless Chromium against the built site served from a
// sub-path: a whole scenario by mouse and by keyboard alone, scores checked against the answers,
// two different endings, resume after reload, no console errors, no request off the origin.
import { describe, expect, it } from 'vitest';
import { keepsTrust } from '../../src/engine/presenter';
import { realContent } from '../unit/helpers';
import { openPage, openTitle, countPointerEvents, shot, useSite } from './harness';
import { expectedUnderstanding, playScenario, tabTo, toFirstQuestion } from './player';
import { informedPaths, sliceScenario } from './scenarioPicks';

const content = realContent();
const SLICE = sliceScenario(content);
const site = useSite();

async function readDebrief(page: import('playwright-core').Page) {
  return page.$$eval('.scores tbody tr', (rows) =>
    Object.fromEntries(
      rows
        .map((r) => [r.getAttribute('data-party')!, r.querySelector('[data-understanding]')!.getAttribute('data-understanding')!] as const)
        .filter(([, u]) => u !== '')
        .map(([p, u]) => [p, Number(u)]),
    ),
  );
}

describe('the slice in a real browser', () => {
  it('shows a usable HTML title menu before Phaser draws its first frame, with WebGL', async () => {
    const w = await openTitle(site);
    await w.page.waitForFunction(() => performance.getEntriesByName('envoy:first-frame').length > 0, null, { timeout: 30_000 });
    const marks = await w.page.evaluate(() => ({
      menu: performance.getEntriesByName('envoy:menu-ready')[0]!.startTime,
      frame: performance.getEntriesByName('envoy:first-frame')[0]!.startTime,
    }));
    expect(marks.menu).toBeLessThan(marks.frame);
    await tabTo(w.page, '[data-action="play"]');
    expect(await w.page.getAttribute('#stage', 'data-renderer')).toBe('webgl');
    await shot(w.page, 'title');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('plays the slice by mouse, right answers and predictions, along an informed path to its successful ending, to a debrief whose scores match', async () => {
    // The path is found from the content: the moves of informed play to the first successful ending it reaches.
    const [endingId, path] = [...informedPaths(SLICE)][0] ?? [];
    expect(path, 'informed play reaches a successful ending').toBeDefined();
    const w = await openTitle(site);
    const seen = new Set<string>();
    let i = 0;
    const played = await playScenario(w.page, 'mouse', content, SLICE, () => true, (unlocked) => {
      const next = path![i++]!;
      expect(unlocked).toContain(next);
      return next;
    }, async (name) => {
      if (!seen.has(name)) {
        seen.add(name);
        await shot(w.page, `mouse-${name}`);
      }
    });
    expect(played.answers.length).toBeGreaterThanOrEqual(6);
    expect(played.moves).toEqual(path);
    const ending = await w.page.getAttribute('[data-ending]', 'data-ending');
    expect(ending).toBe(endingId);
    expect(await readDebrief(w.page)).toEqual(expectedUnderstanding(SLICE, played));
    // Every question type was met and drawn.
    for (const type of ['choice', 'who-said', 'true-false', 'sort', 'order']) expect(seen.has(`question-${type}`), type).toBe(true);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });

  it('plays the slice by keyboard alone, mixed answers and other moves, to another ending', async () => {
    const w = await openTitle(site);
    const right = (i: number) => i % 3 === 0;
    // The last move on offer, except the shortcut that skips Pristina (its sorting question).
    const move = (ids: string[]) => ids.filter((id) => id !== 'straight-to-washington').at(-1)!;
    // A keyboard-only run must have no pointer input.
    const pointerEvents = await countPointerEvents(w.page);
    const played = await playScenario(w.page, 'keyboard', content, SLICE, right, move);
    expect(played.screens).toContain('question-sort');
    expect(played.screens).toContain('question-order');
    expect(await pointerEvents()).toBe(0);
    const ending = await w.page.getAttribute('[data-ending]', 'data-ending');
    expect(ending).not.toBe(SLICE.endings[0]!.id);
    expect(await readDebrief(w.page)).toEqual(expectedUnderstanding(SLICE, played));
    await shot(w.page, 'keyboard-debrief');
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });

  it('resumes a run after a reload in the middle of a question', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.goto(site.url);
    const first = await toFirstQuestion(w.page);
    const q = SLICE.meetings[0]!.questions.find((x) => x.id === first)!;
    if (q.type === 'choice') await w.page.click(`[data-option="${q.options.find((o) => o.correct)!.id}"]`);
    await w.page.click('[data-action="continue"]');
    const second = await w.page.getAttribute('[data-question]', 'data-question');
    await w.page.reload();
    await w.page.click('[data-action="resume"]');
    await w.page.waitForSelector('[data-question]');
    expect(await w.page.getAttribute('[data-question]', 'data-question')).toBe(second);
    const standing = await w.page.textContent('.meters');
    expect(standing).toMatch(/Russia: trust \d+, understanding 100/);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

describe('every scenario in a real browser', () => {
  it.each(content.scenarioOrder)('%s plays from the scenario list to an ending', async (id) => {
    const w = await openTitle(site);
    const s = content.scenarios[id]!;
    // Quotes inside quotes: no screen shows a doubled quotation mark (stylesheet marks included).
    const doubled = new Set<string>();
    const played = await playScenario(w.page, 'mouse', content, s, () => true, (ids) => ids[0]!, async (name) => {
      const found = await w.page.evaluate(() => {
        const css = (c: string) => (c && c !== 'none' && c !== 'normal' ? c.replace(/^"|"$/g, '') : '');
        return [...document.querySelectorAll('#ui *')]
          .map((el) => css(getComputedStyle(el, '::before').content) + (el.textContent ?? '') + css(getComputedStyle(el, '::after').content))
          .filter((text) => /””|““|’’|‘‘/.test(text))
          .map((text) => /.{0,40}(?:””|““|’’|‘‘)/.exec(text)![0]);
      });
      for (const text of found) doubled.add(`${name}: …${text}`);
    });
    expect([...doubled]).toEqual([]);
    const ending = await w.page.getAttribute('[data-ending]', 'data-ending');
    expect(s.endings.map((e) => e.id)).toContain(ending);
    expect(await readDebrief(w.page)).toEqual(expectedUnderstanding(s, played));
    // A party that was never at the table has no trust to show.
    const trustCells = await w.page.$$eval('.scores tbody tr', (rows) => rows.map((r) => [r.getAttribute('data-party')!, r.querySelector('td:last-child')!.textContent!] as const));
    for (const [party, cell] of trustCells) if (!keepsTrust(s, party)) expect(cell, party).not.toMatch(/\d/);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('links glossary terms to their definitions in place', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.goto(site.url);
    await w.page.click('[data-action="play"]');
    await w.page.click(`[data-scenario="${SLICE.id}"] [data-action="choose"]`);
    const term = w.page.locator('.term').first();
    await term.click();
    expect(await term.getAttribute('aria-expanded')).toBe('true');
    const definition = w.page.locator(`#${await term.getAttribute('aria-controls')}`);
    expect(await definition.isVisible()).toBe(true);
    await shot(w.page, 'glossary-open');
    await w.context.close();
  });
});
