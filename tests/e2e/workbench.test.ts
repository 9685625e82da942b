// The authoring workbench (?teacher=author, issue 17 item 3) in Chromium, by keyboard: start a
// scenario from the template, insert a verbatim quote from the passage panel at the editor's
// cursor, break a field and see the error at its line, fix it and see it go, run the simulator, play
// the draft in the real game to an ending, download it (the file passes the game's checks for a
// teacher's file) and make a link a student opens. And the game's first load carries none of the
// workbench's editor.
import type { Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../src/content/draft';
import { MAX_SCENARIO_LINK_LENGTH, readScenarioLinkValue, scenarioLinkValue } from '../../src/content/scenarioLink';
import { loadScenarioText } from '../../src/content/teacherScenarios';
import { realContent } from '../unit/helpers';
import { axe, cspViolations, openPage, SHOTS, useSite, useTempDir } from './harness';
import { activate, fromPage, playOn, tabTo } from './player';

const content = realContent();
const site = useSite();
let dir = '';
useTempDir('envoy-author-', (made) => (dir = made));

/** A CodeMirror class name: code that contains it is the editor's. */
const EDITOR_MARK = 'cm-lintRange';

async function shotOf(page: Page, selector: string, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.locator(selector).first().screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The draft's text as last checked (the workbench keeps it in storage at every check). */
const editorText = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('envoy.workbench')!).text as string);
/** Waits until the checks have answered for the editor's current text (they run in a worker). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const text = JSON.parse(localStorage.getItem('envoy.workbench') ?? '{"text":""}').text as string;
    return document.querySelector('[data-status="check"]')?.getAttribute('data-chars') === String(text.length);
  });
}
const checkState = (page: Page) => page.$eval('[data-status="check"]', (el) => ({ errors: Number((el as HTMLElement).dataset.errors), text: el.textContent ?? '' }));

/** With the editor focused: finds `text` with the editor's search (Ctrl+F), leaving it selected. */
async function find(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+f');
  await page.waitForSelector('.cm-search input[name="search"]');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

describe('authoring workbench', () => {
  it('creates a scenario from the template, inserts a quote, shows an error and its fix, simulates, plays the draft to an ending and downloads it', async () => {
    const w = await openPage(site.browser, site.origin, { acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
    const { page, context } = w;
    await page.goto(`${site.url}?teacher=author`);
    await page.waitForSelector('[data-teacher="author"] .cm-content');
    expect(await page.title()).toBe('Write a scenario · Envoy');
    // The checks run in a worker, off the page's thread.
    await page.waitForFunction(() => document.querySelector('[data-status="check"]')?.hasAttribute('data-errors'));
    expect(page.workers().map((x) => new URL(x.url()).pathname).filter((p) => /checkWorker/.test(p))).toHaveLength(1);

    // Start from the template, by keyboard: a new id, the source the page offers first.
    const id = `class-draft-${Date.now().toString(36)}`;
    await tabTo(page, '#new-id');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(id);
    const source = await page.$eval('#new-source', (el) => (el as HTMLSelectElement).value);
    await tabTo(page, '[data-action="start-template"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction((x) => (JSON.parse(localStorage.getItem('envoy.workbench')!).text as string).includes(`"id": "${x}"`), id);
    await settled(page);
    await page.waitForFunction(() => document.querySelector('[data-status="check"]')?.getAttribute('data-errors') === '0');

    // Put the cursor at the start of the first evidence list, then select words in a passage and
    // insert them there (Ctrl+Enter in the passage), then type the comma after the new item.
    await page.focus('.cm-content');
    await find(page, '"evidence": [');
    await page.keyboard.press('End');
    // Select the passage's first words with the keyboard alone (Shift+Ctrl+Right), as a teacher would.
    const passageId = await page.$eval('[data-passages] textarea', (el) => el.id);
    await tabTo(page, `#${passageId}`);
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Control+Shift+ArrowRight');
    const passage = await page.$eval(`#${passageId}`, (el) => {
      const box = el as HTMLTextAreaElement;
      return { text: box.value, quote: box.value.slice(box.selectionStart, box.selectionEnd).trim() };
    });
    expect(passage.quote.split(" ").length, JSON.stringify(passage)).toBeGreaterThan(2);
    expect(passage.text).toContain(passage.quote);
    // The passage takes no typing: it stays the source's text.
    await page.keyboard.type('x');
    expect(await page.$eval(`#${passageId}`, (el) => (el as HTMLTextAreaElement).value)).toBe(passage.text);
    await shotOf(page, '.passage-panel', 'workbench-passages');
    await page.keyboard.press('Control+Enter');
    expect(await page.textContent('[data-status="quote"]')).toMatch(/Quote inserted at line \d+/);
    await page.focus('.cm-content');
    await page.keyboard.type(',');
    const inserted = `{ "source": "${source}", "quote": ${JSON.stringify(passage.quote)} },`;
    // The checks run once typing pauses, and keep the text they checked.
    await page.waitForFunction((x) => (JSON.parse(localStorage.getItem('envoy.workbench')!).text as string).includes(x), inserted, { timeout: 5000 }).catch(async () => {
      throw new Error(`not inserted: ${inserted}\n${(await editorText(page)).slice(0, 3000)}`);
    });
    await settled(page);
    await page.waitForFunction(() => document.querySelector('[data-status="check"]')?.getAttribute('data-errors') === '0');

    // Break a field: the year written as text. The error shows at its line, in the list and in the editor.
    await find(page, '"year": ');
    await page.keyboard.press('End');
    const yearLine = (await page.locator('.cm-activeLine').textContent()) ?? '';
    const year = /"year": (\d+),/.exec(yearLine)![1]!;
    for (let i = 0; i < `${year},`.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(`"${year}",`);
    await page.waitForFunction(() => Number(document.querySelector('[data-status="check"]')?.getAttribute('data-errors')) > 0);
    expect((await checkState(page)).text).toMatch(/1 error/);
    const problem = await page.textContent('[data-problems] li[data-severity="error"]');
    expect(problem).toMatch(/year: use a (whole )?number.*\(you wrote "\d+"\)/);
    const errorLine = Number(await page.getAttribute('[data-problems] li[data-severity="error"]', 'data-line'));
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    expect(await page.locator('.cm-gutter-lint .cm-lint-marker-error').count()).toBeGreaterThan(0);
    expect((await editorText(page)).split('\n')[errorLine - 1]).toMatch(new RegExp(`"year":\\s*"${year}"`));
    await shotOf(page, '.author-grid', 'workbench-error');
    expect(await axe(page)).toEqual([]);
    // Play is refused while the draft has errors.
    await page.click('[data-action="play-draft"]');
    expect(await page.textContent('[data-status="use"]')).toMatch(/1 error\(s\): fix them/);
    // Fix it: the error goes away.
    await page.focus('.cm-content');
    await find(page, `"${year}"`);
    await page.keyboard.type(year);
    await settled(page);
    await page.waitForFunction(() => document.querySelector('[data-status="check"]')?.getAttribute('data-errors') === '0');
    expect(await page.locator('.cm-lintRange-error').count()).toBe(0);
    expect(await page.textContent('[data-status="use"]')).toBe('');
    expect(await editorText(page)).toContain(inserted);

    // The simulator's ending table for the draft.
    const draftText = await editorText(page);
    const checked = checkDraft(content, `${id}.json`, draftText);
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const scenario = checked.scenario!;
    await page.selectOption('#sim-runs', '100');
    await activate(page, 'keyboard', '[data-action="simulate"]');
    await page.waitForSelector('[data-sim-table]', { timeout: 120_000 });
    expect(await page.$$eval('[data-sim-table] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-ending')))).toEqual(scenario.endings.map((e) => e.id));
    await shotOf(page, '.sim-section', 'workbench-simulator');
    await page.screenshot({ path: join(SHOTS, 'workbench-page.png'), fullPage: true });

    expect(await axe(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);

    // Play this draft: the real game opens it in a new tab, and it plays to an ending.
    const [game] = await Promise.all([context.waitForEvent('page'), activate(page, 'keyboard', '[data-action="play-draft"]')]);
    const gameErrors: string[] = [];
    game.on('pageerror', (e) => gameErrors.push(String(e)));
    await game.waitForSelector('[data-action="begin"]', { timeout: 60_000 });
    expect(new URL(game.url()).searchParams.get('draft')).toBeTruthy();
    await activate(game, 'mouse', '[data-action="begin"]');
    const played = await playOn(fromPage(game), 'mouse', checked.content!, scenario, () => true, (unlocked) => unlocked[0]!);
    expect(played.screens.at(-1)).toBe('debrief');
    expect(gameErrors).toEqual([]);
    await game.close();

    // Download: the file is the editor's text and passes the same checks.
    const [file] = await Promise.all([page.waitForEvent('download'), activate(page, 'keyboard', '[data-action="download-draft"]')]);
    expect(file.suggestedFilename()).toBe(`${id}.json`);
    const saved = join(dir, file.suggestedFilename());
    await file.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    expect(text).toBe(draftText);
    expect(checkDraft(content, file.suggestedFilename(), text).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loadScenarioText(content, file.suggestedFilename(), text)).toMatchObject({ ok: true, scenarioId: id });

    // A link for the class carries the same file (or says the file is too large for one).
    await activate(page, 'keyboard', '[data-action="share-link"]');
    await page.waitForFunction(() => /Link copied|too large/.test(document.querySelector('[data-status="use"]')?.textContent ?? ''));
    const link = await page.getAttribute('[data-share-link]', 'href').catch(() => null);
    if (link) {
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      const value = scenarioLinkValue(link);
      expect(JSON.parse((await readScenarioLinkValue(value!))!)).toEqual(JSON.parse(text));
      // A student who opens it finds the scenario on the timeline.
      const student = await context.newPage();
      await student.goto(link);
      await student.waitForSelector(`[data-scenario="${id}"] [data-action="choose"]`, { timeout: 60_000 });
      await student.close();
    } else expect(text.length).toBeGreaterThan(MAX_SCENARIO_LINK_LENGTH);
    expect(w.consoleErrors).toEqual([]);
    await context.close();
  });

  it("the game's first load carries none of the workbench's code editor", async () => {
    /** The JS files a page loads until the network is quiet, each with whether it holds editor code. */
    const jsOf = async (url: string, ready: string) => {
      const w = await openPage(site.browser, site.origin);
      const files: string[] = [];
      w.page.on('response', (r) => {
        if (r.url().endsWith('.js')) files.push(r.url());
      });
      await w.page.goto(url);
      await w.page.waitForSelector(ready);
      await w.page.waitForLoadState('networkidle');
      const loaded = await Promise.all(files.map(async (f) => ({ file: new URL(f).pathname, editor: (await (await fetch(f)).text()).includes(EDITOR_MARK) })));
      await w.context.close();
      return loaded;
    };
    const editorFiles = async (url: string, ready: string) => (await jsOf(url, ready)).filter((f) => f.editor).map((f) => f.file);
    expect(await editorFiles(`${site.url}?teacher=author`, '.cm-content')).not.toEqual([]);
    expect(await editorFiles(site.url, '[data-action="play"]')).toEqual([]);
    // Nor do the other teacher pages.
    expect(await editorFiles(`${site.url}?teacher=setup`, '[data-class-link]')).toEqual([]);
  });
});
