// A party present but not scored (issue 15 item 2): no question of the scenario measures it, so
// predicting its reactions does not move its understanding (the fast path mirrors this and is
// checked against the statechart in simulate.test.ts).
import { describe, expect, it } from 'vitest';
import { isPredictionValid, reactionsToPredict } from '../../src/engine/reactions';
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

describe('a party present but not scored is not predicted', () => {
  it('the prediction step asks exactly the scored parties present, and a prediction naming only them is valid', () => {
    for (const id of content.scenarioOrder) {
      const s = content.scenarios[id]!;
      const scored = scoredParties(s);
      for (const m of s.meetings) {
        for (const mv of m.moves.filter((x) => x.reactions?.length)) {
          const asked = reactionsToPredict(mv, m, [], scored).map((r) => r.party);
          expect(asked).toEqual(m.parties.filter((p) => scored.has(p) && mv.reactions!.some((r) => r.party === p)));
          const right = Object.fromEntries(mv.reactions!.filter((r) => scored.has(r.party)).map((r) => [r.party, r.reaction]));
          expect(isPredictionValid(mv, m, [], right, scored)).toBe(true);
          const unscored = mv.reactions!.find((r) => !scored.has(r.party));
          if (unscored) expect(isPredictionValid(mv, m, [], { ...right, [unscored.party]: unscored.reaction }, scored)).toBe(false);
        }
      }
    }
  });
});
