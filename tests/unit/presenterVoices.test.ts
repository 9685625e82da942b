// Issue 15: a question about a voice names that voice by the name and role its source prints, and
// scores no party; a party seated at a table but measured by no question is "present, not scored".
import { describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/loader';
import { describeRun, questionAbout } from '../../src/engine/presenter';
import { startRun } from '../../src/engine/run';
import { realContent } from './helpers';

const content = realContent();

describe('voices and parties present but not scored', () => {
  it('a question about a voice is attributed by name and role, and measures no party', () => {
    const scenario = structuredClone(content.scenarios[content.scenarioOrder[0]!]!);
    const source = structuredClone(content.sources[scenario.source]!);
    source.people = [...source.people, { id: 'test-analyst', name: 'Ana Analyst', role: 'director of a think tank', voice: 'analyst' }];
    const withVoice: Content = { ...content, sources: { ...content.sources, [source.id]: source } };
    const q = scenario.meetings[0]!.questions[0]!;
    q.measures = [];
    q.voices = ['test-analyst'];
    const about = questionAbout(withVoice, scenario, q);
    expect({ parties: about.parties, voices: about.voices }).toEqual({ parties: [], voices: [{ id: 'test-analyst', name: 'Ana Analyst', role: 'director of a think tank' }] });
  });

  it('keeps whom a question is about for the feedback when an option names it (a who-said answer)', () => {
    const scenario = structuredClone(content.scenarios[content.scenarioOrder[0]!]!);
    const q = scenario.meetings.flatMap((m) => m.questions).find((x) => x.type === 'choice')!;
    if (q.type !== 'choice') throw new Error('no choice question');
    const party = content.parties[content.partyOrder[0]!]!;
    q.measures = [party.id];
    q.voices = [];
    q.options = q.options.map((o, i) => ({ ...o, text: i === 0 ? `Only a plain answer ${i}` : `Answer ${i}` }));
    expect(questionAbout(content, scenario, q).beforeAnswer).toBe(true);
    q.options[1] = { ...q.options[1]!, text: `${party.name}'s government` };
    expect(questionAbout(content, scenario, q).beforeAnswer).toBe(false);
  });

  it('a seated party no question measures is shown as not asked; the others as asked', () => {
    const scenario = structuredClone(content.scenarios[content.scenarioOrder[0]!]!);
    const seated = scenario.meetings[0]!.parties;
    const unasked = seated[seated.length - 1]!;
    for (const m of scenario.meetings) for (const q of m.questions) q.measures = q.measures.filter((p) => p !== unasked);
    const run = startRun(scenario, { scenarioId: scenario.id, contentVersion: 'test', seed: 1, settings: { timerSeconds: null, hintsEnabled: true } });
    const parties = describeRun(content, scenario, run.getSnapshot()).parties;
    expect(parties.find((p) => p.id === unasked)).toMatchObject({ seated: true, asked: false, measured: false });
    const asked = new Set(scenario.meetings.flatMap((m) => m.questions.flatMap((q) => q.measures)));
    for (const p of parties.filter((x) => x.id !== unasked)) expect(p.asked, p.id).toBe(asked.has(p.id));
    run.stop();
  });
});
