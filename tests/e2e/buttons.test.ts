// Every button does what it says, in the real browser: a walk through every screen (title, first
// time and with a game to resume, settings, the practice and the richest scenario from dossier to
// debrief through every phase, the scenario list, past runs, a notice, watch and compare) presses
// every visible, enabled button of each screen. Each press happens on a second page brought to the
// same screen afresh (the same storage, reloaded, and the clicks that lead there), and must change
// what the page shows (or print); no press may log a console error, which is how the session
// reports an event that no state handles.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { realContent } from '../unit/helpers';
import { openPage, useSite, type Watched } from './harness';
import { playOn } from './player';
import { richestScenario } from './scenarioPicks';

const content = realContent();
const site = useSite();

const RICHEST = richestScenario(content);
const TUTORIAL = content.tutorialId ? content.scenarios[content.tutorialId]! : null;
/** The scenario with the fewest questions, played a second time so that two runs can be compared. */
const SHORT = content.scenarioOrder
  .map((id) => content.scenarios[id]!)
  .sort((a, b) => a.meetings.flatMap((m) => m.questions).length - b.meetings.flatMap((m) => m.questions).length)[0]!;

/** How to bring a fresh page to a screen: this storage, a reload, then these clicks in order. */
interface Route {
  name: string;
  storage: Record<string, string>;
  clicks: string[];
}

const BUTTONS = '#ui button:visible:not([disabled]):not([aria-disabled="true"])';

const storageOf = (page: Page) => page.evaluate(() => ({ ...localStorage }));
const buttonTexts = (page: Page) => page.locator(BUTTONS).evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
/** Whether each button sits in an aside (the coach, the standing panel): the same on every screen of a run. */
const inAside = (page: Page) => page.locator(BUTTONS).evaluateAll((els) => els.map((e) => !!e.closest('aside')));

async function restore(page: Page, route: Route): Promise<void> {
  // A file of the same origin that is not the game, to set storage on before the game starts.
  await page.goto(`${site.url}sw.js`);
  await page.evaluate((storage) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(storage)) localStorage.setItem(k, v);
  }, route.storage);
  await page.goto(site.url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-action="play"]');
  for (const selector of route.clicks) await page.locator(selector).first().click();
}

describe('every button does what it says', () => {
  it('on every screen, every visible button changes what the page shows and logs no error', { timeout: 600_000 }, async () => {
    const started = performance.now();
    const walk = await openPage(site.browser, site.origin);
    const probe: Watched = await openPage(site.browser, site.origin);
    // Printing opens a dialog the test cannot see: the probe notes it on the page instead.
    await probe.context.addInitScript(() => {
      let n = 0;
      window.print = () => document.documentElement.setAttribute('data-printed', String(++n));
    });
    const failures: string[] = [];
    const pressed: string[] = [];
    const screens = new Set<string>();
    /** Labels of aside buttons already pressed: "Leave the talks" does the same on every screen of a run. */
    const asidePressed = new Set<string>();

    /** Presses every button of the route's screen, each on a freshly restored page when needed. */
    const pressAll = async (route: Route) => {
      await restore(probe.page, route);
      screens.add(route.name);
      const labels = await buttonTexts(probe.page);
      if (!labels.length) failures.push(`${route.name}: no button at all`);
      // Buttons with the same label (rewinds, glossary terms, past runs) are one kind: the
      // first and the last of each are pressed.
      const aside = await inAside(probe.page);
      const press = labels.map((label, i) => (labels.indexOf(label) === i || labels.lastIndexOf(label) === i) && !(aside[i] && asidePressed.has(label)));
      labels.forEach((label, i) => aside[i] && asidePressed.add(label));
      for (let i = 0; i < labels.length; i++) {
        if (!press[i]) continue;
        if (JSON.stringify(await buttonTexts(probe.page)) !== JSON.stringify(labels)) await restore(probe.page, route);
        const errorsBefore = probe.consoleErrors.length;
        await probe.page.evaluate(() => {
          const w = window as unknown as { changes: number; startHref: string };
          w.changes = 0;
          w.startHref = location.href;
          const observer = new MutationObserver((records) => (w.changes += records.length));
          const all = { subtree: true, childList: true, attributes: true, characterData: true };
          observer.observe(document.getElementById('ui')!, all);
          observer.observe(document.getElementById('live')!, all);
          observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-printed'] });
        });
        await probe.page.locator(BUTTONS).nth(i).click();
        const changed = await probe.page
          .waitForFunction(() => {
            const w = window as unknown as { changes?: number; startHref?: string };
            return w.changes === undefined || w.changes > 0 || location.href !== w.startHref;
          }, null, { timeout: 3000 })
          .then(() => true, () => false);
        pressed.push(`${route.name}: ${labels[i]}`);
        if (!changed) failures.push(`${route.name}: "${labels[i]}" changed nothing`);
        if (probe.consoleErrors.length > errorsBefore) failures.push(`${route.name}: "${labels[i]}" logged ${probe.consoleErrors.slice(errorsBefore).join(' | ')}`);
      }
    };

    /** Plays the run on the walk page to its debrief, pressing every button of every screen on the way. */
    const kinds = new Set<string>();
    const playThrough = async (name: string, scenario: typeof RICHEST, right: (i: number) => boolean) => {
      let before: Record<string, string> = {};
      let lastScreen = '';
      await playOn(walk.page, 'mouse', content, scenario, right, (ids) => ids[0]!, async (screen) => {
        if (screen === 'debrief') {
          // The finished run's save is gone: back to its last outcome, then on to the debrief.
          if (!kinds.has(`${name} debrief`)) await pressAll({ name: `${name} debrief`, storage: before, clicks: ['[data-action="resume"]', '[data-action="continue"]'] });
          return;
        }
        lastScreen = screen;
        before = await storageOf(walk.page);
        // One screen of each kind (each phase, each type of question) is enough, whichever run shows it.
        if (kinds.has(screen)) return;
        kinds.add(screen);
        await pressAll({ name: `${name} ${screen}`, storage: before, clicks: ['[data-action="resume"]'] });
      });
      expect(lastScreen).toBe('outcome');
    };

    await walk.page.goto(site.url);
    await walk.page.waitForSelector('[data-action="play"]');
    await pressAll({ name: 'title (first time)', storage: {}, clicks: [] });
    await pressAll({ name: 'settings', storage: {}, clicks: ['[data-action="settings"]'] });
    await pressAll({ name: 'select', storage: {}, clicks: ['[data-action="play"]'] });

    if (TUTORIAL) {
      await walk.page.click('[data-action="tutorial"]');
      await pressAll({ name: 'practice dossier', storage: await storageOf(walk.page), clicks: ['[data-action="tutorial"]'] });
      await walk.page.click('[data-action="begin"]');
      await walk.page.waitForSelector('[data-phase]');
      await playThrough('practice', TUTORIAL, (i) => i % 2 === 0);
      await walk.page.click('[data-action="title"]');
    }

    await walk.page.click('[data-action="play"]');
    await walk.page.click(`[data-scenario="${RICHEST.id}"] [data-action="choose"]`);
    const dossier = { name: 'dossier', storage: await storageOf(walk.page), clicks: ['[data-action="play"]', `[data-scenario="${RICHEST.id}"] [data-action="choose"]`] };
    await pressAll(dossier);
    await walk.page.click('[data-action="begin"]');
    await walk.page.waitForSelector('[data-phase]');
    await walk.page.click('[data-action="leave"]');
    await pressAll({ name: 'title (with a game to resume)', storage: await storageOf(walk.page), clicks: [] });
    await walk.page.click('[data-action="resume"]');
    await walk.page.waitForSelector('[data-phase]');
    await playThrough('run', RICHEST, (i) => i % 3 !== 1);
    await walk.page.click('[data-action="title"]');

    // Two runs of one moment in the history (past runs lists the timeline's moments).
    for (const right of SHORT === RICHEST ? [false] : [true, false]) {
      await walk.page.click('[data-action="play"]');
      await walk.page.click(`[data-scenario="${SHORT.id}"] [data-action="choose"]`);
      await walk.page.click('[data-action="begin"]');
      await walk.page.waitForSelector('[data-phase]');
      await playOn(walk.page, 'mouse', content, SHORT, () => right, (ids) => (right ? ids[0]! : ids.at(-1)!));
      await walk.page.click('[data-action="title"]');
    }
    const played = await storageOf(walk.page);
    await pressAll({ name: 'past runs', storage: played, clicks: ['[data-action="history"]'] });
    await pressAll({ name: 'notice', storage: played, clicks: ['[data-action="history"]', '[data-action="open-code"]'] });
    await pressAll({ name: 'watch', storage: played, clicks: ['[data-action="history"]', '[data-action="watch"]', '[data-action="watch-step"]'] });
    await pressAll({
      name: 'compare',
      storage: played,
      clicks: ['[data-action="history"]', `[data-scenario="${SHORT.id}"] [data-pick] >> nth=0`, `[data-scenario="${SHORT.id}"] [data-pick] >> nth=1`, '[data-action="compare"]'],
    });

    for (const name of ['title (first time)', 'settings', 'select', 'dossier', 'past runs', 'watch', 'compare', 'notice']) expect(screens, name).toContain(name);
    for (const kind of ['opening', 'question-choice', 'feedback', 'moves', 'outcome']) expect(kinds, kind).toContain(kind);
    expect([...screens].some((s) => s.endsWith('debrief'))).toBe(true);
    expect(failures).toEqual([]);
    expect(walk.consoleErrors).toEqual([]);
    console.info(`pressed ${pressed.length} buttons on ${screens.size} screens in ${Math.round(performance.now() - started) / 1000} s`);
    await walk.context.close();
    await probe.context.close();
  });
});
