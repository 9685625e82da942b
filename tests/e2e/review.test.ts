// What a player reads, screen by screen: screenshots for a person to look at
// (tests/e2e/screenshots/review-*.png: every screen, the feedback of each question type right and
// wrong, locked moves, the outcome, the debrief with its timeline) and, on each screen at three
// window sizes, the defects once seen while playing: a page taller than the window, doubled
// quotation marks, an emoji lock, an author's note, trust shown for a party never at the table,
// the move's whole text as the outcome's heading, a true-or-false question named "True or false?"
// in the timeline, an order question's dates missing after a right answer, a count of moments that
// is not the content's, and a sound caption left over from the last meeting. The debrief's stance
// map on the stage (tests/e2e/screenshots/stage/debrief-*.png) at the five stage sizes, and again at
// 200 % text and two device pixels per CSS pixel, naming every party with the table's figures.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { excerpt, journeyBetween } from '../../src/engine/places';
import { keepsTrust, OPENING_EXCERPT } from '../../src/engine/presenter';
import { findQuestion } from '../../src/engine/stats';
import { localise } from '../../src/i18n';
import en from '../../src/i18n/en.json';
import { realContent } from '../unit/helpers';
import { openPage, openTitle, shot, SHOTS, useSite } from './harness';
import { playOn, playScenario } from './player';
import { crowdedTablePath, journeyScenario, richestScenario, walkOutPath } from './scenarioPicks';
import { PROBE, releaseJourney, settled, tableState, textsOutside, textsOverlapping, waitForTable, type TableState } from './stageProbe';

const content = realContent();
const site = useSite();
const RICHEST = richestScenario(content);
const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
  { width: 1920, height: 1080 },
];
/** The debrief at every stage size: tests/e2e/screenshots/stage/debrief{suffix}-WxH.png. */
/** A page with the stage probe on, at the briefing's end of `scenarioId`: the talks begin; `dir` is made for the pictures. */
async function openStageProbeAt(scenarioId: string, dir: string) {
  mkdirSync(dir, { recursive: true });
  const w = await openPage(site.browser, site.origin);
  await w.page.goto(site.url + PROBE);
  await w.page.click('[data-action="play"]');
  await w.page.click(`[data-scenario="${scenarioId}"] [data-action="choose"]`);
  await w.page.click('[data-action="begin"]');
  return w;
}

async function stanceShots(page: Page, suffix: string, each: (size: { width: number; height: number }) => Promise<void> = async () => {}) {
  const dir = join(SHOTS, 'stage');
  mkdirSync(dir, { recursive: true });
  // The debrief from its top, as a class first sees it beside the stage.
  await page.evaluate(() => {
    document.getElementById('ui')!.scrollTop = 0;
    window.scrollTo(0, 0);
  });
  for (const size of STAGE_SIZES) {
    await page.setViewportSize(size);
    // Drawn (its texts come a batch a frame) and asleep.
    await settled(page);
    // A sound caption shows over the stage for a few seconds; the picture is under it.
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('#stage .caption')].every((c) => getComputedStyle(c).display === 'none'), null, { timeout: 20_000 });
    await each(size);
    await page.screenshot({ path: join(dir, `debrief${suffix}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]!);
}

/** Problems a reader sees on the screen now, whatever the screen. */
async function readingProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollHeight, inner: window.innerHeight }));
    if (scroll > inner) problems.push(`at ${size.width}×${size.height} the page is ${scroll - inner} px taller than the window`);
  }
  await page.setViewportSize(SIZES[0]!);
  const shown = await page.evaluate(() => {
    // The text as drawn: with the marks a stylesheet adds before and after an element.
    const css = (c: string) => (c && c !== 'none' && c !== 'normal' ? c.replace(/^"|"$/g, '') : '');
    const texts = [...document.querySelectorAll('#ui *')].map((el) => css(getComputedStyle(el, '::before').content) + (el.textContent ?? '') + css(getComputedStyle(el, '::after').content));
    return { texts, all: document.getElementById('ui')!.innerText };
  });
  for (const text of new Set(shown.texts)) {
    if (/””|““|’’|‘‘/.test(text)) problems.push(`doubled quotation marks: …${/.{0,40}(?:””|““|’’|‘‘)/.exec(text)![0]}`);
  }
  if (/\p{Extended_Pictographic}/u.test(shown.all)) problems.push(`an emoji in the text: ${/.{0,30}\p{Extended_Pictographic}.{0,30}/u.exec(shown.all)?.[0]}`);
  if (/\bcapture\b|not named in the/i.test(shown.all)) problems.push('an author\'s note on screen');
  return problems;
}

describe('what a player reads', () => {
  it('every screen, in screenshots, free of the defects seen while playing', { timeout: 600_000 }, async () => {
    const w = await openTitle(site);
    const problems: Record<string, string[]> = {};
    const seen = new Set<string>();
    const look = async (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const found = await readingProblems(w.page);
      if (found.length) problems[name] = [...(problems[name] ?? []), ...found];
      await shot(w.page, `review-${name}`);
    };
    await look('title');
    await w.page.click('[data-action="play"]');
    await look('select');
    // The count of moments is the content's.
    const intro = (await w.page.textContent('#ui p'))!;
    if (!intro.includes(String(content.scenarioOrder.length))) (problems.select ??= []).push(`the count of moments is not the content's ${content.scenarioOrder.length}: ${intro}`);
    await w.page.click(`[data-scenario="${RICHEST.id}"] [data-action="choose"]`);
    await look('briefing');
    await w.page.click('[data-action="begin"]');
    await w.page.waitForSelector('[data-phase]');

    const notSeated = new Set(content.partyOrder.filter((p) => !keepsTrust(RICHEST, p)));
    const answered: Array<{ id: string; right: boolean }> = [];
    const leftOverCaptions: string[] = [];
    let lastMeeting = '';
    const onScreen = async (screen: string) => {
      const phase = await w.page.getAttribute('[data-phase]', 'data-phase').catch(() => null);
      if (screen === 'opening') {
        const meeting = (await w.page.getAttribute('[data-meeting]', 'data-meeting'))!;
        // A caption from the last meeting's outcome is gone once the next meeting opens.
        const caption = await w.page.evaluate(() => {
          const el = document.querySelector<HTMLElement>('.caption');
          return el && getComputedStyle(el).display !== 'none' ? el.textContent : null;
        });
        if (lastMeeting && caption) leftOverCaptions.push(`${meeting}: ${caption}`);
        lastMeeting = meeting;
      }
      if (phase) {
        // Parties never at a table have no trust to show.
        const lines = await w.page.$$eval('.meters li[data-party]', (els) => els.map((el) => [el.getAttribute('data-party')!, el.textContent ?? ''] as const));
        for (const [party, line] of lines) {
          if (notSeated.has(party) && /trust/i.test(line)) (problems[`${screen} meters`] ??= []).push(`trust shown for ${party}, never at the table: ${line}`);
        }
      }
      if (screen === 'feedback') {
        const last = answered.at(-1)!;
        const q = findQuestion(RICHEST, last.id)!;
        const name = `feedback-${q.type}-${last.right ? 'right' : 'wrong'}`;
        if (q.type === 'order') {
          // Each event's date is shown with the event (the explanation may mention some dates too).
          const lines = await w.page.$$eval('.feedback li, .feedback p', (els) => els.map((el) => el.textContent ?? ''));
          for (const e of q.events) if (!lines.some((l) => l.includes(e.when) && l.includes(e.text))) (problems[name] ??= []).push(`the date "${e.when}" of "${e.text}" is not shown`);
        }
        await look(name);
        return;
      }
      if (screen === 'moves' && (await w.page.locator('.is-locked').count())) {
        const lock = await w.page.locator('.is-locked svg[data-icon="lock"]').count();
        if (!lock) (problems['moves-locked'] ??= []).push('a locked move has no lock icon');
        await look('moves-locked');
        return;
      }
      if (screen === 'outcome') {
        const eyebrow = (await w.page.textContent('.outcome .eyebrow'))!;
        const heading = (await w.page.textContent('#screen-heading'))!;
        const box = await w.page.locator('.outcome .eyebrow').boundingBox();
        const lineHeight = await w.page.locator('.outcome .eyebrow').evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
        if (box && box.height > lineHeight * 1.6) (problems.outcome ??= []).push(`the outcome's heading runs to ${Math.round(box.height / lineHeight)} lines: ${eyebrow}`);
        if (heading.length > 40) (problems.outcome ??= []).push(`the outcome's heading is long: ${heading}`);
      }
      if (screen.startsWith('question-')) {
        const id = (await w.page.getAttribute('[data-question]', 'data-question'))!;
        const right = answered.length % 2 === 0;
        answered.push({ id, right });
      }
      await look(screen);
    };
    await playOn(w.page, 'mouse', content, RICHEST, (i) => i % 2 === 0, (ids) => ids.at(-1)!, onScreen);

    // The debrief, tall enough to read it all in one screenshot, timeline included.
    await look('debrief');
    const timeline = await w.page.locator('.replay .decisions').innerText();
    for (const a of answered) {
      const q = findQuestion(RICHEST, a.id)!;
      if (q.type === 'true-false' && !timeline.includes(q.statement)) (problems.debrief ??= []).push(`the timeline names "${q.statement}" only as "${q.prompt}"`);
    }
    await w.page.setViewportSize({ width: 1366, height: 4000 });
    await shot(w.page, 'review-debrief-full');
    await w.page.locator('.replay').screenshot({ path: join(SHOTS, 'review-debrief-timeline.png') });
    await w.page.setViewportSize(SIZES[0]!);
    await stanceShots(w.page, '');

    for (const type of new Set(RICHEST.meetings.flatMap((m) => m.questions.map((q) => q.type)))) expect([...seen].some((s) => s.startsWith(`feedback-${type}`)), type).toBe(true);
    for (const name of ['title', 'select', 'briefing', 'opening', 'outcome', 'debrief']) expect(seen, name).toContain(name);
    if (leftOverCaptions.length) problems['caption left over from the last moment'] = leftOverCaptions;
    expect(problems).toEqual({});
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('the debrief\'s stance map names every party with the table\'s figures, at 200 % text and 2 device pixels per CSS pixel', { timeout: 600_000 }, async () => {
    const w = await openPage(site.browser, site.origin, { deviceScaleFactor: 2 });
    await w.context.addInitScript(() => localStorage.setItem('envoy.prefs', JSON.stringify({ textScale: 2 })));
    await w.page.goto(site.url + PROBE);
    await w.page.waitForSelector('[data-action="play"]');
    const played = await playScenario(w.page, 'mouse', content, RICHEST, (i) => i % 2 === 0, (ids) => ids.at(-1)!);
    await w.page.waitForSelector('#ui[data-screen="debrief"]');
    const table = await w.page.$$eval('table.scores tbody tr[data-party]', (rows) =>
      rows.map((r) => ({
        party: r.getAttribute('data-party')!,
        understanding: r.querySelector('[data-understanding]')!.getAttribute('data-understanding')!,
        trust: r.querySelector('[data-trust]')!.getAttribute('data-trust')!,
        reactions: r.querySelector('[data-reactions]')?.getAttribute('data-reactions') ?? null,
      })),
    );
    // The table's reactions column: one entry per move played, for every party.
    for (const row of table) expect(row.reactions?.split(',').length, row.party).toBe(played.moves.length);
    const figures = new Set(table.map((r) => `${r.understanding || '–'} · ${r.trust || '–'}`));
    const problems: string[] = [];
    await stanceShots(w.page, '-text200-dpr2', async ({ width, height }) => {
      const texts = await w.page.evaluate(() => {
        type Scene = { children: { list: Array<{ type: string; text?: string }> } };
        const probe = (window as unknown as { envoyStage: { game: { scene: { getScene(k: string): Scene } } } }).envoyStage;
        return probe.game.scene.getScene('DebriefScene').children.list.filter((o) => o.type === 'Text').map((o) => o.text!);
      });
      for (const row of table) {
        const name = content.parties[row.party]!.shortName;
        if (!texts.includes(name)) problems.push(`${width}×${height}: ${name} is not named on the stage`);
      }
      // Where the stage's rows show the figures, they are the table's.
      for (const f of texts.filter((x) => / · /.test(x) && /^[\d–]/.test(x))) if (!figures.has(f)) problems.push(`${width}×${height}: the stage shows ${f}, which the table has not`);
    });
    expect(problems).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

/** The window sizes every picture of the stage is taken at (phone, tablet both ways, laptop, desktop). */
const STAGE_SIZES = [
  { width: 360, height: 640 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/**
 * The stage at each of STAGE_SIZES, then back at the laptop's: settled (or, `moving`, two frames
 * on), with no sound caption over it when `quiet`, and its picture saved as
 * tests/e2e/screenshots/stage/<name>-<width>x<height>.png. Returns the pictures taken and, a line
 * each named by picture and size, every text outside the stage or over another and what `check`
 * finds in what the stage drew.
 */
async function stagePictures(page: Page, name: string, check: (state: TableState) => string[], { moving = false, quiet = false } = {}): Promise<{ taken: number; problems: string[] }> {
  const dir = join(SHOTS, 'stage');
  const problems: string[] = [];
  let taken = 0;
  for (const size of STAGE_SIZES) {
    await page.setViewportSize(size);
    await settled(page, moving);
    // A sound caption shows over the stage for a few seconds; the picture is under it.
    if (quiet) await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('#stage .caption')].every((c) => getComputedStyle(c).display === 'none'), null, { timeout: 20_000 });
    const state = await tableState(page);
    problems.push(...[...textsOutside(state), ...textsOverlapping(state), ...check(state)].map((p) => `${name} at ${size.width}×${size.height}: ${p}`));
    await page.screenshot({ path: join(dir, `${name}-${size.width}x${size.height}.png`) });
    taken++;
  }
  await page.setViewportSize(STAGE_SIZES[3]!);
  return { taken, problems };
}

describe('the stage tells the story', () => {
  // tests/e2e/screenshots/stage/<picture>-<width>x<height>.png, committed for review.
  it('the opening (speaker and bubble), a question, an outcome with mixed reactions and a journey, at five sizes and at 200 % text', { timeout: 600_000 }, async () => {
    const { scenario, move } = journeyScenario(content);
    const start = scenario.meetings.find((m) => m.id === scenario.start)!;
    const chosen = start.moves.find((m) => m.id === move)!;
    const next = scenario.meetings.find((m) => m.id === chosen.next)!;
    const journey = journeyBetween(start, next)!;
    const dir = join(SHOTS, 'stage');
    const w = await openStageProbeAt(scenario.id, dir);
    const problems: string[] = [];
    const taken: string[] = [];

    /** At each size, `check` on the texts the stage drew (white space as single spaces). */
    const pictures = async (name: string, check: (texts: string[]) => string[], moving = false) => {
      problems.push(...(await stagePictures(w.page, name, (state) => check(state.texts.map((t) => t.text.replace(/\s+/g, ' '))), { moving })).problems);
      taken.push(name);
    };
    const has = (what: string) => (texts: string[]) => (texts.includes(what) ? [] : [`the stage does not show "${what}"`]);

    let openings = 0;
    const onScreen = async (screen: string) => {
      if (screen === 'opening' && openings++ === 0) {
        await waitForTable(w.page, 'table');
        await pictures('opening', has(excerpt(start.opening.text, OPENING_EXCERPT)));
        // 200 % text: the preference scales the HTML; the stage keeps its own sizes beside it.
        await w.page.evaluate(() => {
          document.documentElement.style.setProperty('--text-scale', '2');
          document.documentElement.dataset.textScale = '2';
        });
        await pictures('opening-text200', has(excerpt(start.opening.text, OPENING_EXCERPT)));
        await w.page.evaluate(() => {
          document.documentElement.style.setProperty('--text-scale', '1');
          document.documentElement.dataset.textScale = '1';
        });
      } else if (screen.startsWith('question-') && !taken.includes('question')) {
        await pictures('question', (texts) => (texts.some((t) => t.endsWith('…') && start.opening.text.startsWith(t.slice(0, -1))) ? ['the speech bubble stays after the opening'] : []));
      } else if (screen === 'outcome') {
        const words = (chosen.reactions ?? []).map((r) => localise(en[`reaction.${r.reaction}`]));
        await pictures('outcome', (texts) => words.flatMap((word) => has(word)(texts)));
      } else if (screen === 'opening') {
        await waitForTable(w.page, 'journey');
        const caption = localise(en['meeting.journey'], { from: journey.from.name, to: journey.to.name });
        // Each city by name, on the map or at its edge saying it lies beyond.
        const named = (city: string) => (texts: string[]) => (texts.includes(city) || texts.includes(localise(en['meeting.offMap'], { city })) ? [] : [`the stage does not name ${city}`]);
        await pictures('journey', (texts) => [...has(caption)(texts), ...named(journey.from.name)(texts), ...named(journey.to.name)(texts)], true);
        // The journey in words for everyone the stage is hidden from.
        if ((await w.page.textContent('.opening .journey'))?.trim() !== caption) problems.push(`the opening does not say "${caption}"`);
        await releaseJourney(w.page);
        throw STOP;
      }
    };
    const STOP = new Error('the journey is done');
    await playOn(w.page, 'mouse', content, scenario, () => true, (ids) => {
      if (!ids.includes(move)) throw new Error(`the move ${move} is locked`);
      return move;
    }, onScreen).catch((e) => {
      if (e !== STOP) throw e;
    });
    expect([...new Set(taken)]).toEqual(['opening', 'opening-text200', 'question', 'outcome', 'journey']);
    expect(problems).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
  // tests/e2e/screenshots/stage/crowded-<width>x<height>.png and crowded-outcome-…: the table with
  // the most parties seated, as it opens and after the first move there, every reaction on show.
  it('the most crowded table, at five sizes: every name card and reaction on the stage, no text over another', { timeout: 600_000 }, async () => {
    const { scenario, meetingId, moves } = crowdedTablePath(content);
    const meeting = scenario.meetings.find((m) => m.id === meetingId)!;
    const dir = join(SHOTS, 'stage');
    const w = await openStageProbeAt(scenario.id, dir);
    const problems: string[] = [];
    const taken: string[] = [];
    let chosen = 0;
    let firstThere: string | null = null;
    const pictures = async (name: string, expected: string[]) => {
      const shown = (state: TableState) => expected.filter((e) => !state.texts.some((t) => t.text === e)).map((e) => `the stage does not show "${e}"`);
      problems.push(...(await stagePictures(w.page, name, shown, { quiet: true })).problems);
      taken.push(name);
    };
    const names = meeting.parties.map((p) => content.parties[p]!.shortName);
    const STOP = new Error('the crowded table is done');
    await playOn(w.page, 'mouse', content, scenario, () => true, (ids) => {
      if (chosen === moves.length) {
        firstThere = ids[0]!;
        chosen++;
        return firstThere;
      }
      const move = moves[chosen++]!;
      if (!ids.includes(move)) throw new Error(`the move ${move} is locked`);
      return move;
    }, async (screen) => {
      if (screen === 'opening' && chosen === moves.length && !taken.includes('crowded')) {
        await waitForTable(w.page, 'table');
        await pictures('crowded', names);
      } else if (screen === 'outcome' && firstThere) {
        const move = meeting.moves.find((m) => m.id === firstThere)!;
        await pictures('crowded-outcome', [...names, ...new Set((move.reactions ?? []).map((r) => localise(en[`reaction.${r.reaction}`])))]);
        throw STOP;
      }
    }).catch((e) => {
      if (e !== STOP) throw e;
    });
    expect(taken).toEqual(['crowded', 'crowded-outcome']);
    expect(problems).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  // tests/e2e/screenshots/stage/walkout-<width>x<height>.png: the outcome of a move a party walks out on.
  it('a walk-out: the outcome leaves the seat empty, at five sizes', { timeout: 600_000 }, async () => {
    const { scenario, moves, leaving } = walkOutPath(content);
    const last = moves.at(-1)!;
    const dir = join(SHOTS, 'stage');
    const w = await openStageProbeAt(scenario.id, dir);
    const problems: string[] = [];
    let shots = 0;
    let chosen = 0;
    const STOP = new Error('the walk-out is done');
    const word = localise(en['reaction.walks-out']);
    await playOn(w.page, 'mouse', content, scenario, () => true, (ids) => {
      const move = moves[chosen++]!;
      if (!ids.includes(move)) throw new Error(`the move ${move} is locked`);
      return move;
    }, async (screen) => {
      if (screen !== 'outcome' || chosen !== moves.length) return;
      const walkedOut = (state: TableState) => [
        ...(state.shows !== 'table' ? [`the stage shows ${state.shows}`] : []),
        ...(JSON.stringify([...state.emptySeats].sort()) !== JSON.stringify([...leaving].sort()) ? [`empty seats ${state.emptySeats.join(', ') || 'none'}, not ${leaving.join(', ')} (after ${last})`] : []),
        ...(state.texts.some((t) => t.text === word) ? [] : [`the stage does not show "${word}"`]),
      ];
      const r = await stagePictures(w.page, 'walkout', walkedOut, { quiet: true });
      problems.push(...r.problems);
      shots += r.taken;
      throw STOP;
    }).catch((e) => {
      if (e !== STOP) throw e;
    });
    expect(shots).toBe(STAGE_SIZES.length);
    expect(problems).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  // A fast player reaches the new table's outcome while the journey is still on the map; a resize
  // then redrew the journey from a view that had none any more, threw, and left the stage on the map.
  it('a resize while the journey is on show, after a move at the new table, brings the table', { timeout: 300_000 }, async () => {
    const { scenario, move } = journeyScenario(content);
    const w = await openStageProbeAt(scenario.id, join(SHOTS, 'stage'));
    const STOP = new Error('the table is back');
    let openings = 0;
    let held = false;
    let shows: string | null = null;
    await playOn(w.page, 'mouse', content, scenario, () => true, (ids) => (openings === 1 ? move : ids[0]!), async (screen) => {
      if (screen === 'opening' && openings++ === 1) {
        // Holds the journey on the map (its clock stopped) while the player plays on.
        await waitForTable(w.page, 'journey');
        held = true;
      }
      if (screen !== 'outcome' || !held) return;
      await w.page.setViewportSize(STAGE_SIZES[0]!);
      await settled(w.page);
      shows = (await tableState(w.page)).shows;
      throw STOP;
    }).catch((e) => {
      if (e !== STOP) throw e;
    });
    expect(held).toBe(true);
    expect(shows).toBe('table');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});
