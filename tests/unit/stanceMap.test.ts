// The debrief's stance map (src/replay/stanceMap.ts): every party of the run's view with the same
// understanding and trust the view shows (none where the view says "not measured" or "not at the
// table"), and, per move of the run in order, the reaction each party present had to it.
import { describe, expect, it } from 'vitest';
import { REACTIONS } from '../../src/content/schema';
import { describeRun } from '../../src/engine/presenter';
import { findMove } from '../../src/engine/scenarioMachine';
import { decisionTimeline } from '../../src/replay/timeline';
import { reactionLevel, stanceMap } from '../../src/replay/stanceMap';
import { contentWithV1Fixture, informed, newRun, playThrough, realContent, type Strategy } from './helpers';

const content = realContent();
// Wrong answers and wrong predictions now and then, and the last move offered: a varied run.
const mixed: Strategy = { answer: (_, step) => step % 3, move: (ids, step) => ids[step % ids.length]!, predict: (_, step) => step % 2 };

describe('stance map', () => {
  it.each(content.scenarioOrder.flatMap((id) => [[id, 'informed', informed] as const, [id, 'mixed', mixed] as const]))('%s (%s): the view’s figures and every reaction, move by move', (id, _name, strategy) => {
    const scenario = content.scenarios[id]!;
    const run = playThrough(content, scenario, newRun(content, id, 7), strategy);
    const view = describeRun(content, scenario, run.getSnapshot());
    const map = stanceMap(view, decisionTimeline(content, scenario, run.record));
    const ctx = run.getSnapshot().context;

    expect(map.parties.map((p) => p.id)).toEqual(view.parties.map((p) => p.id));
    for (const p of map.parties) {
      const meter = view.parties.find((m) => m.id === p.id)!;
      expect([p.name, p.shortName, p.colour, p.emblem]).toEqual([meter.name, meter.shortName, meter.colour, meter.emblem]);
      expect(p.understanding).toBe(meter.measured ? meter.understanding : null);
      expect(p.trust).toBe(meter.seated ? meter.trust : null);
      expect(p.reactions).toHaveLength(ctx.moves.length);
    }
    expect(map.moves.map((m) => [m.number, m.meetingId, m.moveId])).toEqual(ctx.moves.map((m, i) => [i + 1, m.meetingId, m.moveId]));
    ctx.moves.forEach((made, i) => {
      const move = findMove(scenario, made.meetingId, made.moveId)!;
      // A schema 2 move's trust changes name exactly the parties that reacted to it.
      const reacted = Object.fromEntries(map.parties.filter((p) => p.reactions[i] !== null).map((p) => [p.id, p.reactions[i]]));
      expect(Object.keys(reacted).sort()).toEqual(Object.keys(made.trustDelta).filter((p) => map.parties.some((mp) => mp.id === p)).sort());
      for (const [party, reaction] of Object.entries(reacted)) expect(move.reactions!.find((r) => r.party === party)?.reaction).toBe(reaction);
    });
    expect(map.hasReactions).toBe(ctx.moves.length > 0);
  });

  it('has no reactions to draw for a schema 1 run, and still every figure', () => {
    const withV1 = contentWithV1Fixture();
    const id = Object.keys(withV1.scenarios).find((s) => withV1.scenarios[s]!.schemaVersion === 1)!;
    const scenario = withV1.scenarios[id]!;
    const run = playThrough(withV1, scenario, newRun(withV1, id, 3), informed);
    const map = stanceMap(describeRun(withV1, scenario, run.getSnapshot()), decisionTimeline(withV1, scenario, run.record));
    expect(map.moves.length).toBeGreaterThan(0);
    expect(map.hasReactions).toBe(false);
    expect(map.parties.flatMap((p) => p.reactions).every((r) => r === null)).toBe(true);
    expect(map.parties.some((p) => p.understanding !== null && p.trust !== null)).toBe(true);
  });

  it('orders the reactions welcomes … walks out', () => {
    expect(REACTIONS.map(reactionLevel)).toEqual(REACTIONS.map((_, i) => i));
    expect(reactionLevel('welcomes')).toBeLessThan(reactionLevel('walks-out'));
  });
});
