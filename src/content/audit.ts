// Checks that go beyond the schema and cross-references: passages against the original
// captures, neutral wording of the project's own text, and the counts an author wants to see.
import type { Content, ContentError } from './loader';
import { containsVerbatim } from './text';

/** Every passage must stand verbatim in the capture it claims to come from. */
export function checkPassagesAgainstCaptures(
  content: Content,
  readCapture: (file: string) => string | undefined,
): ContentError[] {
  const errors: ContentError[] = [];
  for (const source of Object.values(content.sources)) {
    const file = `content/sources/${source.id}.json`;
    const capture = readCapture(source.capture);
    if (capture === undefined) {
      errors.push({ file, id: source.id, field: 'capture', message: `capture "${source.capture}" not found in shared/seeds` });
      continue;
    }
    source.passages.forEach((p, i) => {
      if (!containsVerbatim(capture, p.text)) {
        errors.push({ file, id: p.id, field: `passages.${i}.text`, message: 'passage not found verbatim in the original capture' });
      }
    });
  }
  return errors;
}

/** Fields that hold quotes, ids, references or codes rather than the project's own prose. */
const NOT_PROSE = new Set([
  'quote', 'id', 'source', 'capture', 'passages', 'colour', 'emblem', 'lang', 'kind', 'type', 'issue',
  'party', 'speaker', 'next', 'start', 'flag', 'measures', 'voices', 'categories', 'parties', 'setFlags', 'clearFlags',
]);

/** The project's own words in a scenario: everything an author wrote that is not a quote. */
export function ownTextOf(value: unknown, path = ''): Array<{ path: string; text: string }> {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => ownTextOf(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      // Quotes and ids are not the project's own words.
      NOT_PROSE.has(k) ? [] : ownTextOf(v, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

export function checkNeutrality(content: Content): ContentError[] {
  const errors: ContentError[] = [];
  const terms = content.loadedTerms.map((t) => ({ term: t, re: new RegExp(`\\b${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i') }));
  const scan = (file: string, value: unknown) => {
    for (const { path, text } of ownTextOf(value)) {
      for (const { term, re } of terms) {
        if (re.test(text)) errors.push({ file, field: path, message: `loaded term "${term}" in the project's own text (quote it, attributed, or rephrase)` });
      }
    }
  };
  for (const [id, scenario] of Object.entries(content.scenarios)) scan(content.files[id] ?? id, scenario);
  scan('content/parties.json', Object.values(content.parties));
  scan('content/glossary.json', content.glossary);
  return errors;
}

export interface ContentCounts {
  perScenario: Record<string, number>;
  perType: Record<string, number>;
  perParty: Record<string, number>;
  total: number;
}

export function countQuestions(content: Content): ContentCounts {
  const counts: ContentCounts = { perScenario: {}, perType: {}, perParty: {}, total: 0 };
  for (const id of content.scenarioOrder) {
    for (const m of content.scenarios[id]!.meetings) {
      for (const q of m.questions) {
        counts.total++;
        counts.perScenario[id] = (counts.perScenario[id] ?? 0) + 1;
        counts.perType[q.type] = (counts.perType[q.type] ?? 0) + 1;
        for (const p of q.measures) counts.perParty[p] = (counts.perParty[p] ?? 0) + 1;
      }
    }
  }
  return counts;
}

/**
 * Numbers in the project's own text must be numbers the sources print ("48", "3%", "1244",
 * "June 27"): a number nobody printed is a fact nobody can check. A scenario's `date` comes from
 * the seeds README and is exempt.
 */
export function checkNumbers(content: Content): ContentError[] {
  const printed = Object.values(content.sources)
    // A source's own date (from the seeds README: "June 2020") counts as printed.
    .flatMap((s) => [s.headline, s.date, String(s.year), ...s.passages.map((p) => p.text)])
    .join('\n');
  const printedNumbers = new Set(printed.match(/\d+(?:[.,]\d+)*/g) ?? []);
  const errors: ContentError[] = [];
  const scan = (file: string, value: unknown) => {
    for (const { path, text } of ownTextOf(value)) {
      if (/(^|\.)date$/.test(path)) continue;
      for (const n of text.match(/\d+(?:[.,]\d+)*/g) ?? []) {
        const bare = n.replace(/[.,]$/, '');
        if (!printedNumbers.has(bare)) {
          errors.push({ file, field: path, message: `the number "${bare}" does not appear in any source` });
        }
      }
    }
  };
  for (const [id, scenario] of Object.entries(content.scenarios)) scan(content.files[id] ?? id, scenario);
  scan('content/parties.json', Object.values(content.parties));
  scan('content/glossary.json', content.glossary);
  return errors;
}

const normalised = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** A question's identity for duplicates: its type, what it asks and its right answer, in plain letters. */
function questionKey(q: Content['scenarios'][string]['meetings'][number]['questions'][number]): string {
  const answer =
    q.type === 'choice' || q.type === 'who-said'
      ? q.options.find((o) => o.correct)?.text
      : q.type === 'true-false'
        ? `${q.statement}=${q.answer}`
        : q.type === 'sort'
          ? q.statements.map((st) => `${st.text}>${st.party}`).sort().join('|')
          : q.events.map((e) => e.text).join('>');
  return normalised(`${q.type}|${q.type === 'who-said' ? q.quote.quote : q.prompt}|${answer ?? ''}`);
}

/**
 * Two questions are duplicates when they ask the same thing with the same right answer. Within a
 * scenario (`across` false) a player would be asked it twice: an error. Across scenarios (`across`
 * true: each question that repeats one of an earlier scenario) it is advice, since a teacher's
 * scenario copied from a shipped one starts with the same questions.
 */
export function checkDuplicateQuestions(content: Content, across = false): ContentError[] {
  const everywhere = new Map<string, { id: string; scenario: string }>();
  const errors: ContentError[] = [];
  for (const id of content.scenarioOrder) {
    const inScenario = new Map<string, string>();
    const located = content.scenarios[id]!.meetings.flatMap((m, mi) => m.questions.map((q, qi) => ({ q, field: `meetings.${mi}.questions.${qi}.prompt` })));
    for (const { q, field } of located) {
      const key = questionKey(q);
      const file = content.files[id] ?? id;
      const same = inScenario.get(key);
      const other = everywhere.get(key);
      if (!across && same) errors.push({ file, id: q.id, field, message: `duplicates question "${same}"` });
      if (across && other && other.scenario !== id) errors.push({ file, id: q.id, field, message: `repeats question "${other.id}" of scenario "${other.scenario}": ask it another way` });
      if (!same) inScenario.set(key, q.id);
      if (!other) everywhere.set(key, { id: q.id, scenario: id });
    }
  }
  return errors;
}

/**
 * Words of an author's note to themselves, which must not reach a student: the seeds README's
 * "outlet not named in the capture" once became a source's outlet on screen.
 */
const AUTHORING_NOTE = /\b(captures?|TODO|TBD|FIXME|XXX|lorem ipsum)\b|\bnot named in the\b/i;

/** Every field a player can read, of sources and scenarios, with no authoring note in it. */
export function checkAuthoringNotes(content: Content): ContentError[] {
  const errors: ContentError[] = [];
  for (const source of Object.values(content.sources)) {
    for (const field of ['outlet', 'headline', 'date'] as const) {
      if (AUTHORING_NOTE.test(source[field])) errors.push({ file: `content/sources/${source.id}.json`, id: source.id, field, message: `reads like a note for authors ("${source[field]}"): write what a student should read` });
    }
  }
  const scan = (file: string, value: unknown) => {
    for (const { path, text } of ownTextOf(value)) {
      if (AUTHORING_NOTE.test(text)) errors.push({ file, field: path, message: `reads like a note for authors ("${text.slice(0, 60)}")` });
    }
  };
  for (const [id, scenario] of Object.entries(content.scenarios)) scan(content.files[id] ?? id, scenario);
  scan('content/parties.json', Object.values(content.parties));
  scan('content/glossary.json', content.glossary);
  return errors;
}
