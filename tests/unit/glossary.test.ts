// Glossary linking: terms and aliases are found whole-word, longest first, once per screen.
import { describe, expect, it } from 'vitest';
import { segmentByGlossary } from '../../src/content/glossary';
import { realContent } from './helpers';

const { glossary } = realContent();

describe('glossary links', () => {
  it('marks the first appearance of a term and of an alias, leaving the text intact', () => {
    const text = 'NATO leads KFOR. KFOR stays. The UN Security Council has a say.';
    const segments = segmentByGlossary(text, glossary);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    const terms = segments.filter((s) => s.term).map((s) => s.text);
    expect(terms.filter((t) => t === 'KFOR')).toHaveLength(1);
    expect(terms).toContain('NATO');
    expect(terms.some((t) => t.includes('Security Council'))).toBe(true);
  });

  it('does not match inside another word and shares "seen" across calls', () => {
    expect(segmentByGlossary('NATOish words', glossary).some((s) => s.term)).toBe(false);
    const seen = new Set<string>();
    expect(segmentByGlossary('KFOR', glossary, seen).some((s) => s.term)).toBe(true);
    expect(segmentByGlossary('KFOR again', glossary, seen).some((s) => s.term)).toBe(false);
  });

  it('covers the terms the content issue names', () => {
    const forms = glossary.flatMap((g) => [g.term, ...g.aliases]).map((f) => f.toLowerCase());
    for (const needed of ['kfor', 'resolution 1244', 'ndaa', 'open balkan', 'republika srpska']) {
      expect(forms.some((f) => f.includes(needed)), needed).toBe(true);
    }
  });
});
