// Plays Envoy in the browser as a student would, by mouse or by keyboard alone, reading the
// question on screen and answering right or wrong on purpose; keeps a record to check scores.
// Playing goes through a small Driver, so the same player runs in Chromium (playwright), Firefox
// (puppeteer over WebDriver BiDi) and WebKit (selenium over classic WebDriver): browsers.test.ts.
import type { Frame, Page } from 'playwright-core';
import type { Content } from '../../src/content/loader';
import { REACTIONS, type Question, type ReactionKind, type Scenario } from '../../src/content/schema';
import { farReaction } from '../../src/engine/reactions';
import { DEFAULT_PREDICTION_DIFFICULTY, findQuestion } from '../../src/engine/stats';
import { realContent } from '../unit/helpers';
import { sliceScenario } from './scenarioPicks';

export type Input = 'mouse' | 'keyboard';

/** What playing needs of a browser page. */
export interface Driver {
  /** Clicks the first element matching a CSS selector, as a mouse would. */
  click(selector: string): Promise<void>;
  /** Presses a key by its KeyboardEvent.key name ('Tab', 'Enter', 'ArrowDown', '1'). */
  press(key: string): Promise<void>;
  /** Picks the option with `value` in the <select> matching the selector, as a player would. */
  select(selector: string, value: string): Promise<void>;
  /** Runs `fn(arg)` in the page; fn must not close over anything (it is sent as source). */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<R>;
  /** Waits until `fn(arg)` is truthy in the page; throws after `timeoutMs`. */
  waitFor<A>(fn: (arg: A) => unknown, arg: A, timeoutMs: number): Promise<void>;
}

/** playwright's Page, or a Frame in one (an LMS frames the game), as a Driver. */
export function fromPage(page: Page | Frame): Driver {
  const keyboard = 'keyboard' in page ? page.keyboard : page.page().keyboard;
  return {
    click: (selector) => page.click(selector),
    press: (key) => keyboard.press(key),
    select: async (selector, value) => {
      await page.selectOption(selector, value);
    },
    // playwright types its argument through its own serialisation; a Driver's stays plain.
    evaluate: <A, R>(fn: (arg: A) => R, arg: A) => page.evaluate(fn as (arg: unknown) => R, arg as unknown),
    waitFor: async <A>(fn: (arg: A) => unknown, arg: A, timeout: number) => {
      await page.waitForFunction(fn as (arg: unknown) => unknown, arg as unknown, { timeout });
    },
  };
}

const attribute = (d: Driver, selector: string, name: string) =>
  d.evaluate(([sel, attr]) => document.querySelector(sel)?.getAttribute(attr) ?? null, [selector, name] as const);

export interface Played {
  answers: Array<{ id: string; right: boolean }>;
  moves: string[];
  /** Each reaction predicted, right (the real reaction) or wrong on purpose (one that scores 0). */
  predictions?: Array<{ moveId: string; party: string; actual: ReactionKind; predicted: ReactionKind; right: boolean }>;
  screens: string[];
  /** The learning-gain check's items as answered, in order (before, then after). */
  checks?: Array<{ id: string; stage: 'before' | 'after'; right: boolean }>;
}

export interface PlayOptions {
  /** Whether the i-th prediction step is predicted right (every party) or wrong; right by default. */
  predictRight?: (i: number) => boolean;
  /** How the keyboard player predicts: number keys (default) or arrow keys within each party's group. */
  predictKeys?: 'numbers' | 'arrows';
  /**
   * Playing in pairs: whether the second player sends the i-th proposed move back (then the same
   * move is proposed again and agreed); agreed at once by default. Proposed predictions are agreed.
   */
  pairDisagree?: (i: number) => boolean;
  /** With the learning-gain check: whether the i-th item of a stage is answered right; right by default. */
  checkRight?: (stage: 'before' | 'after', i: number) => boolean;
}

/** Called on each screen before the player acts on it, with what has been played so far. */
export type OnScreen = (name: string, played: Played) => Promise<void>;

const newPlayed = (): Played => ({ answers: [], moves: [], predictions: [], screens: [] });

/** Tab until the element matching `selector` has focus, then press Enter: a keyboard-only click. */
export async function tabTo(page: Page | Driver, selector: string, max = 80): Promise<void> {
  const d = driver(page);
  for (let i = 0; i < max; i++) {
    if (await d.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await d.press('Tab');
  }
  throw new Error(`keyboard could not reach ${selector}`);
}

export async function activate(page: Page | Driver, input: Input, selector: string): Promise<void> {
  const d = driver(page);
  if (input === 'mouse') await d.click(selector);
  else {
    await tabTo(d, selector);
    await d.press('Enter');
  }
}

/** A Driver as is, or playwright's Page wrapped as one. */
function driver(page: Page | Frame | Driver): Driver {
  // playwright's pages and frames wait with waitForFunction; a Driver has waitFor instead.
  return 'waitForFunction' in page ? fromPage(page) : page;
}

async function screenKey(page: Driver): Promise<string> {
  return page.evaluate(() => {
    const ui = document.getElementById('ui')!;
    const phase = ui.querySelector('[data-phase]')?.getAttribute('data-phase') ?? '';
    const q = ui.querySelector('[data-question]')?.getAttribute('data-question') ?? '';
    return `${ui.dataset.screen}|${phase}|${q}|${ui.querySelector('#screen-heading')?.textContent ?? ''}`;
  }, undefined);
}

/** Waits for the screen to change after an action (the director re-renders synchronously, but be safe). */
async function afterChange(page: Driver, before: string): Promise<void> {
  await page.waitFor(
    (prev) => {
      const ui = document.getElementById('ui')!;
      const phase = ui.querySelector('[data-phase]')?.getAttribute('data-phase') ?? '';
      const q = ui.querySelector('[data-question]')?.getAttribute('data-question') ?? '';
      return `${ui.dataset.screen}|${phase}|${q}|${ui.querySelector('#screen-heading')?.textContent ?? ''}` !== prev;
    },
    before,
    10_000,
  );
}

async function answer(page: Driver, input: Input, q: Question, right: boolean, content: Content): Promise<void> {
  switch (q.type) {
    case 'choice':
    case 'who-said': {
      const option = right ? q.options.find((o) => o.correct)! : q.options.find((o) => !o.correct)!;
      if (input === 'mouse') await page.click(`[data-option="${option.id}"]`);
      else await page.press((await attribute(page, `[data-option="${option.id}"]`, 'data-key')) ?? '1');
      return;
    }
    case 'true-false': {
      const value = right ? q.answer : !q.answer;
      const id = value ? 'true' : 'false';
      if (input === 'mouse') await page.click(`[data-option="${id}"]`);
      else await page.press((await attribute(page, `[data-option="${id}"]`, 'data-key')) ?? '1');
      return;
    }
    case 'sort': {
      for (const st of q.statements) {
        const target = right ? st.party : q.categories.find((c) => c !== st.party)!;
        const selector = `select[data-statement="${st.id}"]`;
        if (input === 'mouse') await page.select(selector, target);
        else {
          await tabTo(page, selector);
          // From the placeholder, ArrowDown steps through the parties in their listed order.
          const steps = q.categories.indexOf(target) + 1;
          for (let i = 0; i < steps; i++) await page.press('ArrowDown');
        }
        if ((await page.evaluate((sel) => document.querySelector<HTMLSelectElement>(sel)?.value, selector)) !== target) throw new Error(`could not sort ${st.id} into ${content.parties[target]?.name}`);
      }
      await activate(page, input, '[data-action="submit"]');
      return;
    }
    case 'order': {
      const ids = q.events.map((e) => e.id);
      // Wrong on purpose: every event one place off (no event in its right place).
      const target = right ? ids : [...ids.slice(1), ids[0]!];
      for (let pos = 0; pos < target.length; pos++) {
        for (;;) {
          const current = await page.evaluate(() => [...document.querySelectorAll('.order-row')].map((r) => r.getAttribute('data-event')!), undefined);
          const at = current.indexOf(target[pos]!);
          if (at === pos) break;
          await activate(page, input, `.order-row[data-event="${target[pos]}"] [data-dir="up"]`);
        }
      }
      await activate(page, input, '[data-action="submit"]');
      return;
    }
  }
}

/**
 * Answers a check item: as a question, except that a choice shows only some of its options, so a
 * wrong answer is one of the distractors on screen.
 */
async function checkAnswer(page: Driver, input: Input, q: Question, right: boolean, content: Content): Promise<void> {
  if (q.type !== 'choice' && q.type !== 'who-said') return answer(page, input, q, right, content);
  const shown = await page.evaluate(() => [...document.querySelectorAll('[data-option]')].map((e) => e.getAttribute('data-option')!), undefined);
  const option = shown.find((id) => q.options.find((o) => o.id === id)!.correct === right)!;
  if (input === 'mouse') await page.click(`[data-option="${option}"]`);
  else await page.press((await attribute(page, `[data-option="${option}"]`, 'data-key')) ?? '1');
}

/** How many prediction steps have been played (a step predicts every party present at once). */
const predictionSteps = (played: Played) => played.screens.filter((s) => s === 'predicting').length;

/**
 * Fills in the prediction form and submits it. Mouse: clicks each reaction, then the submit button.
 * Keyboard, number keys: from the heading, each key chooses for the next party. Keyboard, arrow
 * keys: Tab into each party's group and step with ArrowDown/ArrowRight to the reaction (the first
 * arrow press from an empty group chooses the second reaction, so the first is reached by wrapping).
 */
async function predict(page: Driver, input: Input, chosen: NonNullable<Played['predictions']>, keys: 'numbers' | 'arrows'): Promise<void> {
  const index = (r: ReactionKind) => REACTIONS.indexOf(r);
  const check = async () => {
    for (const c of chosen) {
      const checked = await page.evaluate((sel) => document.querySelector<HTMLInputElement>(sel)?.checked ?? false, `fieldset[data-party="${c.party}"] input[value="${c.predicted}"]`);
      if (!checked) throw new Error(`could not predict ${c.predicted} for ${c.party}`);
    }
  };
  if (input === 'mouse') {
    for (const c of chosen) await page.click(`fieldset[data-party="${c.party}"] label[data-reaction="${c.predicted}"]`);
    await check();
    await page.click('[data-action="submit-prediction"]');
  } else if (keys === 'numbers') {
    // Focus is on the heading: each number key chooses for the next party without a prediction.
    for (const c of chosen) await page.press(String(index(c.predicted) + 1));
    await check();
    // The last number key moves focus to the submit button.
    if (!(await page.evaluate(() => document.activeElement?.getAttribute('data-action') === 'submit-prediction', undefined))) throw new Error('focus did not reach the submit button');
    await page.press('Enter');
  } else {
    for (const c of chosen) {
      // Tab enters the group on its first radio; Space checks it; each ArrowDown moves one step along the scale.
      await tabTo(page, `fieldset[data-party="${c.party}"] input`);
      await page.press(' ');
      for (let i = 0; i < index(c.predicted); i++) await page.press('ArrowDown');
    }
    await check();
    await tabTo(page, '[data-action="submit-prediction"]');
    await page.press('Enter');
  }
}

/** One step of play: note the screen, act, and wait until the screen has changed. */
function stepper(page: Driver, played: Played, onScreen: OnScreen) {
  return async (name: string, action: () => Promise<void>) => {
    played.screens.push(name);
    await onScreen(name, played);
    const before = await screenKey(page);
    await action();
    await afterChange(page, before);
  };
}

/**
 * From the title screen, plays a scenario to its debrief. `right(i)` says whether the i-th answer
 * is right; `move(unlocked)` picks a move among the unlocked ones.
 */
export async function playScenario(
  target: Page | Driver,
  input: Input,
  content: Content,
  scenario: Scenario,
  right: (i: number) => boolean,
  move: (unlocked: string[]) => string,
  onScreen: OnScreen = async () => {},
  options: PlayOptions = {},
): Promise<Played> {
  const page = driver(target);
  const played = newPlayed();
  const step = stepper(page, played, onScreen);
  if (scenario.tutorial) {
    // The practice is not on the timeline: the title screen opens it.
    await step('title', () => activate(page, input, '[data-action="tutorial"]'));
  } else {
    await step('title', () => activate(page, input, '[data-action="play"]'));
    await step('select', () => activate(page, input, `[data-scenario="${scenario.id}"] [data-action="choose"]`));
  }
  await step('briefing', () => activate(page, input, '[data-action="begin"]'));
  return playOn(page, input, content, scenario, right, move, onScreen, played, options);
}

/** Plays on from wherever the run is (after a resume or a rewind) to the debrief. */
export async function playOn(
  target: Page | Driver,
  input: Input,
  content: Content,
  scenario: Scenario,
  right: (i: number) => boolean,
  move: (unlocked: string[]) => string,
  onScreen: OnScreen = async () => {},
  played: Played = newPlayed(),
  options: PlayOptions = {},
): Promise<Played> {
  const page = driver(target);
  const step = stepper(page, played, onScreen);
  const continueKey = async () => {
    if (input === 'mouse') await page.click('[data-action="continue"]');
    else await page.press('1');
  };
  let confirmations = 0;
  for (let guard = 0; guard < 300; guard++) {
    const screen = await attribute(page, '#ui', 'data-screen');
    // Playing in pairs: the second confirmation of the move or predictions just proposed.
    const confirming = await attribute(page, '[data-pair-confirm]', 'data-pair-confirm');
    if (confirming) {
      const disagree = confirming === 'move.choose' && (options.pairDisagree ?? (() => false))(confirmations++);
      if (disagree) played.moves.pop();
      await step(disagree ? 'pair-disagree' : 'pair-agree', async () => {
        if (input === 'mouse') await page.click(`[data-action="${disagree ? 'pair-disagree' : 'pair-agree'}"]`);
        else await page.press(disagree ? '2' : '1');
      });
      continue;
    }
    if (screen === 'debrief') {
      await onScreen('debrief', played);
      played.screens.push('debrief');
      return played;
    }
    const phase = await attribute(page, '[data-phase]', 'data-phase');
    if (phase === 'check') {
      const stage = (await attribute(page, '[data-check]', 'data-check')) as 'before' | 'after';
      const id = (await attribute(page, '[data-question]', 'data-question'))!;
      const q = findQuestion(scenario, id)!;
      const checks = (played.checks ??= []);
      const isRight = (options.checkRight ?? (() => true))(stage, checks.filter((c) => c.stage === stage).length);
      checks.push({ id, stage, right: isRight });
      await step(`check-${stage}`, () => checkAnswer(page, input, q, isRight, content));
    } else if (phase === 'opening') await step('opening', continueKey);
    else if (phase === 'question') {
      const id = (await attribute(page, '[data-question]', 'data-question'))!;
      const q = findQuestion(scenario, id)!;
      const isRight = right(played.answers.length);
      played.answers.push({ id, right: isRight });
      await step(`question-${q.type}`, () => answer(page, input, q, isRight, content));
    } else if (phase === 'feedback') await step('feedback', continueKey);
    else if (phase === 'moves') {
      const unlocked = await page.evaluate(() => [...document.querySelectorAll('[data-move]:not([aria-disabled="true"])')].map((e) => e.getAttribute('data-move')!), undefined);
      const chosen = move(unlocked);
      played.moves.push(chosen);
      await step('moves', async () => {
        if (input === 'mouse') await page.click(`[data-move="${chosen}"]`);
        else await page.press((await attribute(page, `[data-move="${chosen}"]`, 'data-key'))!);
      });
    } else if (phase === 'predicting') {
      const moveId = (await attribute(page, '[data-prediction]', 'data-prediction'))!;
      const mv = scenario.meetings.flatMap((m) => m.moves).find((m) => m.id === moveId)!;
      const isRight = (options.predictRight ?? (() => true))(predictionSteps(played));
      const parties = await page.evaluate(() => [...document.querySelectorAll('fieldset[data-party]')].map((f) => f.getAttribute('data-party')!), undefined);
      const chosen = parties.map((party) => {
        const actual = mv.reactions!.find((r) => r.party === party)!.reaction;
        const predicted = isRight ? actual : farReaction(actual);
        return { moveId, party, actual, predicted, right: isRight };
      });
      (played.predictions ??= []).push(...chosen);
      await step('predicting', () => predict(page, input, chosen, options.predictKeys ?? 'numbers'));
    } else if (phase === 'outcome') await step('outcome', continueKey);
    else throw new Error(`unexpected screen ${screen} / ${phase}`);
  }
  throw new Error('the scenario did not end');
}

/**
 * Understanding per party computed independently from what was played: each answer (all right or
 * all wrong) weighs its question's difficulty; each reaction predicted weighs the reaction's
 * difficulty (DEFAULT_PREDICTION_DIFFICULTY when it gives none) and scores 1 for the reaction
 * itself, 0.5 for a neighbour on the scale, 0 otherwise. Returns 0..100 rounded, per party measured.
 */
export function expectedUnderstanding(scenario: Scenario, played: Pick<Played, 'answers' | 'predictions'>): Record<string, number> {
  const acc: Record<string, { earned: number; possible: number }> = {};
  const add = (party: string, earned: number, possible: number) => {
    const t = (acc[party] ??= { earned: 0, possible: 0 });
    t.earned += earned;
    t.possible += possible;
  };
  for (const a of played.answers) {
    const q = findQuestion(scenario, a.id)!;
    for (const p of q.measures) add(p, a.right ? q.difficulty : 0, q.difficulty);
  }
  for (const pr of played.predictions ?? []) {
    const mv = scenario.meetings.flatMap((m) => m.moves).find((m) => m.id === pr.moveId)!;
    const difficulty = mv.reactions?.find((r) => r.party === pr.party)?.difficulty ?? DEFAULT_PREDICTION_DIFFICULTY;
    const distance = Math.abs(REACTIONS.indexOf(pr.predicted) - REACTIONS.indexOf(pr.actual));
    add(pr.party, difficulty * (distance === 0 ? 1 : distance === 1 ? 0.5 : 0), difficulty);
  }
  return Object.fromEntries(Object.entries(acc).map(([p, t]) => [p, Math.round((100 * t.earned) / t.possible)]));
}

/** Title → a scenario's first question, by mouse (the slice scenario, tests/e2e/scenarioPicks.ts, unless told). Returns the question's id. */
export async function toFirstQuestion(page: Page, scenarioId = sliceScenario(realContent()).id): Promise<string> {
  await page.click('[data-action="play"]');
  await page.click(`[data-scenario="${scenarioId}"] [data-action="choose"]`);
  await page.click('[data-action="begin"]');
  await page.click('[data-action="continue"]');
  return (await page.getAttribute('[data-question]', 'data-question'))!;
}

/** Answers the choice question on screen rightly and waits for its feedback. */
export async function answerChoiceRight(page: Page, scenario: Scenario, id: string): Promise<void> {
  const q = findQuestion(scenario, id)!;
  if (q.type !== 'choice' && q.type !== 'who-said') throw new Error(`expected a choice question, got ${q.type}`);
  await page.click(`[data-option="${q.options.find((o) => o.correct)!.id}"]`);
  await page.waitForSelector('[data-phase="feedback"]');
}
