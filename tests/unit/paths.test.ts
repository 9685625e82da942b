// Path enumeration over every scenario's statechart: every ending reachable, no state without a
// way out, no path longer than the scenario declares. Prints the counts.
import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../src/engine/explore';
import { realContent, SLICE_ID } from './helpers';

const content = realContent();

describe('every scenario, every path', () => {
  it.each(Object.keys(content.scenarios))('%s: all endings reachable, no dead end, bounded length', (id) => {
    const s = content.scenarios[id]!;
    const result = exploreScenario(s);
    console.log(`${id}: ${result.states} states, ${result.paths} paths, longest ${result.longestDecisions} decisions (bound ${s.maxDecisions}), endings ${JSON.stringify(result.endingPaths)}`);
    expect(result.unreachableEndings).toEqual([]);
    expect(result.stuck).toEqual([]);
    expect(result.unaskedQuestions).toEqual([]);
    expect(result.longestDecisions).toBeLessThanOrEqual(s.maxDecisions);
    // Every meeting (and so every question in it) is on some path.
    expect(result.paths).toBeGreaterThan(0);
  });

  it('finds an unreachable ending and a dead end when content has them', () => {
    const s = structuredClone(content.scenarios[SLICE_ID]!);
    // An ending that needs a flag nothing sets can never be reached.
    s.flags.push({ id: 'never-set', description: 'never set' });
    s.endings.unshift({ id: 'impossible', kind: 'breakthrough', title: 'x', debrief: 'x', evidence: [], when: [{ kind: 'flag', flag: 'never-set' }] });
    // Lock every move of the last meeting behind that flag: the meeting becomes a dead end.
    const last = s.meetings.find((m) => m.moves.every((mv) => mv.next === 'end'))!;
    for (const mv of last.moves) mv.requires = [{ kind: 'flag', flag: 'never-set' }];
    const result = exploreScenario(s);
    expect(result.unreachableEndings).toContain('impossible');
    expect(result.stuck.length).toBeGreaterThan(0);
  });
});
