// The simulator's ending table for the draft: src/engine/design.ts's report (each ending's share
// under random play, informed play with random moves and informed play favouring each party; what
// always picking one move slot gives; the design rules), run in the page on demand for a number of
// runs the teacher picks from a short list, so the page stays responsive.
import type { Scenario } from '../../../src/content/schema';
import { designReport, type DesignReport } from '../../../src/engine/design';
import { button, h } from '../../ui/dom';
import { tt } from '../tt';

/** The choices of runs per player (1000 is `npm run simulate`'s): each answers in a second or two. */
export const SIM_RUNS = [100, 200, 500, 1000] as const;

const pct = (x: number) => `${Math.round(100 * x)} %`;

function reportTable(scenario: Scenario, report: DesignReport): HTMLElement {
  const players: Array<{ label: string; shares: Record<string, number> }> = [
    { label: tt('author.sim.random'), shares: report.random },
    { label: tt('author.sim.informed'), shares: report.informedRandomMoves },
    ...Object.entries(report.favouring).map(([party, shares]) => ({ label: tt('author.sim.favouring', { party }), shares })),
  ];
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table', 'data-sim-table': '' },
      h('caption', {}, tt('author.sim.caption', { runs: report.runs })),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, tt('author.sim.ending')), ...players.map((p) => h('th', { scope: 'col', class: 'num' }, p.label)))),
      h(
        'tbody',
        {},
        ...scenario.endings.map((e) =>
          h(
            'tr',
            { 'data-ending': e.id },
            h('th', { scope: 'row' }, e.title, h('span', { class: 'meta block' }, `${e.id} (${e.kind})`)),
            ...players.map((p) => h('td', { class: 'num' }, pct(p.shares[e.id] ?? 0))),
          ),
        ),
      ),
    ),
  );
}

/** The simulator section: a runs choice, a button, and the table with the design rules below it. */
export function simulatorSection(current: () => Promise<Scenario | undefined>): HTMLElement {
  const status = h('p', { class: 'meta', role: 'status', 'data-status': 'sim' });
  const output = h('div', { 'data-sim': '' });
  const runs = h('select', { id: 'sim-runs' }, ...SIM_RUNS.map((n) => h('option', { value: String(n), selected: n === 200 }, String(n))));
  const run = async () => {
    const scenario = await current();
    if (!scenario) {
      status.textContent = tt('author.sim.fixFirst');
      return;
    }
    status.textContent = tt('author.sim.running');
    output.replaceChildren();
    // After the status is painted: the report runs in one go.
    setTimeout(() => {
      const started = performance.now();
      let report: DesignReport;
      try {
        report = designReport(scenario, { runs: Number(runs.value), seed: 1 });
      } catch (e) {
        status.textContent = tt('author.sim.failed', { reason: e instanceof Error ? e.message : String(e) });
        return;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const rules = report.exemption
        ? [h('li', {}, tt('author.sim.exempt', { reason: report.exemption }))]
        : report.violations.length
          ? report.violations.map((v) => h('li', { class: 'form-error', 'data-violation': v.rule }, v.message))
          : [h('li', { 'data-violation': 'none' }, tt('author.sim.rulesMet'))];
      output.replaceChildren(
        reportTable(scenario, report),
        h('p', {}, tt('author.sim.reachable', { endings: report.successfulReachable.join(', ') || tt('author.sim.none') })),
        h('p', {}, tt('author.sim.slots', { slots: report.slotSuccess.map((s, k) => `${k + 1}: ${pct(s)}`).join('; ') })),
        h('h3', {}, tt('author.sim.rules')),
        h('ul', { class: 'problem-list' }, ...rules),
      );
      status.textContent = tt('author.sim.done', { id: scenario.id, seconds });
    }, 30);
  };
  return h(
    'section',
    { class: 'panel teacher-section sim-section', 'aria-labelledby': 'sim-heading' },
    h('h2', { id: 'sim-heading' }, tt('author.sim.heading')),
    h('p', { class: 'meta' }, tt('author.sim.help')),
    h('div', { class: 'menu row' }, h('label', { for: 'sim-runs', class: 'field-label' }, tt('author.sim.runs')), runs, button(tt('author.sim.run'), () => void run(), { 'data-action': 'simulate' })),
    status,
    output,
  );
}
