// Generates the app's icons in assets/icons/ from the game's own art (art.ts: the title stage's
// table and the parties' emblems, colours from content/parties.json). Run with
// `npx tsx assets/icons/generate.ts` after changing the parties or the art, and commit what it
// writes. The PNGs are rendered by resvg (@resvg/resvg-js), an SVG renderer, so the icons are the
// same vector art as icon.svg at every size.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { readContentFiles } from '../../src/cli/contentFiles';
import { formatContentError, loadContent } from '../../src/content/loader';
import { ICON_FILES, ICON_SVG, iconSvg, type IconParty } from './art';

const here = import.meta.dirname;

/** The parties in seating order, from the checked content (a content error stops the generator). */
export function iconParties(): IconParty[] {
  const loaded = loadContent(readContentFiles().files);
  if (!loaded.ok) throw new Error(loaded.errors.map(formatContentError).join('\n'));
  return loaded.content.partyOrder.map((id) => loaded.content.parties[id]!);
}

function main() {
  const parties = iconParties();
  writeFileSync(join(here, ICON_SVG), iconSvg(parties, 'rounded'));
  for (const icon of ICON_FILES) {
    const png = new Resvg(iconSvg(parties, icon.frame), { fitTo: { mode: 'width', value: icon.size } }).render().asPng();
    writeFileSync(join(here, icon.file), png);
    console.log(`${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes`);
  }
}

main();
