// Issue 14 "Done when": a scenario played twice in Chromium, by keyboard alone, with predictions, to
// two different successful endings. The scenario and the two paths are found from the content: the
// first timeline scenario in schema 2 where informed play (right answers, right predictions) reaches
// two successful endings, and for each ending the moves of one informed path to it.
import { describe, expect, it } from 'vitest';
import { SUCCESSFUL_KINDS } from '../../src/engine/design';
import { realContent } from '../unit/helpers';
import { openTitle, shot, useSite } from './harness';
import { playScenario } from './player';
import { informedPaths } from './scenarioPicks';

const content = realContent();
const site = useSite();

describe('two different successful endings, with predictions, by keyboard', () => {
  const candidates = content.scenarioOrder.map((id) => content.scenarios[id]!).filter((s) => !s.tutorial && s.schemaVersion >= 2);

  it('some timeline scenario in schema 2 is played (content with reactions exists)', () => {
    expect(candidates.length).toBeGreaterThan(0);
  });

  it('plays one scenario twice to two different successful endings, predicting every reaction', async () => {
    const picked = candidates.map((s) => ({ s, paths: informedPaths(s) })).find((c) => c.paths.size >= 2);
    expect(picked, 'a schema 2 scenario with two successful endings reachable by informed play').toBeDefined();
    const { s: scenario, paths } = picked!;
    const endings: string[] = [];
    for (const [endingId, moves] of [...paths].slice(0, 2)) {
      const w = await openTitle(site);
      let i = 0;
      const played = await playScenario(w.page, 'keyboard', content, scenario, () => true, (unlocked) => {
        const next = moves[i++]!;
        expect(unlocked).toContain(next);
        return next;
      });
      expect(played.screens).toContain('predicting');
      expect(played.predictions!.length).toBeGreaterThan(0);
      expect(played.predictions!.every((p) => p.right)).toBe(true);
      const ending = (await w.page.getAttribute('[data-ending]', 'data-ending'))!;
      expect(ending).toBe(endingId);
      endings.push(ending);
      await shot(w.page, `two-endings-${endings.length}`);
      expect(w.consoleErrors).toEqual([]);
      await w.context.close();
    }
    expect(new Set(endings).size).toBe(2);
    for (const e of endings) expect(SUCCESSFUL_KINDS).toContain(scenario.endings.find((x) => x.id === e)!.kind);
  });
});
