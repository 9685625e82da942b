// Finds glossary terms in a text, so the view can link each to its plain-language definition.
import type { GlossaryTerm } from './schema';

export type Segment = { text: string; term?: GlossaryTerm };

interface Matcher {
  pattern: RegExp;
  byForm: Map<string, GlossaryTerm>;
}

const matchers = new WeakMap<readonly GlossaryTerm[], Matcher>();

function matcherFor(glossary: readonly GlossaryTerm[]): Matcher {
  let m = matchers.get(glossary);
  if (m) return m;
  const byForm = new Map<string, GlossaryTerm>();
  for (const term of glossary) for (const form of [term.term, ...term.aliases]) byForm.set(form.toLowerCase(), term);
  // Longest forms first, so "UN Security Council" wins over "Security Council".
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  m = { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(${forms.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), byForm };
  matchers.set(glossary, m);
  return m;
}

/**
 * Splits `text` into plain segments and glossary terms. Each term is marked once per `seen` set
 * (the first time it appears on a screen), so a definition is offered where it is first needed.
 */
export function segmentByGlossary(text: string, glossary: readonly GlossaryTerm[], seen = new Set<string>()): Segment[] {
  if (!glossary.length) return [{ text }];
  const { pattern, byForm } = matcherFor(glossary);
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const term = byForm.get(match[0].toLowerCase());
    if (!term || seen.has(term.id)) continue;
    seen.add(term.id);
    if (match.index > last) out.push({ text: text.slice(last, match.index) });
    out.push({ text: match[0], term });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
