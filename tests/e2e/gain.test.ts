// Learning gain in the browser (issue 18 item 1): the teacher turns the check on in the set-up page
// by keyboard; two students open the class link and play by keyboard alone, each answering the same
// items before the talks and after (in another order), and see their before and after per party on
// the debrief; their results files go into the dashboard, which shows the class's gain per party and
// per question worked out by replay (a tampered file changes nothing), exports it in the CSV and
// prints it. Axe on each new screen; screenshots of each.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readClassLink } from '../../src/classroom/classLink';
import { buildDashboard, dashboardCsv } from '../../src/classroom/dashboard';
import { parseResultsFile } from '../../src/classroom/results';
import { checkPlan } from '../../src/engine/check';
import { findQuestion } from '../../src/engine/stats';
import { realContent } from '../unit/helpers';
import { axe, countPointerEvents, openPage, SHOTS, useSite, useTempDir } from './harness';
import { activate, playOn, tabTo, type Played } from './player';

const content = realContent();
const site = useSite();
let dir = '';
useTempDir('envoy-gain-', (made) => (dir = made));

/** The timeline scenario that asks the fewest questions: the quickest runs. */
const scenario = content.scenarioOrder
  .map((id) => content.scenarios[id]!)
  .sort((a, b) => a.meetings.flatMap((m) => m.questions).length - b.meetings.flatMap((m) => m.questions).length)[0]!;

async function fullShot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The data-* of each row of a table, by party or question. */
const rowData = (page: Page, selector: string, key: string) =>
  page.$$eval(selector, (rows, k) => Object.fromEntries(rows.map((r) => [r.getAttribute(k)!, { before: r.getAttribute('data-before'), after: r.getAttribute('data-after') }])), key);

describe('learning gain', () => {
  it('a class link with the check on, two students by keyboard, their gain per party on the dashboard by replay', async () => {
    // ---- The teacher: only this scenario, one seed for the class, the check on (keyboard).
    const t = await openPage(site.browser, site.origin);
    await t.page.goto(`${site.url}?teacher=setup`);
    await t.page.waitForSelector('[data-teacher="setup"] [data-class-link]');
    for (const id of content.scenarioOrder.filter((id) => id !== scenario.id)) {
      await tabTo(t.page, `input[data-scenario="${id}"]`);
      await t.page.keyboard.press('Space');
    }
    await tabTo(t.page, '#check');
    await t.page.keyboard.press('Space');
    expect(await t.page.isChecked('#check')).toBe(true);
    // Tab reaches the radio group on its checked radio; the arrow key moves to "the same for everyone".
    await tabTo(t.page, '#seed-per-student');
    await t.page.keyboard.press('ArrowDown');
    expect(await t.page.isChecked('#seed-fixed')).toBe(true);
    expect(await t.page.textContent('[data-summary]')).toContain('Check before and after: on');
    const link = (await t.page.getAttribute('[data-class-link]', 'data-class-link'))!;
    const read = readClassLink(content, link)!;
    expect(read.problems).toEqual([]);
    expect(read.settings).toMatchObject({ scenarios: [scenario.id], check: true });
    expect(typeof read.settings.seed).toBe('number');
    expect(await axe(t.page)).toEqual([]);
    await fullShot(t.page, 'gain-setup');
    await t.page.locator('.setup-columns').screenshot({ path: join(SHOTS, 'gain-setup-check.png') });
    await t.context.close();
    const plan = checkPlan(scenario, read.settings.seed as number);

    // ---- Two students. Ana gets every check item wrong before and right after; Ben right both times.
    const students = [
      { name: 'Ana', before: false, after: true },
      { name: 'Ben', before: true, after: true },
    ];
    const files: Array<{ name: string; path: string; text: string }> = [];
    for (const [n, s] of students.entries()) {
      const w = await openPage(site.browser, site.origin);
      const { page } = w;
      await page.goto(link);
      await page.waitForSelector('[data-action="play"]');
      const pointer = await countPointerEvents(page);
      await activate(page, 'keyboard', '[data-action="play"]');
      await page.waitForSelector(`[data-scenario="${scenario.id}"] [data-action="choose"]`);
      await activate(page, 'keyboard', `[data-scenario="${scenario.id}"] [data-action="choose"]`);
      await page.waitForSelector('[data-action="begin"]');
      await activate(page, 'keyboard', '[data-action="begin"]');
      await page.waitForSelector('[data-phase]');
      const shots = new Set<string>();
      const played: Played = await playOn(
        page,
        'keyboard',
        content,
        scenario,
        () => true,
        (ids) => ids[0]!,
        async (screen) => {
          if (n === 0 && screen.startsWith('check-') && !shots.has(screen)) {
            shots.add(screen);
            // Each stage says which it is, the item's place, and (first item) that it does not count.
            const stage = screen.slice('check-'.length);
            expect(await page.textContent('.check-item .eyebrow')).toMatch(stage === 'before' ? /^Before the talks.* 1 of \d+$/ : /^After the talks.* 1 of \d+$/);
            expect(await page.locator('[data-check-intro]').count()).toBe(1);
            expect(await axe(page)).toEqual([]);
            await fullShot(page, `gain-check-${stage}`);
          }
        },
        undefined,
        { checkRight: (stage) => (stage === 'before' ? s.before : s.after) },
      );
      // The same items, before and after, in the plan's orders; none of them asked in play.
      const checks = played.checks ?? [];
      expect(checks.filter((c) => c.stage === 'before').map((c) => c.id)).toEqual(plan.before.map((i) => i.questionId));
      expect(checks.filter((c) => c.stage === 'after').map((c) => c.id)).toEqual(plan.after.map((i) => i.questionId));
      expect(played.answers.map((a) => a.id).filter((id) => plan.items.includes(id))).toEqual([]);

      // The debrief: before and after per party the check asked about.
      await page.waitForSelector('.debrief .check-table');
      const parties = new Set(plan.items.flatMap((id) => findQuestion(scenario, id)!.measures));
      const shown = await rowData(page, '.check-table tbody tr', 'data-party');
      expect(new Set(Object.keys(shown))).toEqual(parties);
      for (const p of parties) expect(shown[p]).toEqual({ before: s.before ? '100' : '0', after: '100' });
      if (n === 0) {
        expect(await axe(page)).toEqual([]);
        await page.locator('.check-result').scrollIntoViewIfNeeded();
        await fullShot(page, 'gain-debrief');
      }
      await tabTo(page, '#student-name');
      await page.keyboard.type(s.name);
      await tabTo(page, '[data-action="save-results"]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      const text = readFileSync((await download.path())!, 'utf8');
      const path = join(dir, download.suggestedFilename());
      writeFileSync(path, text);
      files.push({ name: s.name, path, text });
      expect(await pointer()).toBe(0);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      await w.context.close();
    }

    // ---- The dashboard: gain per party and per question, by replay.
    const model = buildDashboard(content, files.map((f) => ({ source: f.path, parsed: parseResultsFile(f.text) })));
    const d = await openPage(site.browser, site.origin);
    const { page } = d;
    await page.goto(`${site.url}?teacher=dashboard`);
    await page.waitForSelector('[data-empty]');
    await page.setInputFiles('[data-input="files"]', files.map((f) => f.path));
    await page.waitForSelector('[data-table="gain-all"]');
    const parties = new Set(plan.items.flatMap((id) => findQuestion(scenario, id)!.measures));
    const all = await rowData(page, '[data-table="gain-all"] tbody tr', 'data-party');
    expect(new Set(Object.keys(all))).toEqual(parties);
    // Ana 0 → 100, Ben 100 → 100: the class 50 → 100.
    for (const p of parties) expect(all[p]).toEqual({ before: '50', after: '100' });
    const perScenario = await rowData(page, `[data-gain="${scenario.id}"] [data-table="gain-parties"] tbody tr`, 'data-party');
    expect(perScenario).toEqual(all);
    const items = await rowData(page, `[data-gain="${scenario.id}"] [data-table="gain-items"] tbody tr`, 'data-question');
    expect(new Set(Object.keys(items))).toEqual(new Set(plan.items));
    for (const id of plan.items) expect(items[id]).toEqual({ before: '50', after: '100' });
    // The questions of play say which ones went into the check instead.
    expect((await page.$$eval(`[data-scenario="${scenario.id}"] [data-table="questions"] [data-in-check="2"]`, (els) => els.map((e) => e.closest('tr')!.getAttribute('data-question')))).sort()).toEqual([...plan.items].sort());
    expect(await axe(page)).toEqual([]);
    await page.locator(`[data-gain="${scenario.id}"]`).scrollIntoViewIfNeeded();
    await fullShot(page, 'gain-dashboard');
    await page.locator('.class-overview').screenshot({ path: join(SHOTS, 'gain-dashboard-overview.png') });
    await page.locator(`[data-gain="${scenario.id}"]`).screenshot({ path: join(SHOTS, 'gain-dashboard-scenario.png') });

    // CSV: each student's before and after per party.
    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="csv"]')]);
    const csv = readFileSync((await csvFile.path())!, 'utf8');
    expect(csv).toBe(`\uFEFF${dashboardCsv(model)}`);
    expect(csv.split('\r\n')[0]).toMatch(/Check before: .*Check after: /);

    // Print: the gain tables are in the class summary.
    await page.setViewportSize({ width: 718, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('[data-table="gain-all"]', (el) => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0)).toBe(true);
    expect(await page.$eval(`[data-gain="${scenario.id}"]`, (el) => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0)).toBe(true);
    await fullShot(page, 'gain-dashboard-print');
    await page.emulateMedia({ media: 'screen' });
    expect(d.consoleErrors).toEqual([]);
    await d.context.close();

    // ---- A tampered file: Ana writes a perfect check and scores into hers. Nothing changes.
    const edited = JSON.parse(files[0]!.text);
    const perfect = Object.fromEntries([...parties].map((p) => [p, 100]));
    Object.assign(edited, { check: { before: perfect, after: perfect }, score: 100 });
    edited.runs[0].check = edited.check;
    edited.settings = { ...edited.settings, check: false };
    const tampered = join(dir, 'envoy-results-ana-edited.json');
    writeFileSync(tampered, JSON.stringify(edited));
    const e = await openPage(site.browser, site.origin);
    await e.page.goto(`${site.url}?teacher=dashboard`);
    await e.page.waitForSelector('[data-empty]');
    await e.page.setInputFiles('[data-input="files"]', [tampered, files[1]!.path]);
    await e.page.waitForSelector('[data-table="gain-all"]');
    expect(await rowData(e.page, '[data-table="gain-all"] tbody tr', 'data-party')).toEqual(all);
    expect(await rowData(e.page, `[data-gain="${scenario.id}"] [data-table="gain-items"] tbody tr`, 'data-question')).toEqual(items);
    expect(e.consoleErrors).toEqual([]);
    await e.context.close();
  });
});
