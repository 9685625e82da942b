// Node side of the content loader: reads content/**/*.json from disk into the path -> JSON map
// that loadContent() takes (the browser builds the same map with import.meta.glob).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

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

/** Parse errors are returned as strings naming the file, so a broken file never hides the rest. */
export function readContentFiles(dir = CONTENT_DIR): { files: Record<string, unknown>; parseErrors: string[] } {
  const files: Record<string, unknown> = {};
  const parseErrors: string[] = [];
  for (const path of walk(dir)) {
    const key = relative(ROOT, path).split('\\').join('/');
    try {
      files[key] = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      parseErrors.push(`${key}: (file): not valid JSON: ${(e as Error).message}`);
    }
  }
  return { files, parseErrors };
}

export function readSeed(name: string): string | undefined {
  const path = join(SEEDS_DIR, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export const seedsPresent = () => existsSync(SEEDS_DIR);
