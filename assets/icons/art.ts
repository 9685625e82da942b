// The app's icon: the title screen's table seen from above (scenes/stage/TitleScene.ts), in wood,
// with every party's emblem around it in its own colour and shape (scenes/stage/emblems.ts), on
// the game's night blue. Built as SVG text from the same geometry and palette the stage uses;
// generate.ts renders it to the PNGs the manifest and the page name (see README.md beside this).
import { emblemShape, type EmblemShape } from '../../scenes/stage/emblems';
import { PALETTE } from '../../scenes/stage/palette';

export interface IconParty {
  emblem: string;
  /** "#rrggbb" */
  colour: string;
}

/**
 * How an icon is framed. `rounded`: the art on a rounded square with a transparent margin (browser
 * tabs, install dialogs). `full`: a square filled to its edges (iOS rounds it itself). `maskable`:
 * filled to its edges with the art inside the central circle of 80 % of the width that any
 * platform mask keeps (the web app manifest's safe zone).
 */
export type IconFrame = 'rounded' | 'full' | 'maskable';

/** One file the generator writes into assets/icons/ and the build ships under icons/. */
export interface IconFile {
  file: string;
  /** Width and height in pixels. */
  size: number;
  frame: IconFrame;
  /** The manifest's `purpose`, for the icons listed there; absent for the page's own links. */
  purpose?: 'any' | 'maskable';
}

export const ICON_FILES: readonly IconFile[] = [
  { file: 'icon-192.png', size: 192, frame: 'rounded', purpose: 'any' },
  { file: 'icon-512.png', size: 512, frame: 'rounded', purpose: 'any' },
  { file: 'maskable-512.png', size: 512, frame: 'maskable', purpose: 'maskable' },
  { file: 'apple-touch-icon.png', size: 180, frame: 'full' },
  { file: 'favicon-32.png', size: 32, frame: 'rounded' },
];
/** The same art as scalable vector, the page's favicon where browsers take SVG. */
export const ICON_SVG = 'icon.svg';

export const colour = (n: number) => `#${n.toString(16).padStart(6, '0')}`;

/** Drawing units: the art is drawn in a 512 × 512 box. */
const BOX = 512;
const TABLE_R = 150;
const RIM = 10;
const SEAT_R = 205;
const EMBLEM_R = 34;
/** Scale of the art inside each frame: the maskable one keeps within the 80 % safe circle. */
const ART_SCALE: Record<IconFrame, number> = { rounded: 0.92, full: 0.86, maskable: 0.8 };

const num = (n: number) => String(Math.round(n * 100) / 100);

function shapeSvg(shape: EmblemShape, fill: string): string {
  switch (shape.kind) {
    case 'circle':
      return `<circle cx="${num(shape.x)}" cy="${num(shape.y)}" r="${num(shape.r)}" fill="${fill}"/>`;
    case 'rect':
      return `<rect x="${num(shape.x)}" y="${num(shape.y)}" width="${num(shape.width)}" height="${num(shape.height)}" fill="${fill}"/>`;
    case 'polygon':
      return `<polygon points="${shape.points.map((p) => `${num(p.x)},${num(p.y)}`).join(' ')}" fill="${fill}"/>`;
  }
}

/** The icon as SVG text: the parties in seating order clockwise, the first at the top. */
export function iconSvg(parties: readonly IconParty[], frame: IconFrame): string {
  const c = BOX / 2;
  const background =
    frame === 'rounded'
      ? `<rect x="8" y="8" width="${BOX - 16}" height="${BOX - 16}" rx="${BOX * 0.2}" fill="${colour(PALETTE.night)}"/>`
      : `<rect width="${BOX}" height="${BOX}" fill="${colour(PALETTE.night)}"/>`;
  const seats = parties.map((p, i) => {
    const a = -Math.PI / 2 + (i / parties.length) * Math.PI * 2;
    return shapeSvg(emblemShape(p.emblem, c + Math.cos(a) * SEAT_R, c + Math.sin(a) * SEAT_R, EMBLEM_R), p.colour);
  });
  const scale = ART_SCALE[frame];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${BOX} ${BOX}" width="${BOX}" height="${BOX}">`,
    background,
    `<g transform="translate(${num(c * (1 - scale))} ${num(c * (1 - scale))}) scale(${scale})">`,
    `<circle cx="${c}" cy="${c}" r="${TABLE_R + RIM}" fill="${colour(PALETTE.woodDark)}"/>`,
    `<circle cx="${c}" cy="${c}" r="${TABLE_R}" fill="${colour(PALETTE.wood)}"/>`,
    ...seats,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
