// Starting points for the workbench: a copy of a shipped scenario under a new id (its question ids
// made the copy's own, since a question id is unique across all scenarios), so it loads beside the
// original; and, until `npm run content:new`'s template builder (issue 17 item 5) is on main, a
// template that is such a copy of the first timeline scenario on the chosen source.
import type { Content } from './loader';

/** The text of a scenario file (2-space JSON): shipped scenario `fromId` as scenario `id`. */
export function scenarioCopy(content: Content, fromId: string, id: string, title?: string): string {
  const base = content.scenarios[fromId];
  if (!base) throw new Error(`no scenario "${fromId}"`);
  const copy = structuredClone(base) as unknown as Record<string, unknown> & { meetings: Array<{ questions: Array<{ id: string }> }> };
  copy.id = id;
  if (title) copy.title = title;
  delete copy.tutorial;
  for (const m of copy.meetings) for (const q of m.questions) q.id = `${id}-${q.id}`;
  return `${JSON.stringify(copy, null, 2)}\n`;
}

/** A starting scenario `id` on source `source` (a copy of the first timeline scenario that uses it). */
export function draftTemplate(content: Content, id: string, source: string): string {
  const from = content.scenarioOrder.find((s) => content.scenarios[s]!.source === source) ?? content.scenarioOrder[0];
  if (!from) throw new Error('the content has no scenario to start from');
  return scenarioCopy(content, from, id, 'My scenario');
}
