// Projector mode in the browser (issue 18 item 3), at 1920×1080 and by keyboard alone: opened from
// the teacher pages, every line of text at least 32 px (measured by computed style on every
// screen), questions and moves with letters, a discussion timer the teacher starts and stops, the
// vote count typed per letter and revealed, the class's choice (a tie to the first letter) played,
// to an ending whose debrief is the class's, and a run saved in the history whose replay code
// replays to the same ending. Axe on every screen; screenshots of each new one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { replayRun } from '../../src/engine/run';
import { HISTORY_KEY } from '../../src/replay/history';
import { decodeRunCode } from '../../src/replay/code';
import { realContent } from '../unit/helpers';
import { axe, countPointerEvents, openPage, SHOTS, useSite } from './harness';
import { tabTo } from './player';

const content = realContent();
const site = useSite();
/** The scenario with the fewest questions: the quickest class run. */
const scenario = content.scenarioOrder.map((id) => content.scenarios[id]!).sort((a, b) => a.meetings.flatMap((m) => m.questions).length - b.meetings.flatMap((m) => m.questions).length)[0]!;

/** Every element with text of its own that is drawn smaller than 32 px, as "tag.class: size text". */
const smallText = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.projector *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!own || el.closest('.visually-hidden') || el.getClientRects().length === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 32) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${size}px ${el.textContent!.trim().slice(0, 40)}`);
    }
    return out;
  });

async function shotOf(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

const press = async (page: Page, selector: string) => {
  await tabTo(page, selector, 200);
  await page.keyboard.press('Enter');
};

describe('projector mode', () => {
  it('a class run on one screen: letters, a discussion timer, typed votes, the class choice played to an ending', async () => {
    const w = await openPage(site.browser, site.origin, { viewport: { width: 1920, height: 1080 } });
    const { page } = w;
    await page.goto(`${site.url}?teacher=setup`);
    await page.waitForSelector('[data-nav="projector"]');
    await press(page, '[data-nav="projector"]');
    await page.waitForSelector('[data-teacher="projector"]');
    const pointer = await countPointerEvents(page);
    const screens = new Set<string>();
    const check = async (name: string) => {
      expect(await smallText(page), name).toEqual([]);
      if (screens.has(name)) return;
      screens.add(name);
      await shotOf(page, `projector-${name}`);
      expect(await axe(page), name).toEqual([]);
    };
    await check('start');
    await press(page, `[data-scenario="${scenario.id}"]`);
    await page.waitForSelector('[data-action="begin"]');
    await check('briefing');
    await press(page, '[data-action="begin"]');

    let votes = 0;
    let tieSeen = false;
    const moveChosen: string[] = [];
    for (let guard = 0; guard < 200; guard++) {
      await page.waitForSelector('#screen-heading');
      if (await page.$('[data-ending]')) break;
      const voting = await page.$eval('#ui', (ui) => ui.querySelector('[data-vote]')?.getAttribute('data-vote') ?? null);
      if (voting) {
        const letters = await page.$$eval('.vote-options [data-letter]', (lis) => lis.map((li) => li.getAttribute('data-letter')!));
        expect(letters.join('')).toBe('ABCDEFGHIJ'.slice(0, letters.length));
        await check(voting === 'moves' ? 'moves' : 'question');
        if (votes === 0) {
          // The teacher starts the discussion timer, the time runs, and they stop it.
          await press(page, '[data-action="discussion-start"]');
          await page.waitForSelector('[data-clock="running"]');
          expect(await page.textContent('[data-clock]')).toMatch(/^Time left: \d:\d\d$/);
          await check('discussion');
          await press(page, '[data-action="discussion-stop"]');
          await page.waitForSelector('[data-clock="over"]');
          // Revealing with no votes is refused, with the reason.
          await press(page, '[data-action="reveal"]');
          expect(await page.textContent('[data-error="votes"]')).toBe('Type at least one vote first.');
        }
        // The first vote ties A and B (A is played); later ones favour B, or A when alone.
        const counts = letters.map((_, i) => (votes === 0 ? (i < 2 ? 5 : 1) : i === 1 ? 12 : 7 - Math.min(i, 6)));
        // Typed as the class calls it out: a letter key goes to its count ("a5b12…").
        for (const [i, letter] of letters.entries()) {
          await page.keyboard.press(letter.toLowerCase());
          expect(await page.evaluate(() => document.activeElement?.getAttribute('data-count'))).toBe(letter);
          await page.keyboard.type(String(counts[i]));
        }
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-choice]');
        const most = Math.max(...counts);
        const expected = letters[counts.indexOf(most)]!;
        expect(await page.getAttribute('[data-choice]', 'data-choice')).toBe(expected);
        const tie = counts.filter((c) => c === most).length > 1;
        expect(!!(await page.$('[data-tie]'))).toBe(tie);
        tieSeen ||= tie;
        expect(await page.getAttribute(`[data-letter="${expected}"]`, 'class')).toContain('is-chosen');
        await check('revealed');
        if (voting === 'moves') moveChosen.push((await page.textContent(`[data-letter="${expected}"] .option-text`))!);
        await press(page, '[data-action="play-choice"]');
        votes++;
        await page.waitForFunction(() => !document.querySelector('[data-choice]'));
        continue;
      }
      if (await page.$('[data-enter-answer]')) {
        await check('enter-answer');
        // Sort: each statement under the first party listed; order: as shown. Then submit.
        for (const id of await page.$$eval('select[data-statement]', (ss) => ss.map((s) => s.getAttribute('data-statement')!))) {
          await tabTo(page, `select[data-statement="${id}"]`);
          await page.keyboard.press('ArrowDown');
        }
        await press(page, '[data-action="submit"]');
        await page.waitForFunction(() => !document.querySelector('[data-enter-answer]'));
        continue;
      }
      const phase = (await page.$('.outcome')) ? 'outcome' : (await page.$('.feedback')) ? 'feedback' : 'opening';
      if (phase === 'outcome') expect(await page.textContent('.outcome .move-text')).toContain(moveChosen.at(-1));
      await check(phase);
      const heading = await page.textContent('#screen-heading');
      await press(page, '[data-action="continue"]');
      await page.waitForFunction((h) => document.querySelector('#screen-heading')?.textContent !== h, heading);
    }

    // The class's debrief, with the run's replay code; the run is in the history and replays the same.
    const ending = (await page.getAttribute('[data-ending]', 'data-ending'))!;
    expect(await page.textContent('.eyebrow')).toMatch(/^The class's debrief · /);
    await check('debrief');
    expect(votes).toBeGreaterThan(2);
    expect(tieSeen).toBe(true);
    const code = (await page.getAttribute('[data-code]', 'data-code'))!;
    const history = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), HISTORY_KEY))!);
    expect(JSON.stringify(history)).toContain(code);
    const decoded = decodeRunCode(content, code);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.record.settings.predictions).toBe(false);
    expect(replayRun(scenario, decoded.record).getSnapshot().context.endingId).toBe(ending);
    expect(await pointer()).toBe(0);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });
});
