// A teacher's scenario file in the browser (issue 17 item 4, done-when test 2): a student opens a
// broken file and reads its errors as text, opens the good file, finds the scenario on the timeline
// marked as the teacher's, plays it to the debrief and hands in a results file; the scenario is
// still there after a reload, and a link carrying the file adds it too. The dashboard says the
// results file needs a scenario file it does not have, then, with the same file loaded, replays the
// run and shows the ending the student's debrief showed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScenarioLink } from '../../src/content/scenarioLink';
import type { Scenario } from '../../src/content/schema';
import { realContent } from '../unit/helpers';
import { axe, cspViolations, openPage, shot, useSite } from './harness';
import { playOn } from './player';

const content = realContent();
const site = useSite();
let dir: string;

/** The timeline scenario with the fewest decisions (quickest to play), as a teacher's copy: new id, new question ids. */
const base = content.scenarioOrder.map((id) => content.scenarios[id]!).sort((a, b) => a.maxDecisions - b.maxDecisions)[0]!;
const ID = 'class-copy';
const copy = ((): Scenario => {
  const s = structuredClone(base);
  s.id = ID;
  s.title = 'Our class scenario';
  for (const m of s.meetings) for (const q of m.questions) q.id = `cc-${q.id}`;
  return s;
})();
const TEXT = JSON.stringify(copy, null, 2);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'envoy-teacher-file-'));
  writeFileSync(join(dir, 'our-scenario.json'), TEXT);
  // A slip a teacher makes: a party id misspelt, and a field with markup in it (shown as text).
  writeFileSync(join(dir, 'broken.json'), TEXT.replace(`"speaker": "${copy.meetings[0]!.opening.speaker}"`, '"speaker": "<b>nobody</b>"').replace(/\n}$/, ',\n}'));
  writeFileSync(join(dir, 'broken-2.json'), TEXT.replace(`"speaker": "${copy.meetings[0]!.opening.speaker}"`, '"speaker": "<b>nobody</b>"'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Scrolls the element to the top of the window, for a screenshot of it. */
const top = (page: Page, selector: string) => page.$eval(selector, (el) => el.scrollIntoView({ block: 'start' }));

describe('a teacher scenario file', () => {
  it('is opened by a student, played to the debrief and handed in; the dashboard replays it with the same file', async () => {
    const w = await openPage(site.browser, site.origin);
    const { page } = w;
    await page.goto(site.url);
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-input="teacher-file"]');
    expect(await page.locator(`[data-scenario="${ID}"]`).count()).toBe(0);

    // A file with a trailing comma: the line is named; then one with an unknown party: the errors
    // list names file, line and column, and the markup in the value stays text.
    await page.setInputFiles('[data-input="teacher-file"]', join(dir, 'broken.json'));
    await page.waitForSelector('[data-file-errors]');
    expect(await page.textContent('[data-file-errors] li')).toMatch(/^broken\.json:\d+:\d+: \(file\): trailing comma/);
    await page.setInputFiles('[data-input="teacher-file"]', join(dir, 'broken-2.json'));
    await page.waitForFunction(() => /broken-2\.json/.test(document.querySelector('[data-file-errors]')?.textContent ?? ''));
    const errors = await page.$$eval('[data-file-errors] li', (els) => els.map((e) => e.textContent!));
    expect(errors.join('\n')).toMatch(/^broken-2\.json:\d+:\d+: meetings\.0\.opening\.speaker .*ids are lower-case letters, digits and dashes \(you wrote "<b>nobody<\/b>"\)/m);
    expect(await page.locator('[data-file-errors] b').count()).toBe(0);
    expect(await page.getAttribute('[data-file-errors]', 'role')).toBe('alert');
    await top(page, '[data-file-errors]');
    await shot(page, 'teacher-file-errors');
    expect(await page.locator(`[data-scenario="${ID}"]`).count()).toBe(0);

    // The good file: on the timeline, with a badge in words.
    await page.setInputFiles('[data-input="teacher-file"]', join(dir, 'our-scenario.json'));
    await page.waitForSelector(`[data-scenario="${ID}"][data-teacher]`);
    expect(await page.textContent(`[data-scenario="${ID}"] [data-badge="teacher"]`)).toBe("Your teacher's scenario");
    expect(await page.textContent('[data-status="teacher-file"]')).toContain('Our class scenario');
    expect(await page.locator('[data-file-errors]').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await top(page, `[data-scenario="${ID}"]`);
    await shot(page, 'teacher-file-added');

    // Kept on the device: after a reload it is still on the timeline.
    await page.reload();
    await page.click('[data-action="play"]');
    await page.waitForSelector(`[data-scenario="${ID}"][data-teacher]`);

    // Played to the debrief, informed: every answer and prediction right, the first move on offer.
    await page.click(`[data-scenario="${ID}"] [data-action="choose"]`);
    await page.click('[data-action="begin"]');
    await playOn(page, 'mouse', content, copy, () => true, (unlocked) => unlocked[0]!);
    const ending = (await page.getAttribute('.debrief', 'data-ending'))!;
    expect(copy.endings.map((e) => e.id)).toContain(ending);
    await page.fill('#student-name', 'Ana Novak');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="save-results"]')]);
    const results = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(results).runs.map((r: { scenarioId: string }) => r.scenarioId)).toEqual([ID]);
    writeFileSync(join(dir, 'ana.json'), results);
    expect(w.consoleErrors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await w.context.close();

    // The dashboard, without the scenario file: it says which file the results need.
    const t = await openPage(site.browser, site.origin);
    await t.page.goto(`${site.url}?teacher=dashboard`);
    await t.page.setInputFiles('[data-input="files"]', join(dir, 'ana.json'));
    await t.page.waitForSelector('[data-needs-scenarios]');
    expect(await t.page.textContent('[data-needs-scenarios]')).toContain(`"${ID}"`);
    expect(await t.page.textContent('.skipped')).toMatch(/needs the scenario file of "class-copy"/);
    expect(await t.page.textContent('[data-status="import"]')).toContain(`"${ID}"`);
    await top(t.page, '[data-status="import"]');
    await shot(t.page, 'dashboard-needs-scenario');
    // With it: the run replays and shows the student's ending.
    await t.page.setInputFiles('[data-input="scenario-files"]', join(dir, 'our-scenario.json'));
    await t.page.waitForSelector(`[data-scenario="${ID}"] [data-table="students"]`);
    expect(await t.page.locator('[data-needs-scenarios]').count()).toBe(0);
    expect(await t.page.getAttribute(`[data-scenario="${ID}"] [data-student="Ana Novak"] [data-ending]`, 'data-ending')).toBe(ending);
    expect(await t.page.textContent(`[data-scenario="${ID}"] h2`)).toContain('your scenario file');
    await top(t.page, `[data-scenario="${ID}"]`);
    await shot(t.page, 'dashboard-teacher-scenario');
    expect(t.consoleErrors).toEqual([]);
    await t.context.close();
  });

  it('comes in a link that carries the file, and a damaged link says so', async () => {
    const made = await makeScenarioLink(site.url, TEXT);
    if (!made.ok) throw new Error(`link too long: ${made.length}`);
    const w = await openPage(site.browser, site.origin);
    await w.page.goto(made.link);
    await w.page.waitForSelector(`[data-scenario="${ID}"][data-teacher]`);
    expect(await w.page.textContent('[data-status="teacher-file"]')).toContain('Our class scenario');
    await w.page.goto(`${made.link.slice(0, -400)}`);
    await w.page.reload();
    await w.page.waitForSelector('[data-file-errors]');
    expect(await w.page.textContent('[data-file-errors]')).toMatch(/damaged or cut short/);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});
