// Icons the interface depends on, as inline SVG built with DOM calls: a glyph from a system font
// (an emoji lock, an arrow) shows as an empty box where the system has no such font, and the
// bundled font has none of them (tests/unit/glyphs.test.ts). Icons are decorative: the text or
// aria-label next to them says what they mean.
const SVG = 'http://www.w3.org/2000/svg';

/** Path data on a 16×16 grid, drawn with the current text colour. */
const PATHS = {
  // A padlock: shackle (stroked) and body (filled).
  lock: ['M5 7V5a3 3 0 0 1 6 0v2', 'M3.5 7h9v7h-9z'],
  up: ['M8 13V3', 'M3.5 7.5 8 3l4.5 4.5'],
  down: ['M8 3v10', 'M3.5 8.5 8 13l4.5-4.5'],
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '1em');
  svg.setAttribute('height', '1em');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.dataset.icon = name;
  PATHS[name].forEach((d, i) => {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    const filled = name === 'lock' && i === 1;
    path.setAttribute('fill', filled ? 'currentColor' : 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', filled ? '1' : '1.75');
    path.setAttribute('stroke-linecap', 'round');
    path.setAttribute('stroke-linejoin', 'round');
    svg.append(path);
  });
  return svg;
}
