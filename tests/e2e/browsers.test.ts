// Smoke test in the browsers schools use besides Chrome: Firefox ESR (puppeteer-core over WebDriver
// BiDi) and WebKit, Safari's engine (WebKitGTK through selenium-webdriver, on Xvfb). In each, the
// built site under its real CSP: the settings screen (a <select> drawn the same in every engine,
// screenshot to look at), then the shortest scenario played to the debrief by mouse, failing on any
// uncaught error, console error, failed load or CSP violation, on a sound file that does not play,
// and on sound that does not come back after the system suspends it.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/content/schema';
import { informed, newRun, playThrough, realContent } from '../unit/helpers';
import { ERROR_WATCH, launchFirefox, launchWebKit, type SmokeBrowser } from './browsers';
import { serveDist, SHOTS } from './harness';
import { playScenario } from './player';

const content = realContent();

/** The scenario on the timeline whose informed play (every answer right, the first move open) takes the fewest steps. */
function shortestScenario(): Scenario {
  const steps = (id: string) => {
    const ctx = playThrough(content, content.scenarios[id]!, newRun(content, id), informed).getSnapshot().context;
    return ctx.answers.length + ctx.moves.length;
  };
  const [shortest] = content.scenarioOrder.map((id) => ({ id, steps: steps(id) })).sort((a, b) => a.steps - b.steps);
  return content.scenarios[shortest!.id]!;
}

const SHORTEST = shortestScenario();
const ENGINES = [
  { name: 'firefox', launch: launchFirefox },
  { name: 'webkit', launch: launchWebKit },
];

for (const engine of ENGINES) {
  describe(`in ${engine.name}`, () => {
    let browser: SmokeBrowser | undefined;
    let site: { server: Server; url: string };
    beforeAll(async () => {
      site = await serveDist(undefined, {}, { headScript: ERROR_WATCH });
      browser = await engine.launch();
      console.info(`${engine.name}: ${browser.version}`);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      site?.server.close();
    });

    it(`shows the settings and plays the shortest scenario (${SHORTEST.id}) to the debrief with no error`, async () => {
      const b = browser!;
      const d = b.driver;
      mkdirSync(SHOTS, { recursive: true });
      await b.goto(site.url);
      await d.waitFor(() => document.querySelector('[data-action="play"]'), undefined, 30_000);

      await d.click('[data-action="settings"]');
      await d.waitFor(() => document.querySelector('select#text-size'), undefined, 10_000);
      // The stage's arrival animation done, so the screenshot shows what stays.
      await d.waitFor(() => document.getElementById('stage')?.dataset.loop === 'asleep', undefined, 15_000);
      await b.screenshot(join(SHOTS, `browsers-${engine.name}-settings.png`));
      // The select draws its own arrow: the engine's native look is off.
      expect(await d.evaluate(() => getComputedStyle(document.querySelector('select#text-size')!).appearance, undefined)).toBe('none');
      await d.click('[data-action="back"], .menu .primary');
      await d.waitFor(() => document.querySelector('[data-action="play"]'), undefined, 10_000);

      const played = await playScenario(d, 'mouse', content, SHORTEST, () => true, (ids) => ids[0]!);
      expect(played.screens[played.screens.length - 1]).toBe('debrief');
      expect(await d.evaluate(() => document.querySelector('[data-ending]')?.getAttribute('data-ending'), undefined)).toBeTruthy();
      await b.screenshot(join(SHOTS, `browsers-${engine.name}-debrief.png`));
      // Every sound file loaded and decoded in this engine, and the closing music plays.
      const closing = () => document.documentElement.dataset.audio === 'playing' && document.documentElement.dataset.music === 'resolve';
      await d.waitFor(closing, undefined, 10_000).catch(() => {});
      const audio = await d.evaluate(() => ({ ...document.documentElement.dataset }), undefined);
      expect({ status: audio.audio, music: audio.music, failed: audio.audioFailed }).toEqual({ status: 'playing', music: 'resolve', failed: undefined });

      // Sound that the system suspends comes back on the next click here too (WebKit is Safari's engine).
      await d.evaluate(() => (window as unknown as { Howler: { ctx: AudioContext } }).Howler.ctx.suspend(), undefined);
      await d.waitFor(() => document.documentElement.dataset.audio === 'suspended', undefined, 5_000);
      await d.click('#screen-heading');
      await d.waitFor(() => document.documentElement.dataset.audio === 'playing', undefined, 5_000);
      expect(await b.errors()).toEqual([]);
    });
  });
}
