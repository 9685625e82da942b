// House rules as tests: the model in src/ never imports Phaser or Howler; scenes never compute
// scores, trust or endings (they read them from snapshots via the presenter); no file or content
// text reaches the page as HTML.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/contentFiles';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(ts|js)$/.test(e.name) ? [p] : [];
  });
}

describe('architecture boundaries', () => {
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
