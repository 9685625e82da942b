// Layout and localisation in the browser: every screen at five device sizes and two text sizes
// (nothing overflows sideways, the page is never taller than the window, targets are at least 24×24 px), and a run in the pseudo-locale
// that finds no interface string outside the locale file.
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentFiles } from '../../src/cli/contentFiles';
import en from '../../src/i18n/en.json';
import { CODE_PREFIX } from '../../src/replay/code';
import { realContent } from '../unit/helpers';
import { openPage, ROOT, shot, useSite } from './harness';
import { playOn, playScenario } from './player';
import { sliceScenario } from './scenarioPicks';

const content = realContent();
const SLICE = sliceScenario(content);
const SIZES = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'projector', width: 1920, height: 1080 },
  { name: 'tablet', width: 1024, height: 768 },
  { name: 'tablet-wide', width: 1180, height: 820 },
  { name: 'phone', width: 390, height: 844 },
];
const site = useSite();

/** Problems a reader would see: sideways overflow of the page or a panel, and tiny targets. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) problems.push(`page scrolls sideways (${doc.scrollWidth} > ${window.innerWidth})`);
    // The game's text scrolls inside #ui: the page itself is never taller than the window.
    const tall = document.scrollingElement!.scrollHeight;
    if (tall > window.innerHeight) problems.push(`page is taller than the window (${tall} > ${window.innerHeight})`);
    for (const el of document.querySelectorAll<HTMLElement>('#ui .panel, #ui .panel *')) {
      const style = getComputedStyle(el);
      if (style.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0 && !['INPUT', 'SELECT'].includes(el.tagName)) {
        problems.push(`${el.tagName.toLowerCase()}.${el.className} overflows (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('#ui button:not(.term), #ui select, #ui input')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.width < 24 || r.height < 24)) problems.push(`target too small: ${el.textContent?.slice(0, 30)} (${r.width}×${r.height})`);
    }
    return problems;
  });
}

describe('layout at five sizes and two text sizes', () => {
  const TUTORIAL = content.scenarios[content.tutorialId!]!;
  for (const size of SIZES) {
    for (const textScale of [1, 2]) {
      it(`${size.name} ${size.width}×${size.height}, text ${textScale * 100}%`, async () => {
        const w = await openPage(site.browser, site.origin, { viewport: { width: size.width, height: size.height } });
        await w.context.addInitScript((scale) => localStorage.setItem('envoy.prefs', JSON.stringify({ textScale: scale, tutorialSeen: true })), textScale);
        await w.page.goto(site.url);
        await w.page.waitForSelector('[data-action="play"]');
        const problems: Record<string, string[]> = {};
        const seen = new Set<string>();
        const look = async (name: string) => {
          if (seen.has(name)) return;
          seen.add(name);
          const found = await layoutProblems(w.page);
          if (found.length) problems[name] = found;
          await shot(w.page, `layout-${size.name}-${textScale * 100}-${name}`);
        };
        await look('title');
        await w.page.click('[data-action="settings"]');
        await look('settings');
        await w.page.click('text=Back');
        // The short practice scenario reaches every kind of screen quickly...
        await w.page.click('[data-action="tutorial"]');
        await look('briefing');
        await w.page.click('[data-action="begin"]');
        await w.page.waitForSelector('[data-phase]');
        await playOn(w.page, 'mouse', content, TUTORIAL, () => true, (ids) => ids[0]!, look);
        await w.page.click('[data-action="history"]');
        await look('history');
        // ...and the slice adds the sorting and ordering questions and the full select screen.
        await w.page.click('text=Back');
        await playScenario(w.page, 'mouse', content, SLICE, () => true, (ids) => ids[0]!, async (name) => {
          if (name === 'select' || name.startsWith('question-')) await look(name);
        });
        for (const name of ['title', 'briefing', 'opening', 'question-choice', 'question-sort', 'question-order', 'feedback', 'moves', 'outcome', 'debrief', 'select', 'history']) {
          expect(seen.has(name), name).toBe(true);
        }
        expect(problems).toEqual({});
        expect(w.consoleErrors).toEqual([]);
        await w.context.close();
      });
    }
  }
});

describe('pseudo-locale', () => {
  it('shows no interface string that bypasses the locale file, and nothing overflows', async () => {
    // Everything content says, as one text: text that is content is allowed to be untranslated.
    // Quotation marks are folded away: a quote is shown between marks of its own (src/i18n/quoted.ts).
    const noMarks = (text: string) => text.replace(/[“”‘’"']/g, '');
    const corpus = noMarks(JSON.stringify(readContentFiles().files).replace(/\\"/g, '"'));
    // Replay codes and links are data, and a glossary definition opens with its term and a colon.
    const allowed = (raw: string) => {
      const text = raw.replace(/:$/, '');
      return new RegExp(`^${CODE_PREFIX}[\\w-]+$`).test(text) || /^https?:\/\//.test(text) || allowedText(text);
    };
    const allowedText = (text: string) =>
      /^[\s\d.,:;%/+\-–—()·"“”'’…]*$/u.test(text) || /\[.*~.*\]/.test(text) || text.startsWith('[') || text.endsWith(']') || corpus.includes(noMarks(text));
    const w = await openPage(site.browser, site.origin, { viewport: { width: 1366, height: 768 } });
    await w.context.addInitScript(() => localStorage.setItem('envoy.prefs', JSON.stringify({ locale: 'pseudo', tutorialSeen: true })));
    await w.page.goto(site.url);
    await w.page.waitForSelector('[data-action="play"]');
    const offenders = new Set<string>();
    const overflow: Record<string, string[]> = {};
    await playScenario(w.page, 'mouse', content, SLICE, () => true, (ids) => ids[0]!, async (name) => {
      const texts = await w.page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.getElementById('ui')!, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = (n.textContent ?? '').trim();
          if (text) out.push(text);
        }
        return out;
      });
      for (const text of texts) if (!allowed(text)) offenders.add(`${name}: ${text}`);
      const found = await layoutProblems(w.page);
      if (found.length) overflow[name] = found;
      await shot(w.page, `pseudo-${name}`);
    });
    expect([...offenders]).toEqual([]);
    expect(overflow).toEqual({});
    await w.context.close();
  });

  it('keeps every interface string in the locale file (and the page shell too)', () => {
    const visible = (html: string) =>
      html
        .replace(/<!--[\s\S]*?-->|<script[\s\S]*?<\/script>|<[^>]+>/g, '\n')
        .split('\n')
        .map((s) => s.trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'))
        .filter(Boolean);
    // The shell's words are written in from the locale file when the page is built (src/cli/pageShell.ts).
    expect(visible(readFileSync(join(ROOT, 'index.html'), 'utf8'))).toEqual([]);
    const built = visible(readFileSync(join(ROOT, 'dist', 'index.html'), 'utf8'));
    expect(built.length).toBeGreaterThan(5);
    // Each text is a locale string, its {placeholders} filled in.
    const templates = Object.values(en).map((v) => new RegExp(`^${v.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[a-zA-Z]+\\?\}/g, '.+')}$`));
    expect(built.filter((text) => !templates.some((re) => re.test(text)))).toEqual([]);
  });
});
