// The page shell in real Chromium against the built site: what the page says before (and without)
// its script, inside a sandboxed frame where the game cannot start, installability as a web app,
// and the Content-Security-Policy with no inline style on any screen or page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../src/i18n/en.json';
import { realContent } from '../unit/helpers';
import { BASE_PATH, CHROMIUM_FLAGS, cspViolations, DIST, launch, openPage, serveDist, shot } from './harness';
import { playScenario } from './player';

const content = realContent();
const FRAME_HOST = '/frame-host.html';
const site = {} as Awaited<ReturnType<typeof serveDist>> & { browser: Awaited<ReturnType<typeof launch>> };
beforeAll(async () => {
  // Another page of the same server frames the game in a sandbox without allow-same-origin, as
  // some sites and learning platforms do: the frame's origin is opaque.
  const host = `<!doctype html><html lang="en"><head><title>Host</title></head><body>
    <iframe sandbox="allow-scripts" src="${BASE_PATH}?class=demo" title="Envoy" width="900" height="600"></iframe></body></html>`;
  Object.assign(site, await serveDist(DIST, { [FRAME_HOST]: host }));
  site.browser = await launch();
});
afterAll(async () => {
  await site.browser?.close();
  site.server?.close();
});

/** Records, from the first frame on, whether the cannot-start message or the title's heading was ever drawn visible. */
async function watchShell(page: Page) {
  await page.addInitScript(() => {
    const seen = { message: false, heading: false };
    (window as unknown as { shellSeen: typeof seen }).shellSeen = seen;
    const visible = (el: Element | null) => !!el && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const tick = () => {
      seen.message ||= visible(document.querySelector('.cannot-start'));
      seen.heading ||= visible(document.querySelector('#ui h1'));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () => page.evaluate(() => (window as unknown as { shellSeen: { message: boolean; heading: boolean } }).shellSeen);
}

/** Words of the title screen a first-time player sees (the rest is compared with the live screen below). */
const titleTexts = () => [en['app.name'], en['app.tagline'], ...(content.tutorialId ? [en['title.tutorial']] : []), en['title.play'], en['title.history'], en['title.settings']];
const titleText = (page: Page) => page.evaluate(() => document.querySelector('#ui .title-panel')!.textContent);

describe('before and without the script', () => {
  it('the built page already holds the title screen in its main landmark', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const main = /<main\b[^>]*\bid="ui"[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1];
    expect(main, 'a <main id="ui"> in dist/index.html').toBeTruthy();
    const text = main!.replace(/<[^>]+>/g, '\n').split('\n').map((s) => s.trim()).filter(Boolean);
    for (const expected of titleTexts()) expect(text).toContain(expected);
    // Inert copies: the script's own buttons are the ones a test (or a player) can use.
    expect(main).not.toMatch(/data-action=/);
  });

  it('draws the title before the script runs, and the script takes it over without ever showing the cannot-start message', async () => {
    const w = await openPage(site.browser, site.origin);
    const seen = await watchShell(w.page);
    // A slow network or machine: the game's script arrives long after the page is drawn.
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    await w.page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // Not 'domcontentloaded': that waits for module scripts.
    await w.page.goto(site.url, { waitUntil: 'commit' });
    await w.page.waitForFunction(() => (window as unknown as { shellSeen: { heading: boolean } }).shellSeen.heading);
    // Longer than any delay the message could be revealed after.
    await w.page.waitForTimeout(6000);
    await shot(w.page, 'shell-title-before-script');
    expect(await w.page.textContent('#ui h1')).toBe(en['app.name']);
    expect(await w.page.$('[data-action="play"]')).toBeNull();
    const before = await titleText(w.page);
    const box = await w.page.locator('#ui .title-panel').boundingBox();
    release();
    await w.page.waitForSelector('[data-action="play"]');
    // The script's title says the same, in the same place.
    expect(await titleText(w.page)).toBe(before);
    expect(await w.page.locator('#ui .title-panel').boundingBox()).toEqual(box);
    await shot(w.page, 'shell-title-after-script');
    expect(await w.page.$('.cannot-start')).toBeNull();
    expect((await seen()).message).toBe(false);
    expect(await w.page.locator('main').count()).toBe(1);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('with the service worker answering, the message is never shown either', async () => {
    const own = await serveDist();
    try {
      const w = await openPage(site.browser, own.origin, { serviceWorkers: 'allow' });
      await w.page.goto(own.url);
      await w.page.waitForSelector('html[data-offline="ready"]', { state: 'attached', timeout: 30_000 });
      const seen = await watchShell(w.page);
      await w.page.reload();
      await w.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await w.page.waitForSelector('[data-action="play"]');
      expect((await seen()).message).toBe(false);
      await w.context.close();
    } finally {
      own.server.close();
    }
  });
});

describe('in a sandboxed frame without allow-same-origin', () => {
  it('says the game cannot start here, without script, with a link that opens it in its own tab', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.goto(`${site.origin}${FRAME_HOST}`);
    const frame = w.page.frameLocator('iframe');
    await frame.locator('.cannot-start').waitFor({ state: 'visible', timeout: 6000 });
    await shot(w.page, 'shell-sandboxed-frame');
    const message = frame.locator('.cannot-start');
    expect(await message.textContent()).toContain(en['shell.cannotStart']);
    const link = message.locator('a');
    expect(await link.textContent()).toBe(en['shell.openInTab']);
    expect(await link.getAttribute('target')).toBe('_blank');
    // The page's own address, its query (a class link) included.
    expect(await link.evaluate((a: HTMLAnchorElement) => a.href)).toBe(`${site.url}?class=demo`);
    // The premise: the game's script really did not start in there.
    expect(await frame.locator('[data-action="play"]').count()).toBe(0);
    await w.context.close();
  });
});

describe('installable web app', () => {
  it('has a manifest Chromium accepts for installing, with its icons, and the worker keeps them offline', async () => {
    const own = await serveDist();
    // A profile on disk: Chromium never offers to install from an incognito context (newContext's).
    const profile = mkdtempSync(join(tmpdir(), 'envoy-profile-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true });
    try {
      const page = await context.newPage();
      await page.goto(own.url);
      await page.waitForSelector('[data-action="play"]');
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.errors).toEqual([]);
      expect(manifest.url).toBe(`${own.url}manifest.webmanifest`);
      const parsed = JSON.parse(manifest.data!) as { name: string; short_name: string; theme_color: string; icons: Array<{ src: string; sizes: string; purpose?: string }> };
      expect(parsed.name).toContain(en['app.name']);
      expect(await page.getAttribute('meta[name="theme-color"]', 'content')).toBe(parsed.theme_color);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      // Every icon the manifest and the page name is a PNG of the size it claims.
      const iconUrls = [
        ...parsed.icons.map((i) => ({ url: new URL(i.src, manifest.url).href, sizes: i.sizes })),
        ...(await page.$$eval('link[rel~="icon"], link[rel="apple-touch-icon"]', (ls) => ls.map((l) => ({ url: (l as HTMLLinkElement).href, sizes: l.getAttribute('sizes') ?? '' })))),
      ];
      expect(parsed.icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
      expect(iconUrls.length).toBeGreaterThanOrEqual(parsed.icons.length + 2);
      for (const icon of iconUrls) {
        const res = await page.request.get(icon.url);
        expect(res.status(), icon.url).toBe(200);
        const body = await res.body();
        if (icon.url.endsWith('.svg')) continue;
        expect(body.subarray(1, 4).toString(), icon.url).toBe('PNG');
        const size = `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`;
        if (icon.sizes) expect(size, icon.url).toBe(icon.sizes);
      }
      // Offline, the worker answers for the manifest and every icon.
      await page.waitForSelector('html[data-offline="ready"]', { state: 'attached', timeout: 30_000 });
      await context.setOffline(true);
      const statuses = await page.evaluate(
        (urls) => Promise.all(urls.map((u) => fetch(u).then((r) => r.status, () => 0))),
        [manifest.url, ...iconUrls.map((i) => i.url)],
      );
      expect(statuses.every((s) => s === 200), String(statuses)).toBe(true);
    } finally {
      await context.close();
      own.server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

describe('security policy without inline style', () => {
  const styleSrc = (csp: string) => /(?:^|;)\s*style-src ([^;]*)/.exec(csp)?.[1]?.trim();

  it("allows styles from the site only ('unsafe-inline' nowhere), and every screen and teacher page shows its colours with no violation", async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.goto(site.url);
    await w.page.waitForSelector('[data-action="play"]');
    const csp = (await w.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'))!;
    expect(styleSrc(csp)).toBe("'self'");
    expect(csp).not.toMatch(/unsafe-inline/);
    // Every party swatch on every screen has its party's colour (a blocked style attribute leaves it bare).
    const bare: string[] = [];
    let swatches = 0;
    const colours = Object.fromEntries(Object.values(content.parties).map((p) => [p.id, p.colour]));
    const scenario = content.scenarios[content.scenarioOrder.find((id) => id !== content.tutorialId)!]!;
    await playScenario(w.page, 'mouse', content, scenario, (i) => i % 3 !== 1, (ids) => ids[0]!, async (name) => {
      const found = await w.page.$$eval('#ui .swatch', (els) =>
        els.map((el) => ({ party: el.closest('[data-party]')?.getAttribute('data-party') ?? '', colour: getComputedStyle(el).backgroundColor })),
      );
      swatches += found.length;
      for (const s of found) {
        const want = colours[s.party];
        const rgb = want ? `rgb(${[1, 3, 5].map((i) => Number.parseInt(want.slice(i, i + 2), 16)).join(', ')})` : null;
        if (s.colour === 'rgba(0, 0, 0, 0)' || (rgb && s.colour !== rgb)) bare.push(`${name}: ${s.party} ${s.colour} (want ${rgb})`);
      }
    });
    expect(swatches).toBeGreaterThan(0);
    expect(bare).toEqual([]);
    expect(await cspViolations(w.page)).toEqual([]);
    for (const teacher of ['setup', 'dashboard']) {
      await w.page.goto(`${site.url}?teacher=${teacher}`);
      await w.page.waitForSelector('.teacher-page #screen-heading');
      expect(await cspViolations(w.page), teacher).toEqual([]);
    }
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});
