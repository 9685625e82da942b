// Playing in pairs in the browser (issue 18 item 2), by keyboard alone: a class link with "play in
// pairs" asks for two names, each move and each prediction is proposed by one player and agreed by
// the other after a prompt to talk it over (a move sent back returns to the choice), the debrief
// names both, the results file carries both names, and the class dashboard lists both students with
// the run replayed. Axe on each new screen; screenshots of each.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { classLink, type ClassSettings } from '../../src/classroom/classLink';
import { hasReactions } from '../../src/engine/reactions';
import { realContent } from '../unit/helpers';
import { axe, countPointerEvents, openPage, SHOTS, useSite, useTempDir } from './harness';
import { activate, playOn, tabTo } from './player';

const content = realContent();
const site = useSite();
let dir = '';
useTempDir('envoy-pairs-', (made) => (dir = made));

/** The scenario with a prediction step that asks the fewest questions: the quickest pair run with both kinds of confirmation. */
const scenario = content.scenarioOrder
  .map((id) => content.scenarios[id]!)
  .filter((s) => s.meetings.some((m) => m.moves.some(hasReactions)))
  .sort((a, b) => a.meetings.flatMap((m) => m.questions).length - b.meetings.flatMap((m) => m.questions).length)[0]!;

async function fullShot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('playing in pairs', () => {
  it('two names, every move and prediction confirmed by both, both names on the debrief, in the results file and on the dashboard', async () => {
    const settings: ClassSettings = { scenarios: [scenario.id], timer: 'off', hints: true, seed: 11, label: '7C', pairs: true };
    const w = await openPage(site.browser, site.origin);
    const { page } = w;
    await page.goto(classLink(site.url, settings));
    await page.waitForSelector('[data-action="play"]');
    const pointer = await countPointerEvents(page);

    await activate(page, 'keyboard', '[data-action="play"]');
    await page.waitForSelector('#player-first');
    expect(await axe(page)).toEqual([]);
    await fullShot(page, 'pairs-names');
    // One name is not enough: the form says so and keeps the player there.
    await tabTo(page, '#player-first');
    await page.keyboard.type('Ana');
    await page.keyboard.press('Enter');
    expect(await page.textContent('[data-error="players"]')).toBe('Type both your names first.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('player-second');
    await page.keyboard.type('Ben');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-scenario="${scenario.id}"] [data-action="choose"]`);
    await activate(page, 'keyboard', `[data-scenario="${scenario.id}"] [data-action="choose"]`);
    await page.waitForSelector('[data-action="begin"]');
    await activate(page, 'keyboard', '[data-action="begin"]');
    await page.waitForSelector('[data-phase]');

    const turns: string[] = [];
    const shots = new Set<string>();
    const played = await playOn(
      page,
      'keyboard',
      content,
      scenario,
      () => true,
      (ids) => ids[0]!,
      async (name) => {
        if (name === 'moves' || name === 'predicting') turns.push((await page.textContent('[data-pair-turn]')) ?? '');
        if (name === 'pair-disagree' || name === 'pair-agree') {
          const kind = (await page.getAttribute('[data-pair-confirm]', 'data-pair-confirm'))!;
          expect(await page.textContent('[data-prompt]')).toMatch(/^Before (Ana|Ben) confirms/);
          if (!shots.has(kind)) {
            shots.add(kind);
            expect(await axe(page)).toEqual([]);
            await fullShot(page, `pairs-confirm-${kind === 'move.choose' ? 'move' : 'prediction'}`);
          }
        }
      },
      undefined,
      { pairDisagree: (i) => i === 0 },
    );
    // Both kinds of decision were confirmed, one move was sent back first, and the players took turns.
    expect([...shots].sort()).toEqual(['move.choose', 'prediction.submit']);
    expect(played.screens).toContain('pair-disagree');
    expect(turns[0]).toBe('Ana chooses this move; then Ben confirms it.');
    expect(turns.some((t) => t.startsWith('Ben '))).toBe(true);

    // The debrief is the pair's: both names, and the hand-in holds both.
    await page.waitForSelector('.debrief [data-players]');
    expect(await page.textContent('.debrief [data-players]')).toBe('Played by Ana and Ben');
    expect(await page.inputValue('#student-name')).toBe('Ana');
    expect(await page.inputValue('#partner-name')).toBe('Ben');
    const ending = (await page.getAttribute('.debrief', 'data-ending'))!;
    expect(await axe(page)).toEqual([]);
    await fullShot(page, 'pairs-debrief');
    await tabTo(page, '[data-action="save-results"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const text = readFileSync((await download.path())!, 'utf8');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ name: 'Ana', partner: 'Ben', classLabel: '7C', settings: { pairs: true } });
    expect(file.runs).toHaveLength(1);
    expect(await pointer()).toBe(0);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();

    // The teacher's dashboard lists both students, each with the pair's replayed ending.
    const fileName = join(dir, download.suggestedFilename());
    writeFileSync(fileName, text);
    const t = await openPage(site.browser, site.origin);
    await t.page.goto(`${site.url}?teacher=dashboard`);
    await t.page.waitForSelector('[data-empty]');
    await t.page.setInputFiles('[data-input="files"]', [fileName]);
    await t.page.waitForFunction(() => /now imported/.test(document.querySelector('[data-status="import"]')?.textContent ?? ''));
    const rows = t.page.locator(`[data-scenario="${scenario.id}"] [data-table="students"] tbody tr[data-student]`);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-student'), tr.querySelector('[data-partner]')?.getAttribute('data-partner'), tr.querySelector('[data-ending]')?.getAttribute('data-ending')]))).toEqual([
      ['Ana', 'Ben', ending],
      ['Ben', 'Ana', ending],
    ]);
    await fullShot(t.page, 'pairs-dashboard');
    expect(t.consoleErrors).toEqual([]);
    await t.context.close();
  });
});
