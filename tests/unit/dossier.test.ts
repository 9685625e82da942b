// The dossier's rule (issue 14 item 5): kinds open with understanding, and a scenario's dossier
// holds only what the reports up to its own year say. Checked over every scenario and party.
import { describe, expect, it } from 'vitest';
import { STANCE_KINDS } from '../../src/content/schema';
import { dossierOf, REVEAL_AT } from '../../src/engine/dossier';
import { realContent } from './helpers';

const content = realContent();

describe('dossierOf', () => {
  for (const id of content.scenarioOrder) {
    const scenario = content.scenarios[id]!;
    const seated = [...new Set(scenario.meetings.flatMap((m) => m.parties))];
    it(`${id}: opens each kind at its threshold and never shows a later report`, () => {
      for (const level of [0, 24, 25, 49, 50, 74, 75, 100]) {
        const understanding = Object.fromEntries(seated.map((p) => [p, level]));
        for (const d of dossierOf(content, scenario, seated, understanding)) {
          const inTime = content.parties[d.party]!.stances.filter((s) => content.sources[s.evidence.source]!.year <= scenario.year);
          expect(d.open.length + d.closed).toBe(inTime.length);
          for (const s of d.open) {
            expect(REVEAL_AT[s.kind]).toBeLessThanOrEqual(level);
            expect(content.sources[s.evidence.source]!.year).toBeLessThanOrEqual(scenario.year);
          }
          expect(d.open).toEqual(d.open.filter((s) => inTime.includes(s)));
          expect(d.closed).toBe(inTime.filter((s) => REVEAL_AT[s.kind] > level).length);
          expect(d.nextAt === null).toBe(d.closed === 0);
          // Listed surface first: context, position, interest, red line.
          const order = d.open.map((s) => STANCE_KINDS.indexOf(s.kind));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        }
      }
    });
  }

  it('opens the deeper kinds later than the surface ones', () => {
    expect(STANCE_KINDS.map((k) => REVEAL_AT[k])).toEqual([...STANCE_KINDS.map((k) => REVEAL_AT[k])].sort((a, b) => a - b));
    expect(REVEAL_AT.context).toBe(0);
  });

  it('a party present but not scored shows every stance in time, since its understanding cannot rise', () => {
    for (const id of content.scenarioOrder) {
      const scenario = content.scenarios[id]!;
      const seated = [...new Set(scenario.meetings.flatMap((m) => m.parties))];
      const scored = new Set(seated.slice(1));
      const [first] = dossierOf(content, scenario, seated, {}, scored);
      expect(first!.closed).toBe(0);
      for (const d of dossierOf(content, scenario, seated, {}, scored).slice(1)) expect(d.open.every((s) => s.kind === 'context')).toBe(true);
    }
  });

  it('a party nobody has understood yet shows only what is reported about it', () => {
    const scenario = content.scenarios[content.scenarioOrder[0]!]!;
    const seated = [...new Set(scenario.meetings.flatMap((m) => m.parties))];
    for (const d of dossierOf(content, scenario, seated, {})) expect(d.open.every((s) => s.kind === 'context')).toBe(true);
  });
});
