// The web app manifest and the icons, so browsers offer to install Envoy as an app (Chrome, Edge
// and ChromeOS need a manifest with a name, a start URL, a standalone display and 192 and 512 px
// icons). The icons are committed with their generator in assets/icons/; the build copies them to
// icons/ and writes manifest.webmanifest from the locale file and the stage's palette, both into
// the bundle, so the service worker keeps them for offline play like every other file.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { colour, ICON_FILES, ICON_SVG } from '../../assets/icons/art';
import { PALETTE } from '../../scenes/stage/palette';
import { setLocale, t } from '../i18n';
import { ROOT } from './contentFiles';

const ICONS_DIR = join(ROOT, 'assets', 'icons');
export const MANIFEST_FILE = 'manifest.webmanifest';
/** The browser's colour around the app (title bar, splash screen): the page's night blue. */
export const THEME_COLOUR = colour(PALETTE.night);

/** The manifest as an object; every URL in it is relative to the manifest, which sits beside index.html. */
export function webManifest() {
  setLocale('en');
  return {
    // "./": the app is wherever the site is served (a sub-path, an LMS package folder).
    id: './',
    name: t('app.name'),
    short_name: t('app.name'),
    description: t('app.tagline'),
    lang: 'en',
    dir: 'ltr',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: THEME_COLOUR,
    theme_color: THEME_COLOUR,
    categories: ['education', 'games'],
    icons: ICON_FILES.filter((i) => i.purpose).map((i) => ({ src: `icons/${i.file}`, sizes: `${i.size}x${i.size}`, type: 'image/png', purpose: i.purpose })),
  };
}

/** The page's own links: manifest, theme colour, favicons and the iOS home-screen icon. */
function headTags(): HtmlTagDescriptor[] {
  const link = (attrs: Record<string, string>): HtmlTagDescriptor => ({ tag: 'link', attrs, injectTo: 'head' });
  const favicon = ICON_FILES.find((i) => i.file.startsWith('favicon'))!;
  const apple = ICON_FILES.find((i) => i.file.startsWith('apple-touch-icon'))!;
  return [
    { tag: 'meta', attrs: { name: 'theme-color', content: THEME_COLOUR }, injectTo: 'head' },
    link({ rel: 'manifest', href: `./${MANIFEST_FILE}` }),
    link({ rel: 'icon', href: `./icons/${ICON_SVG}`, type: 'image/svg+xml' }),
    link({ rel: 'icon', href: `./icons/${favicon.file}`, sizes: `${favicon.size}x${favicon.size}`, type: 'image/png' }),
    link({ rel: 'apple-touch-icon', href: `./icons/${apple.file}`, sizes: `${apple.size}x${apple.size}` }),
  ];
}

/** Every file this plugin ships: path in the site → contents. */
function files(): Map<string, { type: string; body: string | Uint8Array }> {
  const out = new Map<string, { type: string; body: string | Uint8Array }>();
  out.set(MANIFEST_FILE, { type: 'application/manifest+json', body: `${JSON.stringify(webManifest(), null, 2)}\n` });
  out.set(`icons/${ICON_SVG}`, { type: 'image/svg+xml', body: readFileSync(join(ICONS_DIR, ICON_SVG), 'utf8') });
  for (const icon of ICON_FILES) out.set(`icons/${icon.file}`, { type: 'image/png', body: readFileSync(join(ICONS_DIR, icon.file)) });
  return out;
}

export function webManifestPlugin(): Plugin {
  return {
    name: 'envoy-web-manifest',
    // The dev server answers for the same files at the same URLs.
    configureServer(server) {
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const file = files().get(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\//, ''));
        if (!file) return next();
        res.writeHead(200, { 'content-type': file.type }).end(file.body);
      });
    },
    generateBundle() {
      for (const [fileName, file] of files()) this.emitFile({ type: 'asset', fileName, source: file.body });
    },
    transformIndexHtml: { order: 'post', handler: () => headTags() },
  };
}
