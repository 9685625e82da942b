// Issue 14 "Done when": a scenario played twice in Chromium, by keyboard alone, with predictions, to
// two different successful endings. The scenario and the two paths are found from the content: the
// first timeline scenario in schema 2 where informed play (right answers, right predictions) reaches
// two successful endings, and for each ending the moves of one informed path to it.
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/content/schema';
import { SUCCESSFUL_KINDS } from '../../src/engine/design';
import { choicesAt } from '../../src/engine/explore';
import { machineFor } from '../../src/engine/run';
import type { RunEvent, RunSnapshot } from '../../src/engine/scenarioMachine';
import { realContent } from '../unit/helpers';
import { openTitle, shot, useSite } from './harness';
import { playScenario } from './player';

const content = realContent();
const site = useSite();

/** Per successful ending informed play reaches, the moves of one path to it (depth first, content order). */
function informedPaths(scenario: Scenario): Map<string, string[]> {
  const machine = machineFor(scenario);
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (snapshot: RunSnapshot, moves: string[]): void => {
    if (snapshot.status === 'done') {
      const ending = scenario.endings.find((e) => e.id === snapshot.context.endingId);
      if (ending && SUCCESSFUL_KINDS.includes(ending.kind) && !found.has(ending.id)) found.set(ending.id, moves);
      return;
    }
    const key = JSON.stringify([snapshot.value, snapshot.context.trust, snapshot.context.agreement, snapshot.context.flags, snapshot.context.moves.length]);
    if (seen.has(key)) return;
    seen.add(key);
    const choices = choicesAt(scenario, snapshot);
    // Informed: the first answer and the first prediction are the right ones; every move is tried.
    const tried: RunEvent[] = snapshot.hasTag('moves') ? choices : choices.slice(0, 1);
    for (const event of tried) {
      const [next] = transition(machine, snapshot, event) as [RunSnapshot, unknown];
      if (next !== snapshot) walk(next, event.type === 'move.choose' ? [...moves, event.moveId] : moves);
    }
  };
  const [initial] = initialTransition(machine, { seed: 1, settings: { timerSeconds: null, hintsEnabled: false } });
  walk(initial, []);
  return found;
}

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
