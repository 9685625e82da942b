// Sound that the system takes away, in real Chromium against the built site: the audio context is
// suspended behind the game's back (what an OS interruption, unplugged headphones or a phone call
// do; emulated with Howler.ctx.suspend()). The page must say so on <html data-audio> and in a
// caption, and get the sound back on the next gesture or when the tab is visible again.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/en.json';
import { realContent } from '../unit/helpers';
import { openTitle, shot, useSite } from './harness';

const content = realContent();
const site = useSite();

/** The audio context's own state, read through the global Howler that the howler package sets. */
const contextState = (page: Page) => page.evaluate(() => (window as unknown as { Howler: { ctx: AudioContext } }).Howler.ctx.state);

/** Suspends the context as the system would, without the game knowing, and waits for the page to tell. */
async function suspendBehindItsBack(page: Page) {
  await page.evaluate(() => (window as unknown as { Howler: { ctx: AudioContext } }).Howler.ctx.suspend());
  expect(await contextState(page)).toBe('suspended');
  await page.waitForSelector('html[data-audio="suspended"]', { timeout: 5_000 });
  await page.waitForFunction((text) => document.querySelector('.caption')?.textContent === text, en['caption.soundPaused'], { timeout: 5_000 });
}

async function expectSoundBack(page: Page) {
  await page.waitForSelector('html[data-audio="playing"]', { timeout: 5_000 });
  expect(await contextState(page)).toBe('running');
  await page.waitForFunction((text) => document.querySelector('.caption')?.textContent === text, en['caption.soundBack'], { timeout: 5_000 });
}

describe('sound suspended by the system', () => {
  it('says it is suspended, and resumes on the next click and when the tab is visible again', async () => {
    const w = await openTitle(site);
    await w.page.click('[data-action="play"]');
    await w.page.waitForSelector('html[data-audio="playing"]', { timeout: 10_000 });

    await suspendBehindItsBack(w.page);
    await shot(w.page, 'sound-suspended');
    // Any button will do: the player does not have to find a sound setting.
    await w.page.click(`[data-scenario="${content.scenarioOrder[0]}"] [data-action="choose"]`);
    await expectSoundBack(w.page);

    // Away and back (another tab, a locked screen), with no gesture at all. Headless Chromium never
    // hides a page, so the document says it is hidden, then visible, as a real switch would.
    await suspendBehindItsBack(w.page);
    await w.page.evaluate(() => {
      let state: DocumentVisibilityState = 'hidden';
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      state = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expectSoundBack(w.page);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});
