// A party present but not scored (issue 15 item 2): no question of the scenario measures it, so
// predicting its reactions does not move its understanding (the fast path mirrors this and is
// checked against the statechart in simulate.test.ts).
import { describe, expect, it } from 'vitest';
import { scoredParties, understanding, type PredictionRecord } from '../../src/engine/stats';
import { realContent } from './helpers';

const content = realContent();

describe('present, not scored', () => {
  it('counts predictions only for parties some question of the scenario measures', () => {
    for (const id of [...content.scenarioOrder, ...(content.tutorialId ? [content.tutorialId] : [])]) {
      const s = content.scenarios[id]!;
      const scored = scoredParties(s);
      for (const m of s.meetings) {
        for (const mv of m.moves) {
          if (!mv.reactions) continue;
          const record = { meetingId: m.id, moveId: mv.id, predictions: Object.fromEntries(mv.reactions.map((r) => [r.party, r.reaction])), scores: Object.fromEntries(mv.reactions.map((r) => [r.party, 1])), timedOut: false } satisfies PredictionRecord;
          const u = understanding(s, [], [record]);
          for (const r of mv.reactions) expect(u[r.party] !== undefined, `${id}/${mv.id}: ${r.party}`).toBe(scored.has(r.party));
        }
      }
    }
  });
});
