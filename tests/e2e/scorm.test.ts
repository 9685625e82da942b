// The SCORM packages in a stand-in LMS: both zips are built from dist/, unzipped and served with a
// host page that runs scorm-again as the LMS runtime (tests/e2e/lms-host/). In each, a student
// plays part of a scenario inside the LMS frame, the page is reloaded (the game's own save wiped,
// so only the LMS's suspend_data can bring the run back), the run resumes where it was and is
// played to the end; then the values the runtime holds are checked.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScormPackages } from '../../src/cli/buildScorm';
import type { Question } from '../../src/content/schema';
import { findQuestion } from '../../src/engine/stats';
import { t } from '../../src/i18n';
import { DEFAULT_PASSING_SCORE, scoreOf } from '../../src/lms/format';
import { CODE_PREFIX } from '../../src/replay/code';
import { SAVE_KEY } from '../../src/persistence/runSave';
import { realContent } from '../unit/helpers';
import { CHROMIUM_FLAGS, DIST, launch, openPage, ROOT, serveDist, shot } from './harness';
import { activate, playOn, type Played } from './player';
import { sliceScenario } from './scenarioPicks';

const content = realContent();
const SCENARIO = sliceScenario(content);
const HOST = join(ROOT, 'tests', 'e2e', 'lms-host');
/** scorm-again's browser bundle (the package's "./min" export: defines window.Scorm12API and Scorm2004API). */
const SCORM_AGAIN = createRequire(import.meta.url).resolve('scorm-again/min');

let browser: Browser;
let server: Server;
let origin: string;
let url: string;
let work: string;
const sizes: Record<string, number> = {};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'envoy-lms-'));
  const site = join(work, 'site');
  mkdirSync(site, { recursive: true });
  for (const pkg of buildScormPackages({ dist: DIST, out: join(work, 'zips') })) {
    sizes[pkg.version] = pkg.bytes;
    const folder = join(site, pkg.version === '1.2' ? 'sco12' : 'sco2004');
    for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(readFileSync(pkg.path))))) {
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), bytes);
    }
  }
  // The harness serves a folder whose index.html is the entry: here, the LMS host page.
  cpSync(join(HOST, 'host.html'), join(site, 'index.html'));
  cpSync(join(HOST, 'host.js'), join(site, 'host.js'));
  cpSync(SCORM_AGAIN, join(site, 'scorm-again.min.js'));
  // A page of the same site to leave the LMS for (the back/forward cache test).
  writeFileSync(join(site, 'away.html'), '<!doctype html><html lang="en"><title>Elsewhere</title><link rel="icon" href="data:,"><p>Elsewhere</p></html>');
  ({ server, origin, url } = await serveDist(site));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Thrown from playOn's screen callback to stop a run midway. */
class Pause extends Error {}

/** The SCO's frame once its game is past booting; `holder` is the page that frames it (the host, or the LMS pop-up). */
async function scoFrame(page: Page, folder: string, holder: Page = page): Promise<Frame> {
  await page.waitForFunction(() => (window as unknown as { lms?: { ready: boolean } }).lms?.ready === true, undefined, { timeout: 10_000 });
  const handle = await holder.waitForSelector('iframe#sco');
  const frame = (await handle.contentFrame())!;
  await frame.waitForURL(new RegExp(`${folder}/index\\.html\\?scorm=`));
  await frame.waitForFunction(() => {
    const screen = document.getElementById('ui')?.dataset.screen;
    return !!screen && screen !== 'boot';
  });
  return frame;
}

type HostState = { version: string; launch: string; errors: string[]; calls: Array<{ name: string; args: string[]; code: string }>; cmi: any; stored: any };
const hostState = (page: Page): Promise<HostState> =>
  page.evaluate(() => {
    const lms = (window as any).lms;
    return { version: lms.version, launch: lms.launch, errors: lms.errors, calls: lms.calls, cmi: lms.cmi(), stored: JSON.parse(localStorage.getItem(lms.storeKey) ?? 'null') };
  });

const INTERACTION_TYPE: Record<Question['type'], string> = { choice: 'choice', 'who-said': 'choice', 'true-false': 'true-false', sort: 'matching', order: 'sequencing' };

const CASES = [
  // Mostly right (75%): passes the 50% mark. Mostly wrong (1 in 3 right): fails it.
  { version: '1.2', folder: 'sco12', right: (i: number) => i % 4 !== 3 },
  { version: '2004', folder: 'sco2004', right: (i: number) => i % 3 === 0 },
] as const;

describe('SCORM packages in an LMS', () => {
  for (const { version, folder, right } of CASES) {
    it(`SCORM ${version}: plays in the LMS frame, resumes from suspend_data after a reload, and reports the result`, async () => {
      // A smaller window than the other tests: the stage renders in software, and two full plays are slow.
      const w = await openPage(browser, origin, { viewport: { width: 1024, height: 700 } });
      const page = w.page;
      await page.goto(`${url}?pkg=${folder}/`);
      let frame = await scoFrame(page, folder);
      const host0 = await hostState(page);
      expect(host0.version).toBe(version);
      expect(host0.launch).toBe(`${folder}/index.html?scorm=${version}`);
      // Player functions take a Page; a Frame has the same methods for mouse play.
      const asPage = () => frame as unknown as Page;

      // Part one: into the scenario, three questions answered, then the page goes away.
      await activate(asPage(), 'mouse', '[data-action="play"]');
      await activate(asPage(), 'mouse', `[data-scenario="${SCENARIO.id}"] [data-action="choose"]`);
      await frame.waitForSelector('[data-action="begin"]');
      await activate(asPage(), 'mouse', '[data-action="begin"]');
      await frame.waitForSelector('[data-phase]');
      const played: Played = { answers: [], moves: [], screens: [] };
      let seen = 0;
      await expect(
        playOn(asPage(), 'mouse', content, SCENARIO, right, (ids) => ids[0]!, async (name) => {
          if (name.startsWith('question-')) seen++;
          if (name === 'feedback' && seen === 3) throw new Pause();
        }, played),
      ).rejects.toBeInstanceOf(Pause);
      expect(played.answers).toHaveLength(3);
      const mid = await hostState(page);
      const midCmi = mid.stored;
      expect(midCmi.suspend_data).toMatch(new RegExp(`^${CODE_PREFIX}[A-Za-z0-9_-]+$`));
      expect(Object.keys(midCmi.interactions)).toHaveLength(3);
      expect(version === '1.2' ? midCmi.core.lesson_status : midCmi.completion_status).toBe('incomplete');
      expect(version === '1.2' ? midCmi.core.exit : midCmi.exit).toBe('suspend');
      await shot(page, `scorm${version === '1.2' ? '12' : '2004'}-midway`);

      // Wipe the game's own save (and anything else but the LMS's store), then reload the LMS page.
      await page.evaluate((key) => {
        for (const k of Object.keys(localStorage)) if (k !== key) localStorage.removeItem(k);
      }, `lms-host:${folder}/`);
      expect(await page.evaluate((k) => localStorage.getItem(k), SAVE_KEY)).toBeNull();
      await page.reload();
      frame = await scoFrame(page, folder);

      // Part two: the run is back at the third question's feedback, with nothing else saved.
      await frame.waitForSelector('[data-phase="feedback"]');
      expect(await frame.getAttribute('#ui', 'data-screen')).toBe('negotiation');
      expect(await frame.getAttribute('[data-question]', 'data-question')).toBe(played.answers[2]!.id);
      const resumedCmi = (await hostState(page)).cmi;
      expect(resumedCmi.suspend_data).toBe(midCmi.suspend_data);
      await playOn(asPage(), 'mouse', content, SCENARIO, right, (ids) => ids[0]!, async () => {}, played);
      expect(await frame.getAttribute('#ui', 'data-screen')).toBe('debrief');
      await shot(page, `scorm${version === '1.2' ? '12' : '2004'}-debrief`);

      // What the LMS holds.
      const end = await hostState(page);
      const cmi = end.cmi;
      expect(end.stored).toEqual(cmi); // persisted on the final commit / terminate
      expect(end.errors).toEqual([]);
      const calls = end.calls.map((c) => c.name);
      expect(calls.filter((c) => /Initialize$/.test(c))).toHaveLength(1); // this session's (the first was before the reload)
      expect(calls.filter((c) => c === (version === '1.2' ? 'LMSFinish' : 'Terminate'))).toHaveLength(1);

      const score = scoreOf(played.answers.map((a) => (a.right ? 1 : 0)));
      const passed = score.scaled >= DEFAULT_PASSING_SCORE;
      expect(passed).toBe(version === '1.2'); // the two cases cover both outcomes
      // The LMS score is the debrief's own count of questions fully right.
      expect(await frame.textContent('.debrief')).toContain(`You answered ${score.right} of ${score.answered} questions fully right.`);
      const interactions = Object.values(cmi.interactions) as Array<Record<string, any>>;
      expect(interactions.map((i) => i.id)).toEqual(played.answers.map((a) => a.id));
      if (version === '1.2') {
        expect(cmi.core).toMatchObject({ lesson_status: 'passed', exit: '', entry: 'resume' });
        expect(cmi.core.score).toEqual({ raw: String(score.raw), min: '0', max: '100' });
        expect(cmi.core.session_time).toMatch(/^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/);
        expect(cmi.student_data.mastery_score).toBe('50');
      } else {
        expect(cmi).toMatchObject({ completion_status: 'completed', success_status: 'failed', exit: 'normal', entry: 'resume', scaled_passing_score: '0.5' });
        expect(cmi.score).toEqual({ scaled: String(score.scaled), raw: String(score.raw), min: '0', max: '100' });
        expect(cmi.session_time).toMatch(/^PT\d+H\d+M\d+(\.\d{1,2})?S$/);
      }
      expect(cmi.suspend_data).toBe('');
      interactions.forEach((i, n) => {
        const q = findQuestion(SCENARIO, played.answers[n]!.id)!;
        const isRight = played.answers[n]!.right;
        const response = version === '1.2' ? i.student_response : i.learner_response;
        const pattern = i.correct_responses['0'].pattern;
        expect(i.type).toBe(INTERACTION_TYPE[q.type]);
        expect(i.result).toBe(isRight ? 'correct' : version === '1.2' ? 'wrong' : 'incorrect');
        expect(i.weighting).toBe(String(q.difficulty));
        expect(response.length).toBeGreaterThan(0);
        if (isRight) expect(response).toBe(pattern);
        else expect(response).not.toBe(pattern);
        if (version === '1.2') {
          expect(i.time).toMatch(/^\d\d:\d\d:\d\d$/);
          if (q.type === 'true-false') expect(pattern).toBe(q.answer ? 't' : 'f');
          if (q.type === 'sort') expect(pattern).toMatch(/^\d\.[a-d](,\d\.[a-d])*$/);
          if (q.type === 'order') expect(pattern).toBe(q.events.map((_, k) => 'abcdef'[k]).join(','));
        } else {
          expect(i.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$/);
          expect(i.description.length).toBeGreaterThan(0);
          if (q.type === 'true-false') expect(pattern).toBe(String(q.answer));
          if (q.type === 'sort') expect(pattern).toBe(q.statements.map((s) => `${s.id}[.]${s.party}`).join('[,]'));
          if (q.type === 'order') expect(pattern).toBe(q.events.map((e) => e.id).join('[,]'));
          if (q.type === 'choice' || q.type === 'who-said') expect(pattern).toBe(q.options.find((o) => o.correct)!.id);
        }
      });
      const types = new Set(interactions.map((i) => i.type));
      expect(types.size).toBeGreaterThanOrEqual(3);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      await w.context.close();
    }, 300_000);
  }

  it('packages are a reasonable size', () => {
    console.log(`SCORM package sizes: 1.2 ${sizes['1.2']} bytes, 2004 ${sizes['2004']} bytes`);
    expect(sizes['1.2']).toBeGreaterThan(100_000);
    expect(sizes['2004']).toBeLessThan(20_000_000);
  });

  /** Into the scenario from the title and on until `count` questions are answered, in the SCO frame. */
  const playUntil = async (frame: Frame, count: number, played: Played = { answers: [], moves: [], screens: [] }) => {
    const asPage = frame as unknown as Page;
    if ((await frame.getAttribute('#ui', 'data-screen')) === 'title') {
      await activate(asPage, 'mouse', '[data-action="play"]');
      await activate(asPage, 'mouse', `[data-scenario="${SCENARIO.id}"] [data-action="choose"]`);
      await frame.waitForSelector('[data-action="begin"]');
      await activate(asPage, 'mouse', '[data-action="begin"]');
      await frame.waitForSelector('[data-phase]');
    }
    let seen = played.answers.length;
    await expect(
      playOn(asPage, 'mouse', content, SCENARIO, () => true, (ids) => ids[0]!, async (name) => {
        if (name.startsWith('question-')) seen++;
        if (name === 'feedback' && seen === count) throw new Pause();
      }, played),
    ).rejects.toBeInstanceOf(Pause);
    return played;
  };

  for (const { version, folder } of CASES) {
    it(`SCORM ${version}: a SCO framed in the LMS's pop-up finds the API on the frame that opened the pop-up (window.top.opener)`, async () => {
      const w = await openPage(browser, origin, { viewport: { width: 1024, height: 700 } });
      const page = w.page;
      const popupOpened = w.context.waitForEvent('page');
      await page.goto(`${url}?pkg=${folder}/&launch=popup`);
      const popup = await popupOpened;
      const popupErrors: string[] = [];
      popup.on('console', (msg) => void (msg.type() === 'error' && popupErrors.push(msg.text())));
      popup.on('pageerror', (err) => popupErrors.push(String(err)));
      const frame = await scoFrame(page, folder, popup);
      // The pop-up is a top-level window of its own; its opener is the LMS frame inside the host page.
      expect(await frame.evaluate(() => window.top !== window && window.opener === null && window.top!.opener !== null)).toBe(true);
      expect(await popup.evaluate(() => (window.opener as Window & { lms?: unknown }).lms !== undefined && !('API' in window) && !('API_1484_11' in window))).toBe(true);
      await playUntil(frame, 1);
      const state = await hostState(page);
      const names = state.calls.map((c) => c.name);
      console.log(`SCORM ${version} pop-up launch: ${names.length} LMS calls reached the API on the opener's frame (${[...new Set(names)].join(', ')})`);
      expect(names[0]).toBe(version === '1.2' ? 'LMSInitialize' : 'Initialize');
      expect(names).toContain(version === '1.2' ? 'LMSCommit' : 'Commit');
      expect(state.errors).toEqual([]);
      expect(state.stored.suspend_data).toMatch(new RegExp(`^${CODE_PREFIX}[A-Za-z0-9_-]+$`));
      expect(Object.keys(state.stored.interactions)).toHaveLength(1);
      expect(await frame.$('.notice')).toBeNull();
      await shot(popup, `scorm${version === '1.2' ? '12' : '2004'}-popup-launch`);
      expect([...w.consoleErrors, ...popupErrors]).toEqual([]);
      await w.context.close();
    }, 120_000);
  }

  it('a SCORM launch with no LMS API tells the student that their progress is not recorded', async () => {
    const w = await openPage(browser, origin, { viewport: { width: 1024, height: 700 } });
    await w.page.goto(`${url}?pkg=sco12/&launch=none`);
    const frame = await scoFrame(w.page, 'sco12');
    expect(await frame.evaluate(() => 'API' in window.parent || 'API_1484_11' in window.parent)).toBe(false);
    const notice = await frame.waitForSelector('.notice', { timeout: 10_000 });
    expect((await notice.textContent())!.replace(/\s+/g, ' ')).toContain(t('notice.lmsNotRecording'));
    await shot(w.page, 'scorm-no-api-notice');
    // The same package with its API: no such notice.
    const w2 = await openPage(browser, origin, { viewport: { width: 1024, height: 700 } });
    await w2.page.goto(`${url}?pkg=sco12/`);
    const ok = await scoFrame(w2.page, 'sco12');
    await ok.waitForSelector('[data-action="play"]');
    expect(await ok.$('.notice')).toBeNull();
    expect([...w.consoleErrors, ...w2.consoleErrors]).toEqual([]);
    await w.context.close();
    await w2.context.close();
  }, 60_000);

  it('back/forward cache: the LMS page leaves and comes back from the cache, and play after it still reaches the LMS', async () => {
    // Playwright turns Chromium's back/forward cache off by default; this browser keeps it on.
    const cached = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_FLAGS,
      headless: true,
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
    });
    try {
      for (const { version, folder } of CASES) {
        const w = await openPage(cached, origin, { viewport: { width: 1024, height: 700 } });
        const page = w.page;
        const cdp = await w.context.newCDPSession(page);
        const notCached: string[] = [];
        await cdp.send('Page.enable');
        cdp.on('Page.backForwardCacheNotUsed', (e) => notCached.push(JSON.stringify(e.notRestoredExplanations)));
        await page.goto(`${url}?pkg=${folder}/`);
        const frame = await scoFrame(page, folder);
        await frame.evaluate(() => {
          const shows: boolean[] = [];
          (window as unknown as { shows: boolean[] }).shows = shows;
          window.addEventListener('pageshow', (e) => shows.push(e.persisted));
        });
        const played = await playUntil(frame, 1);
        const before = (await hostState(page)).calls.length;

        await page.goto(`${url}away.html`);
        // A page restored from the cache fires no load event: wait for the navigation to commit.
        await page.goBack({ waitUntil: 'commit' });
        // Playwright does not attach the frames of a page restored from the cache again, so the SCO
        // is read through the host page (same origin) and clicked with the real mouse.
        const sco = <T,>(fn: (win: Window & { shows?: boolean[] }) => T) =>
          page.evaluate(`(${fn.toString()})(document.getElementById('sco').contentWindow)`) as Promise<T>;
        await page.waitForFunction(() => (document.getElementById('sco') as HTMLIFrameElement | null)?.contentWindow?.document.querySelector('[data-phase="feedback"]'));
        // The SCO's own window saw pageshow with persisted: it really came back from the cache.
        expect(await sco((win) => win.shows), `not restored from the cache: ${notCached.join('; ')}`).toEqual([true]);
        const back = await hostState(page);
        const whileAway = back.calls.slice(before).map((c) => c.name);
        console.log(`SCORM ${version} back/forward cache: restored from the cache; while cached the SCO called ${whileAway.join(', ')}`);
        expect(whileAway).toContain(version === '1.2' ? 'LMSCommit' : 'Commit');
        expect(whileAway).not.toContain(version === '1.2' ? 'LMSFinish' : 'Terminate');
        expect(back.stored.suspend_data).toMatch(new RegExp(`^${CODE_PREFIX}`));
        expect(Object.keys(back.stored.interactions)).toHaveLength(played.answers.length);

        // The student plays on (past the feedback): the step is saved and committed without an error.
        const at = await page.evaluate(() => {
          const box = document.getElementById('sco')!.getBoundingClientRect();
          const button = (document.getElementById('sco') as HTMLIFrameElement).contentWindow!.document.querySelector('[data-action="continue"]')!.getBoundingClientRect();
          return { x: box.left + button.left + button.width / 2, y: box.top + button.top + button.height / 2 };
        });
        await page.mouse.click(at.x, at.y);
        await page.waitForFunction((n) => (window as unknown as { lms: { calls: unknown[] } }).lms.calls.length > n, back.calls.length);
        expect(await sco((win) => win.document.querySelector('[data-phase="feedback"]'))).toBeNull();
        await page.waitForFunction(
          ([n, name]) => (window as unknown as { lms: { calls: Array<{ name: string }> } }).lms.calls.slice(n as number).some((c) => c.name === name),
          [back.calls.length, version === '1.2' ? 'LMSCommit' : 'Commit'] as const,
        );
        const after = await hostState(page);
        const later = after.calls.slice(back.calls.length);
        console.log(`SCORM ${version} back/forward cache: after coming back ${later.length} calls reached the LMS (${[...new Set(later.map((c) => c.name))].join(', ')})`);
        expect(later.filter((c) => c.code !== '0')).toEqual([]);
        expect(after.errors).toEqual([]);
        expect(after.stored.suspend_data).toMatch(new RegExp(`^${CODE_PREFIX}`));
        expect(after.stored.suspend_data).not.toBe(back.stored.suspend_data);
        await shot(page, `scorm${version === '1.2' ? '12' : '2004'}-after-bfcache`);
        expect(w.consoleErrors).toEqual([]);
        await w.context.close();
      }
    } finally {
      await cached.close();
    }
  }, 180_000);
});
