// The negotiating table: the room of the meeting (its kind and city), one delegate per seated party
// with a name card and a trust bar, the agreement track above. The opening's speaker leans in with
// a speech bubble; after a move each delegate shows its reaction; a party that walked out leaves
// an empty seat. When the talks move to another city, the map with the route comes first.
// Everything here is drawn from the presenter's view (src/engine/presenter.ts): no rule lives here.
import * as Phaser from 'phaser';
import type { RunView } from '../../src/engine/presenter';
import { prefersReducedMotion } from '../ui/preferences';
import { addCityPlaque, drawBackdrop, drawTableProps } from './backdrop';
import { addedSince, around, bake, textureCache, type TextureCache } from './bake';
import { addBubble } from './bubble';
import { addChair, addDelegate, addNameCard, leanIn, leaveEmpty, react, settle, type Delegate } from './delegate';
import { drawJourney } from './journey';
import { hex, PALETTE } from './palette';
import { beginRun, type SceneRun } from './sceneRun';
import type { StageData } from './stageData';
import { cardDrops, tableLayout, type Box, type TableLayout } from './stageLayout';
import { clearScene, viewOf } from './view';

const FONT = 'Atkinson Hyperlegible';
/** How long the route takes to draw, and how long the finished route stays before the table (ms). */
const TRAVEL_MS = 1600;
const HOLD_MS = 1100;
/** With reduced motion the route is drawn at once and stays this long (ms). */
const STILL_HOLD_MS = 2200;

interface Seat {
  partyId: string;
  delegate: Delegate;
  bar: Phaser.GameObjects.Rectangle;
}

export class NegotiationScene extends Phaser.Scene {
  /** What the stage shows now, and whether the journey's route is fully drawn (read by the e2e tests through the stage probe). */
  shows: 'journey' | 'table' | null = null;
  routeDrawn = false;
  /** The parties whose seat at the table is empty now (walked out), for the e2e tests through the stage probe. */
  get emptySeats(): string[] {
    return this.seats.filter((s) => !s.delegate.figure.visible || s.delegate.figure.alpha === 0).map((s) => s.partyId);
  }
  private seats: Seat[] = [];
  private agreementBar?: Phaser.GameObjects.Rectangle;
  private bubble?: Phaser.GameObjects.Image | Phaser.GameObjects.Container;
  /** Where the city's plaque is (CSS px), for the bubble to keep clear of. */
  private plaque?: Box;
  private layout?: TableLayout;
  private meetingId: string | null = null;
  private phaseKey = '';
  private stage!: StageData;
  private run!: SceneRun;
  private parts!: TextureCache;

  constructor() {
    super('NegotiationScene');
  }

  create(data: StageData) {
    this.stage = data;
    this.shows = null;
    this.meetingId = null;
    this.run = beginRun(this);
    const parts = textureCache(this);
    this.parts = parts;
    this.run.onEnd(() => parts.release());
    this.run.subscribe(data.session, () => this.update$());
    // Drawn from scratch, at first and on every redraw the stage asks for (a resize, a new pixel
    // ratio, the font's arrival): what is on show is drawn again in its end state, without motion.
    this.run.draw((_view, first) => {
      const view = this.view();
      if (!view) return;
      if (first) this.update$();
      // A journey still on show is drawn again only while the view has one: once the player has
      // moved on (a move made at the new table), the redraw goes straight to the table.
      else if (this.shows === 'journey' && view.stage!.journey) this.travel(view, true);
      else this.showTable(view, true);
    });
    void document.fonts
      .load(`16px "${FONT}"`)
      .catch(() => undefined)
      .then(this.run.guard(() => this.run.redraw()));
  }

  private view(): RunView | null {
    const view = this.stage.session.runView();
    return view?.meeting && view.stage ? view : null;
  }

  private still() {
    return prefersReducedMotion(this.stage.prefs.get());
  }

  /** A new meeting: the journey first when the talks change city, then the table; otherwise the table follows the phase. */
  private update$() {
    const view = this.view();
    if (!view) return;
    if (view.meeting!.id !== this.meetingId) {
      this.meetingId = view.meeting!.id;
      if (view.phase === 'opening' && view.stage!.journey) {
        this.travel(view, this.still());
        return;
      }
      this.showTable(view, true);
      return;
    }
    // The table appears when the journey ends, in whatever phase the run is by then.
    if (this.shows === 'journey') return;
    this.follow(view, this.still());
  }

  /** The map with the route; `still` draws the whole route at once. The table follows after a pause. */
  private travel(view: RunView, still: boolean) {
    clearScene(this);
    this.shows = 'journey';
    this.routeDrawn = false;
    const { content } = this.stage.session;
    const colours = Object.fromEntries(content.partyOrder.map((id) => [id, hex(content.parties[id]!.colour)]));
    const drawing = drawJourney(this, viewOf(this), view.stage!.journey!, view.meeting!.parties, colours);
    const arrive = this.run.guard(() => {
      this.cameras.main.setBackgroundColor(PALETTE.night);
      const now = this.view();
      if (now) this.showTable(now, this.still());
    });
    const hold = (duration: number) => {
      drawing.route(1);
      this.routeDrawn = true;
      this.tweens.addCounter({ from: 0, to: 1, duration, onComplete: arrive });
    };
    if (still) {
      hold(STILL_HOLD_MS);
      return;
    }
    const done = this.run.guard(() => hold(HOLD_MS));
    this.tweens.addCounter({ from: 0, to: 1, duration: TRAVEL_MS, ease: 'Sine.easeInOut', onUpdate: this.run.guard((tween: { getValue(): number | null }) => drawing.route(tween.getValue() ?? 0)), onComplete: done });
  }

  /** Draws the room, the delegates and the table for the meeting, then the phase's poses. */
  private showTable(view: RunView, still: boolean) {
    clearScene(this);
    this.shows = 'table';
    this.phaseKey = '';
    const { width, height } = viewOf(this);
    const meeting = view.meeting!;
    const stageView = view.stage!;
    const layout = tableLayout(width, height, meeting.parties.length);
    this.layout = layout;
    const { cx, cy, rx, ry } = layout.table;
    const meter = (id: string) => view.parties.find((p) => p.id === id);
    // What never moves is drawn once into two images (bake.ts): behind the delegates, the room, the
    // chairs, the agreement track and the city's plaque; in front of them, the table with its props,
    // no larger than they are (every pixel of an image costs each frame).
    const behind = this.children.length;
    drawBackdrop(this, {
      width,
      height,
      horizon: cy - ry * 1.05,
      setting: stageView.setting,
      parties: meeting.parties.map((id) => ({ colour: hex(meter(id)?.colour ?? '#888888'), emblem: meter(id)?.emblem ?? '' })),
    });
    const options = meeting.parties.map((partyId, i) => {
      const m = meter(partyId);
      const seat = layout.seats[i]!;
      return { ...seat, scale: layout.scale, colour: hex(m?.colour ?? '#888888'), emblem: m?.emblem ?? '', name: m?.shortName ?? partyId, font: layout.font, index: i, facing: Math.sign(cx - seat.x) };
    });
    for (const o of options) addChair(this, o);
    // The city's plaque at the left of the agreement track's row, the track after it: under the
    // track it stood where the reactions' badges of a full table go on a narrow stage.
    this.plaque = addCityPlaque(this, stageView.city?.name ?? meeting.place, 8, Math.max(2, layout.agreement.y - layout.font * 0.9), layout.font);
    const trackX = Math.max(layout.agreement.x, this.plaque.x + this.plaque.width + 10);
    const ag = { x: trackX, y: layout.agreement.y, width: layout.agreement.x + layout.agreement.width - trackX };
    this.add.rectangle(ag.x, ag.y, ag.width, 12, PALETTE.grey, 0.5).setOrigin(0, 0.5);
    // The room covers the whole stage, so its image has no transparent pixel to blend.
    bake(this, addedSince(this, behind), undefined, { opaque: true });
    const delegates = meeting.parties.map((partyId, i) => ({ partyId, options: options[i]!, drawn: addDelegate(this, options[i]!, this.parts) }));

    const front = this.children.length;
    const table = this.add.graphics();
    table.fillStyle(PALETTE.woodDark, 1).fillEllipse(cx, cy + 8, rx * 2 + 16, ry * 2 + 16);
    table.fillStyle(PALETTE.wood, 1).fillEllipse(cx, cy, rx * 2, ry * 2);
    drawTableProps(table, stageView.setting, layout.seats, layout.scale);
    const s = layout.scale;
    bake(this, addedSince(this, front), around(this, [
      { x: cx - rx - 8, y: cy - ry - 8, w: rx * 2 + 16, h: ry * 2 + 24 },
      // The props stand at the seats, a little above the table's far edge and beside each seat.
      ...options.map((o) => ({ x: o.x - 28 * s, y: o.y - 14 * s, w: 56 * s, h: 30 * s })),
    ]));

    this.agreementBar = this.add.rectangle(ag.x, ag.y, ag.width, 12, PALETTE.focus, 1).setOrigin(0, 0.5).setScale(view.agreement / 100, 1);
    // Each name card in front of its delegate, with the party's trust bar under it; at a full
    // table every other card drops below its neighbours when their names would overlap.
    const cardY = (o: (typeof options)[number]) => o.y + Math.max(16 * s, layout.font * 1.1);
    const cards = options.map((o) => addNameCard(this, o, cardY(o), this.parts));
    // The trust bar sits under its card, so a card dropped below its neighbours clears their bars too.
    const barBelow = layout.font * 1.25 + 3;
    const drops = cardDrops(cards.map((card, i) => ({ x: options[i]!.x, width: card.displayWidth, top: card.y - card.displayHeight / 2, bottom: card.y + barBelow })));
    const barWidth = Math.max(40, 60 * s);
    this.seats = delegates.map(({ partyId, options: o, drawn }, i) => {
      const card = cards[i]!;
      card.y += drops[i]!;
      const barY = card.y + layout.font * 1.25;
      this.add.rectangle(o.x - barWidth / 2, barY, barWidth, 6, PALETTE.grey, 0.6).setOrigin(0, 0.5);
      const bar = this.add.rectangle(o.x - barWidth / 2, barY, barWidth, 6, o.colour, 1).setOrigin(0, 0.5).setScale((meter(partyId)?.trust ?? 0) / 100, 1);
      return { partyId, delegate: { ...drawn, card }, bar };
    });
    this.follow(view, still);
  }

  /** Moves the meters to the view's values and, when the phase changed, sets the delegates' poses for it. */
  private follow(view: RunView, still: boolean) {
    const to = (bar: Phaser.GameObjects.Rectangle | undefined, value: number) => {
      if (!bar) return;
      if (still || Math.abs(bar.scaleX - value) < 0.005) bar.setScale(value, 1);
      else this.tweens.add({ targets: bar, scaleX: value, duration: 600, ease: 'Cubic.easeOut' });
    };
    to(this.agreementBar, view.agreement / 100);
    for (const seat of this.seats) to(seat.bar, (view.parties.find((p) => p.id === seat.partyId)?.trust ?? 0) / 100);
    const key = `${view.meeting!.id}|${view.phase}`;
    if (key === this.phaseKey) return;
    this.phaseKey = key;
    this.pose(view, still);
  }

  /** The opening's speaker leans in and speaks; after a move every delegate reacts; empty seats stay empty. */
  private pose(view: RunView, still: boolean) {
    this.bubble?.destroy();
    this.bubble = undefined;
    const reactions = view.phase === 'outcome' ? (view.lastMove?.reactions ?? []) : [];
    for (const { partyId, delegate } of this.seats) {
      settle(this, delegate);
      delegate.card.setAlpha(1);
      const reaction = reactions.find((r) => r.id === partyId);
      if (!view.stage!.present.includes(partyId) && !reaction) leaveEmpty(delegate);
      else if (reaction) react(this, delegate, reaction.reaction, still);
    }
    const speaker = this.seats.find((s) => s.partyId === view.meeting!.opening.speaker && view.stage!.present.includes(s.partyId));
    if (view.phase !== 'opening' || !speaker || !this.layout) return;
    const d = speaker.delegate;
    leanIn(this, d, still);
    const { width, height } = viewOf(this);
    const s = d.options.scale;
    this.bubble = addBubble(this, {
      anchor: { x: d.options.x + d.options.facing * 8 * s, y: d.options.y - 86 * s },
      reach: 30 * s,
      text: view.stage!.excerpt,
      font: this.layout.font,
      width,
      height,
      // The bubble may cover the agreement track while the speaker speaks, and the city's plaque
      // only where the stage has no room beside it or under it.
      top: 4,
      avoid: this.plaque,
      atlas: this.parts,
    });
    if (!still) this.tweens.add({ targets: this.bubble, alpha: { from: 0, to: 1 }, duration: 350, delay: 200 });
  }
}
