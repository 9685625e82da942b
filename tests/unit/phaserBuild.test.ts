// The production build ships a smaller Phaser (scenes/stage/phaserBuild.ts: Phaser's core entry
// plus a few game objects). The dev server runs the full package, so a scene that starts using a
// part of Phaser the build leaves out would work there and break for students. These checks read
// the stage's source and Phaser's own modules, and fail first.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/contentFiles';

const STAGE = join(ROOT, 'scenes', 'stage');
const PHASER_SRC = join(ROOT, 'node_modules', 'phaser', 'src');
const BUILD_FILE = join(STAGE, 'phaserBuild.ts');

const build = readFileSync(BUILD_FILE, 'utf8');
const core = readFileSync(join(PHASER_SRC, 'phaser-core.js'), 'utf8');
const stageCode = readdirSync(STAGE)
  .filter((f) => f.endsWith('.ts') && f !== 'phaserBuild.ts')
  .map((f) => readFileSync(join(STAGE, f), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, ''))
  .join('\n');

const all = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);

/** `Phaser.<Name>` as the scenes use it (namespace imports of 'phaser'). */
const usedTopLevel = new Set(all(stageCode, /\bPhaser\.([A-Z][A-Za-z0-9]*)/g));
const exported = new Set(
  (build.match(/export const \{([^}]+)\} = core;/)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** The members of one block of phaser-core.js, e.g. `GameObjects: { ... }` (first level only). */
function coreBlock(name: string): Set<string> {
  const start = core.indexOf(`    ${name}: {`);
  if (start < 0) return new Set();
  const indent = core.slice(core.lastIndexOf('\n', start) + 1, start + 4).length + 4;
  const body = core.slice(start, core.indexOf(`\n${' '.repeat(indent - 4)}}`, start));
  return new Set(all(body, new RegExp(`^ {${indent}}([A-Za-z0-9]+):`, 'gm')));
}

/** The `this.add.<name>` factories registered by the factory modules a file requires or imports. */
function factoriesIn(text: string, base: string): string[] {
  const files = all(text, /(?:require\(|import )'((?:\.|phaser-src)\/[^']*Factory(?:\.js)?)'/g).map((p) =>
    p.startsWith('phaser-src/') ? join(PHASER_SRC, p.slice('phaser-src/'.length)) : join(base, p.endsWith('.js') ? p : `${p}.js`),
  );
  return files.flatMap((f) => all(readFileSync(f, 'utf8'), /GameObjectFactory\.register\('([A-Za-z0-9]+)'/g));
}

describe("the production build's Phaser", () => {
  it('exports every Phaser namespace and class the scenes use', () => {
    expect(usedTopLevel.size).toBeGreaterThan(3);
    const missing = [...usedTopLevel].filter((name) => !exported.has(name));
    expect(missing, `add these to the exports of scenes/stage/phaserBuild.ts`).toEqual([]);
  });

  it('holds every game object class the scenes name', () => {
    const available = new Set([...coreBlock('GameObjects'), ...all(build, /core\.GameObjects\.([A-Za-z0-9]+) =/g)]);
    expect(available.has('Graphics')).toBe(true);
    const used = new Set(all(stageCode, /\bPhaser\.GameObjects\.([A-Za-z0-9]+)/g));
    expect([...used].filter((name) => !available.has(name))).toEqual([]);
  });

  it('holds every math helper the scenes name', () => {
    const available = coreBlock('Math');
    const used = new Set(all(stageCode, /\bPhaser\.Math\.([A-Za-z0-9]+)/g));
    expect([...used].filter((name) => !available.has(name))).toEqual([]);
  });

  it('registers every `add.<factory>` the scenes call', () => {
    const registered = new Set([...factoriesIn(core, PHASER_SRC), ...factoriesIn(build, dirname(BUILD_FILE))]);
    expect(registered.has('graphics') && registered.has('circle')).toBe(true);
    const used = new Set(all(stageCode, /\badd\.([a-z][A-Za-z0-9]*)\(/g));
    expect(used.size).toBeGreaterThan(2);
    expect([...used].filter((name) => !registered.has(name))).toEqual([]);
  });

  it("leaves out Phaser's sound, so no scene may use it (Howler plays the sound)", () => {
    expect(stageCode).not.toMatch(/\.sound\b/);
  });
});
