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
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScormPackages } from '../../src/cli/buildScorm';
import type { Question } from '../../src/content/schema';
import { findQuestion } from '../../src/engine/stats';
import { DEFAULT_PASSING_SCORE, scoreOf } from '../../src/lms/format';
import { SAVE_KEY } from '../../src/persistence/runSave';
import { realContent } from '../unit/helpers';
import { DIST, launch, openPage, ROOT, serveDist, shot } from './harness';
import { activate, playOn, type Played } from './player';

const content = realContent();
const SCENARIO = content.scenarios['washington-2020']!;
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

async function scoFrame(page: Page, folder: string): Promise<Frame> {
  await page.waitForFunction(() => (window as unknown as { lms?: { ready: boolean } }).lms?.ready === true, undefined, { timeout: 10_000 });
  const handle = await page.waitForSelector('iframe#sco');
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
      expect(midCmi.suspend_data).toMatch(/^E1[A-Za-z0-9_-]+$/);
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
});
