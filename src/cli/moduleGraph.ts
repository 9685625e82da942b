// The game's own modules a page runs when it loads, found by reading their imports (Node, at build
// and test time). The build puts them in one chunk (vite.config.ts), so a student's browser fetches
// and starts a handful of files rather than twenty; a unit test checks that none of them builds a
// content schema (tests/unit/boundaries.test.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './contentFiles';

/**
 * The files a module's code needs when it runs: its static imports and re-exports, relative ones
 * only (packages are left out), without `import type` and imports whose every name is a type
 * (TypeScript drops those). Absolute paths of .ts files.
 */
export function valueImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*(?:from\s+)?['"](\.[^'"]+)['"]/gm)) {
    const [, , typeOnly, clause, spec] = m;
    if (typeOnly) continue;
    const names = /\{([^}]*)\}/.exec(clause ?? '')?.[1];
    const onlyTypes = names !== undefined && !/^[^{]*\w[^{]*\{/.test(clause!) && names.split(',').every((n) => !n.trim() || n.trim().startsWith('type '));
    if (onlyTypes) continue;
    const base = resolve(dirname(file), spec!);
    const target = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && /\.ts$/.test(p));
    if (target) found.push(target);
  }
  return found;
}

/** Every file reached from `entries` (absolute paths) by valueImports, the entries included. */
export function loadedWith(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...valueImports(file));
  }
  return seen;
}

/** The page's entry (index.html's script) and what it runs before the menu works. */
export const firstLoad = (): Set<string> => loadedWith([join(ROOT, 'scenes', 'boot.ts')]);
