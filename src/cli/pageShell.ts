// The page shell (index.html) as the browser gets it before any script runs, written at build time
// (and by the dev server) from the locale file and the title screen's own code:
//
// - the title screen itself, rendered by scenes/ui/screens/title.ts into a server-side DOM
//   (linkedom), so the first paint is the real menu in its final place; the director replaces it
//   in the same frame it first draws, so nothing flashes or moves. Its copy has no data-action
//   and its menu is inert: only the script's buttons act;
// - the "cannot start here" message for pages where the game's module script can never run: a
//   frame sandboxed without allow-same-origin, or a file opened from disk (an opaque origin fails
//   the CORS fetch of module scripts and of the `crossorigin` stylesheet alike). It is styled by
//   shell.css, fetched without CORS so it loads there too, and shown after a short delay; the
//   main stylesheet (`crossorigin`, so it loads wherever the script can) hides it, and since that
//   stylesheet blocks the first paint the message is never drawn where the game can start, however
//   slow the script is;
// - the skip link's and <noscript>'s words, and a Content-Security-Policy with no inline style in
//   the build (the dev server's own style injection needs 'unsafe-inline' there).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Plugin } from 'vite';
import { h } from '../../scenes/ui/dom';
import { titleScreen } from '../../scenes/ui/screens/title';
import type { ScreenContext } from '../../scenes/ui/screens/types';
import { loadContent, type Content } from '../content/loader';
import { screenActions } from '../machines/actions';
import { setLocale, t } from '../i18n';
import { readContentFiles, ROOT } from './contentFiles';

const SHELL_CSS = join(ROOT, 'scenes', 'ui', 'shell.css');

/** Runs `build` with `document` set to a fresh server-side DOM and returns the element's HTML (text escaped by the DOM). */
function renderHtml(build: () => Element): string {
  const g = globalThis as { document?: unknown };
  const previous = g.document;
  g.document = parseHTML('<!doctype html><html><head></head><body></body></html>').document;
  try {
    return build().outerHTML;
  } finally {
    g.document = previous;
  }
}

/**
 * The title screen as a first-time player sees it (no run to resume, no class label), as HTML,
 * with the buttons the title offers (src/machines/actions.ts). `content` is the checked content,
 * or null when it does not load (the title then shows no count of reports).
 */
export function titleScreenHtml(content: Content | null): string {
  setLocale('en');
  const shown: Content = content ?? { sources: {}, parties: {}, partyOrder: [], glossary: [], loadedTerms: [], scenarios: {}, scenarioOrder: [], tutorialId: null, versions: {}, files: {} };
  const context = { scenarioId: null, canResume: false, result: null, contentErrors: [], notices: [], compare: null, watchPlaying: false, pairs: false, players: null };
  const offered = new Map(
    screenActions({ screen: 'title', context, content: shown, scenarioIds: shown.scenarioOrder, run: null, decisions: 0, history: [], lastCode: null, watch: null }).map((a) => [a.id, a.event]),
  );
  const ctx = {
    session: { app: { getSnapshot: () => ({ context }) }, content: shown, classSettings: null },
    send: () => {},
    announce: () => {},
    prefs: { get: () => ({ tutorialSeen: false }), set: () => {} },
    refresh: () => {},
    action: (id: string) => offered.get(id) ?? null,
  } as unknown as ScreenContext;
  return renderHtml(() => {
    const screen = titleScreen(ctx);
    for (const el of [screen, ...screen.querySelectorAll('*')]) {
      for (const name of el.getAttributeNames()) if (name.startsWith('data-')) el.removeAttribute(name);
    }
    screen.querySelector('nav')?.setAttribute('inert', '');
    return screen;
  });
}

/** The message a page where the game cannot start shows (see the top of this file), as HTML. */
export function cannotStartHtml(): string {
  setLocale('en');
  // href="": this very page, its query (a class link, a replay link) included.
  return renderHtml(() =>
    h(
      'div',
      { class: 'cannot-start' },
      h('p', {}, h('strong', {}, t('shell.cannotStart')), ' ', t('shell.cannotStartWhy')),
      h('p', {}, h('a', { href: '', target: '_blank' }, t('shell.openInTab'))),
    ),
  );
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The CSP of index.html with `'unsafe-inline'` added to style-src (the dev server injects <style> elements). */
export function devPolicy(html: string): string {
  return html.replace(/(http-equiv="Content-Security-Policy" content="[^"]*style-src 'self')/, "$1 'unsafe-inline'");
}

/** The fonts the title screen is drawn in (Latin letters, regular and bold): see pageShellPlugin. */
const FIRST_FONTS = /(^|\/)atkinson-hyperlegible-latin-(400|700)-normal-[^/]+\.woff2$/;

/**
 * Fills index.html's placeholders: `<!--envoy:title-->` (document title), `<!--envoy:skip-->`,
 * `<!--envoy:noscript-->` and `<!--envoy:shell-->` (the title screen and the cannot-start
 * message), links shell.css and preloads the title screen's fonts. A placeholder missing from
 * index.html fails the build.
 */
export function pageShellPlugin(): Plugin {
  let serving = false;
  let shellCssFile = '';
  return {
    name: 'envoy-page-shell',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    buildStart() {
      if (serving) return;
      const css = readFileSync(SHELL_CSS, 'utf8');
      shellCssFile = `assets/shell-${createHash('sha256').update(css).digest('base64url').slice(0, 8)}.css`;
      this.emitFile({ type: 'asset', fileName: shellCssFile, source: css });
    },
    transformIndexHtml: {
      // After Vite's own pass: the link to shell.css is not a module for Vite to bundle.
      order: 'post',
      handler(html, ctx) {
        const loaded = loadContent(readContentFiles().files);
        const parts: Record<string, string> = {
          title: escapeText(t('app.name')),
          skip: escapeText(t('app.skip')),
          noscript: escapeText(t('shell.noscript')),
          shell: titleScreenHtml(loaded.ok ? loaded.content : null) + cannotStartHtml(),
        };
        let out = serving ? devPolicy(html) : html;
        for (const [name, value] of Object.entries(parts)) {
          const placeholder = `<!--envoy:${name}-->`;
          if (!out.includes(placeholder)) throw new Error(`envoy-page-shell: index.html has no ${placeholder}`);
          out = out.replace(placeholder, () => value);
        }
        // No crossorigin: this sheet must load where the CORS fetches fail.
        const href = serving ? '/scenes/ui/shell.css' : `./${shellCssFile}`;
        // The title screen's two faces, fetched with the page rather than found by its first layout:
        // arriving later, they made the browser lay the page out again just as the game was ready
        // to start (about 40 ms more to the menu at 4× CPU; bench: menu usable).
        const fonts = Object.keys(ctx.bundle ?? {}).filter((file) => FIRST_FONTS.test(file));
        const preloads = fonts.map((file) => ({ tag: 'link', attrs: { rel: 'preload', href: `./${file}`, as: 'font', type: 'font/woff2', crossorigin: true }, injectTo: 'head' as const }));
        return { html: out, tags: [{ tag: 'link', attrs: { rel: 'stylesheet', href }, injectTo: 'head' }, ...preloads] };
      },
    },
  };
}
