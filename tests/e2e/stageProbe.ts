// Reading the negotiation stage in a browser test, through the `stage-probe` hook
// (scenes/stage/phaserStage.ts puts the Phaser game on window.envoyStage only with `?stage-probe`):
// what the table scene shows, the texts it drew with their bounds, and the stage's CSS size.
import type { Page } from 'playwright-core';

export const PROBE = '?stage-probe';

export interface StageText {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TableState {
  shows: 'journey' | 'table' | null;
  routeDrawn: boolean;
  /** The parties whose seat is empty (walked out). */
  emptySeats: string[];
  /** Every visible text the scene drew (inside containers and baked images too), in CSS px. */
  texts: StageText[];
  /** Every image drawn with text in it (a name card, a reaction's badge, the bubble): its texts and its whole area. */
  labels: StageText[];
  width: number;
  height: number;
}

type Obj = { type: string; name: string; x: number; y: number; visible: boolean; alpha: number; text?: string; list?: Obj[]; bakedTexts?: StageText[]; getBounds(): { x: number; y: number; width: number; height: number } };
type Probe = { envoyStage?: { game: { scale: { width: number; height: number; zoom: number }; scene: { getScene(k: string): { shows: TableState['shows']; routeDrawn: boolean; emptySeats: string[]; children: { list: Obj[] }; tweens: { pauseAll(): void; resumeAll(): void } } } } } };

/** What NegotiationScene shows now. */
export function tableState(page: Page): Promise<TableState> {
  return page.evaluate(() => {
    const { game } = (window as unknown as Probe).envoyStage!;
    const scene = game.scene.getScene('NegotiationScene');
    const texts: StageText[] = [];
    const labels: StageText[] = [];
    const walk = (list: Obj[]) => {
      for (const o of list) {
        if (!o.visible || o.alpha === 0) continue;
        if (o.list) walk(o.list);
        // Texts drawn once into an image (scenes/stage/bake.ts) keep what they said and where.
        if (o.bakedTexts?.length) {
          texts.push(...o.bakedTexts.map((t) => ({ ...t, x: t.x + o.x, y: t.y + o.y })));
          const b = o.getBounds();
          // The room behind everything is no label, but the city's plaque drawn into it has one; the
          // speech bubble's box takes in its tail's reach, so its text alone stands for it.
          if (o.name === 'bubble') labels.push(...o.bakedTexts.map((t) => ({ ...t, x: t.x + o.x, y: t.y + o.y })));
          else if (b.width * b.height < (game.scale.width * game.scale.height) / 2) labels.push({ text: o.bakedTexts.map((t) => t.text).join(' '), x: b.x, y: b.y, width: b.width, height: b.height });
          else labels.push(...o.bakedTexts.map((t) => ({ ...t, x: t.x + o.x, y: t.y + o.y })));
        }
        if (o.type === 'Text') {
          const b = o.getBounds();
          texts.push({ text: o.text!, x: b.x, y: b.y, width: b.width, height: b.height });
        }
      }
    };
    walk(scene.children.list);
    return { shows: scene.shows, routeDrawn: scene.routeDrawn, emptySeats: scene.emptySeats, texts, labels, width: game.scale.width * game.scale.zoom, height: game.scale.height * game.scale.zoom };
  });
}

/** Waits until the table scene shows `what` (for the journey: with its route fully drawn, and then holds it there). */
export async function waitForTable(page: Page, what: 'journey' | 'table'): Promise<void> {
  await page.waitForFunction(
    (w) => {
      const scene = (window as unknown as Probe).envoyStage?.game.scene.getScene('NegotiationScene');
      if (!scene || scene.shows !== w) return false;
      if (w === 'table') return true;
      // Stop the clock the moment the route is complete, so the journey stays on screen for the pictures.
      if (scene.routeDrawn) scene.tweens.pauseAll();
      return scene.routeDrawn;
    },
    what,
    { timeout: 30_000 },
  );
}

/** Lets the journey run on to the table (after waitForTable(page, 'journey') held it). */
export async function releaseJourney(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as Probe).envoyStage!.game.scene.getScene('NegotiationScene').tweens.resumeAll());
  await waitForTable(page, 'table');
}

/** Waits for two painted frames, then for the stage to have gone to sleep (nothing moving) unless `moving`. */
export async function settled(page: Page, moving = false): Promise<void> {
  await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
  if (moving) await page.waitForTimeout(150);
  else await page.waitForSelector('#stage[data-loop="asleep"]', { state: 'attached', timeout: 15_000 });
}

/** Texts that do not fit inside the stage (1 px of slack), one line each. */
export function textsOutside(state: TableState): string[] {
  return state.texts
    .filter((t) => t.x < -1 || t.y < -1 || t.x + t.width > state.width + 1 || t.y + t.height > state.height + 1)
    .map((t) => `"${t.text.slice(0, 30)}" at ${Math.round(t.x)},${Math.round(t.y)} ${Math.round(t.width)}×${Math.round(t.height)} on a ${Math.round(state.width)}×${Math.round(state.height)} stage`);
}

/** Pairs of texts, or of images with text in them, drawn over one another (more than 1 px each way), one line each. */
export function textsOverlapping(state: TableState): string[] {
  const found: string[] = [];
  const pairs = (list: StageText[]) => list.forEach((a, i) => {
    for (const b of list.slice(i + 1)) {
      const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (across > 1 && down > 1) found.push(`"${a.text.slice(0, 30)}" and "${b.text.slice(0, 30)}" overlap by ${Math.round(across)}×${Math.round(down)} px`);
    }
  });
  pairs(state.texts);
  pairs(state.labels);
  return found;
}
