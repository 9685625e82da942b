// Replay and what-if in the browser: play, rewind to the 3rd decision, finish differently,
// compare the two runs, and open the first run's replay link in a fresh browser context.
import { describe, expect, it } from 'vitest';
import { realContent } from '../unit/helpers';
import { openPage, openTitle, shot, useSite } from './harness';
import { playOn, playScenario } from './player';
import { sliceScenario } from './scenarioPicks';

const content = realContent();
const SLICE = sliceScenario(content);
const site = useSite();

describe('replay and what-if', () => {
  it('rewinds, finishes differently, compares, and replays a shared link elsewhere', async () => {
    const w = await openTitle(site);
    await playScenario(w.page, 'mouse', content, SLICE, () => true, (ids) => ids[0]!);
    const firstEnding = await w.page.getAttribute('[data-ending]', 'data-ending');
    const code = (await w.page.getAttribute('[data-code]', 'data-code'))!;
    const link = (await w.page.getAttribute('[data-link]', 'data-link'))!;
    expect(code.length).toBeLessThan(120);
    expect(link).toContain(`?run=${code}`);
    await shot(w.page, 'replay-debrief');

    // Rewind to the 3rd decision: the same question, before it was answered.
    await w.page.click('[data-decision="2"] [data-action="rewind"]');
    await w.page.waitForSelector('[data-phase="question"]');
    const rewoundTo = await w.page.getAttribute('[data-question]', 'data-question');
    const thirdQuestion = SLICE.meetings[0]!.questions[2]!.id;
    expect(rewoundTo).toBe(thirdQuestion);
    // The standing before the 3rd decision: two right answers so far.
    expect(await w.page.textContent('.meters')).toMatch(/Russia: trust 40, understanding 100/);
    await playOn(w.page, 'mouse', content, SLICE, () => false, (ids) => ids[ids.length - 1]!);
    const secondEnding = await w.page.getAttribute('[data-ending]', 'data-ending');
    expect(secondEnding).not.toBe(firstEnding);

    // Compare the two runs: they part at decision 3.
    await w.page.click('[data-action="history"]');
    const boxes = w.page.locator(`[data-scenario="${SLICE.id}"] [data-pick]`);
    expect(await boxes.count()).toBe(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await w.page.click('[data-action="compare"]');
    await w.page.waitForSelector('.compare');
    expect(await w.page.getAttribute('.compare', 'data-divergence')).toBe('2');
    expect(await w.page.textContent('.compare .lead')).toMatch(/decision 3/);
    expect(await w.page.locator('.decision.diverges').count()).toBe(2);
    await shot(w.page, 'replay-compare');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();

    // The link, opened in a fresh context (another machine), replays the first run exactly.
    const other = await openPage(site.browser, site.origin);
    await other.page.goto(link);
    await other.page.waitForSelector('.watch-bar');
    await shot(other.page, 'replay-watch');
    for (let i = 0; i < 200 && !(await other.page.locator('[data-action="watch-step"][disabled]').count()); i++) {
      await other.page.click('[data-action="watch-step"]');
    }
    expect(await other.page.getAttribute('[data-ending]', 'data-ending')).toBe(firstEnding);
    await shot(other.page, 'replay-watch-end');
    expect(other.consoleErrors).toEqual([]);
    expect(other.foreignRequests).toEqual([]);
    await other.context.close();
  });

  it('explains a tampered or foreign replay link and stays playable', async () => {
    const w = await openPage(site.browser, site.origin);
    for (const bad of ['E1AAAAgarbage', 'X9hello', '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E']) {
      await w.page.goto(`${site.url}?run=${bad}`);
      await w.page.waitForSelector('.notice');
      expect(await w.page.textContent('.notice')).toMatch(/code|Envoy|damaged|edited/i);
      expect(await w.page.locator('img').count()).toBe(0);
      expect(await w.page.getAttribute('#ui', 'data-screen')).toBe('title');
    }
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

describe('sound', () => {
  it('starts Howler after the first gesture, follows the screens, and keeps going when audio is blocked', async () => {
    const w = await openTitle(site);
    expect(await w.page.getAttribute('html', 'data-audio')).toBe('locked');
    await playScenario(w.page, 'mouse', content, SLICE, (i) => i % 2 === 0, (ids) => ids[0]!, async (name) => {
      if (name === 'opening') expect(await w.page.getAttribute('html', 'data-music')).toBe('tense');
    });
    expect(await w.page.getAttribute('html', 'data-audio')).toBe('playing');
    expect(await w.page.getAttribute('html', 'data-music')).toBe('resolve');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();

    // Audio files refused by the network: the game plays on, silently, with captions.
    const blocked = await openPage(site.browser, site.origin);
    await blocked.context.route(/\.mp3$/, (route) => route.abort());
    await blocked.page.goto(site.url);
    await blocked.page.waitForSelector('[data-action="play"]');
    await playScenario(blocked.page, 'mouse', content, SLICE, () => true, (ids) => ids[0]!);
    expect(await blocked.page.getAttribute('[data-ending]', 'data-ending')).toBeTruthy();
    expect(blocked.consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await blocked.context.close();
  });
});
