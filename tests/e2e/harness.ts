// Browser test harness: serves the built site (dist/) on 127.0.0.1 under a sub-path, launches
// Debian's Chromium through playwright-core, and records console errors and any request that
// leaves the page's origin.
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');
/** The site is served under a sub-path, as a school's web server or an LMS would. */
export const BASE_PATH = '/envoy/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.webm': 'audio/webm',
  '.webmanifest': 'application/manifest+json',
};

/** Where serveDist serves `headScript`, next to index.html. */
const HEAD_SCRIPT = '__head.js';

/**
 * Serves `root` under BASE_PATH, and `pages` (absolute path → HTML) beside it: a page of another
 * site on the same server, such as one that frames the game. With `headScript`, index.html loads
 * that source (a same-origin classic script, so the page's CSP allows it) before anything else:
 * browsers.test.ts records errors with it where the driver cannot hear the console.
 */
export function serveDist(root = DIST, pages: Record<string, string> = {}, { headScript }: { headScript?: string } = {}): Promise<{ server: Server; origin: string; url: string }> {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`No build in ${root}: run "npm run build" first.`);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const page = pages[path];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html']! }).end(page);
      return;
    }
    if (!path.startsWith(BASE_PATH)) {
      res.writeHead(404).end();
      return;
    }
    if (headScript !== undefined && path === `${BASE_PATH}${HEAD_SCRIPT}`) {
      res.writeHead(200, { 'content-type': TYPES['.js']! }).end(headScript);
      return;
    }
    let file = normalize(join(root, path.slice(BASE_PATH.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    if (headScript !== undefined && file === join(root, 'index.html')) {
      res.end(readFileSync(file, 'utf8').replace('<head>', `<head><script src="./${HEAD_SCRIPT}"></script>`));
    } else res.end(readFileSync(file));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      const origin = `http://127.0.0.1:${port}`;
      ok({ server, origin, url: `${origin}${BASE_PATH}` });
    }),
  );
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS, ...extraArgs],
    headless: true,
  });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  foreignRequests: string[];
}

/**
 * The Content-Security-Policy violations the page has reported so far (every page openPage opens
 * records them from its first script on), one line each: directive, blocked URI, source:line.
 */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

/**
 * A fresh context and page that record console errors, requests to other origins and
 * Content-Security-Policy violations (cspViolations). Service
 * workers are blocked unless a test asks for them (offline.test.ts): otherwise every page would
 * precache the whole site, and the worker's cache would answer requests a test routes itself.
 */
export async function openPage(browser: Browser, origin: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block', ...options });
  await context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  return { page, context, consoleErrors, foreignRequests };
}

/** A fresh page (as openPage) on the served site's title menu, ready to play. */
/**
 * A fresh page on the title menu. `prefs`, when given, are the stored preferences the page starts
 * with (as the settings screen would have saved them, e.g. `{ highContrast: true }`).
 */
export async function openTitle(site: { browser: Browser; origin: string; url: string }, prefs?: Record<string, unknown>): Promise<Watched> {
  const w = await openPage(site.browser, site.origin);
  if (prefs) await w.context.addInitScript((p) => localStorage.setItem('envoy.prefs', JSON.stringify(p)), prefs);
  await w.page.goto(site.url);
  await w.page.waitForSelector('[data-action="play"]');
  return w;
}

/**
 * Counts pointer input in the page from now on (pointerdown, mousedown, and clicks a real mouse
 * made: Enter on a button fires a synthetic click with detail 0). Returns a reader of the count,
 * for tests that must be played by keyboard alone.
 */
export async function countPointerEvents(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    (window as unknown as { pointerEvents: number }).pointerEvents = 0;
    for (const type of ['pointerdown', 'mousedown', 'click']) {
      document.addEventListener(type, (e) => {
        if (e.type !== 'click' || (e as MouseEvent).detail > 0) (window as unknown as { pointerEvents: number }).pointerEvents++;
      }, true);
    }
  });
  return () => page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents);
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * One served site and one browser for a test file: call at the top of a file, read the
 * fields inside tests (they are filled in beforeAll).
 */
export function useSite(extraArgs: string[] = []) {
  const site = {} as { browser: Browser; server: Server; origin: string; url: string };
  beforeAll(async () => {
    Object.assign(site, await serveDist());
    site.browser = await launch(extraArgs);
  });
  afterAll(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The WCAG 2.0–2.2 A/AA violations axe-core finds on the page, one line each. axe goes in through
 * DevTools evaluation, which the page's Content-Security-Policy does not block (a script tag would
 * be), so pages are checked with their real CSP in force.
 */
export async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  });
}

/**
 * A fresh temporary folder for the files a test downloads, made before its tests and removed after;
 * `use` receives its path.
 */
export function useTempDir(prefix: string, use: (path: string) => void): void {
  let dir = '';
  beforeAll(() => use((dir = mkdtempSync(join(tmpdir(), prefix)))));
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}
