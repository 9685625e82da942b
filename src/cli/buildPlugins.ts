// Vite plugins for the production build (used by vite.config.ts; Node only).
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { formatContentError, loadContent } from '../content/loader';
import { CONTENT_DIR, readContentFiles, ROOT } from './contentFiles';
import { withPositions } from '../content/diagnostics';
import { authorChecks } from '../content/checks';

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
      const { files, parseErrors, located } = readContentFiles();
      const loaded = loadContent(files);
      // The same rules as content:check (src/content/checks.ts), so the build never ships what the check refuses.
      const found = loaded.ok ? authorChecks(loaded.content).errors : loaded.errors;
      const errors = [...parseErrors, ...withPositions(found, located).map(formatContentError)];
      if (errors.length || !loaded.ok) this.error(`the content has errors, so the game cannot be built:\n${errors.join('\n')}`);
      // JSON.parse of a string literal is faster for engines than the same object as code.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(loaded.content))});`;
    },
  };
}

const PHASER_SRC = join(ROOT, 'node_modules', 'phaser', 'src');

/**
 * Phaser's source reads four build flags (`typeof WEBGL_RENDERER` and so on) that its own webpack
 * build replaces; these are the values of Phaser's published build, except sound, which Howler plays.
 */
const PHASER_FLAGS: Record<string, boolean> = {
  CANVAS_RENDERER: true,
  WEBGL_RENDERER: true,
  WEBGL_DEBUG: false,
  FEATURE_SOUND: false,
};

/**
 * Builds the game with the Phaser of scenes/stage/phaserBuild.ts instead of the whole package:
 * `phaser` resolves to that file and `phaser-src/...` to Phaser's source, whose build flags are
 * replaced as Phaser's own build does. The dev server keeps the full, prebuilt package.
 */
export function phaserBuildPlugin(): Plugin {
  const flag = new RegExp(`typeof (${Object.keys(PHASER_FLAGS).join('|')})\\b`, 'g');
  return {
    name: 'envoy-phaser-build',
    apply: 'build',
    config: () => ({
      resolve: {
        alias: [
          { find: /^phaser$/, replacement: join(ROOT, 'scenes', 'stage', 'phaserBuild.ts') },
          { find: /^phaser-src\//, replacement: `${PHASER_SRC}/` },
        ],
      },
    }),
    transform(code, id) {
      if (!id.startsWith(PHASER_SRC)) return undefined;
      // The core entry also sets window.Phaser through webpack's `global`; Phaser's ES module
      // build sets no global, and neither does this one.
      const out = code.replace(flag, (_, name: string) => String(PHASER_FLAGS[name])).replace(/^global\.Phaser = Phaser;$/m, '');
      return out === code ? undefined : { code: out, map: null };
    },
  };
}
