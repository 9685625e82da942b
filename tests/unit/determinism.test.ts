// (content version, seed, event log) reproduces a run exactly: 1,000 random runs replayed from
// their logs give identical snapshots.
import { describe, expect, it } from 'vitest';
import { choicesAt } from '../../src/engine/explore';
import { describeRun } from '../../src/engine/presenter';
import { replayRun } from '../../src/engine/run';
import { mulberry32 } from '../../src/engine/rng';
import { newRun, realContent, SLICE_ID } from './helpers';

const content = realContent();

describe('replay determinism', () => {
  it('replays 1,000 random runs from their logs into identical snapshots', () => {
    const random = mulberry32(20260123);
    let compared = 0;
    for (let i = 0; i < 1000; i++) {
      const id = content.scenarioOrder[i % content.scenarioOrder.length]!;
      const s = content.scenarios[id]!;
      const run = newRun(content, id, Math.floor(random() * 2 ** 31), { timerSeconds: null, hintsEnabled: true });
      // Stop some runs midway, so partial logs are replayed too.
      const stopAfter = random() < 0.3 ? Math.floor(random() * 40) : Infinity;
      for (let step = 0; step < stopAfter && run.getSnapshot().status === 'active'; step++) {
        if (run.getSnapshot().hasTag('question') && random() < 0.2) run.send({ type: 'answer.hint' });
        const choices = choicesAt(s, run.getSnapshot());
        run.send(choices[Math.floor(random() * choices.length)]!);
      }
      const replay = replayRun(s, JSON.parse(JSON.stringify(run.record)));
      expect(replay.getSnapshot().value).toEqual(run.getSnapshot().value);
      expect(replay.getSnapshot().context).toEqual(run.getSnapshot().context);
      expect(replay.getSnapshot().status).toBe(run.getSnapshot().status);
      // The view (including the seeded option order) is the same too.
      expect(JSON.stringify(describeRun(content, s, replay.getSnapshot()))).toBe(JSON.stringify(describeRun(content, s, run.getSnapshot())));
      compared++;
    }
    expect(compared).toBe(1000);
  });

  it('shows options in an order that depends on the seed, and not in content order for every seed', () => {
    const s = content.scenarios[SLICE_ID]!;
    const orders = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const run = newRun(content, SLICE_ID, seed);
      run.send({ type: 'run.begin' });
      run.send({ type: 'meeting.continue' });
      orders.add(describeRun(content, s, run.getSnapshot()).order.join());
      const again = newRun(content, SLICE_ID, seed);
      again.send({ type: 'run.begin' });
      again.send({ type: 'meeting.continue' });
      expect(describeRun(content, s, again.getSnapshot()).order).toEqual(describeRun(content, s, run.getSnapshot()).order);
    }
    expect(orders.size).toBeGreaterThan(3);
  });
});
