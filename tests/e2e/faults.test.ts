// The game under faults, in real Chromium against the built site: its Content-Security-Policy in
// force, no WebGL (and no canvas at all), sounds that will not decode, saves that are damaged or
// old, storage that throws or is full, and reloads in the middle of a move or of its animation.
// Whatever breaks, the game plays on, says what it could not do, and never logs an error.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SAVE_KEY } from '../../src/persistence/runSave';
import { realContent } from '../unit/helpers';
import { cspViolations, openPage, openTitle, shot, useSite, type Watched } from './harness';
import { answerChoiceRight, playOn, toFirstQuestion } from './player';
import { sliceScenario } from './scenarioPicks';

const content = realContent();
const SLICE = sliceScenario(content);
const site = useSite();

/** Title → the slice's first question, answered rightly, to its feedback. Returns the question id. */
async function playAQuestion(page: Page): Promise<string> {
  const id = await toFirstQuestion(page);
  await answerChoiceRight(page, SLICE, id);
  return id;
}

const TUTORIAL = content.scenarios[content.tutorialId!]!;

/** Title → the practice scenario's first meeting (the shortest run there is). */
async function startTutorial(page: Page) {
  await page.click('[data-action="tutorial"]');
  await page.click('[data-action="begin"]');
  await page.waitForSelector('[data-phase]');
}

/** Plays the practice scenario from its start to its first moves screen (right answers) and stops there. */
async function playToMoves(page: Page) {
  await startTutorial(page);
  const stop = new Error('at the moves');
  await playOn(page, 'mouse', content, TUTORIAL, () => true, () => {
    throw stop;
  }).catch((e) => {
    if (e !== stop) throw e;
  });
  await page.waitForSelector('[data-phase="moves"]');
}

const stageDrawn = (page: Page) => page.waitForFunction(() => document.getElementById('stage')!.dataset.renderer, null, { timeout: 30_000 });
const noticeText = (page: Page) => page.textContent('.notice');

describe('security policy', () => {
  it('plays a question with its Content-Security-Policy in force: no violation, no eval, no console error', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.goto(site.url);
    const csp = (await w.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'))!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    await playAQuestion(w.page);
    await stageDrawn(w.page);
    await w.page.click('[data-action="continue"]');
    await w.page.waitForSelector('[data-phase="question"]');
    expect(await cspViolations(w.page)).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    // The policy is really in force: an injected inline script does not run, and the listener sees it.
    expect(await w.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
      return (window as unknown as { injected?: boolean }).injected ?? false;
    })).toBe(false);
    await w.page.waitForFunction(() => (window as unknown as { cspViolations: string[] }).cspViolations.length > 0);
    expect((await cspViolations(w.page))[0]).toMatch(/^script-src/);
    await w.context.close();
  });
});

describe('no WebGL', () => {
  it('falls back to the canvas renderer and plays a question', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.addInitScript(() => {
      const real = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return /webgl/i.test(type) ? null : (real as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
      } as typeof real;
    });
    await w.page.goto(site.url);
    await playAQuestion(w.page);
    await stageDrawn(w.page);
    expect(await w.page.getAttribute('#stage', 'data-renderer')).toBe('canvas');
    await w.page.click('[data-action="continue"]');
    await w.page.waitForSelector('[data-phase="question"]');
    await w.page.waitForTimeout(500);
    await shot(w.page, 'faults-canvas-renderer');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('with no canvas at all, the HTML game plays on and says the table cannot be drawn', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.addInitScript(() => {
      HTMLCanvasElement.prototype.getContext = (() => null) as unknown as typeof HTMLCanvasElement.prototype.getContext;
    });
    await w.page.goto(site.url);
    await w.page.waitForSelector('#stage[data-renderer="none"]', { state: 'attached', timeout: 30_000 });
    expect(await noticeText(w.page)).toMatch(/cannot draw/i);
    await shot(w.page, 'faults-no-canvas');
    await playAQuestion(w.page);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

describe('sound that fails', () => {
  it('plays on silently with captions when the sound files will not decode', async () => {
    // No service worker here: the page's own requests must meet the broken files.
    const w = await openPage(site.browser, site.origin, { serviceWorkers: 'block' });
    await w.context.route(/\.mp3$/, (route) => route.fulfill({ status: 200, contentType: 'audio/mpeg', body: Buffer.from('this is not an mp3 file '.repeat(40)) }));
    await w.page.goto(site.url);
    await playAQuestion(w.page);
    // The answer's cue is shown as a caption even though no sound can play.
    await w.page.waitForSelector('.caption', { state: 'visible' });
    expect(await w.page.textContent('.caption')).toMatch(/chime/i);
    await w.page.waitForFunction(() => (document.documentElement.dataset.audioFailed ?? '').split(' ').includes('correct'), null, { timeout: 15_000 });
    await shot(w.page, 'faults-audio-captions');
    await w.page.click('[data-action="continue"]');
    await w.page.waitForSelector('[data-phase="question"]');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

describe('saved state faults', () => {
  async function withSave(w: Watched, entries: Record<string, string>) {
    await w.page.goto(site.url);
    await w.page.evaluate((e) => Object.entries(e).forEach(([k, v]) => localStorage.setItem(k, v)), entries);
    await w.page.reload();
  }

  async function resumeRefused(w: Watched, why: RegExp) {
    await w.page.click('[data-action="resume"]');
    await w.page.waitForSelector('.notice');
    expect(await noticeText(w.page)).toMatch(why);
    expect(await w.page.getAttribute('#ui', 'data-screen')).toBe('title');
    expect(await w.page.evaluate((key) => localStorage.getItem(key), SAVE_KEY)).toBeNull();
    // The discarded save is gone, and so is the offer to resume it.
    expect(await w.page.locator('[data-action="resume"]').count()).toBe(0);
  }

  it('a damaged save, one from an older save format and one for changed content start clean with a message', async () => {
    const w = await openPage(site.browser, site.origin);
    await withSave(w, { [SAVE_KEY]: '{"saveVersion":1,"record":{"scenarioId":"washing', 'envoy.prefs': '{not json', 'envoy.history': '[[[' });
    await resumeRefused(w, /could not be resumed \(the save is damaged\)/);
    await shot(w.page, 'faults-damaged-save');
    await w.page.click('.notice button');
    await playAQuestion(w.page);

    await withSave(w, { [SAVE_KEY]: JSON.stringify({ saveVersion: 0, run: { scenario: SLICE.id, answers: [] } }) });
    await resumeRefused(w, /another version of Envoy \(save format 0\)/);

    // A real save whose scenario has since changed (a new version of the site).
    await w.page.click('.notice button');
    await playAQuestion(w.page);
    const saved = JSON.parse((await w.page.evaluate((key) => localStorage.getItem(key), SAVE_KEY))!);
    saved.record.contentVersion = 'an-older-version';
    await withSave(w, { [SAVE_KEY]: JSON.stringify(saved) });
    await resumeRefused(w, /the scenario has changed since it was saved/);
    await w.page.click('[data-action="history"]');
    await w.page.waitForSelector('#ui[data-screen="history"]');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('storage that throws (private mode): plays, and says progress is not being saved', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.addInitScript(() => {
      const refuse = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      Storage.prototype.getItem = refuse;
      Storage.prototype.setItem = refuse;
      Storage.prototype.removeItem = refuse;
    });
    await w.page.goto(site.url);
    await w.page.waitForSelector('.notice');
    expect(await noticeText(w.page)).toMatch(/not saving your progress \(The operation is insecure\.\)/);
    await shot(w.page, 'faults-storage-throws');
    await playAQuestion(w.page);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('a full storage (QuotaExceededError) still shows the finished run and its replay code', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await w.page.goto(site.url);
    await w.page.waitForSelector('[data-action="play"]');
    await startTutorial(w.page);
    await playOn(w.page, 'mouse', content, TUTORIAL, () => true, (ids) => ids[0]!);
    expect(await w.page.getAttribute('[data-ending]', 'data-ending')).toBeTruthy();
    const code = (await w.page.getAttribute('[data-code]', 'data-code'))!;
    expect(code.length).toBeGreaterThan(8);
    expect(await w.page.getAttribute('[data-link]', 'data-link')).toContain(`?run=${code}`);
    await shot(w.page, 'faults-quota-debrief');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('tells the player as soon as a save fails in the middle of a run', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.addInitScript(() => {
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
        if (key === 'envoy.run') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return real.call(this, key, value);
      };
    });
    await w.page.goto(site.url);
    await w.page.waitForSelector('[data-action="play"]');
    expect(await w.page.locator('.notice').count()).toBe(0);
    await playAQuestion(w.page);
    await w.page.waitForSelector('.notice', { timeout: 5_000 });
    expect(await noticeText(w.page)).toMatch(/not saving your progress \(The quota has been exceeded\.\)/);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

describe('reload in the middle', () => {
  it('of a move, and of its animation, resumes where the run was', async () => {
    const w = await openTitle(site);
    await playToMoves(w.page);
    const heading = await w.page.textContent('.moves .eyebrow');
    const moves = await w.page.$$eval('[data-move]', (els) => els.map((e) => `${e.getAttribute('data-move')}:${e.getAttribute('aria-disabled') ?? ''}`));
    const meters = await w.page.textContent('.meters');

    // On the moves screen.
    await w.page.reload();
    await w.page.click('[data-action="resume"]');
    await w.page.waitForSelector('[data-phase="moves"]');
    expect(await w.page.textContent('.moves .eyebrow')).toBe(heading);
    expect(await w.page.$$eval('[data-move]', (els) => els.map((e) => `${e.getAttribute('data-move')}:${e.getAttribute('aria-disabled') ?? ''}`))).toEqual(moves);
    expect(await w.page.textContent('.meters')).toBe(meters);

    // Right after choosing a move, while the stage animates its meters.
    await stageDrawn(w.page);
    const chosen = moves.find((m) => m.endsWith(':'))!.split(':')[0]!;
    await w.page.click(`[data-move="${chosen}"]`);
    if (await w.page.locator('[data-phase="predicting"]').count()) {
      // A move with reactions asks for predictions first: a reload there comes back to the same step.
      await w.page.click('fieldset[data-party] label[data-reaction]');
      await w.page.reload();
      await w.page.click('[data-action="resume"]');
      await w.page.waitForSelector('[data-phase="predicting"]');
      expect(await w.page.getAttribute('[data-prediction]', 'data-prediction')).toBe(chosen);
      for (const party of await w.page.$$eval('fieldset[data-party]', (fs) => fs.map((f) => f.getAttribute('data-party')!))) {
        await w.page.click(`fieldset[data-party="${party}"] label[data-reaction]`);
      }
      await w.page.click('[data-action="submit-prediction"]');
      await w.page.waitForSelector('[data-phase="outcome"]');
    }
    expect(await w.page.getAttribute('#stage', 'data-loop')).toBe('awake');
    const outcome = await w.page.textContent('.outcome');
    const after = await w.page.textContent('.meters');
    await w.page.reload();
    await w.page.click('[data-action="resume"]');
    await w.page.waitForSelector('[data-phase="outcome"]');
    expect(await w.page.textContent('.outcome')).toBe(outcome);
    expect(await w.page.textContent('.meters')).toBe(after);
    await stageDrawn(w.page);

    // And the resumed run plays on to an ending.
    await playOn(w.page, 'mouse', content, TUTORIAL, () => true, (ids) => ids[0]!);
    expect(await w.page.getAttribute('[data-ending]', 'data-ending')).toBeTruthy();
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});
