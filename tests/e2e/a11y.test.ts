// Accessibility in the browser: axe-core (WCAG 2.0–2.2 A/AA rules) on every screen in both
// themes, and the question screen's accessibility tree (question, options by name, live region).
import { describe, expect, it } from 'vitest';
import { realContent } from '../unit/helpers';
import { axe, cspViolations, openPage, openTitle, shot, useSite } from './harness';
import { playScenario, toFirstQuestion } from './player';
import { sliceScenario } from './scenarioPicks';

const content = realContent();
const site = useSite();


describe.each([
  ['default', false],
  ['contrast', true],
])('axe on every screen, %s theme', (theme, highContrast) => {
  it('finds no WCAG A/AA violation on any screen of a full scenario', async () => {
    const w = await openTitle(site, { highContrast });
    const problems: Record<string, string[]> = {};
    const checked = new Set<string>();
    const check = async (name: string) => {
      if (checked.has(name)) return;
      checked.add(name);
      const found = await axe(w.page);
      // One main landmark, the HTML layer (index.html's <main id="ui">), never one inside a screen.
      const mains = await w.page.$$eval('main, [role="main"]', (els) => els.map((el) => el.id));
      if (mains.join() !== 'ui') found.push(`main landmarks: ${JSON.stringify(mains)}`);
      if (found.length) problems[name] = found;
      if (highContrast) await shot(w.page, `contrast-${name}`);
    };
    // Settings first, then a whole scenario with a wrong answer or two, so feedback both ways is checked.
    await w.page.click('[data-action="settings"]');
    await check('settings');
    await w.page.click('text=Back');
    const s = sliceScenario(content);
    await playScenario(w.page, 'mouse', content, s, (i) => i % 4 !== 1, (ids) => ids[0]!, check);
    expect(checked.size).toBeGreaterThanOrEqual(12);
    expect(problems, theme).toEqual({});
    // Every screen under the page's real Content-Security-Policy.
    expect(await cspViolations(w.page)).toEqual([]);
    await w.context.close();
  });
});

describe('the axe check itself', () => {
  it('reports a planted violation (so a clean result means something)', async () => {
    const w = await openTitle(site);
    await w.page.evaluate(() => {
      const b = document.createElement('button');
      document.getElementById('ui')!.appendChild(b);
    });
    expect((await axe(w.page)).join('\n')).toMatch(/button-name/);
    await w.context.close();
  });
});

describe('the question screen for a screen reader', () => {
  it('exposes the question, each option by name, and a polite live region', async () => {
    const w = await openPage(site.browser, site.origin);
    await w.page.goto(site.url);
    await toFirstQuestion(w.page);
    const id = await w.page.getAttribute('[data-question]', 'data-question');
    const q = sliceScenario(content).meetings[0]!.questions.find((x) => x.id === id)!;
    const tree = await w.page.locator('body').ariaSnapshot();
    expect(tree).toContain(`heading "${q.prompt}" [level=1]`);
    if (q.type === 'choice') for (const o of q.options) expect(tree).toMatch(new RegExp(`button "\\d\\. ${o.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
    expect(await w.page.getAttribute('#live', 'aria-live')).toBe('polite');
    // Answering announces the verdict through the live region.
    if (q.type === 'choice') await w.page.click(`[data-option="${q.options.find((o) => o.correct)!.id}"]`);
    await w.page.waitForFunction(() => (document.getElementById('live')?.textContent ?? '').length > 0);
    expect(await w.page.textContent('#live')).toMatch(/Correct/);
    await w.context.close();
  });
});
