// Invariants under random play (fast-check): scores, trust and agreement stay in 0..100, the
// machine is always in a known phase, and the debrief totals equal the recorded answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/engine/scenarioMachine';
import { describeRun } from '../../src/engine/presenter';
import { answerPoints, findQuestion, understanding } from '../../src/engine/stats';
import { choicesAt } from '../../src/engine/explore';
import { newRun, realContent } from './helpers';

const content = realContent();
const PHASES = ['briefing', 'opening', 'question', 'feedback', 'moves', 'outcome'];

// Besides the sensible choices, a player (or a tampered log) may send anything.
const noise = fc.oneof(
  fc.constant<RunEvent>({ type: 'answer.hint' }),
  fc.constant<RunEvent>({ type: 'timer.pause' }),
  fc.constant<RunEvent>({ type: 'timer.resume' }),
  fc.constant<RunEvent>({ type: 'outcome.continue' }),
  fc.string({ maxLength: 12 }).map<RunEvent>((moveId) => ({ type: 'move.choose', moveId })),
  fc.string({ maxLength: 12 }).map<RunEvent>((optionId) => ({ type: 'answer.submit', answer: { optionId } })),
  fc.boolean().map<RunEvent>((value) => ({ type: 'answer.submit', answer: { value } })),
);

describe('random play', () => {
  it('keeps every invariant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...content.scenarioOrder),
        fc.nat(),
        fc.array(fc.oneof(fc.nat({ max: 7 }).map((n) => ({ pick: n })), noise.map((e) => ({ event: e }))), { maxLength: 160 }),
        (id, seed, steps) => {
          const s = content.scenarios[id]!;
          const run = newRun(content, id, seed, { timerSeconds: null, hintsEnabled: true });
          for (const step of steps) {
            if (run.getSnapshot().status !== 'active') break;
            if ('event' in step) run.send(step.event);
            else {
              const choices = choicesAt(s, run.getSnapshot());
              if (choices.length) run.send(choices[step.pick % choices.length]!);
            }
            const snap = run.getSnapshot();
            const view = describeRun(content, s, snap);
            if (snap.status === 'active') expect(PHASES).toContain(view.phase);
            for (const p of view.parties) {
              expect(p.trust).toBeGreaterThanOrEqual(0);
              expect(p.trust).toBeLessThanOrEqual(100);
              expect(p.understanding).toBeGreaterThanOrEqual(0);
              expect(p.understanding).toBeLessThanOrEqual(100);
            }
            expect(view.agreement).toBeGreaterThanOrEqual(0);
            expect(view.agreement).toBeLessThanOrEqual(100);
          }
          const ctx = run.getSnapshot().context;
          // Every accepted answer event is one recorded answer, and the totals add up from them.
          expect(ctx.answers.length).toBe(run.record.events.filter((e) => e.type === 'answer.submit').length);
          const totals: Record<string, { earned: number; possible: number }> = {};
          for (const a of ctx.answers) {
            const q = findQuestion(s, a.questionId)!;
            const pts = answerPoints(q.difficulty, a);
            for (const p of q.measures) {
              const t = (totals[p] ??= { earned: 0, possible: 0 });
              t.earned += pts.earned;
              t.possible += pts.possible;
            }
          }
          const expected = Object.fromEntries(Object.entries(totals).map(([p, t]) => [p, Math.round((100 * t.earned) / t.possible)]));
          expect(understanding(s, ctx.answers)).toEqual(expected);
          if (run.getSnapshot().status === 'done') {
            expect(run.getSnapshot().output!.understanding).toEqual(expected);
            expect(s.endings.map((e) => e.id)).toContain(run.getSnapshot().output!.endingId);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
