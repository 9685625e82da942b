// The template scenario (issue 17 item 5, src/content/template.ts): for every shipped source it
// loads with the content, passes every error rule content:check has (bank rules, design rules,
// maxDecisions), and plays: every path through it ends, every ending is reached, and its longest
// path is its maxDecisions. The advice it does not follow yet (a short scenario) comes as warnings.
import { describe, expect, it } from 'vitest';
import { authorChecks } from '../../src/content/checks';
import { checkBank, isBlocking } from '../../src/content/bankAudit';
import { contentWithScenario } from '../../src/content/extend';
import { scenarioTemplate, templateNote, templateText } from '../../src/content/template';
import { designReport } from '../../src/engine/design';
import { exploreScenario } from '../../src/engine/explore';
import { realContent } from './helpers';

const content = realContent();

describe('the template scenario', () => {
  it.each(Object.keys(content.sources))('built on %s, passes every check and plays to every ending', (source) => {
    const id = `new-${source}`;
    const file = `content/scenarios/${id}.json`;
    const loaded = contentWithScenario(content, file, JSON.parse(templateText(content, { id, source })));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.field}: ${e.message}`).join('\n'));
    const checks = authorChecks(loaded.content, file);
    expect(checks.errors).toEqual([]);
    expect(checkBank(loaded.content).filter((f) => f.file === file && isBlocking(f))).toEqual([]);
    // Only advice is left: the guide's size aims, for a teacher to grow the template into.
    expect(checks.warnings.map((w) => w.rule).filter((r) => r !== 'scenario-size')).toEqual([]);
    const scenario = loaded.content.scenarios[id]!;
    const paths = exploreScenario(scenario);
    expect(paths.stuck).toEqual([]);
    expect(paths.unreachableEndings).toEqual([]);
    expect(Object.values(paths.endingPaths).reduce((a, b) => a + b, 0)).toBe(paths.paths);
    expect(paths.longestDecisions).toBe(scenario.maxDecisions);
    const design = designReport(scenario, { runs: 200 });
    expect(design.violations).toEqual([]);
    expect(design.successfulReachable.length).toBeGreaterThanOrEqual(2);
  });

  it('shows every question type it can build from the source, and explains itself in the note', () => {
    const source = Object.keys(content.sources)[0]!;
    const types = new Set(scenarioTemplate(content, { id: 'x', source }).meetings.flatMap((m) => m.questions.map((q) => q.type)));
    for (const type of ['choice', 'true-false', 'sort', 'order']) expect(types).toContain(type);
    const note = templateNote(content, { id: 'x', source }, 'content/scenarios/x.json').join('\n');
    expect(note).toContain('npm run content:check');
    expect(note).toContain('--scenario x --paths');
    expect(() => scenarioTemplate(content, { id: 'x', source: 'nowhere' })).toThrow(/no source "nowhere"/);
  });
});
