// Which scenario a browser test plays, chosen from the content rather than named, so a scenario a
// teacher adds (or a rewrite of a shipped one) is picked by the same rule.
import type { Content } from '../../src/content/loader';
import type { Scenario } from '../../src/content/schema';

/** The non-practice scenario whose questions are of the most types (a walk through it meets them all). */
export function richestScenario(content: Content): Scenario {
  return content.scenarioOrder
    .map((id) => content.scenarios[id]!)
    .map((s) => ({ s, types: new Set(s.meetings.flatMap((m) => m.questions.map((q) => q.type))).size }))
    .sort((a, b) => b.types - a.types)[0]!.s;
}
