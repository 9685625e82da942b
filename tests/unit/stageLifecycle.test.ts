// Every stage scene subscribes through its run (scenes/stage/sceneRun.ts), so nothing it listens to
// outlives it and no callback of an ended run touches its objects. The browser test
// (tests/e2e/stage.test.ts) counts listeners on the screens a run reaches; this reads every scene's
// source, so a new scene or a new subscription cannot go around the run unseen.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/contentFiles';

const STAGE = join(ROOT, 'scenes', 'stage');
const scenes = readdirSync(STAGE)
  .filter((f) => f.endsWith('.ts'))
  .map((file) => ({ file, code: readFileSync(join(STAGE, file), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '') }))
  .filter(({ code }) => /extends Phaser\.Scene\b/.test(code));

/** Names bound to a guarded callback: `const x = run.guard(` or `this.run.guard(`. */
const guardedNames = (code: string) => new Set([...code.matchAll(/const (\w+) = (?:this\.)?run\.guard\(/g)].map((m) => m[1]!));

/** Places where a scene hands a callback to something that may call it after the scene has shut down. */
function unguarded(code: string): string[] {
  const guarded = guardedNames(code);
  const found: string[] = [];
  // Emitters and subscriptions: only the run's own `on` and `subscribe`.
  for (const m of code.matchAll(/([\w.]*)\.(on|once|addListener|addEventListener|subscribe|onChange)\(/g)) {
    if (!/(^|\.)run$/.test(m[1]!)) found.push(m[0]);
  }
  // Promise, timer and tween callbacks: guarded by the run.
  for (const m of code.matchAll(/(\.then\(|setTimeout\(|setInterval\(|requestAnimationFrame\(|delayedCall\([^,]*,\s*|on(?:Update|Complete|Start|Repeat|Yoyo|Loop):)\s*([\w.$]*)/g)) {
    const callback = m[2]!;
    if (!/^(this\.)?run\.guard$/.test(callback) && !guarded.has(callback)) found.push(m[0]);
  }
  return found;
}

describe('stage scenes subscribe only through their run', () => {
  it('finds the scenes', () => {
    expect(scenes.map((s) => s.file)).toContain('TitleScene.ts');
    expect(scenes.length).toBeGreaterThan(4);
  });

  it('starts a run in every scene', () => {
    expect(scenes.filter(({ code }) => !/beginRun\(this\)/.test(code)).map((s) => s.file)).toEqual([]);
  });

  it('gives no emitter, subscription, promise, timer or tween a callback of its own', () => {
    const found = Object.fromEntries(scenes.map(({ file, code }) => [file, unguarded(code)]).filter(([, list]) => (list as string[]).length > 0));
    expect(found).toEqual({});
  });

  it('recognises a subscription around the run (the check can fail)', () => {
    expect(unguarded("this.scale.on('resize', () => this.scene.restart(data), this);")).toHaveLength(1);
    expect(unguarded('session.subscribe(() => this.update$());')).toHaveLength(1);
    expect(unguarded('void fonts.then(() => this.layout());')).toHaveLength(1);
    expect(unguarded('this.tweens.add({ targets, onUpdate: () => target.setSize(1, 1) });')).toHaveLength(1);
    expect(unguarded('run.on(game.events, REDRAW, redraw); void fonts.then(run.guard(() => run.redraw()));')).toEqual([]);
  });
});
