// Messages an author can act on (issue 17 item 2): each error names file, line and column, says
// what is wrong in plain words with the value written, and suggests the fix where it can. Built
// from the shipped content with one mistake each, so the tests follow the content.
import { describe, expect, it } from 'vitest';
import { collapseFollowOns, parseJsonText, withPositions } from '../../src/content/diagnostics';
import { formatContentError, loadContent, type ContentError } from '../../src/content/loader';
import { readContentFiles } from '../../src/cli/contentFiles';

const base = () => structuredClone(readContentFiles().files) as Record<string, any>;
const scenarioFile = (files: Record<string, any>) => Object.keys(files).find((f) => f.includes('/scenarios/') && !files[f].tutorial)!;

/** Loads the content with one file replaced by `text`, and returns the formatted errors. */
function errorsWith(file: string, text: string, files = base()): string[] {
  const parsed = parseJsonText(file, text);
  if (parsed.errors.length) return parsed.errors.map(formatContentError);
  files[file] = parsed.value;
  const result = loadContent(files);
  return result.ok ? [] : withPositions(result.errors, { [file]: parsed }).map(formatContentError);
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('content errors an author can act on', () => {
  it('names the line of a trailing comma', () => {
    const files = base();
    const file = scenarioFile(files);
    const text = JSON.stringify(files[file], null, 2).replace(/("maxDecisions": \d+)\n/, '$1,\n');
    const errors = errorsWith(file, text);
    expect(errors).toHaveLength(1);
    const line = lineOf(text, '"maxDecisions"');
    expect(errors[0]).toContain(`${file}:${line}:`);
    expect(errors[0]).toMatch(/trailing comma/);
  });

  it('says "missing field" with the line of the question, its id and field', () => {
    const files = base();
    const file = scenarioFile(files);
    const s = files[file];
    const q = s.meetings.flatMap((m: any) => m.questions).find((q: any) => q.type === 'true-false');
    delete q.statement;
    const text = JSON.stringify(s, null, 2);
    const errors = errorsWith(file, text, files);
    const e = errors.find((x) => x.includes('missing field `statement`'));
    expect(e, errors.join('\n')).toBeDefined();
    expect(e).toContain(`(id "${q.id}")`);
    expect(e).toContain(`${file}:${lineOf(text, `"id": "${q.id}"`) - 1}:`);
  });

  it('asks for a whole number and shows the value written', () => {
    const files = base();
    const file = scenarioFile(files);
    files[file].questionSeconds = 12.5;
    const errors = errorsWith(file, JSON.stringify(files[file], null, 2), files);
    expect(errors.some((e) => /questionSeconds: use a whole number \(you wrote 12\.5\)/.test(e)), errors.join('\n')).toBe(true);
  });

  it('suggests the nearest party id and field name', () => {
    const files = base();
    const file = scenarioFile(files);
    const s = files[file];
    const q = s.meetings[0].questions[0];
    const party = q.measures[0] ?? s.meetings[0].parties[0];
    q.measures = [party.slice(0, -1)];
    q.difficultty = q.difficulty;
    const errors = errorsWith(file, JSON.stringify(s, null, 2), files);
    expect(errors.some((e) => e.includes('unknown field `difficultty`') && e.includes('did you mean `difficulty`?')), errors.join('\n')).toBe(true);
    // The misspelt id shows once the shape is right.
    delete q.difficultty;
    const again = errorsWith(file, JSON.stringify(s, null, 2), files);
    expect(again.some((e) => e.includes(`unknown party "${party.slice(0, -1)}"`) && e.includes(`did you mean "${party}"?`)), again.join('\n')).toBe(true);
  });

  it('lists the allowed values of an enum', () => {
    const files = base();
    const file = scenarioFile(files);
    files[file].meetings[0].questions[0].kind = 'understandin';
    const errors = errorsWith(file, JSON.stringify(files[file], null, 2), files);
    expect(errors.some((e) => e.includes('use one of "understanding", "recall", "chronology"') && e.includes('did you mean "understanding"?')), errors.join('\n')).toBe(true);
  });

  it('marks where a quote differs from the closest passage, typographic marks named', () => {
    const files = base();
    const file = scenarioFile(files);
    const s = files[file];
    const source = files[`content/sources/${s.source}.json`];
    const passage = source.passages.find((p: any) => /[’“”–]/.test(p.text));
    expect(passage, 'a passage with a typographic mark').toBeDefined();
    // Typed on a plain keyboard (straight marks, which the check accepts) and with one word misspelt.
    const word = passage.text.match(/[a-z]{6,}/)![0];
    const typed = passage.text.replace(/’/g, "'").replace(/[“”]/g, '"').replace(/–/g, '-').replace(word, `${word.slice(0, 3)}x${word.slice(3)}`);
    s.meetings[0].opening.evidence = { source: s.source, quote: typed };
    const errors = errorsWith(file, JSON.stringify(s, null, 2), files);
    const e = errors.find((x) => x.includes('quote not found verbatim'));
    expect(e, errors.join('\n')).toBeDefined();
    expect(e).toContain(`closest is passage "${passage.id}"`);
    expect(e).toContain('{+x+}');
    expect(e).toMatch(/\[-[’“”–]+-\]\{\+['"-]+\+\}/);
    expect(e).toMatch(/the source uses: .*(typographic apostrophe|double quote|en dash)/);
  });

  it('folds the follow-on errors of a renamed meeting into the one mistake', () => {
    const files = base();
    const file = scenarioFile(files);
    const s = files[file];
    const target = s.meetings.find((m: any) => s.meetings.filter((o: any) => o.moves.some((mv: any) => mv.next === m.id)).length > 0 && m.id !== s.start);
    const renamed = `${target.id}x`;
    target.id = renamed;
    const errors = errorsWith(file, JSON.stringify(s, null, 2), files);
    expect(errors.filter((e) => e.includes('no move leads to this meeting'))).toEqual([]);
    const refs = errors.filter((e) => e.includes(`no meeting "${target.id.slice(0, -1)}"`));
    expect(refs, errors.join('\n')).toHaveLength(1);
    expect(refs[0]).toContain(`did you mean "${renamed}"?`);
  });

  it('collapses only repeated unknown ids, not distinct mistakes', () => {
    const e = (field: string, message: string, value?: string): ContentError => ({ file: 'f.json', field, message, value });
    const out = collapseFollowOns([e('a', 'unknown party "x"', '"x"'), e('b', 'unknown party "x"', '"x"'), e('c', 'must not be empty'), e('d', 'must not be empty')]);
    expect(out.map((o) => o.message)).toEqual(['unknown party "x" (and in 1 other place)', 'must not be empty', 'must not be empty']);
  });
});
