// A held number key (playtest): its auto-repeats must not answer, continue and play moves on
// screens the player never saw. One press acts once; the repeats do nothing.
import { describe, expect, it } from 'vitest';
import { realContent } from '../unit/helpers';
import { openTitle, useSite } from './harness';

const content = realContent();
const site = useSite();

describe('number keys', () => {
  it('a held key acts once: its repeats are ignored', async () => {
    const { page, consoleErrors } = await openTitle(site);
    const scenario = content.scenarios[content.scenarioOrder[0]!]!;
    await page.click('[data-action="play"]');
    await page.click(`[data-scenario="${scenario.id}"] [data-action="choose"]`);
    await page.click('[data-action="begin"]');
    await page.waitForSelector('[data-phase="opening"]');
    // Key 1 on the opening continues to the first question; held, its repeats would answer it,
    // continue past the feedback and answer the next one.
    await page.keyboard.down('1');
    await page.waitForSelector('[data-phase="question"]');
    for (let i = 0; i < 8; i++) {
      await page.evaluate(() => document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: '1', repeat: true, bubbles: true, cancelable: true })));
    }
    await page.keyboard.up('1');
    await page.waitForTimeout(300);
    expect(await page.getAttribute('[data-phase]', 'data-phase')).toBe('question');
    expect(await page.getAttribute('[data-question]', 'data-question')).toBe(scenario.meetings.find((m) => m.id === scenario.start)!.questions[0]!.id);
    expect(consoleErrors).toEqual([]);
  });
});
