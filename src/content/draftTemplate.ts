// A starting scenario for the workbench until `npm run content:new`'s template builder
// (src/content/template.ts, issue 17 item 5) is on main: a copy of a shipped scenario on the chosen
// source (the practice scenario when it uses it) under a new id, with its question ids made the
// new scenario's own, so it passes the checks and plays.
import type { Content } from './loader';

/** The text of a scenario file (2-space JSON) with id `id` on source `source`. */
export function draftTemplate(content: Content, id: string, source: string): string {
  const all = [...(content.tutorialId ? [content.tutorialId] : []), ...content.scenarioOrder].map((s) => content.scenarios[s]!);
  const base = all.find((s) => s.source === source) ?? all[0];
  if (!base) throw new Error('the content has no scenario to start from');
  const copy = structuredClone(base) as unknown as Record<string, unknown> & { meetings: Array<{ questions: Array<{ id: string }> }> };
  copy.id = id;
  copy.title = 'My scenario';
  delete copy.tutorial;
  copy.order = 50;
  for (const m of copy.meetings) for (const q of m.questions) q.id = `${id}-${q.id}`;
  return `${JSON.stringify(copy, null, 2)}\n`;
}
