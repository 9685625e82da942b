// Starting points for the workbench: a copy of a shipped scenario under a new id (its question ids
// made the copy's own, since a question id is unique across all scenarios), so it loads beside the
// original; and the template `npm run content:new` writes (src/content/template.ts), so a teacher
// starts from the same file in the workbench and in a terminal.
import type { Content } from './loader';
import { templateText } from './template';

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

/** A starting scenario `id` on source `source`: the template of `content:new` (throws on an unknown source). */
export function draftTemplate(content: Content, id: string, source: string): string {
  return templateText(content, { id, source });
}
