// The Phaser stage's lifecycle in real Chromium: resizing, leaving a scene, the device pixel ratio
// and a lost WebGL context.
//
// Test hook: with `stage-probe` in the address (and only then), scenes/stage/phaserStage.ts puts
// `{ game, live }` on `window.envoyStage`: the Phaser game, and `live()`, the number of
// subscriptions the scenes hold at that moment (scenes/stage/sceneRun.ts). The tests read listener
// counts through it; nothing in the game reads it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/en.json';
import { realContent } from '../unit/helpers';
import { cspViolations, openPage, shot, useSite } from './harness';
import { playOn, playScenario } from './player';

const content = realContent();
const SCENARIO = content.scenarios[content.scenarioOrder.find((id) => id !== content.tutorialId)!]!;
const site = useSite();
const PROBE = '?stage-probe';

/** The scene that draws each kind of screen (what the stage must be running there, and only it). */
const SCENE_FOR: Record<string, string> = { title: 'TitleScene', select: 'SelectScene', briefing: 'BriefingScene', opening: 'NegotiationScene', debrief: 'DebriefScene' };

interface Counts {
  active: string[];
  scaleResize: number;
  gameEvents: Record<string, number>;
  sceneEvents: Record<string, number>;
  live: number;
}

/** Listener counts on every emitter the scenes could subscribe to, and the scenes running. */
function counts(page: Page): Promise<Counts> {
  return page.evaluate(() => {
    type Emitter = { eventNames(): Array<string | symbol>; listenerCount(e: string | symbol): number };
    type Scene = { sys: { settings: { key: string }; events: Emitter } };
    const probe = (window as unknown as { envoyStage: { game: { scale: Emitter; events: Emitter; scene: { getScenes(active: boolean): Scene[] } }; live?: () => number } }).envoyStage;
    const { game } = probe;
    const all = (e: Emitter) => Object.fromEntries(e.eventNames().map((n) => [String(n), e.listenerCount(n)]));
    const total = (e: Emitter) => e.eventNames().reduce((sum, n) => sum + e.listenerCount(n), 0);
    return {
      active: game.scene.getScenes(true).map((s) => s.sys.settings.key),
      scaleResize: game.scale.listenerCount('resize'),
      gameEvents: all(game.events),
      sceneEvents: Object.fromEntries(game.scene.getScenes(false).map((s) => [s.sys.settings.key, total(s.sys.events)])),
      live: probe.live?.() ?? 0,
    };
  });
}

/** Waits for the page to have drawn two frames (a resize's work is done by then). */
const twoFrames = (page: Page) => page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));

const stageRunning = (page: Page, scene: string) =>
  page.waitForFunction((key) => {
    const probe = (window as unknown as { envoyStage?: { game: { scene: { isActive(k: string): boolean; getScene(k: string): { children: { list: unknown[] } } } } } }).envoyStage;
    return probe?.game.scene.isActive(key) && probe.game.scene.getScene(key).children.list.length > 0;
  }, scene, { timeout: 30_000 });

/** Like dragging a window's edge: 20 resizes, 1020 → 944 px wide in 4 px steps, 30 ms apart. Returns each one's time (ms) to its second frame. */
async function dragEdge(page: Page, height: number): Promise<number[]> {
  const times: number[] = [];
  for (let width = 1020; width >= 944; width -= 4) {
    const start = performance.now();
    await page.setViewportSize({ width, height });
    await twoFrames(page);
    times.push(performance.now() - start);
    await page.waitForTimeout(30);
  }
  return times;
}

/** One screenshot pixel (CSS px) as [r, g, b], decoded by the browser (no image library needed). */
async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(1, 1);
    const g = canvas.getContext('2d')!;
    g.drawImage(image, 0, 0);
    return [...g.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, png.toString('base64'));
}

const near = (a: number[], b: number[], tolerance = 6) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

describe('resizing the stage', () => {
  it('costs the same the 20th time as the first on every stage screen: no listener piles up, only the current screen redraws', async () => {
    const height = 700;
    const w = await openPage(site.browser, site.origin, { viewport: { width: 1024, height } });
    await w.page.goto(site.url + PROBE);
    await w.page.waitForSelector('[data-action="play"]');
    const seen = new Set<string>();
    const report: string[] = [];
    const dragOn = async (screen: string) => {
      const scene = SCENE_FOR[screen];
      if (!scene || seen.has(screen)) return;
      seen.add(screen);
      await w.page.setViewportSize({ width: 1024, height });
      await stageRunning(w.page, scene);
      await twoFrames(w.page);
      const before = await counts(w.page);
      const times = await dragEdge(w.page, height);
      const after = await counts(w.page);
      expect(times).toHaveLength(20);
      report.push(`${screen}: resize listeners ${before.scaleResize} → ${after.scaleResize}, scene subscriptions ${before.live} → ${after.live}, 1st resize ${times[0]!.toFixed(0)} ms, 20th ${times.at(-1)!.toFixed(0)} ms`);
      expect(after, screen).toEqual(before);
      expect(after.active, screen).toEqual([scene]);
    };
    await playScenario(w.page, 'mouse', content, SCENARIO, () => true, (ids) => ids[0]!, dragOn);
    console.log(report.join('\n'));
    expect([...seen].sort()).toEqual(Object.keys(SCENE_FOR).sort());
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

describe('leaving a scene', () => {
  /** Plays to the table, acts, and checks that the stage went back to the title without an error. */
  async function leave(start: (page: Page) => Promise<void>, act: (page: Page) => Promise<void>) {
    const w = await openPage(site.browser, site.origin);
    await w.page.goto(site.url + PROBE);
    await w.page.waitForSelector('[data-action="play"]');
    await start(w.page);
    await stageRunning(w.page, 'NegotiationScene');
    await act(w.page);
    await w.page.waitForSelector('#ui[data-screen="title"]');
    await stageRunning(w.page, 'TitleScene');
    await twoFrames(w.page);
    expect((await counts(w.page)).active).toEqual(['TitleScene']);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  }
  const toTable = async (page: Page) => {
    await page.click('[data-action="play"]');
    await page.click(`[data-scenario="${SCENARIO.id}"] [data-action="choose"]`);
    await page.click('[data-action="begin"]');
  };
  const toPractice = async (page: Page) => {
    await page.click('[data-action="tutorial"]');
    await page.click('[data-action="begin"]');
  };

  it('"Leave the talks" once the table is drawn raises no error', () => leave(toTable, (page) => page.click('[data-action="leave"]')));

  it('"Skip the practice" inside the practice meeting raises no error', () => leave(toPractice, (page) => page.click('[data-action="skip-tutorial"]')));

  it('"Leave the talks" while the meters animate after a move raises no error', () =>
    leave(toTable, async (page) => {
      const stop = new Error('at the moves');
      await playOn(page, 'mouse', content, SCENARIO, () => true, () => {
        throw stop;
      }).catch((e) => {
        if (e !== stop) throw e;
      });
      const move = await page.$eval('[data-move]:not([aria-disabled="true"])', (el) => el.getAttribute('data-move')!);
      await page.click(`[data-move="${move}"]`);
      await page.click('[data-action="leave"]');
    }));
});

describe('device pixel ratio', () => {
  /** Canvas pixels against its CSS size, and the resolution of every text the stage drew. */
  const sharpness = (page: Page) =>
    page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('#stage canvas')!;
      const box = canvas.getBoundingClientRect();
      const stage = document.getElementById('stage')!.getBoundingClientRect();
      type Obj = { type: string; style?: { resolution: number } };
      const game = (window as unknown as { envoyStage: { game: { scene: { getScenes(a: boolean): Array<{ children: { list: Obj[] } }> } } } }).envoyStage.game;
      const texts = game.scene.getScenes(true).flatMap((s) => s.children.list).filter((o) => o.type === 'Text');
      return {
        ratio: devicePixelRatio,
        width: canvas.width,
        height: canvas.height,
        cssWidth: box.width,
        cssHeight: box.height,
        fillsStage: Math.abs(box.width - stage.width) <= 1 && Math.abs(box.height - stage.height) <= 1,
        textResolutions: [...new Set(texts.map((t) => t.style!.resolution))],
      };
    });

  const followsRatio = async (page: Page, ratio: number) => {
    await page.waitForFunction((r) => {
      const c = document.querySelector<HTMLCanvasElement>('#stage canvas')!;
      return devicePixelRatio === r && Math.abs(c.width - c.getBoundingClientRect().width * r) <= r;
    }, ratio, { timeout: 10_000 }).catch(() => undefined);
    await twoFrames(page);
    const s = await sharpness(page);
    expect(s.ratio).toBe(ratio);
    expect(Math.abs(s.width - s.cssWidth * ratio)).toBeLessThanOrEqual(ratio);
    expect(Math.abs(s.height - s.cssHeight * ratio)).toBeLessThanOrEqual(ratio);
    expect(s.fillsStage).toBe(true);
    expect(s.textResolutions).toEqual([ratio]);
  };

  it('renders at CSS size × devicePixelRatio, text included, and follows a change of the ratio', async () => {
    const viewport = { width: 1366, height: 768 };
    const w = await openPage(site.browser, site.origin, { viewport, deviceScaleFactor: 2 });
    await w.page.goto(site.url + PROBE);
    await w.page.click('[data-action="play"]');
    await stageRunning(w.page, 'SelectScene');
    await followsRatio(w.page, 2);
    await shot(w.page, 'stage-dpr2-select');

    // The window moves to a screen with another ratio: only the ratio changes. Chromium's emulation
    // does not re-evaluate media queries by itself (a real screen change does), so the test asks it to.
    const cdp = await w.context.newCDPSession(w.page);
    const ratioChange = async (deviceScaleFactor: number, size = viewport) => {
      await cdp.send('Emulation.setDeviceMetricsOverride', { ...size, deviceScaleFactor, mobile: false });
      await cdp.send('Emulation.setEmulatedMedia', { media: 'screen' });
      await cdp.send('Emulation.setEmulatedMedia', { media: '' });
    };
    await ratioChange(1);
    await followsRatio(w.page, 1);
    await shot(w.page, 'stage-dpr1-select');
    // The browser's zoom (150 %): the ratio and the CSS size change together.
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: Math.round(viewport.width / 1.5), height: Math.round(viewport.height / 1.5), deviceScaleFactor: 1.5, mobile: false });
    await followsRatio(w.page, 1.5);
    await ratioChange(3);
    await followsRatio(w.page, 3);
    // The canvas is sized through CSSOM, which the page's style-src allows (no style attribute).
    expect(await cspViolations(w.page)).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

describe('a lost WebGL context', () => {
  it('shows the stage background while lost, says so if it stays lost, and draws again when restored', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.goto(site.url + PROBE);
    await stageRunning(w.page, 'TitleScene');
    await w.page.waitForSelector('#stage[data-loop="asleep"]', { state: 'attached', timeout: 30_000 });
    const box = (await w.page.locator('#stage').boundingBox())!;
    const centre = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
    const background = rgb('#1d2d50');
    const table = await pixel(w.page, centre.x, centre.y);
    expect(near(table, background), 'the title table is drawn at the centre').toBe(false);

    await w.page.evaluate(() => {
      const gl = document.querySelector<HTMLCanvasElement>('#stage canvas')!.getContext('webgl')!;
      (window as unknown as { lose: WEBGL_lose_context }).lose = gl.getExtension('WEBGL_lose_context')!;
      (window as unknown as { lose: WEBGL_lose_context }).lose.loseContext();
    });
    await w.page.waitForTimeout(300);
    expect(await pixel(w.page, centre.x, centre.y), 'while lost the stage shows its background').toSatisfy((p: number[]) => near(p, background));
    await shot(w.page, 'stage-context-lost');
    await w.page.waitForFunction((text) => document.querySelector('.notice')?.textContent?.includes(text), en['notice.stageLost'], { timeout: 15_000 });
    await shot(w.page, 'stage-context-lost-notice');

    await w.page.evaluate(() => (window as unknown as { lose: WEBGL_lose_context }).lose.restoreContext());
    await w.page.waitForFunction(() => !document.querySelector<HTMLCanvasElement>('#stage canvas')!.getContext('webgl')!.isContextLost());
    await w.page.waitForTimeout(500);
    await twoFrames(w.page);
    expect(await pixel(w.page, centre.x, centre.y), 'restored, the table is drawn again').toSatisfy((p: number[]) => near(p, table));
    await shot(w.page, 'stage-context-restored');
    // The notice about the table goes once the table is back.
    expect(await w.page.locator('.notice', { hasText: en['notice.stageLost'] }).count()).toBe(0);
    expect(await cspViolations(w.page)).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});
