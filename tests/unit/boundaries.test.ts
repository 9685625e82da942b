// House rules as tests: the model in src/ never imports Phaser or Howler; scenes never compute
// scores, trust or endings (they read them from snapshots via the presenter); no file or content
// text reaches the page as HTML.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/contentFiles';
import { firstLoad, loadedWith } from '../../src/cli/moduleGraph';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(ts|js)$/.test(e.name) ? [p] : [];
  });
}

/** The lines (1-based) of a module's top-level awaits: `await` and `for await` outside any function. */
function topLevelAwaits(code: string): number[] {
  const file = ts.createSourceFile('m.ts', code, ts.ScriptTarget.ES2022, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) lines.push(file.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

describe('architecture boundaries', () => {
  it('has no top-level await in the first load (one chunk in the build: a chunk loaded on demand imports it back, and a wait on that chunk would wait on itself)', () => {
    const offenders = [...firstLoad()].flatMap((f) => topLevelAwaits(readFileSync(f, 'utf8')).map((line) => `${relative(ROOT, f)}:${line}`));
    expect(offenders).toEqual([]);
    // The check finds one where it is, and not inside a function.
    expect(topLevelAwaits("const a = 1;\nif (a) { const b = await import('./b'); }")).toEqual([2]);
    expect(topLevelAwaits('async function f() { await g(); }\nconst h = async () => { for await (const x of y) x; };')).toEqual([]);
  });

  it("builds no content schema in a student's first load (zod's schemas cost tens of ms at 4× CPU before the menu works)", () => {
    // What the page runs (its entry, which imports the game) and what it imports once the menu works (the stage).
    const first = new Set([...firstLoad(), ...loadedWith([join(ROOT, 'scenes/stage/phaserStage.ts')])]);
    expect(first.has(join(ROOT, 'scenes/main.ts'))).toBe(true);
    expect(first.size).toBeGreaterThan(40);
    const schemaFiles = ['src/content/schema.ts', 'src/content/loader.ts'].map((f) => join(ROOT, f));
    expect([...first].filter((f) => schemaFiles.includes(f)).map((f) => relative(ROOT, f))).toEqual([]);
    // And the walk does reach the schema from a module that imports it for a value.
    expect(loadedWith([join(ROOT, 'src/content/teacherScenarios.ts')]).has(schemaFiles[0]!)).toBe(true);
  });

  it('keeps Phaser and Howler out of src/', () => {
    const offenders = sourceFiles(join(ROOT, 'src')).filter((f) => /from ['"](phaser|howler)['"]|import\(['"](phaser|howler)['"]\)|require\(['"](phaser|howler)/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('keeps game rules out of scenes/', () => {
    // Scenes may read the presenter's view; they must not score, clamp, check requirements or pick endings.
    const rule = /\b(scoreAnswer|understandingPoints|understanding\(|meetsRequirement|clamp\(|endingApplies|applyMove|answerPoints)\b|\.effects\.(trust|agreement)|\.when\.(every|some|filter)/;
    const offenders = sourceFiles(join(ROOT, 'scenes')).filter((f) => rule.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('never writes HTML from strings in scenes/', () => {
    const html = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/;
    const offenders = sourceFiles(join(ROOT, 'scenes')).filter((f) => html.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('never writes a style attribute in scenes/ (the CSP has no unsafe-inline: styles go through CSSOM or classes)', () => {
    const attribute = /\bstyle:\s*[`'"]|setAttribute\(\s*['"]style['"]/;
    const offenders = sourceFiles(join(ROOT, 'scenes')).filter((f) => attribute.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('detects a violation when one is planted (the checks can fail)', () => {
    expect(/\bstyle:\s*[`'"]|setAttribute\(\s*['"]style['"]/.test("h('span', { style: `background:${c}` })")).toBe(true);
    expect(/from ['"](phaser|howler)['"]/.test("import * as Phaser from 'phaser';")).toBe(true);
    expect(/\.(innerHTML|outerHTML)\s*=/.test('el.innerHTML = name')).toBe(true);
  });
});
