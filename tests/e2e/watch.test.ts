// Watch mode shows what the player did on each step (issue 14, left from the prediction UI): a
// recorded run played back shows, before each step is played, the options of the question with
// the player's answer marked, and the prediction form with the player's prediction checked.
import { describe, expect, it } from 'vitest';
import { findQuestion } from '../../src/engine/stats';
import { realContent } from '../unit/helpers';
import { openPage, openTitle, shot, useSite } from './harness';
import { playScenario } from './player';
import { richestScenario } from './scenarioPicks';

const content = realContent();
const scenario = richestScenario(content);
const site = useSite();

describe('watch mode', () => {
  it('shows the recorded answer and prediction on the step before it is played', async () => {
    const w = await openTitle(site);
    // Alternate right and wrong, so the marks cannot all be the right answers.
    const played = await playScenario(w.page, 'mouse', content, scenario, (i) => i % 2 === 0, (ids) => ids[0]!, undefined, { predictRight: (i) => i % 2 === 1 });
    const link = (await w.page.getAttribute('[data-link]', 'data-link'))!;
    await w.context.close();

    const other = await openPage(site.browser, site.origin);
    await other.page.goto(link);
    await other.page.waitForSelector('.watch-bar');
    let answers = 0;
    let predictions = 0;
    let shots = 0;
    for (let i = 0; i < 300 && !(await other.page.locator('[data-action="watch-step"][disabled]').count()); i++) {
      const phase = await other.page.getAttribute('[data-phase]', 'data-phase').catch(() => null);
      if (phase === 'question') {
        const id = (await other.page.getAttribute('[data-question]', 'data-question'))!;
        const q = findQuestion(scenario, id)!;
        const answer = played.answers[answers++]!;
        expect(answer.id).toBe(id);
        if (q.type === 'choice' || q.type === 'who-said' || q.type === 'true-false') {
          const shown = await other.page.$$eval('.options [data-option]', (els) => els.map((e) => e.getAttribute('data-option')));
          const all = q.type === 'true-false' ? ['true', 'false'] : q.options.map((o) => o.id);
          expect([...shown].sort()).toEqual([...all].sort());
          const marked = await other.page.$$eval('.options [data-recorded]', (els) => els.map((e) => e.getAttribute('data-option')));
          const right = q.type === 'true-false' ? String(q.answer) : q.options.find((o) => o.correct)!.id;
          expect(marked.length).toBe(1);
          expect(marked[0] === right).toBe(answer.right);
          if (shots++ === 0) await shot(other.page, 'watch-question');
        }
      } else if (phase === 'predicting') {
        const moveId = (await other.page.getAttribute('[data-prediction]', 'data-prediction'))!;
        const expected = Object.fromEntries((played.predictions ?? []).filter((p) => p.moveId === moveId).map((p) => [p.party, p.predicted]));
        const checked = await other.page.$$eval('fieldset[data-party]', (sets) => Object.fromEntries(sets.map((f) => [f.getAttribute('data-party'), f.querySelector('input:checked')?.getAttribute('value') ?? null])));
        expect(checked).toEqual(expected);
        expect(await other.page.locator('.prediction [role="note"]').count()).toBe(1);
        if (predictions++ === 0) await shot(other.page, 'watch-prediction');
      }
      await other.page.click('[data-action="watch-step"]');
    }
    expect(answers).toBe(played.answers.length);
    expect(predictions).toBeGreaterThan(0);
    expect(other.consoleErrors).toEqual([]);
  });
});
