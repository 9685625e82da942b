// The teacher pages in the browser: set up a class by keyboard and mouse and get a link that
// decodes to exactly those settings, with a QR code of it and a printable discussion guide; then
// import a class's results (file picker, drop zone, pasted code) and check the dashboard shows
// what the model recomputes, names as text, the skipped files with reasons, a CSV download equal
// to the model's, and a print view without the controls.
import type { Page } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create as createQr } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { buildDashboard, dashboardCsv, type ImportedResults } from '../../src/classroom/dashboard';
import { readClassLink, type ClassSettings } from '../../src/classroom/classLink';
import { makeResults, parseResults, resultsCode, resultsFileText, type ResultsFile } from '../../src/classroom/results';
import { encodeRunCode } from '../../src/replay/code';
import { quoted } from '../../src/i18n/quoted';
import { newRun, playThrough, realContent, type Strategy } from '../unit/helpers';
import { axe, openPage, SHOTS, useSite, useTempDir } from './harness';
import { playScenario, tabTo } from './player';
import { sliceScenario, secondScenario } from './scenarioPicks';

const content = realContent();
const site = useSite();
let dir = '';
useTempDir('envoy-class-', (made) => (dir = made));


/** Emulates print on an A4 page's printable width (about 718 px at 96 dpi) and takes the whole page. */
async function printShot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 718, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  await fullShot(page, name);
}

async function fullShot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Replaces window.print with a counter: headless Chromium has no print dialog to wait for. */
async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
}
const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);
const shown = (page: Page, selector: string) => page.$eval(selector, (el) => getComputedStyle(el).display !== 'none');

describe('class set-up page', () => {
  it('sets up a class by keyboard and mouse and gives a link, a QR code and a discussion guide', async () => {
    const w = await openPage(site.browser, site.origin, { permissions: ['clipboard-read', 'clipboard-write'] });
    const { page } = w;
    await page.goto(`${site.url}?teacher=setup`);
    await page.waitForSelector('[data-teacher="setup"] [data-class-link]');
    // The teacher page replaces the game: no stage, no title menu.
    expect(await shown(page, '#stage')).toBe(false);
    expect(await page.locator('[data-action="play"]').count()).toBe(0);
    expect(await page.title()).toBe('Set up a class · Envoy');

    const rows = () => page.$$eval('[data-scenario-row]', (els) => els.map((e) => e.getAttribute('data-scenario-row')!));
    const timeline = content.scenarioOrder;
    expect(await rows()).toEqual([...timeline, content.tutorialId]);

    // Keyboard: move the first scenario down twice; the focus stays on its "Down" button.
    await tabTo(page, `[data-scenario-row="${timeline[0]}"] [data-dir="down"]`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect((await rows()).slice(0, 3)).toEqual([timeline[1], timeline[2], timeline[0]]);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-scenario-row]')?.getAttribute('data-scenario-row'))).toBe(timeline[0]);
    // Every scenario the page lists counts, the practice included: the count follows the content.
    expect(await page.textContent('.setup-form [role="status"]')).toContain(`is now number 3 of ${(await rows()).length}`);
    // ...and moves the last one up once with Space; untick one scenario with the keyboard.
    await tabTo(page, `[data-scenario-row="${timeline[timeline.length - 1]}"] [data-dir="up"]`);
    await page.keyboard.press('Space');
    await tabTo(page, `#scenario-${timeline[1]}`);
    await page.keyboard.press('Space');
    // Mouse: the timer, hints, a fixed seed and a label with markup in it.
    await page.click('label[for="timer-x1-5"]');
    await page.click('label[for="hints"]');
    // Predictions are on unless the teacher turns them off.
    expect(await page.isChecked('#predictions')).toBe(true);
    await page.click('label[for="predictions"]');
    await page.click('label[for="seed-fixed"]');
    await page.fill('#seed-number', '1234');
    const label = '9B <b>History</b>';
    await page.fill('#class-label', label);

    const order = await rows();
    const expected: ClassSettings = {
      scenarios: order.filter((id) => id !== timeline[1] && id !== content.tutorialId),
      timer: 'x1.5',
      hints: false,
      predictions: false,
      seed: 1234,
      label,
    };
    const link = (await page.getAttribute('[data-class-link]', 'data-class-link'))!;
    expect(await page.getAttribute('[data-class-link]', 'href')).toBe(link);
    expect(link.startsWith(`${site.url}?class=`)).toBe(true);
    const read = readClassLink(content, link)!;
    expect(read.problems).toEqual([]);
    expect(read.settings).toEqual(expected);
    expect(await page.textContent('[data-summary]')).toContain('Timer: ×1.5: 90 s a question');
    expect(await page.textContent('[data-summary]')).toContain('Predictions: off');
    expect(await page.locator('.link-output b').count()).toBe(0);

    // The QR code holds exactly the link's modules.
    const path = (await page.getAttribute('[data-qr] svg path', 'd'))!;
    const modules = createQr(link, { errorCorrectionLevel: 'M' }).modules;
    const dark = [...modules.data].filter(Boolean).length;
    expect(path.split('h1v1h-1z').length - 1).toBe(dark);
    expect(await page.getAttribute('[data-qr] svg', 'role')).toBe('img');

    await page.click('[data-action="copy"]');
    await page.waitForFunction(() => document.querySelector('[data-status="copy"]')?.textContent !== '');
    expect(await page.textContent('[data-status="copy"]')).toBe('The link is copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(await axe(page)).toEqual([]);
    await fullShot(page, 'teacher-setup');

    // No scenario at all: no link, a clear message.
    for (const id of expected.scenarios) await page.uncheck(`#scenario-${id}`);
    expect(await page.textContent('[data-error="no-scenario"]')).toMatch(/Choose at least one scenario/);
    expect(await page.locator('[data-class-link]').count()).toBe(0);
    await page.check(`#scenario-${expected.scenarios[0]}`);

    // The discussion guide of the chosen scenario, every meeting with its quoted source.
    const guideId = sliceScenario(content).id;
    await page.selectOption('[data-guide-select]', guideId);
    const scenario = content.scenarios[guideId]!;
    expect(await page.locator(`[data-guide="${guideId}"] [data-meeting]`).count()).toBe(scenario.meetings.length);
    for (const m of scenario.meetings) {
      const figure = page.locator(`[data-meeting="${m.id}"] > .quote`).first();
      // Shown between quotation marks of its own, its words verbatim.
      expect(await figure.locator('blockquote').textContent()).toBe(quoted(m.opening.evidence.quote));
      expect(await figure.locator('figcaption').textContent()).toContain(content.sources[m.opening.evidence.source]!.outlet);
      expect(await page.locator(`[data-meeting="${m.id}"] [data-point]`).count()).toBe(m.questions.length);
    }
    await stubPrint(page);
    await page.click('[data-action="print-guide"]');
    expect(await printed(page)).toBe(1);
    await printShot(page, 'teacher-guide-print');
    expect(await shown(page, '.link-section')).toBe(false);
    expect(await shown(page, '.setup-form')).toBe(false);
    expect(await shown(page, `[data-guide="${guideId}"]`)).toBe(true);
    expect(await shown(page, '[data-action="print-guide"]')).toBe(false);
    // Printing the link instead shows the link, its QR code and the summary only.
    await page.emulateMedia({ media: 'screen' });
    await page.click('[data-action="print-link"]');
    await printShot(page, 'teacher-link-print');
    expect(await shown(page, '.link-section')).toBe(true);
    expect(await shown(page, '.guide-section')).toBe(false);

    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });
});

// ---------------------------------------------------------------------------------------------

const SLICE_ID = sliceScenario(content).id;
const SECOND_ID = secondScenario(content).id;
const CLASS: ClassSettings = { scenarios: [SLICE_ID, SECOND_ID], timer: 'off', hints: true, seed: 5, label: '9B History' };

function played(scenarioId: string, right: (n: number) => boolean, last = false): string {
  let n = 0;
  const s: Strategy = { answer: () => (right(n++) ? 0 : 1), move: (ids) => (last ? ids[ids.length - 1]! : ids[0]!) };
  const run = playThrough(content, content.scenarios[scenarioId]!, newRun(content, scenarioId, 5), s);
  run.stop();
  return encodeRunCode(content, run.record);
}

function student(name: string, runs: Array<[string, string]>): ResultsFile {
  const made = makeResults({ name, settings: CLASS, runs: runs.map(([scenarioId, code]) => ({ scenarioId, code })) });
  if (!made.ok) throw new Error(made.message);
  return made.file;
}

describe('class dashboard', () => {
  it('imports a class by picker, drop and paste, and shows, exports and prints what the replays say', async () => {
    const right = played(SLICE_ID, () => true);
    const wrong = played(SLICE_ID, () => false, true);
    const mixed = played(SLICE_ID, (n) => n % 3 !== 1);
    const lavrov = played(SECOND_ID, (n) => n % 2 === 0);
    const xss = '<img src=x onerror=alert(1)>';
    const tampered = JSON.parse(resultsFileText(student('Dan', [[SLICE_ID, wrong]])));
    tampered.score = 100;
    tampered.runs[0].understanding = { serbia: 100, kosovo: 100, us: 100 };
    const edited = right.slice(0, -2) + (right.endsWith('AA') ? 'BA' : 'AA');

    // In the order they are imported: picked, dropped, pasted.
    const picked: Array<[string, string]> = [
      ['ana.json', resultsFileText(student('Ana Novak', [[SLICE_ID, right], [SECOND_ID, lavrov]]))],
      ['ben.json', resultsFileText(student('Ben', [[SLICE_ID, wrong]]))],
      ['cai.json', resultsFileText(student('Cai "the envoy", Jr.', [[SLICE_ID, mixed]]))],
      ['img.json', resultsFileText(student(xss, [[SLICE_ID, right]]))],
      ['dan.json', JSON.stringify(tampered)],
    ];
    const dropped: Array<[string, string]> = [
      ['eve.json', resultsFileText(student('Eve', [[SLICE_ID, edited]]))],
      ['ana-again.json', resultsFileText(student(' ana novak ', [[SLICE_ID, wrong]]))],
      ['notes.txt', 'Remember to bring the permission slips.'],
    ];
    const pastedCode = resultsCode(student('Fay', [[SECOND_ID, lavrov], [SLICE_ID, mixed]]));
    for (const [name, text] of picked) writeFileSync(join(dir, name), text);
    const imports: ImportedResults[] = [
      ...picked.map(([source, text]) => ({ source, parsed: parseResults(text) })),
      ...dropped.map(([source, text]) => ({ source, parsed: parseResults(text) })),
      { source: 'pasted code 1', parsed: parseResults(pastedCode) },
    ];
    const model = buildDashboard(content, imports);
    expect(model.students).toHaveLength(6);
    expect(model.problems).toHaveLength(3);

    const w = await openPage(site.browser, site.origin);
    const { page } = w;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${site.url}?teacher=dashboard`);
    await page.waitForSelector('[data-teacher="dashboard"] [data-empty]');

    await page.setInputFiles('[data-input="files"]', picked.map(([name]) => join(dir, name)));
    await page.waitForFunction(() => /now imported/.test(document.querySelector('[data-status="import"]')?.textContent ?? ''));
    await page.evaluate((files) => {
      const dt = new DataTransfer();
      for (const [name, text] of files) dt.items.add(new File([text], name, { type: name.endsWith('.json') ? 'application/json' : 'text/plain' }));
      document.querySelector('[data-drop]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, dropped);
    await page.waitForFunction(() => /Read 3:/.test(document.querySelector('[data-status="import"]')?.textContent ?? ''));
    // A code pasted with a line break in the middle, as an e-mail might wrap it.
    await page.fill('[data-input="codes"]', `${pastedCode.slice(0, 50)}\n${pastedCode.slice(50)}\n`);
    await page.click('[data-action="add-codes"]');
    await page.waitForFunction(() => /Read 1:/.test(document.querySelector('[data-status="import"]')?.textContent ?? ''));
    expect(await page.textContent('[data-status="import"]')).toBe('Read 1: 6 now imported, 3 skipped in all.');

    // The roster: every name as text, the markup one too, and nothing ran.
    const names = await page.$$eval('[data-table="roster"] tbody .student-name', (els) => els.map((e) => e.textContent));
    expect(names).toEqual(model.students.map((s) => s.name));
    expect(names).toContain(xss);
    expect(await page.locator('.teacher img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // The skipped files, each with its reason.
    const skipped = await page.$$eval('.problem-list li', (els) => els.map((e) => [e.getAttribute('data-source'), e.textContent]));
    expect(skipped.map(([s]) => s)).toEqual(['eve.json', 'ana-again.json', 'notes.txt']);
    expect(skipped[0]![1]).toMatch(/damaged or has been edited/);
    expect(skipped[1]![1]).toMatch(/already imported from ana\.json/);
    expect(skipped[2]![1]).toMatch(/not an Envoy results/);

    // Each scenario's table shows what the model worked out from the replays; Dan's claimed
    // score counts for nothing.
    for (const summary of model.scenarios) {
      const section = `[data-scenario="${summary.id}"]`;
      for (const st of model.students.filter((s) => s.scenarios[summary.id])) {
        const r = st.scenarios[summary.id]!;
        const row = page.locator(`${section} [data-table="students"] tbody tr`).filter({ has: page.locator('th', { hasText: st.name }) }).first();
        expect(await row.locator('[data-ending]').getAttribute('data-ending')).toBe(r.endingId);
        expect(await row.locator('[data-right]').getAttribute('data-right')).toBe(`${r.right}/${r.total}`);
        for (const p of summary.parties) expect(await row.locator(`[data-party="${p}"]`).textContent()).toBe(r.understanding[p] === null ? '–' : String(r.understanding[p]));
      }
      for (const a of summary.partyAverages) {
        expect(await page.textContent(`${section} [data-average] [data-party="${a.party}"]`)).toBe(a.average === null ? '–' : String(a.average));
      }
      for (const q of summary.questions) {
        const row = page.locator(`${section} [data-question="${q.questionId}"]`);
        expect(await row.locator('[data-share]').getAttribute('data-share')).toBe(q.share === null ? '' : String(Math.round(q.share * 100)));
        expect(await row.locator('[data-wrong]').getAttribute('data-wrong')).toBe(q.mostWrong?.text ?? '');
      }
    }
    const dan = model.students.find((s) => s.name === 'Dan')!.scenarios[SLICE_ID]!;
    expect(dan.right).toBe(0);
    expect(await axe(page)).toEqual([]);
    await fullShot(page, 'teacher-dashboard');

    // CSV: the download is the model's CSV (after a byte-order mark for spreadsheets).
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="csv"]')]);
    expect(file.suggestedFilename()).toBe('envoy-class-9b-history.csv');
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv).toBe(`\uFEFF${dashboardCsv(model)}`);

    // Print: the class summary without the import controls or buttons.
    await stubPrint(page);
    await page.click('[data-action="print"]');
    expect(await printed(page)).toBe(1);
    await printShot(page, 'teacher-dashboard-print');
    expect(await shown(page, '.import-section')).toBe(false);
    expect(await shown(page, '.teacher-nav')).toBe(false);
    expect(await shown(page, '[data-action="csv"]')).toBe(false);
    expect(await shown(page, '[data-table="questions"]')).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // Start again: everything clears.
    await page.click('[data-action="clear"]');
    await page.waitForSelector('[data-empty]');

    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });
});

// ---------------------------------------------------------------------------------------------

describe('a class from set-up to dashboard', () => {
  it('sets up a class, plays it as two students, and the dashboard recomputes their results and ignores a tampered score', async () => {
    const scenario = sliceScenario(content);
    // The teacher: one scenario, the ×2 timer, no hints, a label.
    const teacher = await openPage(site.browser, site.origin);
    await teacher.page.goto(`${site.url}?teacher=setup`);
    await teacher.page.waitForSelector('[data-class-link]');
    for (const id of content.scenarioOrder) if (id !== scenario.id) await teacher.page.uncheck(`#scenario-${id}`);
    await teacher.page.click('label[for="timer-x2"]');
    await teacher.page.click('label[for="hints"]');
    await teacher.page.fill('#class-label', '10A Civics');
    const link = (await teacher.page.getAttribute('[data-class-link]', 'data-class-link'))!;
    expect(readClassLink(content, link)!.settings).toEqual({ scenarios: [scenario.id], timer: 'x2', hints: false, seed: 'per-student', label: '10A Civics' });

    // Two students, each on their own device (a fresh browser profile), with different choices.
    const students = [
      { name: 'Ana Novak', right: () => true, move: (ids: string[]) => ids[0]! },
      { name: 'Ben <b>Kay</b>', right: (i: number) => i % 3 === 0, move: (ids: string[]) => ids[ids.length - 1]! },
    ];
    const handedIn: Array<{ name: string; file: string; text: string; ending: string; understanding: Record<string, string> }> = [];
    for (const s of students) {
      const w = await openPage(site.browser, site.origin);
      const { page } = w;
      await page.goto(link);
      await page.waitForSelector('[data-action="play"]');
      expect(await page.textContent('[data-class-label]')).toBe('Class: 10A Civics');
      await page.click('[data-action="play"]');
      // Only the class's scenario is offered.
      expect(await page.$$eval('[data-scenario]', (els) => els.map((e) => e.getAttribute('data-scenario')))).toEqual([scenario.id]);
      await page.click('[data-action="back"]');
      let timedSeen = false;
      let hintSeen = false;
      await playScenario(page, 'mouse', content, scenario, s.right, s.move, async (screen) => {
        if (!screen.startsWith('question-')) return;
        if (!timedSeen && s === students[0]) {
          // The countdown runs from the class's time (×2 of the scenario's), pauses, and resumes in full.
          const full = scenario.questionSeconds * 2;
          const left = Number(await page.getAttribute('[data-timer-left]', 'data-timer-left'));
          expect(left).toBeGreaterThan(full - 10);
          expect(left).toBeLessThanOrEqual(full);
          await page.click('[data-action="pause"]');
          await page.waitForSelector('[data-timer="paused"]');
          await page.click('[data-action="resume-timer"]');
          await page.waitForSelector('[data-timer="running"]');
        }
        timedSeen ||= (await page.locator('[data-action="pause"]').count()) > 0;
        hintSeen ||= (await page.locator('[data-action="hint"]').count()) > 0;
      });
      // The teacher's timer runs (it can be paused) and hints are off.
      expect(timedSeen).toBe(true);
      expect(hintSeen).toBe(false);
      const ending = (await page.getAttribute('.debrief', 'data-ending'))!;
      const understanding = Object.fromEntries(
        await page.$$eval('.scores tbody tr', (rows) => rows.map((r) => [r.getAttribute('data-party')!, r.querySelector('[data-understanding]')!.getAttribute('data-understanding')!])),
      );
      // No name, no results; then the name and a download.
      await page.click('[data-action="save-results"]');
      expect(await page.textContent('[data-status="hand-in"]')).toBe('Type your name first.');
      await page.fill('#student-name', s.name);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="save-results"]')]);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(await page.textContent('[data-status="hand-in"]')).toContain(download.suggestedFilename());
      handedIn.push({ name: s.name, file: download.suggestedFilename(), text, ending, understanding });
      if (handedIn.length === 1) await fullShot(page, 'student-debrief');
      if (handedIn.length === 1) await printShot(page, 'student-debrief-print');
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      await w.context.close();
    }
    expect(handedIn[0]!.file).toBe('envoy-results-ana-novak.json');
    expect(handedIn[1]!.file).toBe('envoy-results-ben-b-kay-b.json');
    expect(handedIn[0]!.ending).not.toBe(handedIn[1]!.ending);
    const ben = JSON.parse(handedIn[1]!.text);
    expect(ben).toMatchObject({ format: 'envoy-results', name: 'Ben <b>Kay</b>', classLabel: '10A Civics', settings: { scenarios: [scenario.id], timer: 'x2', hints: false } });
    expect(ben.runs).toHaveLength(1);

    // A third file: Ben's run handed in again under another name with a perfect score written in.
    const tampered = { ...ben, name: 'Cal', score: 100, runs: [{ ...ben.runs[0], ending: 'breakthrough', understanding: { serbia: 100, kosovo: 100, us: 100 } }] };
    const files = [...handedIn.map((s) => [s.file, s.text] as const), ['cal.json', JSON.stringify(tampered)] as const];
    for (const [name, text] of files) writeFileSync(join(dir, name), text);

    const { page } = teacher;
    await page.goto(`${site.url}?teacher=dashboard`);
    await page.waitForSelector('[data-empty]');
    await page.setInputFiles('[data-input="files"]', files.map(([name]) => join(dir, name)));
    await page.waitForFunction(() => /now imported/.test(document.querySelector('[data-status="import"]')?.textContent ?? ''));
    const section = `[data-scenario="${scenario.id}"]`;
    const row = (name: string) => page.locator(`${section} [data-table="students"] tbody tr`).filter({ has: page.locator('th', { hasText: name }) }).first();
    // Each student's row says what their own debrief said; Cal's row is Ben's run replayed.
    for (const [name, from] of [['Ana Novak', handedIn[0]!], ['Ben <b>Kay</b>', handedIn[1]!], ['Cal', handedIn[1]!]] as const) {
      expect(await row(name).locator('[data-ending]').getAttribute('data-ending')).toBe(from.ending);
      for (const [party, value] of Object.entries(from.understanding)) {
        expect(await row(name).locator(`[data-party="${party}"]`).textContent()).toBe(value === '' ? '–' : value);
      }
    }
    expect(await page.locator('.teacher b').count()).toBe(0);
    await fullShot(page, 'teacher-dashboard-class');
    expect(teacher.consoleErrors).toEqual([]);
    await teacher.context.close();
  });
});
