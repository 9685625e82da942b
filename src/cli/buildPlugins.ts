// Vite plugins for the production build (used by vite.config.ts; Node only).
import type { Plugin } from 'vite';
import { formatContentError, loadContent } from '../content/loader';
import { CONTENT_DIR, readContentFiles } from './contentFiles';

export const CONTENT_MODULE = 'virtual:envoy-content';

/**
 * Checks the content when the site is built and ships it already loaded: `virtual:envoy-content`
 * is the loaded Content as JSON, so a student's browser skips the schema checks (a third of a
 * second on a slow laptop before the menu). Content with errors fails the build with the same
 * file-and-field messages as `npm run content:check`. On the dev server the module is null and the
 * game loads and checks content/ itself, showing errors on screen as an author edits.
 */
export function contentPlugin(): Plugin {
  let serving = false;
  return {
    name: 'envoy-content',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId: (id) => (id === CONTENT_MODULE ? `\0${CONTENT_MODULE}` : undefined),
    load(id) {
      if (id !== `\0${CONTENT_MODULE}`) return undefined;
      if (serving) return 'export default null;';
      this.addWatchFile(CONTENT_DIR);
      const { files, parseErrors } = readContentFiles();
      const loaded = loadContent(files);
      const errors = [...parseErrors, ...(loaded.ok ? [] : loaded.errors.map(formatContentError))];
      if (errors.length || !loaded.ok) this.error(`the content has errors, so the game cannot be built:\n${errors.join('\n')}`);
      // JSON.parse of a string literal is faster for engines than the same object as code.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(loaded.content))});`;
    },
  };
}

/**
 * Lets the browser fetch and compile the Phaser chunk while the HTML menu starts, without running
 * it (the stage decides at run time whether this browser can draw at all before importing it).
 */
export function preloadStagePlugin(chunkName = 'phaserStage'): Plugin {
  return {
    name: 'envoy-preload-stage',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === chunkName);
        if (!chunk) return html;
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}
