// The dossier beside the talks (issue 14 item 5) in real Chromium: at every move screen, each party
// at the table shows exactly the stances its understanding opens (computed here from what was
// played, by the engine's own dossier rule), each with its verbatim quote; a player who answers
// everything right sees interests and red lines, one who answers everything wrong sees only what
// the reports say about each party.
import { describe, expect, it } from 'vitest';
import { dossierOf } from '../../src/engine/dossier';
import { scoredParties } from '../../src/engine/stats';
import { quoted } from '../../src/i18n/quoted';
import { realContent } from '../unit/helpers';
import { openTitle, shot, useSite } from './harness';
import { expectedUnderstanding, playScenario, type Played } from './player';
import { richestScenario } from './scenarioPicks';

const content = realContent();
const scenario = richestScenario(content);
const site = useSite();

type Seen = Array<{ meeting: string; parties: Record<string, string[]>; expected: Record<string, string[]>; closedShown: Record<string, boolean> }>;

async function playWatchingDossier(right: boolean): Promise<{ seen: Seen; played: Played }> {
  const { page } = await openTitle(site);
  const seen: Seen = [];
  let shotTaken = false;
  const played = await playScenario(page, 'mouse', content, scenario, () => right, (unlocked) => unlocked[0]!, async (name, soFar) => {
    if (name !== 'moves') return;
    const meeting = (await page.textContent('.moves .eyebrow')) ?? '';
    const state = await page.$$eval('.dossier .dossier-party', (sections) =>
      sections.map((s) => ({
        party: s.getAttribute('data-party')!,
        kinds: [...s.querySelectorAll('.dossier-stances > li')].map((li) => `${li.getAttribute('data-kind')}:${li.querySelector('blockquote')?.textContent ?? ''}`),
        closed: !!s.querySelector('.dossier-closed'),
      })),
    );
    const open = await page.$eval('.dossier', (d) => (d as HTMLDetailsElement).open);
    expect(open, 'the dossier is open while the player weighs moves').toBe(true);
    const understanding = expectedUnderstanding(scenario, soFar);
    const seated = state.map((s) => s.party);
    const expected = dossierOf(content, scenario, seated, understanding, scoredParties(scenario));
    seen.push({
      meeting,
      parties: Object.fromEntries(state.map((s) => [s.party, s.kinds])),
      expected: Object.fromEntries(expected.map((d) => [d.party, d.open.map((st) => `${st.kind}:${quoted(st.evidence.quote)}`)])),
      closedShown: Object.fromEntries(state.map((s) => [s.party, s.closed === (expected.find((d) => d.party === s.party)!.closed > 0)])),
    });
    if (right && !shotTaken) {
      shotTaken = true;
      await shot(page, 'dossier-moves');
    }
  }, { predictRight: () => right });
  return { seen, played };
}

describe('the dossier opens with understanding', () => {
  for (const right of [true, false]) {
    it(`shows each seated party exactly the stances its understanding opens (answers all ${right ? 'right' : 'wrong'})`, async () => {
      const { seen } = await playWatchingDossier(right);
      expect(seen.length).toBeGreaterThan(0);
      for (const s of seen) {
        expect(s.parties, `meeting ${s.meeting}`).toEqual(s.expected);
        expect(Object.values(s.closedShown).every(Boolean), `closed notes at ${s.meeting}`).toBe(true);
      }
      const kinds = seen.flatMap((s) => Object.values(s.parties).flat().map((k) => k.split(':')[0]));
      if (right) expect(kinds.some((k) => k === 'interest' || k === 'red-line'), 'an informed player sees interests or red lines').toBe(true);
      else {
        // A party present but not scored shows all its stances; the scored ones only what is reported.
        const scored = scoredParties(scenario);
        const scoredKinds = seen.flatMap((s) => Object.entries(s.parties).filter(([p]) => scored.has(p)).flatMap(([, k]) => k.map((x) => x.split(':')[0])));
        expect(scoredKinds.every((k) => k === 'context'), 'a player who understands nothing sees only what is reported about each scored party').toBe(true);
      }
    });
  }
});
