// Issue 15 in real Chromium: every question says whom it is about, and only that: the parties it
// measures (scored) and each voice by the name and role its source prints, "not scored". Played
// through the scenario with the most questions about a voice (any scenario while none has one).
import { describe, expect, it } from 'vitest';
import { findQuestion } from '../../src/engine/stats';
import { t } from '../../src/i18n';
import { realContent } from '../unit/helpers';
import { openTitle, shot, useSite } from './harness';
import { playScenario } from './player';

const content = realContent();
const site = useSite();
const voicesIn = (id: string) => content.scenarios[id]!.meetings.flatMap((m) => m.questions).filter((q) => q.voices.length).length;
const scenario = content.scenarios[[...content.scenarioOrder].sort((a, b) => voicesIn(b) - voicesIn(a))[0]!]!;

describe('whom a question is about', () => {
  it(`every question of ${scenario.id} names the parties it scores and its voices, attributed and not scored`, async () => {
    const { page } = await openTitle(site);
    const people = content.sources[scenario.source]!.people;
    let checked = 0;
    let voiceShot = false;
    let deferred = 0;
    await playScenario(page, 'mouse', content, scenario, () => true, (unlocked) => unlocked[0]!, async (name) => {
      if (!name.startsWith('question-') && name !== 'feedback') return;
      const q = findQuestion(scenario, (await page.getAttribute('[data-question]', 'data-question'))!)!;
      // An option that names a measured party or a voice would be answered by the line: it waits for the feedback.
      const names = [...q.measures.flatMap((p) => [content.parties[p]!.name, content.parties[p]!.shortName]), ...q.voices.map((v) => people.find((p) => p.id === v)!.name)];
      const options = q.type === 'choice' || q.type === 'who-said' ? q.options.map((o) => o.text.toLowerCase()) : [];
      const givesAway = options.some((o) => names.some((n) => o.includes(n.toLowerCase())));
      if ((name === 'feedback') !== givesAway) {
        expect(await page.$$eval('.question > .meta, .feedback > .meta', (ps) => ps.length), `${q.id} on ${name}`).toBe(0);
        return;
      }
      if (givesAway) deferred++;
      const expected = [
        ...(q.measures.length ? [t('question.measures', { parties: q.measures.map((p) => content.parties[p]!.name).join(', ') })] : []),
        ...q.voices.map((v) => {
          const person = people.find((p) => p.id === v)!;
          return t('question.voice', { name: person.name, role: person.role });
        }),
      ];
      expect(await page.$$eval('.question > .meta, .feedback > .meta', (ps) => ps.map((p) => p.textContent)), q.id).toEqual(expected);
      checked++;
      if (q.voices.length && !voiceShot) {
        voiceShot = true;
        await shot(page, 'question-about-a-voice');
      }
    });
    expect(checked).toBeGreaterThan(0);
    expect(deferred, 'a who-said question names its answer among the parties or voices it is about').toBeGreaterThan(0);
  }, 120_000);
});
