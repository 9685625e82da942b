// The content: it loads, every quote is verbatim in its source, every passage is verbatim in the
// original capture, the rules of the content issue hold, and broken content gives errors that
// name the file, the item and the field.
import { describe, expect, it } from 'vitest';
import { checkAuthoringNotes, checkDuplicateQuestions, checkNeutrality, checkNumbers, checkPassagesAgainstCaptures } from '../../src/content/audit';
import { authorChecks, longestDecisions } from '../../src/content/checks';
import { formatContentError, loadContent } from '../../src/content/loader';
import { containsVerbatim } from '../../src/content/text';
import { readContentFiles, readSeed, seedsPresent } from '../../src/cli/contentFiles';
import { realContent } from './helpers';

const files = () => structuredClone(readContentFiles().files) as Record<string, any>;
// Tests follow the content: the scenarios they break are picked from it, never named.
const real = realContent();
/** A timeline scenario, its file, and another one (for rules across scenarios). */
const PICKED = real.scenarioOrder[0]!;
const SCENARIO = real.files[PICKED]!;
const OTHER = real.files[real.scenarioOrder[1] ?? real.tutorialId!]!;
const firstQuestion = real.scenarios[PICKED]!.meetings[0]!.questions[0]!;
const firstSource = Object.keys(real.sources)[0]!;

describe('the real content', () => {
  it('loads without errors, every timeline scenario on the timeline in order (order, then id), the practice off it', () => {
    const content = realContent();
    const timeline = Object.values(content.scenarios).filter((s) => !s.tutorial);
    expect(content.scenarioOrder).toEqual(timeline.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)).map((s) => s.id));
    expect(content.scenarioOrder).not.toContain(content.tutorialId);
  });

  it.runIf(seedsPresent())('has every passage verbatim in its original capture', () => {
    expect(checkPassagesAgainstCaptures(realContent(), readSeed).map(formatContentError)).toEqual([]);
  });

  it('has every quote verbatim in its source (checked independently of the loader)', () => {
    const content = realContent();
    const quotes: Array<{ source: string; quote: string; where: string }> = [];
    const collect = (value: unknown, where: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => collect(v, `${where}.${i}`));
      else if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (typeof o.source === 'string' && typeof o.quote === 'string') quotes.push({ source: o.source, quote: o.quote, where });
        for (const [k, v] of Object.entries(o)) collect(v, `${where}.${k}`);
      }
    };
    for (const id of content.scenarioOrder) collect(content.scenarios[id], id);
    collect(Object.values(content.parties), 'parties');
    expect(quotes.length).toBeGreaterThan(300);
    const missing = quotes.filter((q) => !content.sources[q.source]!.passages.some((p) => containsVerbatim(p.text, q.quote)));
    expect(missing).toEqual([]);
  });

  it('uses no loaded term in its own text', () => {
    expect(checkNeutrality(realContent()).map(formatContentError)).toEqual([]);
  });

  it('uses only numbers the sources print, and has no duplicate questions', () => {
    expect(checkNumbers(realContent()).map(formatContentError)).toEqual([]);
    expect(checkDuplicateQuestions(realContent()).map(formatContentError)).toEqual([]);
    // Nothing a student reads is a note for authors (a source once showed "Outlet not named in the capture").
    expect(checkAuthoringNotes(realContent()).map(formatContentError)).toEqual([]);
  });

  it('passes every rule content:check enforces (the bank rules, the design rules, maxDecisions)', () => {
    expect(authorChecks(realContent()).errors.map(formatContentError)).toEqual([]);
  });

  it('holds the guide\'s advice as warnings, never errors: fewer meetings, questions or parties, a maxDecisions above the longest path', () => {
    const content = structuredClone(realContent());
    const s = content.scenarios[PICKED]!;
    const longest = longestDecisions(s);
    s.maxDecisions = longest + 1;
    // A meeting's questions cut down to one (the shortest scenario the schema allows is still advice).
    for (const m of s.meetings) m.questions.length = 1;
    s.maxDecisions = longestDecisions(s) + 1;
    const { errors, warnings } = authorChecks(content, SCENARIO);
    expect(warnings.filter((w) => w.rule === 'scenario-size').map((w) => w.message).join('\n')).toMatch(/questions: aim for 15 or more/);
    expect(warnings.some((w) => w.rule === 'max-decisions' && w.message.includes(`set maxDecisions to ${longestDecisions(s)} exactly`))).toBe(true);
    expect(errors.some((e) => /aim for|maxDecisions/.test(e.message))).toBe(false);
    // Below the longest path it is an error: codes and LMS data are sized by it.
    s.maxDecisions = longestDecisions(s) - 1;
    expect(authorChecks(content, SCENARIO).errors.map((e) => e.message).join('\n')).toMatch(new RegExp(`longest path takes ${longestDecisions(s)} decisions`));
  });
});

describe('broken content', () => {
  const errorsFor = (mutate: (f: Record<string, any>) => void) => {
    const f = files();
    mutate(f);
    const result = loadContent(f);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.errors;
  };

  it('names the file, the question and the field of a quote that is not in its source', () => {
    const errors = errorsFor((f) => {
      f[SCENARIO].meetings[0].questions[0].evidence[0].quote = 'Lavrov said something he never said.';
    });
    expect(errors).toContainEqual(
      expect.objectContaining({ file: SCENARIO, id: firstQuestion.id, field: 'meetings.0.questions.0.evidence.0.quote' }),
    );
    expect(formatContentError(errors[0]!)).toBe(
      formatContentError(errors.find((e) => e.field === 'meetings.0.questions.0.evidence.0.quote')!),
    );
    expect(formatContentError(errors[0]!)).toMatch(new RegExp(`^${SCENARIO.replace(/[.]/g, '\\.')}: meetings\\.0\\.questions\\.0\\.evidence\\.0\\.quote \\(id "${firstQuestion.id}"\\): quote not found verbatim`));
  });

  it('reports schema errors with their path and the nearest id', () => {
    const errors = errorsFor((f) => {
      f[SCENARIO].meetings[1].questions[0].difficulty = 7;
    });
    expect(errors[0]).toMatchObject({ file: SCENARIO, field: 'meetings.1.questions.0.difficulty' });
    expect(errors[0]!.id).toBe(real.scenarios[PICKED]!.meetings[1]!.questions[0]!.id);
  });

  it('reports an unknown party, a move to nowhere, an undeclared flag and a missing fallback ending', () => {
    const errors = errorsFor((f) => {
      const s = f[SCENARIO];
      s.meetings[0].questions[0].measures = ['atlantis'];
      s.meetings[0].moves[0].next = 'nowhere';
      s.meetings[0].moves[0].effects.setFlags = ['never-declared'];
      s.endings[s.endings.length - 1].when = [{ kind: 'agreement', min: 1 }];
    });
    const messages = errors.map(formatContentError).join('\n');
    expect(messages).toContain('unknown party "atlantis"');
    expect(messages).toContain('no meeting "nowhere"');
    expect(messages).toContain('flag "never-declared" is not declared');
    expect(messages).toContain('the last ending is the fallback');
  });

  it('reports duplicate question ids across scenarios and a meeting cycle', () => {
    const errors = errorsFor((f) => {
      const other = f[OTHER];
      other.meetings[0].questions[0].id = f[SCENARIO].meetings[0].questions[0].id;
      const s = f[SCENARIO];
      const last = s.meetings[s.meetings.length - 1];
      last.moves[0].next = s.start;
    });
    const messages = errors.map(formatContentError).join('\n');
    expect(messages).toMatch(/duplicate question id/);
    expect(messages).toMatch(/can be reached again from itself/);
  });

  it('reports a file that is not JSON by name without hiding the others', () => {
    const { parseErrors } = readContentFiles();
    expect(parseErrors).toEqual([]);
    const f = files();
    delete f['content/parties.json'];
    const result = loadContent(f);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.file).toBe('content/parties.json');
  });

  it('catches a passage that is not in the original capture', () => {
    const content = realContent();
    const tampered = structuredClone(content);
    tampered.sources[firstSource]!.passages[0]!.text = 'A sentence the article never printed.';
    const errors = checkPassagesAgainstCaptures(tampered, () => 'the capture text');
    expect(errors.some((e) => e.file === `content/sources/${firstSource}.json` && e.field === 'passages.0.text')).toBe(true);
  });

  it('catches a number no source prints and a duplicated question', () => {
    const content = structuredClone(realContent());
    const s = content.scenarios[PICKED]!;
    // A number no source prints (checked against the sources, not assumed).
    const printed = Object.values(content.sources).flatMap((src) => src.passages.map((p) => p.text)).join(' ');
    const unprinted = [49, 4919, 49193].find((n) => !printed.includes(String(n)))!;
    s.summary = `Russia has ${unprinted} operational bases.`;
    expect(checkNumbers(content).map(formatContentError)).toEqual([`${SCENARIO}: summary: the number "${unprinted}" does not appear in any source`]);
    const copy = structuredClone(s.meetings[0]!.questions[0]!);
    copy.id = `${copy.id}-copy`;
    s.meetings[1]!.questions.push(copy);
    expect(checkDuplicateQuestions(content)[0]).toMatchObject({ id: copy.id, message: `duplicates question "${s.meetings[0]!.questions[0]!.id}"` });
    // The same question in another scenario is advice: a warning of the across-scenario check.
    expect(checkDuplicateQuestions(content, true).every((e) => /repeats question/.test(e.message))).toBe(true);
  });

  it('catches a loaded term in the project\'s own text but not inside a quote', () => {
    const content = structuredClone(realContent());
    const s = content.scenarios[PICKED]!;
    s.summary = 'The regime in question says no.';
    const errors = checkNeutrality(content);
    expect(errors.map((e) => e.field)).toContain('summary');
    expect(errors.every((e) => !e.field.endsWith('quote'))).toBe(true);
  });
});
