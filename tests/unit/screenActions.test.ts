// Every button does something: walks every app screen and every run state reachable through the
// buttons the screens offer (src/machines/actions.ts) — every scenario, the practice, the
// debrief's rewinds, past runs, compare and watch — and checks that the session handles every
// event on offer there. The session reports any event it does not handle instead of dropping it.
import { describe, expect, it, vi } from 'vitest';
import type { ScreenAction } from '../../src/machines/actions';
import { memoryStore } from '../../src/persistence/storage';
import { createSession, type Session, type SessionEvent } from '../../src/session';
import { realContent } from './helpers';

const content = realContent();

/** A fresh session (fixed seeds and clock) brought to a state by replaying the events that led there. */
function replay(path: SessionEvent[], onUnhandled: (problem: string) => void = () => {}): Session {
  let seed = 7;
  let clock = 0;
  const session = createSession({
    content,
    store: memoryStore(),
    newSeed: () => seed++,
    now: () => new Date(Date.UTC(2026, 0, 1) + 60_000 * clock++).toISOString(),
    onUnhandled,
  });
  session.boot();
  for (const event of path) session.send(event);
  return session;
}

const screenOf = (session: Session) => {
  const value = session.app.getSnapshot().value;
  return typeof value === 'string' ? value : Object.keys(value)[0]!;
};

/** What makes two states offer the same buttons to the same effect. */
function stateKey(session: Session, actions: ScreenAction[]): string {
  const screen = screenOf(session);
  const run = screen === 'negotiation' || screen === 'debrief' ? session.run : null;
  return JSON.stringify([
    screen,
    session.app.getSnapshot().context.scenarioId,
    run?.getSnapshot().value ?? null,
    session.watchProgress?.step === session.watchProgress?.total,
    actions.map((a) => a.id.replace(/:\d+$/, ':n').replace(/^watch:.*/, 'watch:entry')).sort(),
  ]);
}

/** Of several buttons of one family (answers, rewinds, past runs), the ones worth following. */
function worthFollowing(actions: ScreenAction[]): ScreenAction[] {
  const seen = new Map<string, number>();
  return actions.filter((a) => {
    const family = a.id.includes(':') && !a.id.startsWith('choose:') && !a.id.startsWith('move:') ? a.id.split(':')[0]! : a.id;
    const n = seen.get(family) ?? 0;
    seen.set(family, n + 1);
    // Two answers (usually one right, one wrong) and the first rewind or past run are enough to
    // reach every state; every button is still checked where it is offered.
    return n < (family === 'option' ? 2 : 1);
  });
}

/** The events that play the practice scenario twice to its debrief by the first button on offer. */
function twoFinishedRuns(): SessionEvent[] {
  const path: SessionEvent[] = [];
  const session = replay([]);
  const send = (event: SessionEvent) => (path.push(event), session.send(event));
  for (let run = 0; run < 2; run++) {
    send(run === 0 ? { type: 'scenario.choose', scenarioId: content.tutorialId! } : { type: 'debrief.again' });
    send({ type: 'briefing.start' });
    for (let i = 0; i < 200 && screenOf(session) === 'negotiation'; i++) send(session.actions()[0]!.event);
  }
  session.dispose();
  return path;
}

describe('every button on every screen does something', () => {
  it('the session handles every event the screens offer, in every reachable state', () => {
    const unhandled: string[] = [];
    const visited = new Set<string>();
    const screens = new Set<string>();
    const phases = new Set<string>();
    // From the start, and with two runs of one moment in the history (for compare).
    const queue: SessionEvent[][] = [[], [...twoFinishedRuns(), { type: 'menu.history' }]];
    while (queue.length) {
      const path = queue.shift()!;
      const session = replay(path);
      const actions = session.actions();
      const key = stateKey(session, actions);
      if (visited.has(key)) continue;
      visited.add(key);
      screens.add(screenOf(session));
      const phase = session.runView()?.phase;
      if (phase && screenOf(session) === 'negotiation') phases.add(phase);
      for (const action of actions) {
        if (!session.can(action.event)) unhandled.push(`${action.id} (${action.event.type}) on ${key}`);
      }
      for (const action of worthFollowing(actions)) {
        if (session.can(action.event)) queue.push([...path, action.event]);
      }
      session.dispose();
    }
    expect(unhandled).toEqual([]);
    // The walk reached every screen and every phase of a negotiation.
    for (const screen of ['title', 'settings', 'select', 'briefing', 'negotiation', 'debrief', 'history', 'compare', 'watch']) expect(screens, screen).toContain(screen);
    for (const phase of ['opening', 'question', 'feedback', 'moves', 'outcome']) expect(phases, phase).toContain(phase);
    // Where some scenario's moves declare reactions (schema 2), the prediction step was walked too.
    const predicts = Object.values(content.scenarios).some((s) => s.meetings.some((m) => m.moves.some((mv) => mv.reactions?.length)));
    if (predicts) expect(phases).toContain('predicting');
  });

  it('reports an event no state handles, with the event and the screen, and changes nothing', () => {
    const problems: string[] = [];
    const session = replay([{ type: 'menu.play' }], (p) => problems.push(p));
    const before = session.app.getSnapshot();
    session.send({ type: 'meeting.continue' });
    session.send({ type: 'debrief.again' });
    expect(session.app.getSnapshot()).toBe(before);
    expect(problems).toEqual([
      'Envoy: the event "meeting.continue" is not handled on the select screen.',
      'Envoy: the event "debrief.again" is not handled on the select screen.',
    ]);
  });

  it('reports to console.error by default, so the browser tests fail on it', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const session = createSession({ content, store: memoryStore(), newSeed: () => 1 });
    session.boot();
    session.send({ type: 'watch.step' });
    expect(spy).toHaveBeenCalledWith('Envoy: the event "watch.step" is not handled on the title screen.');
    spy.mockRestore();
  });
});
