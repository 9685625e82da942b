// Text normalisation shared by every verbatim check: only whitespace and typographic quote
// marks may differ between a quote and its source, so the check compares after folding those.

const QUOTE_FOLDS: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'],
];

export function normaliseForQuote(text: string): string {
  let out = text;
  for (const [pattern, replacement] of QUOTE_FOLDS) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, ' ').trim();
}

/** True when `quote` appears verbatim (modulo whitespace and quote marks) inside `haystack`. */
export function containsVerbatim(haystack: string, quote: string): boolean {
  return normalisedHaystack(haystack).includes(normaliseForQuote(quote));
}

// The same few source passages are searched for every quote in the content: normalise each once.
const haystacks = new Map<string, string>();
function normalisedHaystack(text: string): string {
  let normal = haystacks.get(text);
  if (normal === undefined) {
    if (haystacks.size > 500) haystacks.clear();
    normal = normaliseForQuote(text);
    haystacks.set(text, normal);
  }
  return normal;
}

/** FNV-1a, 32-bit: a small stable hash for content versions and seeded shuffles. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Stable JSON: keys sorted, so the same content always hashes the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
