// One way to put quotation marks around a quote, used by every screen that shows one. A quote
// from a report often carries marks of its own: speech inside the excerpt, or an excerpt that
// starts or ends inside a quotation ("…as soon as possible.”"). Wrapping it in “ ” as it is would
// show doubled or dangling marks, so the marks it carries are balanced and nested instead: the
// outer pair is “ ”, the next level ‘ ’, the next “ ” again.

type Mark = 'double' | 'single';
type Token = { open: Mark } | { close: Mark } | string;

const GLYPH = { double: ['“', '”'], single: ['‘', '’'] } as const;

/** Splits text into characters and quotation marks; ’ closes only an open ‘ (otherwise it is an apostrophe). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const stack: Mark[] = [];
  const missing: Mark[] = [];
  const close = (mark: Mark) => {
    if (stack[stack.length - 1] === mark) stack.pop();
    // A closing mark with nothing open: the excerpt starts inside a quotation.
    else if (stack.length === 0) missing.unshift(mark);
    tokens.push({ close: mark });
  };
  for (const ch of text) {
    if (ch === '“' || ch === '„') {
      stack.push('double');
      tokens.push({ open: 'double' });
    } else if (ch === '”') close('double');
    else if (ch === '"') {
      if (stack[stack.length - 1] === 'double') close('double');
      else {
        stack.push('double');
        tokens.push({ open: 'double' });
      }
    } else if (ch === '‘') {
      stack.push('single');
      tokens.push({ open: 'single' });
    } else if (ch === '’' && stack[stack.length - 1] === 'single') close('single');
    else tokens.push(ch);
  }
  // Marks left open: the excerpt ends inside a quotation.
  return [...missing.map((open) => ({ open })), ...tokens, ...stack.reverse().map((close) => ({ close }))];
}

/** Index of the token that closes the mark opened at `start`, or -1. */
function matchOf(tokens: Token[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (typeof token !== 'string' && 'open' in token) depth++;
    else if (typeof token !== 'string') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * `text` between curly double quotes, its own marks balanced and nested one level in (e.g.
 * `He wished “peace soon.”` → `“He wished ‘peace soon.’”`; a text already wholly in quotes keeps
 * one pair). Straight double quotes count as quotation marks; apostrophes are left alone.
 */
export function quoted(text: string): string {
  let tokens = tokenize(text.trim());
  // Already one quotation from end to end: its own pair becomes the outer pair.
  const first = tokens[0];
  if (first && typeof first !== 'string' && 'open' in first && first.open === 'double' && matchOf(tokens, 0) === tokens.length - 1) {
    tokens = tokens.slice(1, -1);
  }
  let depth = 0;
  let out = '';
  for (const token of tokens) {
    if (typeof token === 'string') out += token;
    else if ('open' in token) {
      depth++;
      out += GLYPH[depth % 2 === 1 ? 'single' : 'double'][0];
    } else {
      out += GLYPH[depth % 2 === 1 ? 'single' : 'double'][1];
      depth--;
    }
  }
  return `“${out}”`;
}
