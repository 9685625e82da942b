// Scenario files added at run time meet the same checks as shipped ones (src/content/extend.ts).
import { describe, expect, it } from 'vitest';
import { contentFiles, contentWithScenario } from '../../src/content/extend';
import { loadContent } from '../../src/content/loader';
import { realContent } from './helpers';

const content = realContent();
const shipped = content.scenarios[content.scenarioOrder[0]!]!;

/** A shipped scenario under a new id, with its question ids made unique. */
function copyAs(id: string) {
  const copy = structuredClone(shipped) as any;
  copy.id = id;
  for (const m of copy.meetings) for (const q of m.questions) q.id = `${id}-${q.id}`;
  return copy;
}

describe('contentWithScenario', () => {
  it('loads back to the same content from its own files', () => {
    const again = loadContent(contentFiles(content));
    expect(again.ok).toBe(true);
    if (again.ok) {
      expect(again.content.scenarioOrder).toEqual(content.scenarioOrder);
      expect(again.content.versions).toEqual(content.versions);
    }
  });

  it('adds a valid scenario from a file, on the timeline, with its own version', () => {
    const result = contentWithScenario(content, 'my-class.json', copyAs('my-class'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.content.scenarioOrder).toContain('my-class');
    expect(result.content.versions['my-class']).toBeTruthy();
    expect(result.content.files['my-class']).toBe('content/scenarios/my-class.json');
  });

  it('refuses a file that reuses a shipped id, or quotes words no passage has', () => {
    const dup = contentWithScenario(content, 'copy.json', structuredClone(shipped));
    expect(dup.ok).toBe(false);
    const bad = copyAs('bad-quote');
    bad.meetings[0].opening.evidence.quote = 'Words the report never printed.';
    const result = contentWithScenario(content, 'bad-quote.json', bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.file === 'content/scenarios/bad-quote.json' && /quote not found verbatim/.test(e.message))).toBe(true);
  });
});
