// Predicting the table (issue 14 items 2 and 5) in real Chromium: the practice scenario played with
// predictions by keyboard alone (number keys, and arrow keys) and by mouse, right and wrong on
// purpose; the move cards' reads, the prediction form, the outcome's reactions beside the
// predictions and the debrief's split into questions and predictions checked against what was
// played; axe and the accessibility tree of the prediction step.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREDICTION_DIFFICULTY } from '../../src/engine/stats';
import { REACTIONS } from '../../src/content/schema';
import { findQuestion } from '../../src/engine/stats';
import en from '../../src/i18n/en.json';
import { realContent } from '../unit/helpers';
import { encodeClassParam } from '../../src/classroom/classLink';
import { axe, openPage, openTitle, countPointerEvents, shot, useSite } from './harness';
import { playScenario, tabTo, type Played } from './player';

const content = realContent();
const TUTORIAL = content.scenarios[content.tutorialId!]!;
const site = useSite();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Percent earned per party from questions and from predictions, computed from what was played. */
function expectedSplit(played: Played): Record<string, { questions: number | null; predictions: number | null }> {
  const acc: Record<string, { q: [number, number]; p: [number, number] }> = {};
  const at = (party: string) => (acc[party] ??= { q: [0, 0], p: [0, 0] });
  for (const a of played.answers) {
    const q = findQuestion(TUTORIAL, a.id)!;
    for (const party of q.measures) {
      at(party).q[0] += a.right ? q.difficulty : 0;
      at(party).q[1] += q.difficulty;
    }
  }
  for (const p of played.predictions ?? []) {
    const move = TUTORIAL.meetings.flatMap((m) => m.moves).find((m) => m.id === p.moveId)!;
    const difficulty = move.reactions!.find((r) => r.party === p.party)!.difficulty ?? DEFAULT_PREDICTION_DIFFICULTY;
    // Wrong on purpose means two or more steps away on the scale: no credit.
    at(p.party).p[0] += p.right ? difficulty : 0;
    at(p.party).p[1] += difficulty;
  }
  const pct = ([e, n]: [number, number]) => (n ? Math.round((100 * e) / n) : null);
  return Object.fromEntries(Object.entries(acc).map(([party, a]) => [party, { questions: pct(a.q), predictions: pct(a.p) }]));
}

async function readSplit(page: import('playwright-core').Page) {
  return page.$$eval('.scores tbody tr[data-party]', (rows) =>
    Object.fromEntries(
      rows
        .filter((r) => r.querySelector('[data-questions]'))
        .map((r) => {
          const num = (attr: string) => {
            const v = r.querySelector(`[${attr}]`)!.getAttribute(attr)!;
            return v === '' ? null : Number(v);
          };
          return [r.getAttribute('data-party')!, { questions: num('data-questions'), predictions: num('data-predictions') }];
        })
        .filter(([, v]) => (v as { questions: unknown; predictions: unknown }).questions !== null || (v as { predictions: unknown }).predictions !== null),
    ),
  );
}

describe('predicting the table in a real browser', () => {
  it('the practice scenario declares reactions (so there is a prediction step to play)', () => {
    expect(TUTORIAL.meetings.some((m) => m.moves.some((mv) => mv.reactions?.length))).toBe(true);
  });

  it('plays the practice by keyboard alone with right predictions: reads on the move cards, the form, the reactions beside the predictions, the split in the debrief; axe and the accessibility tree pass', async () => {
    const w = await openTitle(site);
    // A keyboard-only run must have no pointer input.
    const pointerEvents = await countPointerEvents(w.page);
    const seen = new Set<string>();
    const problems: Record<string, string[]> = {};
    let tree = '';
    const onScreen = async (name: string) => {
      if (name === 'moves') {
        // Every unlocked move with reactions shows a read per party present, in words.
        const reads = await w.page.$$eval('.move-list .reads li', (lis) => lis.map((li) => li.textContent ?? ''));
        expect(reads.length).toBeGreaterThan(0);
        for (const r of reads) expect(r).toMatch(/^Your read/);
      }
      if (name === 'predicting' && !seen.has(name)) {
        const found = await axe(w.page);
        if (found.length) problems[name] = found;
        tree = await w.page.locator('.prediction').ariaSnapshot();
      }
      if (!seen.has(name) && ['moves', 'predicting', 'outcome'].includes(name)) await shot(w.page, `predict-${name}`);
      seen.add(name);
    };
    const played = await playScenario(w.page, 'keyboard', content, TUTORIAL, () => true, (ids) => ids[0]!, onScreen);
    expect(played.screens).toContain('predicting');
    expect(played.predictions!.length).toBeGreaterThan(0);
    expect(await pointerEvents()).toBe(0);
    expect(problems).toEqual({});
    // The accessibility tree: the step's heading, a group per party named by the party, and the five
    // reactions as radios named in scale order, then one submit button.
    expect(tree).toContain(`heading "${en['predict.heading']}" [level=1]`);
    const first = played.predictions!.filter((p) => p.moveId === played.predictions![0]!.moveId);
    for (const p of first) {
      expect(tree).toMatch(new RegExp(`group "${escape(content.parties[p.party]!.name)}"`));
    }
    REACTIONS.forEach((r, i) => expect(tree).toContain(`radio "${i + 1}. ${en[`reaction.${r}` as keyof typeof en]}"`));
    expect(tree).toContain(`button "${en['predict.submit']}"`);
    // The practice is over: its debrief coaches, and offers no "Skip the practice" (playtest).
    expect(await w.page.locator('.coach').count()).toBe(1);
    expect(await w.page.locator('[data-action="skip-tutorial"]').count()).toBe(0);
    // The debrief splits understanding into questions and predictions, as played.
    await w.page.locator('.scores').first().scrollIntoViewIfNeeded();
    await shot(w.page, 'predict-debrief');
    expect(await readSplit(w.page)).toEqual(expectedSplit(played));
    // The decision timeline shows each prediction beside the real reaction.
    const lines = await w.page.$$eval('.decisions .reactions-list li', (lis) => lis.map((li) => [li.getAttribute('data-party'), li.getAttribute('data-reaction'), li.getAttribute('data-predicted')]));
    expect(lines).toEqual(played.predictions!.map((p) => [p.party, p.actual, p.predicted]));
    await w.page.locator('.decisions').scrollIntoViewIfNeeded();
    await shot(w.page, 'predict-debrief-timeline');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('plays the practice by mouse with wrong predictions: the outcome says so beside each reaction, with its quote; no credit in the debrief', async () => {
    const w = await openTitle(site);
    const outcomes: Array<Array<[string | null, string | null, string | null, string | null]>> = [];
    const played = await playScenario(w.page, 'mouse', content, TUTORIAL, () => true, (ids) => ids.at(-1)!, async (name) => {
      if (name === 'outcome') {
        outcomes.push(await w.page.$$eval('.reaction-table tbody tr', (rows) => rows.map((r) => [r.getAttribute('data-party'), r.getAttribute('data-reaction'), r.getAttribute('data-predicted'), r.getAttribute('data-score')] as [string | null, string | null, string | null, string | null])));
        // One quote per reaction, with its source.
        expect(await w.page.$$eval('.reaction-evidence figure.quote figcaption', (els) => els.length)).toBe(outcomes.at(-1)!.length);
        if (outcomes.length === 1) await shot(w.page, 'predict-outcome-wrong');
      }
    }, { predictRight: () => false });
    expect(outcomes.flat()).toEqual(played.predictions!.map((p) => [p.party, p.actual, p.predicted, '0']));
    expect(played.predictions!.every((p) => p.predicted !== p.actual)).toBe(true);
    const split = await readSplit(w.page);
    for (const p of played.predictions!) expect(split[p.party]!.predictions).toBe(0);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('predicts with the arrow keys, and refuses to submit until every party has a prediction', async () => {
    const w = await openTitle(site);
    const played = await playScenario(w.page, 'keyboard', content, TUTORIAL, () => true, (ids) => ids[0]!, async (name) => {
      if (name === 'predicting') {
        // Submitting an empty form names the parties still to predict and sends nothing.
        const before = await w.page.getAttribute('[data-prediction]', 'data-prediction');
        await w.page.focus('[data-action="submit-prediction"]');
        await w.page.keyboard.press('Enter');
        expect(await w.page.getAttribute('[data-prediction]', 'data-prediction')).toBe(before);
        const error = await w.page.textContent('.prediction .form-error');
        const names = await w.page.$$eval('fieldset[data-party] legend', (ls) => ls.map((l) => l.textContent ?? ''));
        for (const n of names) expect(error).toContain(n);
        await w.page.focus('#screen-heading');
      }
    }, { predictKeys: 'arrows' });
    expect(played.predictions!.every((p) => p.right)).toBe(true);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

describe('axe on the prediction screens in both themes', () => {
  it.each([false, true])('high contrast %s: moves with reads, the prediction step, the outcome with reactions and the debrief split pass axe', async (highContrast) => {
    const w = await openTitle(site, { highContrast });
    const problems: Record<string, string[]> = {};
    const checked = new Set<string>();
    await playScenario(w.page, 'mouse', content, TUTORIAL, () => true, (ids) => ids[0]!, async (name) => {
      if (!['moves', 'predicting', 'outcome', 'debrief'].includes(name) || checked.has(name)) return;
      checked.add(name);
      const found = await axe(w.page);
      if (found.length) problems[name] = found;
    }, { predictRight: (i) => i % 2 === 1 });
    expect([...checked].sort()).toEqual(['debrief', 'moves', 'outcome', 'predicting']);
    expect(problems).toEqual({});
    await w.context.close();
  });
});

describe('the timer on the prediction step', () => {
  // In a class whose link sets a timer, the practice plays timed too.
  const classUrl = () => `${site.url}?class=${encodeClassParam({ scenarios: [TUTORIAL.id], timer: 'x1', hints: true, seed: 3, label: '' })}`;
  const STOP = 'reached the prediction step';

  /** Plays the timed practice up to its first prediction step and runs `then` there. */
  async function atPrediction(then: (page: import('playwright-core').Page) => Promise<void>) {
    const w = await openPage(site.browser, site.origin);
    await w.page.clock.install();
    await w.page.goto(classUrl());
    await w.page.waitForSelector('[data-action="play"]');
    let reached = false;
    await playScenario(w.page, 'mouse', content, TUTORIAL, () => true, (ids) => ids[0]!, async (name) => {
      if (name !== 'predicting') return;
      reached = true;
      await then(w.page);
      throw new Error(STOP);
    }).catch((e: Error) => {
      if (e.message !== STOP) throw e;
    });
    expect(reached).toBe(true);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  }

  it('counts down, pauses and resumes by keyboard as on a question, keeping the choices made', async () => {
    await atPrediction(async (page) => {
      expect(await page.getAttribute('[data-timer]', 'data-timer')).toBe('running');
      const party = (await page.getAttribute('fieldset[data-party]', 'data-party'))!;
      await page.click(`fieldset[data-party="${party}"] label[data-reaction="objects"]`);
      await tabTo(page, '[data-action="pause"]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-timer="paused"]');
      // Paused: nothing to predict with until the timer resumes.
      expect(await page.locator('.prediction-form').count()).toBe(0);
      await shot(page, 'predict-paused');
      await tabTo(page, '[data-action="resume-timer"]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-timer="running"]');
      expect(await page.isChecked(`fieldset[data-party="${party}"] input[value="objects"]`)).toBe(true);
    });
  });

  it('when time runs out, the outcome shows the reactions with no prediction and says so', async () => {
    await atPrediction(async (page) => {
      const seconds = Number(await page.getAttribute('[data-timer-left]', 'data-timer-left'));
      expect(seconds).toBeGreaterThan(0);
      await page.clock.runFor((seconds + 1) * 1000);
      await page.waitForSelector('[data-phase="outcome"]');
      expect(await page.textContent('.reactions')).toContain(en['outcome.timedOut']);
      const rows = await page.$$eval('.reaction-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-predicted'), tr.getAttribute('data-score')]));
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r).toEqual(['', '0']);
      await shot(page, 'predict-timed-out');
    });
  });
});
