// `npm run simulate -- [--scenario ID] [--runs N] [--seed S] [--paths]`: plays N runs of each
// scenario with a random and a well-informed player and prints the ending distribution and
// average understanding per party, so an author sees an ending that is too easy or unreachable.
// Then the design report (src/engine/design.ts): ending shares for random play, informed play with
// random moves and informed play favouring each party, the successful endings informed play can
// reach, the success rate of each fixed move slot, and the design rules the scenario breaks.
// Every scenario by default, the tutorial included. The last line gives the time the simulation
// took ("… in X s", which `npm run bench` reads); the line before it the wall time since start-up.
import { parseArgs } from 'node:util';
import { formatContentError, loadContent } from '../content/loader';
import { designReport, type DesignReport } from '../engine/design';
import { exploreScenario } from '../engine/explore';
import { simulate, type StrategyName } from '../engine/simulate';
import { readContentFiles } from './contentFiles';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    runs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    paths: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run simulate -- [--scenario ID] [--runs N] [--seed S] [--paths]');
  process.exit(2);
}
const loaded = loadContent(readContentFiles().files);
if (!loaded.ok) {
  for (const e of loaded.errors) console.error(formatContentError(e));
  process.exit(1);
}
const { content } = loaded;
const ids = values.scenario ? [values.scenario] : [...content.scenarioOrder, ...(content.tutorialId ? [content.tutorialId] : [])];
for (const id of ids) {
  if (!content.scenarios[id]) {
    console.error(`no scenario "${id}" (have: ${Object.keys(content.scenarios).join(', ')})`);
    process.exit(2);
  }
}

const pct = (n: number) => `${Math.round((100 * n) / runs)}%`;
const share = (x: number) => `${Math.round(100 * x)}%`;
const shares = (s: Record<string, number>) => Object.entries(s).map(([e, x]) => `${e} ${share(x)}`).join(', ');
function printDesign(r: DesignReport): void {
  console.log(`  design (${r.runs} runs per player; successful = breakthrough):`);
  console.log(`    random play:                 ${shares(r.random)}`);
  console.log(`    right answers, random moves: ${shares(r.informedRandomMoves)}`);
  for (const [party, s] of Object.entries(r.favouring)) console.log(`    informed, favouring ${party.padEnd(16)} ${shares(s)}`);
  console.log(`    successful endings reachable by informed play: ${r.successfulReachable.length} (${r.successfulReachable.join(', ') || 'none'})`);
  console.log(`    success by fixed move slot: ${r.slotSuccess.map((x, k) => `slot ${k + 1} ${share(x)}`).join(', ')}`);
  console.log(`    random play success: ${share(r.randomSuccess)}`);
  for (const v of r.violations) console.log(`    RULE BROKEN (${v.rule}): ${v.message}`);
  if (r.exemption) console.log(`    design rules: not applied (${r.exemption})`);
  else if (!r.violations.length) console.log('    design rules: all hold');
}
const started = performance.now();
let designSeconds = 0;
let checked = 0;
for (const id of ids) {
  console.log(`\n${id} (${content.scenarios[id]!.title})`);
  for (const strategy of ['random', 'informed'] as StrategyName[]) {
    const t0 = performance.now();
    const s = simulate(content, id, strategy, runs, seed);
    const ms = Math.round(performance.now() - t0);
    checked += s.verified;
    const endings = Object.entries(s.endings).map(([e, n]) => `${e} ${pct(n)}`).join(', ');
    const understanding = Object.entries(s.understanding).map(([p, v]) => `${p} ${v}`).join(', ');
    console.log(`  ${strategy.padEnd(8)} ${runs} runs in ${ms} ms; ${s.averageDecisions} decisions on average`);
    console.log(`    endings: ${endings}`);
    console.log(`    understanding: ${understanding}`);
    const never = Object.entries(s.endings).filter(([, n]) => n === 0).map(([e]) => e);
    if (strategy === 'random' && never.length) console.log(`    note: random play never reached ${never.join(', ')}`);
  }
  const d0 = performance.now();
  printDesign(designReport(content.scenarios[id]!, { runs, seed }));
  designSeconds += (performance.now() - d0) / 1000;
  if (values.paths) {
    const e = exploreScenario(content.scenarios[id]!);
    console.log(`  paths: ${e.paths} (${e.states} states), longest ${e.longestDecisions} decisions, unreachable endings: ${e.unreachableEndings.join(', ') || 'none'}`);
    console.log(`    paths per ending: ${Object.entries(e.endingPaths).map(([ending, n]) => `${ending} ${n}`).join(', ')}`);
  }
}
// The design report is timed apart, so the figure `npm run bench` reads stays comparable.
const seconds = (performance.now() - started) / 1000 - designSeconds;
console.log(`\ndesign reports in ${designSeconds.toFixed(2)} s`);
const verified = checked ? `; ${checked} of them replayed through the statechart and agreed` : '';
console.log(`\nwall clock: ${(performance.now() / 1000).toFixed(2)} s since the process started (loading content included)${verified}`);
console.log(`simulated ${ids.length} scenario(s) × 2 strategies × ${runs} runs in ${seconds.toFixed(2)} s`);
