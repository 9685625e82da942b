// Node side of the content loader: reads content/**/*.json from disk into the path -> JSON map
// that loadContent() takes (the browser builds the same map with import.meta.glob).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseJsonText, type ParsedJson } from '../content/diagnostics';
import { formatContentError } from '../content/loader';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CONTENT_DIR = join(ROOT, 'content');
/** The original captures, present beside the repo in CI and on developer machines. */
export const SEEDS_DIR = resolve(ROOT, '..', 'shared', 'seeds');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.name.endsWith('.json') ? [path] : [];
  });
}

/**
 * Reads every content file, keeping positions. Parse errors come back as formatted strings naming
 * file, line and column, so a broken file never hides the rest; `located` turns an error's field
 * into its line and column (src/content/diagnostics.ts withPositions).
 */
export function readContentFiles(dir = CONTENT_DIR): { files: Record<string, unknown>; parseErrors: string[]; located: Record<string, ParsedJson> } {
  const files: Record<string, unknown> = {};
  const parseErrors: string[] = [];
  const located: Record<string, ParsedJson> = {};
  for (const path of walk(dir)) {
    const key = relative(ROOT, path).split('\\').join('/');
    const parsed = parseJsonText(key, readFileSync(path, 'utf8'));
    located[key] = parsed;
    if (parsed.errors.length) parseErrors.push(...parsed.errors.map(formatContentError));
    else files[key] = parsed.value;
  }
  return { files, parseErrors, located };
}

export function readSeed(name: string): string | undefined {
  const path = join(SEEDS_DIR, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export const seedsPresent = () => existsSync(SEEDS_DIR);
