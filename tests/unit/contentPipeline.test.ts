// A scenario added the way the guide says (issue 17 item 1; content/README.md §6 steps 2-3): a
// shipped scenario copied under a new id, its question ids renamed, in a content folder of its own
// beside copies of the other content files. The whole pipeline takes it like a shipped one: read
// from disk with positions, loaded, checked against the captures, the checks after loading (audits,
// the question bank, maxDecisions, the design rules), every path walked, the design report.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPassagesAgainstCaptures } from '../../src/content/audit';
import { checkBank, isBlocking } from '../../src/content/bankAudit';
import { authorChecks } from '../../src/content/checks';
import { formatContentError, loadContent } from '../../src/content/loader';
import { CONTENT_DIR, readContentFiles, readSeed, seedsPresent } from '../../src/cli/contentFiles';
import { designReport } from '../../src/engine/design';
import { exploreScenario } from '../../src/engine/explore';
import { realContent } from './helpers';

const content = realContent();
const dir = mkdtempSync(join(tmpdir(), 'envoy-content-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a scenario added by copying and renaming a shipped one', () => {
  // Each timeline scenario in turn would do; the first is copied (tests follow the content).
  const from = content.scenarioOrder[0]!;
  const id = `${from}-copy`;

  it('goes through the whole content pipeline from a content folder on disk', () => {
    const folder = join(dir, 'content');
    cpSync(CONTENT_DIR, folder, { recursive: true });
    const copy = JSON.parse(readFileSync(join(CONTENT_DIR, 'scenarios', `${from}.json`), 'utf8'));
    copy.id = id;
    for (const m of copy.meetings) for (const q of m.questions) q.id = `copy-${q.id}`;
    writeFileSync(join(folder, 'scenarios', `${id}.json`), JSON.stringify(copy, null, 2));

    const { files, parseErrors } = readContentFiles(folder);
    expect(parseErrors).toEqual([]);
    const loaded = loadContent(files);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatContentError).join('\n'));
    const c = loaded.content;
    expect(c.scenarioOrder).toContain(id);
    expect(Object.keys(c.scenarios).length).toBe(Object.keys(content.scenarios).length + 1);

    if (seedsPresent()) expect(checkPassagesAgainstCaptures(c, readSeed).map(formatContentError)).toEqual([]);
    const checks = authorChecks(c);
    expect(checks.errors.map(formatContentError)).toEqual([]);
    expect(checkBank(c).filter(isBlocking)).toEqual([]);
    // Its questions repeat the original's: advice for the author, never an error.
    expect(checks.warnings.filter((w) => w.file.endsWith(`${id}.json`)).every((w) => w.rule === 'repeated-question')).toBe(true);

    const scenario = c.scenarios[id]!;
    const paths = exploreScenario(scenario);
    expect(paths.stuck).toEqual([]);
    expect(paths.unreachableEndings).toEqual([]);
    expect(paths.longestDecisions).toBeLessThanOrEqual(scenario.maxDecisions);
    expect(designReport(scenario, { runs: 200 }).violations).toEqual([]);
  });
});
