// Messages an author can act on (issue 17 item 2): JSON parsed with positions, so every error
// names its line and column; schema errors said in plain words with the offending value; the
// nearest known id or field suggested; a quote that is not verbatim shown against the closest
// passage with the differing characters marked; and follow-on errors folded into the mistake
// that caused them. Pure functions, shared by `npm run content:check` and the authoring page.
import { diffChars } from 'diff';
import { closest, distance } from 'fastest-levenshtein';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type * as z from 'zod';
import type { ContentError } from './loader';

/** 1-based line and column of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

export interface ParsedJson {
  /** The parsed value, or undefined when the text is not valid JSON. */
  value: unknown;
  /** Syntax errors, each with its line and column, in plain words. */
  errors: ContentError[];
  /** Where the value at a field path ("meetings.0.moves.1.next") starts; undefined if absent. */
  locate(field: string): { line: number; column: number } | undefined;
}

const SYNTAX_WORDS: Record<string, string> = {
  InvalidSymbol: 'a character JSON does not allow here',
  InvalidNumberFormat: 'a number JSON cannot read',
  PropertyNameExpected: 'a field name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon (:) was expected after the field name',
  CommaExpected: 'a comma was expected between two items',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'the file should end here (is there a second top-level value?)',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed: a double quote (") is missing',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape: write \\" for a quote mark and \\\\ for a backslash',
  InvalidCharacter: 'a line break or control character inside a string',
};

/**
 * Parses a content file's text, keeping positions. A trailing comma is named as such, with the
 * line of the comma; only the first syntax error is reported, since the rest follow from it.
 */
export function parseJsonText(file: string, text: string): ParsedJson {
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const errors: ContentError[] = [];
  const first = parseErrors[0];
  if (first) {
    const before = text.slice(0, first.offset).trimEnd();
    const at = text[first.offset];
    const trailing = before.endsWith(',') && (at === '}' || at === ']');
    const pos = lineColumn(text, trailing ? before.length - 1 : first.offset);
    errors.push({
      file,
      field: '(file)',
      ...pos,
      message: trailing
        ? `trailing comma after the last item: remove the comma at line ${pos.line}, column ${pos.column}`
        : `not valid JSON: ${SYNTAX_WORDS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error)}`,
    });
  }
  const nodeAt = (field: string): Node | undefined => {
    if (!root) return undefined;
    const path = field === '(file)' || field === '' ? [] : field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    // The deepest node that exists along the path: a missing field points at its parent object.
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, path.slice(0, n));
      if (node) return node;
    }
    return undefined;
  };
  return {
    value: errors.length || !root ? undefined : getNodeValue(root),
    errors,
    locate: (field) => {
      const node = nodeAt(field);
      // A field's position is its key's, so the editor marks the line where the field is named.
      const at = node?.parent?.type === 'property' ? node.parent.offset : node?.offset;
      return at === undefined ? undefined : lineColumn(text, at);
    },
  };
}

/** Adds line and column to errors of files whose text is known. */
export function withPositions(errors: readonly ContentError[], parsed: Readonly<Record<string, Pick<ParsedJson, 'locate'>>>): ContentError[] {
  return errors.map((e) => {
    if (e.line !== undefined || !parsed[e.file]) return e;
    // An unknown field is placed at its own name, not at the object that holds it.
    const unknown = /^unknown fields? `([^`]+)`/.exec(e.message)?.[1];
    const field = unknown ? (e.field === '(file)' ? unknown : `${e.field}.${unknown}`) : e.field;
    return { ...e, ...parsed[e.file]!.locate(field) };
  });
}

/** The candidate nearest to `word`, if it is near enough to be a likely slip (a few letters off). */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (!candidates.length || !word) return undefined;
  const best = closest(word, [...candidates]);
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) && best !== word ? best : undefined;
}

const show = (v: unknown) => {
  const s = typeof v === 'string' ? JSON.stringify(v) : v === undefined ? 'nothing' : JSON.stringify(v);
  return s && s.length > 80 ? `${s.slice(0, 77)}…` : (s ?? String(v));
};

const DEFAULT_MESSAGE = /^(Invalid input|Invalid option|Too small|Too big|Unrecognized key|Invalid discriminator|Invalid string|Invalid element)/;

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node = raw;
  for (const key of path) node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

/**
 * One zod issue in an author's words: "missing field `statement`", "use a whole number", the
 * allowed values, an unknown field with the nearest known one. `fields` lists every field name
 * the schemas know, for suggestions. Custom messages written in the schema are kept as they are.
 */
export function plainIssue(issue: z.core.$ZodIssue, raw: unknown, fields: readonly string[]): Pick<ContentError, 'message' | 'value' | 'suggestion'> {
  const value = valueAt(raw, issue.path);
  const last = issue.path[issue.path.length - 1];
  if (!DEFAULT_MESSAGE.test(issue.message)) return { message: issue.message, value: value === undefined ? undefined : show(value) };
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return { message: `missing field \`${String(last)}\`` };
      const expected = String(issue.expected);
      const words: Record<string, string> = {
        int: 'use a whole number',
        number: 'use a number (without quotes)',
        string: 'use text in double quotes',
        boolean: 'use true or false (without quotes)',
        array: 'use a list in [ ]',
        object: 'use an object in { }',
      };
      return { message: words[expected] ?? `expected ${expected}`, value: show(value) };
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => show(v));
      const suggestion = typeof value === 'string' ? nearest(value, issue.values.filter((v): v is string => typeof v === 'string')) : undefined;
      return { message: allowed.length === 1 ? `use ${allowed[0]}` : `use one of ${allowed.join(', ')}`, value: show(value), suggestion: suggestion && JSON.stringify(suggestion) };
    }
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options?.length) {
        const suggestion = typeof value === 'string' ? nearest(value, options.filter((v): v is string => typeof v === 'string')) : undefined;
        return { message: `use one of ${options.map(show).join(', ')}`, value: show(value), suggestion: suggestion && JSON.stringify(suggestion) };
      }
      return { message: 'this item matches none of the shapes allowed here', value: show(value) };
    }
    case 'unrecognized_keys': {
      const suggestions = issue.keys.map((k) => nearest(k, fields)).filter(Boolean);
      return {
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}`,
        suggestion: suggestions.length ? suggestions.map((s) => `\`${s}\``).join(', ') : undefined,
      };
    }
    case 'too_small':
      if (issue.origin === 'string') return { message: 'must not be empty', value: show(value) };
      if (issue.origin === 'array') return { message: `needs at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`, value: `${(value as unknown[] | undefined)?.length ?? 0} item(s)` };
      return { message: `use ${String(issue.minimum)} or more`, value: show(value) };
    case 'too_big':
      if (issue.origin === 'string') return { message: `must be at most ${String(issue.maximum)} characters`, value: show(value) };
      if (issue.origin === 'array') return { message: `allows at most ${String(issue.maximum)} items`, value: `${(value as unknown[] | undefined)?.length ?? 0} items` };
      return { message: `use ${String(issue.maximum)} or less`, value: show(value) };
    default:
      return { message: issue.message, value: value === undefined ? undefined : show(value) };
  }
}

/** Every field name an object schema in `schemas` declares, walked through wrappers and unions. */
export function fieldNames(schemas: readonly z.ZodType[]): string[] {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (s: unknown): void => {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    const shape = def.shape as Record<string, unknown> | undefined;
    if (shape) for (const [k, v] of Object.entries(shape)) {
      names.add(k);
      walk(v);
    }
    for (const key of ['innerType', 'element', 'in', 'out', 'schema', 'valueType']) walk(def[key]);
    for (const option of (def.options as unknown[] | undefined) ?? []) walk(option);
  };
  schemas.forEach(walk);
  return [...names].sort();
}

/** Characters an author's keyboard does not type but reports print, named so a marked diff reads. */
const TYPOGRAPHIC: Record<string, string> = {
  '’': 'typographic apostrophe ’',
  '‘': 'opening single quote ‘',
  '“': 'opening double quote “',
  '”': 'closing double quote ”',
  '–': 'en dash –',
  '—': 'em dash —',
  '…': 'ellipsis …',
  '\u00a0': 'non-breaking space',
};

export interface QuoteMismatch {
  passageId: string;
  /** The passage span nearest the quote, with differences marked: [-in the source-]{+in your quote+}. */
  marked: string;
  /** Typographic characters that differ, named ("typographic apostrophe ’"). */
  typographic: string[];
}

/**
 * For a quote not found verbatim, the passage span it most resembles with the differing
 * characters marked, or undefined when no passage shares much with it.
 */
export function closestPassage(quote: string, passages: ReadonlyArray<{ id: string; text: string }>): QuoteMismatch | undefined {
  let best: { id: string; parts: ReturnType<typeof diffChars>; common: number } | undefined;
  for (const p of passages) {
    const parts = diffChars(p.text, quote);
    const common = parts.filter((d) => !d.added && !d.removed).reduce((n, d) => n + d.value.length, 0);
    if (!best || common > best.common) best = { id: p.id, parts, common };
  }
  if (!best || best.common < quote.length * 0.5) return undefined;
  // Trim the passage text before the first and after the last shared run, so the span is the quote's.
  const parts = best.parts;
  const firstCommon = parts.findIndex((d) => !d.added && !d.removed);
  let lastCommon = -1;
  parts.forEach((d, i) => {
    if (!d.added && !d.removed) lastCommon = i;
  });
  const span = parts.slice(firstCommon, lastCommon + 1);
  const lead = parts.slice(0, firstCommon).filter((d) => d.added);
  const tail = parts.slice(lastCommon + 1).filter((d) => d.added);
  const typographic = new Set<string>();
  const marked = [...lead, ...span, ...tail]
    .map((d) => {
      if (!d.added && !d.removed) return d.value;
      for (const ch of d.value) if (TYPOGRAPHIC[ch]) typographic.add(TYPOGRAPHIC[ch]!);
      return d.added ? `{+${d.value}+}` : `[-${d.value}-]`;
    })
    .join('');
  return { passageId: best.id, marked, typographic: [...typographic] };
}

/**
 * Folds follow-on errors into the mistake that caused them: the same message about the same value
 * in one file is reported once with the count of other places; a meeting "no move leads to" is
 * dropped when the file also refers to a meeting id that does not exist (the likely typo).
 */
export function collapseFollowOns(errors: readonly ContentError[]): ContentError[] {
  const unknownMeetingIn = new Set(errors.filter((e) => /^no meeting "/.test(e.message)).map((e) => e.file));
  const kept: ContentError[] = [];
  const byKey = new Map<string, ContentError & { others: number }>();
  for (const e of errors) {
    if (unknownMeetingIn.has(e.file) && /no move leads to this meeting/.test(e.message)) continue;
    const key = `${e.file}\u0000${e.message}\u0000${e.value ?? ''}`;
    const first = byKey.get(key);
    if (first && /^(unknown |no meeting ")/.test(e.message)) {
      first.others++;
      continue;
    }
    const entry = { ...e, others: 0 };
    byKey.set(key, entry);
    kept.push(entry);
  }
  return kept.map((e) => {
    const { others, ...rest } = e as ContentError & { others?: number };
    return others ? { ...rest, message: `${rest.message} (and in ${others} other place${others === 1 ? '' : 's'})` } : rest;
  });
}
