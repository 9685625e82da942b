// Quotes inside quotes: the one function that puts quotation marks around a quote never doubles
// a mark or leaves one dangling, for hand-picked cases and for every quote, headline and
// statement in the content.
import { describe, expect, it } from 'vitest';
import { quoted } from '../../src/i18n/quoted';
import { normaliseForQuote } from '../../src/content/text';
import { realContent } from './helpers';

const content = realContent();

/** Whether the double and single curly marks of `text` pair up, properly nested. */
function balanced(text: string): boolean {
  const stack: string[] = [];
  for (const ch of text) {
    if (ch === '“' || ch === '‘') stack.push(ch);
    else if (ch === '”' && stack.pop() !== '“') return false;
    // ’ is also the apostrophe: it only closes an open ‘.
    else if (ch === '’' && stack[stack.length - 1] === '‘') stack.pop();
  }
  return stack.length === 0;
}

/** The text without its quotation marks, for comparing words. */
const words = (text: string) => normaliseForQuote(text).replace(/["']/g, '');

describe('quoted', () => {
  it('wraps plain text once', () => {
    expect(quoted('Russia is interested in stability')).toBe('“Russia is interested in stability”');
    expect(quoted('  EU’s role ')).toBe('“EU’s role”');
  });

  it('keeps one pair around a text already in quotes', () => {
    expect(quoted('“Serbia and Russia are long-standing allies.”')).toBe('“Serbia and Russia are long-standing allies.”');
    expect(quoted('"A straight quote"')).toBe('“A straight quote”');
  });

  it('nests the marks a quote carries instead of doubling them', () => {
    expect(quoted('Vucic said he told Putin that he wished “peace would be established as soon as possible.”')).toBe(
      '“Vucic said he told Putin that he wished ‘peace would be established as soon as possible.’”',
    );
    expect(quoted('He added NATO and EU want to “turn the Balkans into a project called the ‘Closed Balkans.’”')).toBe(
      '“He added NATO and EU want to ‘turn the Balkans into a project called the “Closed Balkans.”’”',
    );
  });

  it('closes a quotation the excerpt starts or ends inside', () => {
    expect(quoted('unless the Kremlin orders something,” Kurti said')).toBe('“‘unless the Kremlin orders something,’ Kurti said”');
    expect(quoted('Lavrov said “the West is')).toBe('“Lavrov said ‘the West is’”');
  });

  it('never doubles or strands a mark around any quote, headline or statement in the content', () => {
    const texts = [
      ...Object.values(content.sources).flatMap((s) => [s.headline, ...s.passages.map((p) => p.text)]),
      ...Object.values(content.scenarios).flatMap((s) => s.meetings.flatMap((m) => [m.opening.evidence.quote, ...m.questions.flatMap((q) => [...q.evidence.map((e) => e.quote), ...(q.type === 'who-said' ? [q.quote.quote] : []), ...(q.type === 'true-false' ? [q.statement] : [])])])),
    ];
    expect(texts.length).toBeGreaterThan(50);
    for (const text of texts) {
      const out = quoted(text);
      expect(out, text).toMatch(/^“[\s\S]*”$/);
      expect(out, text).not.toMatch(/””|“““|“”/);
      expect(balanced(out), out).toBe(true);
      expect(words(out), text).toBe(words(text));
    }
  });
});
