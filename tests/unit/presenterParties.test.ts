// A party a scenario only asks about (never at a table, no trust of its own) has no trust to
// show: the presenter marks it not seated, and the meters, the debrief and compare say it was not
// at the table instead of showing "trust 0".
import { describe, expect, it } from 'vitest';
import { describeRun, keepsTrust } from '../../src/engine/presenter';
import { startRun } from '../../src/engine/run';
import { choicesAt } from '../../src/engine/explore';
import { realContent } from './helpers';

const content = realContent();

describe('parties never at the table', () => {
  it('are measured, shown, and marked as not seated, with no trust of their own', () => {
    const base = content.scenarios[content.scenarioOrder[0]!]!;
    const seated = new Set(base.meetings.flatMap((m) => m.parties));
    const outsider = content.partyOrder.find((p) => !seated.has(p) && !(p in base.initial.trust))!;
    expect(outsider).toBeDefined();
    // The same scenario, with its first question also about a party it never seats.
    const scenario = structuredClone(base);
    const first = scenario.meetings[0]!.questions[0]!;
    first.measures = [...first.measures, outsider];
    expect(keepsTrust(scenario, outsider)).toBe(false);
    const run = startRun(scenario, { scenarioId: scenario.id, contentVersion: 'test', seed: 1, settings: { timerSeconds: null, hintsEnabled: true } });
    run.send({ type: 'run.begin' });
    run.send({ type: 'meeting.continue' });
    run.send(choicesAt(scenario, run.getSnapshot())[0]!);
    const parties = describeRun(content, scenario, run.getSnapshot()).parties;
    expect(parties.find((p) => p.id === outsider)).toMatchObject({ measured: true, seated: false });
    for (const p of parties.filter((x) => x.id !== outsider)) expect(p.seated, p.id).toBe(true);
    run.stop();
  });
});
