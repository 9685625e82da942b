// Projector mode's model (issue 18 item 3): lettered options for the decision on screen, the class's
// choice from the teacher's count (most votes, a tie to the first letter), the vote step with its
// discussion clock, and a whole class run played by votes that is saved and replays like any other.
import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { classChoice, DISCUSSION_SECONDS, parseCount, PROJECTOR_SETTINGS, voteKey, voteMachine, voteOptions } from '../../src/classroom/projector';
import { replayRun } from '../../src/engine/run';
import { memoryStore } from '../../src/persistence/storage';
import { decodeRunCode } from '../../src/replay/code';
import { readHistory } from '../../src/replay/history';
import { createSession } from '../../src/session';
import { realContent } from './helpers';

const content = realContent();

describe('the class choice', () => {
  it('is the letter with the most votes; a tie goes to the first tied letter; no votes, no choice', () => {
    expect(classChoice([7, 12, 3])).toEqual({ index: 1, tied: [1], total: 22 });
    expect(classChoice([4, 9, null, 9])).toEqual({ index: 1, tied: [1, 3], total: 22 });
    expect(classChoice([null, 0])).toBeNull();
  });

  it('reads counts typed as whole numbers only', () => {
    expect(parseCount(' 12 ')).toBe(12);
    expect(parseCount('')).toBeNull();
    expect(parseCount('-1')).toBeNull();
    expect(parseCount('2.5')).toBeNull();
    expect(parseCount('1000')).toBeNull();
  });
});

describe('the vote step', () => {
  it('runs the discussion clock the teacher starts, and reveals only a count with votes', () => {
    const clock = new SimulatedClock();
    const vote = createActor(voteMachine, { input: { options: 3 }, clock }).start();
    vote.send({ type: 'discussion.start', seconds: 7, at: 0 });
    expect(vote.getSnapshot().hasTag('discussing')).toBe(false);
    vote.send({ type: 'discussion.start', seconds: DISCUSSION_SECONDS[0], at: 0 });
    expect(vote.getSnapshot().hasTag('discussing')).toBe(true);
    clock.increment(DISCUSSION_SECONDS[0] * 1000 - 1);
    expect(vote.getSnapshot().hasTag('discussing')).toBe(true);
    clock.increment(1);
    expect(vote.getSnapshot().hasTag('discussed')).toBe(true);
    vote.send({ type: 'votes.reveal' });
    expect(vote.getSnapshot().hasTag('revealed')).toBe(false);
    vote.send({ type: 'votes.set', index: 5, count: 3 });
    vote.send({ type: 'votes.set', index: 0, count: -2 });
    expect(vote.getSnapshot().context.counts).toEqual([null, null, null]);
    vote.send({ type: 'votes.set', index: 2, count: 9 });
    vote.send({ type: 'votes.reveal' });
    expect(vote.getSnapshot().hasTag('revealed')).toBe(true);
    vote.send({ type: 'votes.edit' });
    vote.send({ type: 'votes.set', index: 0, count: 10 });
    expect(classChoice(vote.getSnapshot().context.counts)!.index).toBe(0);
  });
});

describe('a class run by votes', () => {
  it.each(content.scenarioOrder)('%s: played to an ending by the class choice, saved in the history, and replayed from its code', (id) => {
    const store = memoryStore();
    const session = createSession({ content, store, newSeed: () => 5, settings: PROJECTOR_SETTINGS, onUnhandled: (p) => { throw new Error(p); } });
    session.boot();
    session.send({ type: 'menu.play' });
    session.send({ type: 'scenario.choose', scenarioId: id });
    session.send({ type: 'briefing.start' });
    let votes = 0;
    const keys = new Set<string>();
    for (let i = 0; i < 500 && session.runView()?.phase !== 'ending'; i++) {
      const view = session.runView()!;
      expect(view.phase).not.toBe('predicting');
      const options = voteOptions(view);
      const offered = new Map(session.actions().map((a) => [a.id, a.event]));
      if (options) {
        keys.add(voteKey(view));
        expect(options.map((o) => o.letter).join('')).toBe('ABCDEFGHIJ'.slice(0, options.length));
        // Every lettered option is one the screen offers; a count (here the last letter most) picks one.
        for (const o of options) expect(offered.has(o.actionId), o.actionId).toBe(true);
        const counts = options.map((_, j) => (j === (i % options.length) ? 9 : j));
        session.send(offered.get(options[classChoice(counts)!.index]!.actionId)!);
        votes++;
      } else session.send(session.actions().find((a) => a.id !== 'leave' && a.id !== 'hint')!.event);
    }
    expect(session.runView()?.phase).toBe('ending');
    expect(votes).toBeGreaterThan(0);
    expect(keys.size).toBe(votes);
    const record = session.run!.record;
    expect(record.settings.predictions).toBe(false);
    const entry = readHistory(store).entries[0]!;
    expect(entry.scenarioId).toBe(id);
    const decoded = decodeRunCode(content, entry.code);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(replayRun(content.scenarios[id]!, decoded.record).getSnapshot().context.endingId).toBe(session.run!.getSnapshot().context.endingId);
    session.dispose();
  });
});
