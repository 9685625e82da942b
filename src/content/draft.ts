// The authoring workbench's live check (issue 17 item 3): one scenario file's text, checked as
// the game checks a teacher's scenario file (src/content/teacherScenarios.ts loadScenarioText:
// syntax with positions, schema, references and verbatim quotes against the shipped passages, and
// every rule of `npm run content:check` in src/content/checks.ts), with each problem kept as data
// and placed at its line and column of the draft, so the page can mark it in the editor.
// A draft that passes here is one the game opens. Pure.
import { authorChecks } from './checks';
import { parseJsonText, withPositions } from './diagnostics';
import { contentWithScenario } from './extend';
import type { Content, ContentError } from './loader';
import type { Scenario } from './schema';
import { MAX_SCENARIO_FILE_SIZE, TEACHER_FOLDER } from './teacherScenarios';

export type DraftSeverity = 'error' | 'warning';

export interface DraftProblem {
  severity: DraftSeverity;
  /** 1-based position in the draft's text (line 1, column 1 when the problem has no field). */
  line: number;
  column: number;
  /** The field path ("meetings.0.questions.2.evidence.0.quote") or "(file)". */
  field: string;
  /** The problem in plain words, with the value written and the likely fix when known. */
  message: string;
}

export interface DraftCheck {
  problems: DraftProblem[];
  /** The draft as a checked scenario, when it loads (even with warnings). */
  scenario?: Scenario;
  /** The shipped content with the draft in it, when the draft loads. */
  content?: Content;
}

/** A problem's words without its file (the editor shows it at its place); another file's is named. */
export function problemText(e: ContentError, otherFile = false): string {
  const wrote = e.value !== undefined ? ` (you wrote ${e.value})` : '';
  const fix = e.suggestion ? ` — ${e.suggestion.startsWith('`') || e.suggestion.startsWith('"') ? `did you mean ${e.suggestion}?` : e.suggestion}` : '';
  return `${otherFile ? `${e.file}: ` : ''}${e.field}${e.id ? ` (id "${e.id}")` : ''}: ${e.message}${wrote}${fix}`;
}

/**
 * Checks the text of one scenario file beside `content` (the shipped content) as the game would
 * check it as a teacher's file: a shipped scenario's id is refused as a duplicate, and so is a
 * practice scenario. `name` is the file's name, used only in words. Problems come in text order.
 */
export function checkDraft(content: Content, name: string, text: string): DraftCheck {
  const top = (message: string): DraftCheck => ({ problems: [{ severity: 'error', line: 1, column: 1, field: '(file)', message: `(file): ${message}` }] });
  if (text.length > MAX_SCENARIO_FILE_SIZE) return top(`the file is larger than ${MAX_SCENARIO_FILE_SIZE / 1024} KB, more than any scenario needs`);
  const parsed = parseJsonText(name, text.replace(/^\uFEFF/, ''));
  const raw = parsed.value as { id?: unknown; tutorial?: unknown } | null | undefined;
  const id = raw && typeof raw === 'object' && typeof raw.id === 'string' ? raw.id : 'scenario';
  // Where the game puts a teacher's file among the content (teacherScenarios.ts loadScenarioText).
  const file = `${TEACHER_FOLDER}${id.replace(/[^a-z0-9-]/g, '').slice(0, 64) || 'scenario'}.json`;
  const located = { [file]: parsed };
  const place = (errors: readonly ContentError[], severity: DraftSeverity): DraftProblem[] =>
    withPositions(errors.map((e) => fullField(e, file, parsed.value)), located).map((e) => {
      // The loader names a duplicate id in whichever file it reads second: either way it is the
      // draft's id that must change, and it is shown there.
      if (e.field === 'id' && e.id === id && /^duplicate scenario id/.test(e.message)) e = { ...e, file, ...parsed.locate('id'), message: `a scenario of the game already has the id "${id}": choose another` };
      const own = e.file === file;
      return { severity, line: own ? (e.line ?? 1) : 1, column: own ? (e.column ?? 1) : 1, field: e.field, message: problemText(e, !own) };
    });
  const sorted = (problems: DraftProblem[]) => problems.sort((a, b) => a.line - b.line || a.column - b.column);

  if (parsed.errors.length) return { problems: place(parsed.errors.map((e) => ({ ...e, file })), 'error') };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return top('a scenario file holds one JSON object { … }');
  if (raw.tutorial === true) {
    return { problems: place([{ file, field: 'tutorial', message: 'a practice scenario ("tutorial": true) cannot come from a file: remove the field' }], 'error') };
  }
  const loaded = contentWithScenario(content, file, raw);
  if (!loaded.ok) return { problems: sorted(place(loaded.errors, 'error')) };
  const all = loaded.content;
  const scenarioId = Object.keys(all.files).find((k) => all.files[k] === file);
  const scenario = scenarioId ? all.scenarios[scenarioId] : undefined;
  const checks = authorChecks(all, file);
  return { problems: sorted([...place(checks.errors, 'error'), ...place(checks.warnings, 'warning')]), scenario, content: all };
}

/** The path ("meetings.1.questions.0") of the object whose `id` is `id`, or undefined. */
function pathOfId(value: unknown, id: string, path: string[] = []): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (path.length && (value as { id?: unknown }).id === id) return path.join('.');
  for (const [key, child] of Object.entries(value)) {
    const found = pathOfId(child, id, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Some checks name a field inside its item ("prompt" of question "x") rather than from the top of
 * the file: such a field is prefixed with the item's path, so the problem sits at its line.
 */
function fullField(e: ContentError, file: string, value: unknown): ContentError {
  if (e.file !== file || !e.id || e.field === '(file)' || !value || typeof value !== 'object') return e;
  if (Object.hasOwn(value, e.field.split('.')[0]!)) return e;
  const at = pathOfId(value, e.id);
  return at ? { ...e, field: `${at}.${e.field}` } : e;
}
