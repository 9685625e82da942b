// Word-level text comparison for the bank checks (src/content/bankAudit.ts): case- and
// accent-insensitive words, and "content words" (4+ letters, not in a small stopword list).

/** Common English words of 4+ letters that carry no content; kept short so reviewers can read it. */
const STOPWORDS = new Set(
  `about above after again against also among another because been before being below between both
  cannot could does doing down during each even ever every from further have having here hers herself
  himself into itself just like made make many more most much must never only other ours ourselves over
  same should since some such than that their theirs them themselves then there these they this those
  through under until upon very want wants were what when where which while whom whose will with
  within without would your yours yourself said says told according report reports`.split(/\s+/),
);

/** Lower-case words without accents ("Vučić's" → "vucic", "s"). */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The distinct content words of a text: 4+ letters, not a stopword. */
export function contentWords(text: string): Set<string> {
  return new Set(wordsOf(text).filter((w) => w.length >= 4 && /^[a-z]+$/.test(w) && !STOPWORDS.has(w)));
}

/** Whether `needle` (a name, several words) appears in `text` as whole words, ignoring case and accents. */
export function containsWords(text: string, needle: string): boolean {
  const n = wordsOf(needle).join(' ');
  return n.length > 0 && ` ${wordsOf(text).join(' ')} `.includes(` ${n} `);
}
