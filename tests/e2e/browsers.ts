// Browsers beyond Chromium for the smoke test (browsers.test.ts): Debian's Firefox ESR driven by
// puppeteer-core over WebDriver BiDi, and Debian's WebKitGTK (MiniBrowser through WebKitWebDriver)
// driven by selenium-webdriver over classic WebDriver, on an Xvfb display started here. Each gives
// the player's Driver, screenshots and the errors the page met.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type KeyInput } from 'puppeteer-core';
import { Builder, By, Key, type WebDriver } from 'selenium-webdriver';
import type { Driver } from './player';

export interface SmokeBrowser {
  /** Engine and version as the browser reports them, e.g. "firefox/153.8.0" or "WebKitGTK 2.50.6". */
  version: string;
  driver: Driver;
  goto(url: string): Promise<void>;
  /** Writes a PNG of the viewport. */
  screenshot(path: string): Promise<void>;
  /** Every error the page met so far: uncaught, console.error, failed loads, CSP violations. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

export const VIEWPORT = { width: 1366, height: 768 };

/**
 * Loaded first in the page (serveDist's headScript): keeps every error in window.__envoyErrors,
 * since classic WebDriver (WebKit) has no console events. Plain ES2017, runs before the game.
 */
export const ERROR_WATCH = `(() => {
  const errors = (window.__envoyErrors = []);
  const text = (v) => {
    if (v instanceof Error) return String(v.stack || v);
    try { return typeof v === 'string' ? v : JSON.stringify(v); } catch (e) { return String(v); }
  };
  const error = console.error.bind(console);
  console.error = (...args) => { errors.push('console.error: ' + args.map(text).join(' ')); error(...args); };
  window.addEventListener('error', (e) => {
    const el = e.target;
    if (el && el !== window && el.tagName) errors.push('failed to load: ' + el.tagName + ' ' + (el.src || el.href || ''));
    else errors.push('uncaught: ' + e.message + ' (' + e.filename + ':' + e.lineno + ')' + (e.error ? ' ' + text(e.error) : ''));
  }, true);
  window.addEventListener('unhandledrejection', (e) => errors.push('unhandled rejection: ' + text(e.reason)));
  document.addEventListener('securitypolicyviolation', (e) => errors.push('CSP: ' + e.violatedDirective + ' blocked ' + e.blockedURI));
})();`;

const WATCHED = `window.__envoyErrors ? window.__envoyErrors.slice() : ['the error watcher did not run']`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- Firefox ------------------------------------------------------------------------------------

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export async function launchFirefox(): Promise<SmokeBrowser> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`No Firefox at ${FIREFOX_PATH}: apt-get install firefox-esr (or set FIREFOX_PATH).`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    protocol: 'webDriverBiDi',
    headless: true,
    // Without a sound card Firefox's audio context never starts; its mock output device (the one
    // Firefox's own tests use) lets the game's sound run as on a school laptop.
    extraPrefsFirefox: { 'media.cubeb.force_mock_context': true },
  });
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  const heard: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') heard.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => heard.push(`pageerror: ${String(error)}`));
  const driver: Driver = {
    click: (selector) => page.click(selector),
    press: (key) => page.keyboard.press(key as KeyInput),
    select: async (selector, value) => {
      await page.select(selector, value);
    },
    // puppeteer types its argument through its own handles; a Driver's stays plain.
    evaluate: <A, R>(fn: (arg: A) => R, arg: A) => page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>,
    waitFor: async <A>(fn: (arg: A) => unknown, arg: A, timeout: number) => {
      await page.waitForFunction(fn as (arg: unknown) => unknown, { timeout }, arg);
    },
  };
  return {
    version: await browser.version(),
    driver,
    goto: async (url) => {
      await page.goto(url);
    },
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png` });
    },
    errors: async () => [...heard, ...((await page.evaluate(WATCHED)) as string[])],
    close: () => browser.close(),
  };
}

// --- WebKit -------------------------------------------------------------------------------------

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
/** Debian's WebKitGTK browser for automation, in the architecture's library folder. */
export const MINIBROWSER =
  process.env.WEBKIT_BROWSER ?? (readdirSync('/usr/lib').map((dir) => join('/usr/lib', dir, 'webkit2gtk-4.1', 'MiniBrowser')).find((path) => existsSync(path)) || '');

/** A free TCP port on 127.0.0.1 (for WebKitWebDriver, which cannot pick its own). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a display number it chooses itself (-displayfd), so parallel runs never collide. */
function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let said = '';
    let stderr = '';
    xvfb.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    xvfb.once('error', (error) => reject(new Error(`Xvfb could not start (${error.message}): apt-get install xvfb`)));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('\n')) resolve({ display: `:${said.trim()}`, process: xvfb });
    });
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(3000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

const KEYS: Record<string, string> = { Tab: Key.TAB, Enter: Key.ENTER, ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, Escape: Key.ESCAPE };

/** A Driver over classic WebDriver: every call is one or two HTTP round trips to WebKitWebDriver. */
function seleniumDriver(web: WebDriver): Driver {
  // The function goes as source; an undefined argument is left out (WebDriver would send null).
  const run = <R>(fn: (arg: never) => R, arg: unknown): Promise<R> =>
    arg === undefined ? web.executeScript<R>(`return (${fn.toString()})()`) : web.executeScript<R>(`return (${fn.toString()})(arguments[0])`, arg);
  return {
    click: async (selector) => {
      await web.findElement(By.css(selector)).click();
    },
    press: async (key) => {
      await web.actions().sendKeys(KEYS[key] ?? key).perform();
    },
    select: async (selector, value) => {
      await web.findElement(By.css(`${selector} option[value="${value}"]`)).click();
    },
    evaluate: (fn, arg) => run(fn, arg),
    waitFor: async (fn, arg, timeout) => {
      const until = Date.now() + timeout;
      while (!(await run(fn, arg))) {
        if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${fn.toString().slice(0, 200)}`);
        await sleep(30);
      }
    },
  };
}

export async function launchWebKit(): Promise<SmokeBrowser> {
  if (!existsSync(WEBKIT_DRIVER) || !MINIBROWSER) throw new Error('No WebKitGTK driver: apt-get install webkit2gtk-driver (or set WEBKIT_DRIVER and WEBKIT_BROWSER).');
  const xvfb = await startXvfb();
  let service: ChildProcess | undefined;
  // A test run that ends without close() (a worker stopped on a timeout) leaves no X server or
  // driver behind; the browser goes with its display.
  const orphans = () => {
    service?.kill('SIGKILL');
    xvfb.process.kill('SIGKILL');
  };
  process.once('exit', orphans);
  try {
    const port = await freePort();
    let log = '';
    service = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DISPLAY: xvfb.display } });
    // The driver and the browser's audio stack are chatty (no sound card here): keep only the tail for errors.
    for (const stream of [service.stdout!, service.stderr!]) stream.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    const server = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries++) {
      const ready = await fetch(`${server}/status`).then((r) => r.ok, () => false);
      if (ready) break;
      if (tries > 100) throw new Error(`WebKitWebDriver did not answer on ${server}: ${log}`);
      await sleep(100);
    }
    const web = await new Builder()
      .usingServer(server)
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    // The window's size includes its frame: grow it by the difference so the page gets VIEWPORT.
    await web.manage().window().setRect({ x: 0, y: 0, ...VIEWPORT });
    const [innerWidth, innerHeight] = await web.executeScript<[number, number]>('return [innerWidth, innerHeight]');
    await web.manage().window().setRect({ x: 0, y: 0, width: 2 * VIEWPORT.width - innerWidth, height: 2 * VIEWPORT.height - innerHeight });
    const caps = await web.getCapabilities();
    const running = service;
    return {
      version: `WebKitGTK ${String(caps.get('browserVersion'))}`,
      driver: seleniumDriver(web),
      goto: (url) => web.get(url),
      screenshot: async (path) => writeFileSync(path, Buffer.from(await web.takeScreenshot(), 'base64')),
      errors: () => web.executeScript<string[]>(`return ${WATCHED}`),
      close: async () => {
        await web.quit().catch(() => {});
        await stop(running);
        await stop(xvfb.process);
        process.off('exit', orphans);
      },
    };
  } catch (error) {
    await stop(service);
    await stop(xvfb.process);
    process.off('exit', orphans);
    throw error;
  }
}
