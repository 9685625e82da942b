// The workbench's live check (src/content/draft.ts): a draft is held to the game's checks for a
// teacher's scenario file, and every problem sits at the line and column of what it is about.
import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../src/content/draft';
import { scenarioCopy } from '../../src/content/draftTemplate';
import { loadScenarioText } from '../../src/content/teacherScenarios';
import { realContent } from './helpers';

const content = realContent();
const first = content.scenarioOrder[0]!;
const copyId = `${first}-copy`;
const copy = scenarioCopy(content, first, copyId);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
const errors = (text: string) => checkDraft(content, 'draft.json', text).problems.filter((p) => p.severity === 'error');

describe('checkDraft', () => {
  it.each(content.scenarioOrder)('a copy of %s under its own id passes, as the game would load it', (id) => {
    const text = scenarioCopy(content, id, `${id}-copy`);
    const result = checkDraft(content, `${id}-copy.json`, text);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.scenario?.id).toBe(`${id}-copy`);
    expect(loadScenarioText(content, `${id}-copy.json`, text).ok).toBe(true);
  });

  it("a shipped scenario's own id is an error at the draft's id, as the game refuses it", () => {
    const text = JSON.stringify(content.scenarios[first], null, 2);
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: lineOf(text, '"id"'), field: 'id' });
    expect(found[0]!.message).toMatch(/already has the id/);
    expect(loadScenarioText(content, 'x.json', text).ok).toBe(false);
  });

  it('an unknown field is marked at its own name, with the nearest known field', () => {
    const text = copy.replace('"questionSeconds"', '"questionSecond"');
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(text, '"questionSecond"'));
    expect(found[0]!.message).toMatch(/unknown field `questionSecond` — did you mean `questionSeconds`\?/);
  });

  it('a quote that is not verbatim is marked at its line with the closest passage', () => {
    const quote = content.scenarios[first]!.meetings[0]!.opening.evidence.quote;
    const changed = quote.replace(/\b(\w)(\w+)\b/, (_, a: string, b: string) => `${a}${b}x`);
    const text = copy.replace(JSON.stringify(quote), JSON.stringify(changed));
    const found = errors(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.line).toBe(lineOf(text, JSON.stringify(changed)));
    expect(found[0]!.message).toMatch(/quote not found verbatim.*closest is passage/);
  });

  it("a check that names a field inside its item is placed at that item's line (a repeated question)", () => {
    const q = JSON.parse(copy).meetings[0].questions[0] as { id: string };
    const warning = checkDraft(content, 'draft.json', copy).problems.find((p) => p.severity === 'warning' && p.message.includes(`(id "${q.id}")`));
    expect(warning).toBeDefined();
    expect(warning!.line).toBeGreaterThan(lineOf(copy, `"id": "${q.id}"`));
    expect(warning!.field).toMatch(/^meetings\.0\.questions\.0\./);
  });

  it('a syntax error and a practice scenario are errors at their place, and nothing loads', () => {
    const broken = copy.replace(/,\n(\s*)\]/, '\n$1]').replace(/("id": "[^"]+"),/, '$1,,');
    const syntax = checkDraft(content, 'draft.json', broken);
    expect(syntax.scenario).toBeUndefined();
    expect(syntax.problems[0]!.line).toBe(lineOf(broken, ',,'));
    const practice = copy.replace('{\n', '{\n  "tutorial": true,\n');
    expect(errors(practice)).toMatchObject([{ line: 2, field: 'tutorial' }]);
  });
});
