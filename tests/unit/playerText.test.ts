// Player text that states how much content there is ("Five moments", "2018–2026") is wrong as
// soon as an author adds a scenario or a teacher's class link picks three: such counts and spans
// are filled in from the content. No locale string may spell one out.
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/en.json';
import teacher from '../../src/i18n/teacher.en.json';
import { realContent } from './helpers';

const content = realContent();
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

describe('counts in player text', () => {
  it('no locale string spells out how many scenarios, sources or parties there are, or the years they span', () => {
    const counts = new Set([content.scenarioOrder.length, Object.keys(content.scenarios).length, Object.keys(content.sources).length, content.partyOrder.length]);
    const years = new Set([...Object.values(content.scenarios).map((s) => s.year), ...Object.values(content.sources).map((s) => s.year)]);
    const spelled = [...counts].flatMap((n) => [String(n), WORDS[n]!]).filter((w) => w !== 'one' && w !== '1');
    const found: string[] = [];
    for (const [key, template] of Object.entries({ ...en, ...teacher })) {
      const text = template.replace(/\{[a-zA-Z]+\}/g, ' ');
      // Whole words and whole numbers only: the 5 of "×1.5" is not a count.
      for (const word of spelled) if (new RegExp(`(?<![\\w.])${word}(?![\\w]|\\.\\d)`, 'i').test(text)) found.push(`${key}: "${word}" in "${template}"`);
      for (const year of years) if (text.includes(String(year))) found.push(`${key}: ${year} in "${template}"`);
    }
    expect(found).toEqual([]);
  });
});
