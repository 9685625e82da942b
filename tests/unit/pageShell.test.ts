// The page shell's build-time parts in Node: the app icons committed in assets/icons/ are what
// their generator draws from today's content, the manifest names them, and the static title
// screen is the real screen's markup, with its menu inert.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colour, ICON_FILES, ICON_SVG, iconSvg } from '../../assets/icons/art';
import { PALETTE } from '../../scenes/stage/palette';
import { ROOT } from '../../src/cli/contentFiles';
import { cannotStartHtml, devPolicy, titleScreenHtml } from '../../src/cli/pageShell';
import { webManifest } from '../../src/cli/webManifest';
import en from '../../src/i18n/en.json';
import { realContent } from './helpers';

const content = realContent();
const parties = content.partyOrder.map((id) => content.parties[id]!);

describe('app icons', () => {
  it('the committed icon.svg is what the generator draws from the current parties (else run assets/icons/generate.ts)', () => {
    expect(readFileSync(join(ROOT, 'assets', 'icons', ICON_SVG), 'utf8')).toBe(iconSvg(parties, 'rounded'));
  });

  it('draws every party in its own colour, on the palette night blue', () => {
    const svg = iconSvg(parties, 'maskable');
    for (const p of parties) expect(svg).toContain(`fill="${p.colour}"`);
    expect(svg).toContain(`fill="${colour(PALETTE.night)}"`);
  });

  it('the manifest lists the 192 and 512 px icons and a maskable one, with the palette colours', () => {
    const manifest = webManifest();
    const sizes = manifest.icons.map((i) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) expect(ICON_FILES.map((f) => `icons/${f.file}`)).toContain(icon.src);
    expect(manifest.theme_color).toBe(colour(PALETTE.night));
    expect(manifest.name).toBe(en['app.name']);
    expect(manifest.display).toBe('standalone');
  });
});

describe('the static page shell', () => {
  it('is the title screen with its menu inert and no data-action to click', () => {
    const html = titleScreenHtml(content);
    expect(html).toMatch(/^<section /);
    expect(html).toContain(`>${en['app.name']}</h1>`);
    expect(html).toContain(`>${en['title.play']}</button>`);
    expect(html).toMatch(/<nav [^>]*\binert\b/);
    expect(html).not.toMatch(/data-/);
  });

  it('the cannot-start message links to this very page (query included) in a new tab', () => {
    const html = cannotStartHtml();
    expect(html).toContain(en['shell.openInTab']);
    expect(html).toMatch(/<a [^>]*target="_blank"/);
    expect(html).toMatch(/<a [^>]*href=""/);
  });

  it("the dev server's policy allows its injected styles; the built one does not", () => {
    const page = readFileSync(join(ROOT, 'index.html'), 'utf8');
    expect(page).toMatch(/style-src 'self';/);
    expect(devPolicy(page)).toMatch(/style-src 'self' 'unsafe-inline';/);
  });
});
