// Scenario files a class can use without a rebuild (issue 17 item 4): a teacher's scenario file,
// opened by a student in the game, carried by a link, or a draft from the authoring workbench, is
// read with positions, added to the shipped content through the loader (contentWithScenario) and
// held to every check `npm run content:check` makes (src/content/checks.ts), so it plays exactly
// like a shipped scenario: same engine, saves, replay codes, results files and dashboard.
// Content from a file is data only: it is parsed as JSON and validated, never run, and every text
// in it is shown as text, never as HTML. Its quotes must stand in the passages shipped with the game.
import { authorChecks, formatWarning } from './checks';
import { parseJsonText, withPositions } from './diagnostics';
import { contentWithScenario } from './extend';
import { formatContentError, type Content, type ContentError } from './loader';
import { MAX_SCENARIO_FILE_SIZE } from '../persistence/teacherScenarios';

/** Where teacher scenarios sit among the content's files (`Content.files`). */
export const TEACHER_FOLDER = 'content/scenarios/teacher/';

export { MAX_SCENARIO_FILE_SIZE };

export type TeacherScenarioLoad =
  | {
      ok: true;
      /** The content with the scenario added, and marked in `teacherScenarios`. */
      content: Content;
      scenarioId: string;
      /** Advice the file does not follow (bank warnings), one line each: `file:line:column: …`. */
      warnings: string[];
    }
  | {
      ok: false;
      /** Every problem, one line each, for an author: `file:line:column: field (id "x"): message …`. */
      errors: string[];
    };

/** The name errors give the file: the name the teacher gave it, without folders. */
const displayName = (fileName: string) => fileName.replace(/^.*[\\/]/, '').slice(0, 120) || 'scenario.json';

/**
 * Loads one scenario file's text beside `content` (the shipped content, possibly already holding
 * other teacher scenarios): parsed with positions, checked by the loader and by every author check,
 * errors named by `fileName` with line and column. Never throws.
 *
 * A file replaces an earlier teacher scenario of the same id (a teacher's corrected copy), never a
 * shipped one (a shipped id is refused as a duplicate). A practice scenario (`"tutorial": true`)
 * cannot come from a file: the game's own practice is the one students learn the controls with.
 */
export function loadScenarioText(content: Content, fileName: string, text: string): TeacherScenarioLoad {
  const name = displayName(fileName);
  const fail = (message: string, extra: Partial<ContentError> = {}): TeacherScenarioLoad => ({ ok: false, errors: [formatContentError({ file: name, field: '(file)', message, ...extra })] });
  if (typeof text !== 'string') return fail('this is not a text file');
  if (text.length > MAX_SCENARIO_FILE_SIZE) return fail(`the file is larger than ${MAX_SCENARIO_FILE_SIZE / 1024} KB, more than any scenario needs`);
  const parsed = parseJsonText(name, text.replace(/^\uFEFF/, ''));
  if (parsed.errors.length) return { ok: false, errors: parsed.errors.map(formatContentError) };
  const raw = parsed.value as { id?: unknown; tutorial?: unknown } | null;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('a scenario file holds one JSON object { … }');
  if (raw.tutorial === true) return fail('a practice scenario ("tutorial": true) cannot come from a file: remove the field');

  // Kept in a folder of its own inside the content, named by its id: it never takes a shipped
  // file's place (a shipped id is refused as a duplicate), and two teacher files never collide by
  // file name; an earlier teacher scenario of the same id is left out, so the new file replaces it.
  const id = typeof raw.id === 'string' ? raw.id : 'scenario';
  const path = `${TEACHER_FOLDER}${id.replace(/[^a-z0-9-]/g, '').slice(0, 64) || 'scenario'}.json`;
  const base = typeof raw.id === 'string' && content.teacherScenarios?.includes(raw.id) ? withoutScenario(content, raw.id) : content;
  const loaded = contentWithScenario(base, path, raw);
  const rename = (e: ContentError): ContentError => (e.file === path ? { ...e, file: name } : e);
  const located = { [name]: parsed };
  if (!loaded.ok) return { ok: false, errors: withPositions(loaded.errors.map(rename), located).map(formatContentError) };

  const scenarioId = Object.keys(loaded.content.files).find((k) => loaded.content.files[k] === path)!;
  const checks = authorChecks(loaded.content, path);
  if (checks.errors.length) return { ok: false, errors: withPositions(checks.errors.map(rename), located).map(formatContentError) };
  const teacherScenarios = [...(base.teacherScenarios ?? []).filter((t) => t !== scenarioId), scenarioId];
  return {
    ok: true,
    content: { ...loaded.content, teacherScenarios },
    scenarioId,
    warnings: checks.warnings.map((w) => formatWarning({ ...w, ...withPositions([rename(w)], located)[0]! })),
  };
}

/** `content` without one of its scenarios (a teacher scenario being replaced or removed). */
export function withoutScenario(content: Content, id: string): Content {
  const drop = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== id));
  return {
    ...content,
    scenarios: drop(content.scenarios),
    versions: drop(content.versions),
    files: drop(content.files),
    scenarioOrder: content.scenarioOrder.filter((s) => s !== id),
    ...(content.teacherScenarios ? { teacherScenarios: content.teacherScenarios.filter((s) => s !== id) } : {}),
  };
}

/** Whether a scenario came from a teacher's file rather than with the game. */
export const isTeacherScenario = (content: Content, id: string): boolean => content.teacherScenarios?.includes(id) ?? false;

/**
 * Loads several files in turn (those kept on the device, say): each is checked beside the shipped
 * content and the ones before it. Files that fail are reported and left out; the rest load.
 */
export function loadScenarioTexts(content: Content, files: ReadonlyArray<{ name: string; text: string }>): { content: Content; failed: Array<{ name: string; errors: string[] }> } {
  let current = content;
  const failed: Array<{ name: string; errors: string[] }> = [];
  for (const file of files) {
    const result = loadScenarioText(current, file.name, file.text);
    if (result.ok) current = result.content;
    else failed.push({ name: file.name, errors: result.errors });
  }
  return { content: current, failed };
}
