// Offline play in real Chromium: after one visit the service worker (sw.js, written by the build)
// has every file of the game, so it plays with the network gone, sounds, fonts and lazy chunks
// included. A new version waits for the next visit and never reloads a run in progress. Inside an
// LMS frame that refuses the worker, the game says so only to console.info and plays online.
// Each test serves its own copy of dist/ (on its own port, so its own origin and worker).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { realContent } from '../unit/helpers';
import { DIST, launch, openPage, serveDist, shot } from './harness';
import { answerChoiceRight, toFirstQuestion } from './player';
import { sliceScenario } from './scenarioPicks';

const content = realContent();
const SLICE = sliceScenario(content);

let browser: Browser;
const cleanups: Array<() => void> = [];
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A private copy of the build, served on its own port: tests may rewrite or cut it off. */
async function ownSite() {
  const root = mkdtempSync(join(tmpdir(), 'envoy-offline-'));
  cpSync(DIST, root, { recursive: true });
  const site = await serveDist(root);
  let open = true;
  const stop = () => {
    if (!open) return;
    open = false;
    site.server.closeAllConnections();
    site.server.close();
  };
  cleanups.push(() => {
    stop();
    rmSync(root, { recursive: true, force: true });
  });
  return { ...site, root, stop } as { server: Server; origin: string; url: string; root: string; stop: () => void };
}

/** Waits until the service worker has precached the build and controls the page. */
async function offlineReady(page: Page) {
  await page.waitForSelector('html[data-offline="ready"]', { state: 'attached', timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
}

describe('offline', () => {
  it('plays a question after one visit with the network gone: sounds, fonts, stage and teacher page from the cache', async () => {
    const site = await ownSite();
    const w = await openPage(browser, site.origin, { serviceWorkers: 'allow' });
    await w.page.goto(site.url);
    await w.page.waitForSelector('[data-action="play"]');
    await offlineReady(w.page);

    // The network is gone: the browser is offline and the server is shut.
    await w.context.setOffline(true);
    site.stop();
    const notFromWorker: string[] = [];
    const failed: string[] = [];
    w.page.on('response', (r) => {
      if (r.url().startsWith(site.origin) && !r.fromServiceWorker()) notFromWorker.push(r.url());
    });
    // A request cancelled by the test's own navigation (ERR_ABORTED: e.g. the sound library still
    // loading in the background at the reload) is not one the cache failed to answer.
    w.page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.url()} ${r.failure()?.errorText}`);
    });

    await w.page.reload();
    const id = await toFirstQuestion(w.page);
    await answerChoiceRight(w.page, SLICE, id);
    await w.page.waitForFunction(() => document.getElementById('stage')!.dataset.renderer, null, { timeout: 30_000 });
    // The sounds came from the cache and decoded (the clicks above unlocked audio).
    await w.page.waitForSelector('html[data-audio="playing"]', { timeout: 10_000 });
    expect(await w.page.getAttribute('html', 'data-audio-failed')).toBeNull();
    // The bundled font is the one in use.
    const fonts = await w.page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
    });
    expect(fonts).toContain('Atkinson Hyperlegible');
    await shot(w.page, 'offline-feedback');

    // A lazy chunk nobody loaded online (the teacher page) comes from the cache too.
    await w.page.goto(`${site.url}?teacher=setup`);
    await w.page.waitForSelector('body.teacher-page #screen-heading');

    expect(failed).toEqual([]);
    expect(notFromWorker).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });

  it('installs a new version in the background and uses it from the next visit, never reloading a run in progress', async () => {
    const site = await ownSite();
    const w = await openPage(browser, site.origin, { serviceWorkers: 'allow' });
    await w.page.goto(site.url);
    await offlineReady(w.page);
    const first = await toFirstQuestion(w.page);
    await answerChoiceRight(w.page, SLICE, first);
    await w.page.click('[data-action="continue"]');
    const second = (await w.page.getAttribute('[data-question]', 'data-question'))!;
    expect(second).not.toBe(first);

    // A new version is deployed: another index.html and another sw.js (every hashed asset the same).
    const fetched: string[] = [];
    site.server.on('request', (req) => fetched.push(req.url ?? ''));
    const index = join(site.root, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</head>', '  <meta name="envoy-build" content="2" />\n  </head>'));
    const sw = join(site.root, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = "([^"]+)"/, 'const VERSION = "$1-2"'));

    // The page finds it and lets it wait; nothing reloads, the question stays on screen.
    await w.page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
      return navigator.serviceWorker.getRegistration().then((r) => r?.update());
    });
    await w.page.waitForSelector('html[data-offline="update-waiting"]', { state: 'attached', timeout: 30_000 });
    await w.page.waitForTimeout(500);
    expect(await w.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await w.page.getAttribute('[data-question]', 'data-question')).toBe(second);
    // Only what changed was downloaded: the new index.html and sw.js, no asset again.
    expect(fetched.filter((u) => u.includes('/assets/'))).toEqual([]);
    expect(fetched.some((u) => u.endsWith('/index.html'))).toBe(true);

    // A reload in the middle of the run is still this version, and the run resumes.
    await w.page.reload();
    expect(await w.page.locator('meta[name="envoy-build"]').count()).toBe(0);
    await w.page.click('[data-action="resume"]');
    expect(await w.page.getAttribute('[data-question]', 'data-question')).toBe(second);

    // The next visit (every tab of the old version closed) gets the new version, and the run still resumes.
    // The browser activates the waiting version once the last tab has gone; a page of the same origin
    // outside the game's scope (so not one of its tabs) watches for that, as time passing would.
    await w.page.close();
    const next = await w.context.newPage();
    const watcher = `${site.origin}/watch.html`;
    await w.context.route(watcher, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>watch</title><link rel="icon" href="data:,">' }));
    await next.goto(watcher);
    await next.waitForFunction(
      async (scope) => {
        const r = await navigator.serviceWorker.getRegistration(scope);
        return !!r && !r.waiting && !r.installing && r.active?.state === 'activated';
      },
      site.url,
      { timeout: 15_000 },
    );
    const errors: string[] = [];
    next.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    next.on('pageerror', (e) => errors.push(String(e)));
    await next.goto(site.url);
    expect(await next.locator('meta[name="envoy-build"]').count()).toBe(1);
    await next.click('[data-action="resume"]');
    expect(await next.getAttribute('[data-question]', 'data-question')).toBe(second);
    await next.waitForSelector('html[data-offline="ready"]', { state: 'attached' });

    expect(w.consoleErrors).toEqual([]);
    expect(errors).toEqual([]);
    await w.context.close();
  });

  it('in an LMS frame that refuses the service worker, says so only to console.info and plays', async () => {
    const site = await ownSite();
    // The LMS serves the package without sw.js (or refuses it): registration fails.
    rmSync(join(site.root, 'sw.js'));
    writeFileSync(join(site.root, 'lms.html'), '<!doctype html><title>LMS</title><link rel="icon" href="data:,"><iframe id="sco" src="index.html" style="width:1200px;height:700px"></iframe>');
    const w = await openPage(browser, site.origin, { serviceWorkers: 'allow' });
    const infos: string[] = [];
    w.page.on('console', (m) => m.type() === 'info' && infos.push(m.text()));
    await w.page.goto(`${site.url}lms.html`);
    const frame = w.page.frameLocator('#sco');
    await frame.locator('html[data-offline="unavailable"]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(infos.some((m) => /offline play is not available/.test(m))).toBe(true);
    await frame.locator('[data-action="play"]').click();
    await frame.locator(`[data-scenario="${SLICE.id}"] [data-action="choose"]`).click();
    await frame.locator('[data-action="begin"]').click();
    await frame.locator('[data-action="continue"]').click();
    await frame.locator('[data-question]').waitFor();
    // Chromium itself reports the failed script fetch (the page caught the rejection; nothing of ours logs an error).
    expect(w.consoleErrors.filter((e) => e !== 'A bad HTTP response code (404) was received when fetching the script.')).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });
});
