// Where things go on the stage, as plain geometry (no Phaser, tested in Node): the table and its
// seats for a number of delegates at any stage size, and, for the journey map, where a city goes
// (on the map, or at its edge with an arrow when it lies beyond) and the curve of the route.

export interface Point {
  x: number;
  y: number;
}
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes cover some of the same area (touching edges do not). */
export function boxesMeet(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export interface TableLayout {
  table: { cx: number; cy: number; rx: number; ry: number };
  /** Each delegate's base (where the figure meets the table's far edge), in seat order. */
  seats: Point[];
  /** Size of a delegate: 1 draws the figure about 100 px tall (CSS px). */
  scale: number;
  /** Font size (CSS px) of the name cards and labels; never under 11. */
  font: number;
  /** The agreement track along the top. */
  agreement: { x: number; y: number; width: number };
}

const within = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The table for `count` delegates on a stage of width × height CSS px: an oval low in the stage
 * (the room's backdrop above it), the delegates spread evenly along its far edge, as large as the
 * narrower of the seat spacing and the height above the table allows.
 */
export function tableLayout(width: number, height: number, count: number): TableLayout {
  const n = Math.max(1, count);
  const agreement = { width: Math.min(width * 0.8, 480), x: 0, y: within(height * 0.05, 10, 28) };
  agreement.x = (width - agreement.width) / 2;
  const cx = width / 2;
  const rx = Math.min(width * 0.44, 420);
  const ry = within(Math.min(height * 0.15, rx * 0.34), 18, 160);
  const cy = height - ry - within(height * 0.1, 8, 120);
  // Few delegates sit near the middle, facing each other; many spread to the table's ends.
  const spread = rx * Math.min(0.86, 0.3 * (n - 1));
  const seats = [...Array(n).keys()].map((i) => {
    const x = cx + (n === 1 ? 0 : spread * ((2 * i) / (n - 1) - 1));
    const dx = (x - cx) / rx;
    return { x, y: cy - ry * Math.sqrt(Math.max(0, 1 - dx * dx)) * 0.72 };
  });
  const spacing = n === 1 ? rx : (2 * spread) / (n - 1);
  // Room above the heads for the speaker's bubble: on a flat stage the figures shrink to leave it.
  const reserve = Math.min(56, height * 0.22);
  // Below the top row: the agreement track and, beside it, the city's plaque (17 px type at most,
  // 1.8 lines tall, centred on the track), where a reaction's badge must not reach.
  const above = Math.min(...seats.map((s) => s.y)) - agreement.y - 17 * 0.9 - reserve;
  const scale = within(Math.min(spacing / 66, above / 92), 0.42, 1.9);
  return { table: { cx, cy, rx, ry }, seats, scale, font: Math.round(within(13 * scale, 11, 17)), agreement };
}

/** A city on the drawn map: its point, or where the map's edge meets the way to it. */
export interface MapPin extends Point {
  inside: boolean;
  /** Direction from the map's centre to the city (radians, screen axes): where an edge arrow points. */
  angle: number;
}

/**
 * Where a city at `at` (screen px) goes on a map drawn in `bounds`: the point itself when it lies
 * inside the bounds shrunk by `margin`, else the point where the line from the map's centre to the
 * city leaves that shrunk box (the city is beyond the map: the caller draws an arrow there).
 */
export function pinOnMap(bounds: Box, at: Point, margin: number): MapPin {
  const m = Math.min(margin, bounds.width / 2, bounds.height / 2);
  const box = { x0: bounds.x + m, y0: bounds.y + m, x1: bounds.x + bounds.width - m, y1: bounds.y + bounds.height - m };
  const c = { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 };
  const angle = Math.atan2(at.y - c.y, at.x - c.x);
  if (at.x >= box.x0 && at.x <= box.x1 && at.y >= box.y0 && at.y <= box.y1) return { ...at, inside: true, angle };
  const dx = at.x - c.x;
  const dy = at.y - c.y;
  const t = Math.min(dx ? (dx > 0 ? box.x1 - c.x : box.x0 - c.x) / dx : Infinity, dy ? (dy > 0 ? box.y1 - c.y : box.y0 - c.y) / dy : Infinity);
  return { x: c.x + dx * t, y: c.y + dy * t, inside: false, angle };
}

/**
 * The route from `a` to `b` as a gentle arc (a quadratic curve bowed to one side by `bow` of its
 * length), `steps` + 1 points from a to b. The first `progress` (0..1) of it only, for drawing it
 * as it travels.
 */
export function routeArc(a: Point, b: Point, progress = 1, bow = 0.2, steps = 40): Point[] {
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const control = { x: mid.x + (a.y - b.y) * bow, y: mid.y + (b.x - a.x) * bow };
  // Bow upwards on screen whichever way the route runs, like a flight on a map.
  if (control.y > mid.y) {
    control.x = 2 * mid.x - control.x;
    control.y = 2 * mid.y - control.y;
  }
  const last = Math.round(within(progress, 0, 1) * steps);
  return [...Array(last + 1).keys()].map((i) => {
    const t = i / steps;
    const u = 1 - t;
    return { x: u * u * a.x + 2 * u * t * control.x + t * t * b.x, y: u * u * a.y + 2 * u * t * control.y + t * t * b.y };
  });
}

/** A name card with the trust bar under it, in CSS px: its centre x, its width, its top and bottom. */
export interface CardBlock {
  x: number;
  width: number;
  top: number;
  bottom: number;
}

/**
 * How far (CSS px) each name card on the table moves down: given each card's block (card and trust
 * bar) in seat order, at the seats' own heights, every other card drops below its neighbours when
 * any two neighbours would come closer than `gap`, so that long names ("N. Macedonia",
 * "Montenegro") at a full table never cover each other, whatever height each seat sits at. Cards
 * two seats apart are at least twice the seat spacing apart, so those never meet.
 */
export function cardDrops(cards: CardBlock[], gap = 4): number[] {
  const near = (a: CardBlock, b: CardBlock) => Math.abs(a.x - b.x) < (a.width + b.width) / 2 + gap;
  const crowded = cards.some((c, i) => i > 0 && near(c, cards[i - 1]!));
  return cards.map((c, i) => {
    if (!crowded || i % 2 === 0) return 0;
    const above = [cards[i - 1], cards[i + 1]].filter((n): n is CardBlock => n !== undefined && near(n, c));
    return Math.max(0, ...above.map((n) => n.bottom + gap - c.top));
  });
}
