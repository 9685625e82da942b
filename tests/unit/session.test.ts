// The session: screens follow the app machine, a run starts at the briefing, a finished run
// reaches the debrief with its result, leaving keeps the save, and the title offers to resume.
import { describe, expect, it } from 'vitest';
import { appMachine } from '../../src/machines/appMachine';
import { SAVE_KEY } from '../../src/persistence/runSave';
import { memoryStore } from '../../src/persistence/storage';
import { createSession } from '../../src/session';
import { choicesAt } from '../../src/engine/explore';
import { createActor } from 'xstate';
import { realContent, SLICE_ID, TIMELINE } from './helpers';

const content = realContent();
const seeds = () => {
  let n = 1000;
  return () => n++;
};
const state = (session: ReturnType<typeof createSession>) => session.app.getSnapshot().value;

describe('session', () => {
  it('goes boot → title → select → briefing → negotiation → debrief → title', () => {
    const store = memoryStore();
    const session = createSession({ content, store, newSeed: seeds() });
    expect(state(session)).toBe('boot');
    session.boot();
    expect(state(session)).toBe('title');
    session.send({ type: 'menu.play' });
    expect(state(session)).toBe('select');
    session.send({ type: 'scenario.choose', scenarioId: SLICE_ID });
    expect(state(session)).toBe('briefing');
    session.send({ type: 'briefing.start' });
    expect(state(session)).toBe('negotiation');
    expect(session.runView()?.phase).toBe('opening');
    expect(store.get(SAVE_KEY)).not.toBeNull();
    const s = content.scenarios[SLICE_ID]!;
    for (let i = 0; i < 200 && state(session) === 'negotiation'; i++) session.send(choicesAt(s, session.run!.getSnapshot())[0]!);
    expect(state(session)).toBe('debrief');
    const result = session.app.getSnapshot().context.result!;
    expect(s.endings.map((e) => e.id)).toContain(result.endingId);
    expect(store.get(SAVE_KEY)).toBeNull();
    session.send({ type: 'nav.title' });
    expect(state(session)).toBe('title');
  });

  it('keeps the save when the player leaves, and resumes it from the title screen', () => {
    const store = memoryStore();
    const first = createSession({ content, store, newSeed: seeds() });
    first.boot();
    first.send({ type: 'menu.play' });
    first.send({ type: 'scenario.choose', scenarioId: TIMELINE.at(-1)! });
    first.send({ type: 'briefing.start' });
    first.send({ type: 'meeting.continue' });
    const question = first.runView()!.question!.id;
    first.send({ type: 'nav.title' });
    expect(state(first)).toBe('title');
    expect(first.app.getSnapshot().context.canResume).toBe(true);
    first.dispose();

    // A reload: a new session over the same store.
    const second = createSession({ content, store, newSeed: seeds() });
    second.boot();
    expect(second.app.getSnapshot().context.canResume).toBe(true);
    second.send({ type: 'menu.resume' });
    expect(state(second)).toBe('negotiation');
    expect(second.runView()!.question!.id).toBe(question);
  });

  it('tells the player when a damaged save is discarded, and stays on the title screen', () => {
    const store = memoryStore({ [SAVE_KEY]: '{broken' });
    const session = createSession({ content, store, newSeed: seeds() });
    session.boot();
    session.send({ type: 'menu.resume' });
    expect(state(session)).toBe('title');
    expect(session.app.getSnapshot().context.notices[0]).toMatch(/could not be resumed/);
    session.send({ type: 'notice.dismiss' });
    expect(session.app.getSnapshot().context.notices).toEqual([]);
  });

  it('shows content errors instead of the title when content fails', () => {
    const app = createActor(appMachine).start();
    app.send({ type: 'content.failed', errors: ['content/x.json: id: bad'] });
    expect(app.getSnapshot().hasTag('error')).toBe(true);
    expect(app.getSnapshot().context.contentErrors).toEqual(['content/x.json: id: bad']);
  });

  it('notifies subscribers on every change and stops after dispose', () => {
    const session = createSession({ content, store: memoryStore(), newSeed: seeds() });
    let calls = 0;
    session.subscribe(() => calls++);
    session.boot();
    session.send({ type: 'menu.play' });
    expect(calls).toBeGreaterThanOrEqual(2);
    const v = session.version;
    session.dispose();
    expect(session.version).toBe(v);
  });
});
