// The authoring workbench's live check (issue 17 item 3): one scenario file's text, checked as
// `npm run content:check` checks a file in content/scenarios/ (syntax with positions, schema,
// references and verbatim quotes against the shipped passages, neutrality, numbers, authoring
// notes, duplicate questions, the question bank rules), each problem placed at its line and column
// of the draft. Pure: the page turns the results into editor marks.
import { checkAuthoringNotes, checkDuplicateQuestions, checkNeutrality, checkNumbers } from './audit';
import { checkBank, isBlocking } from './bankAudit';
import { parseJsonText, withPositions } from './diagnostics';
import { contentWithScenario } from './extend';
import type { Content, ContentError } from './loader';
import type { Scenario } from './schema';

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

/** Where a draft sits among the content files ("content/scenarios/<name>"): errors name this file. */
export function draftFile(name: string): string {
  return `content/scenarios/${name.replace(/^.*[\\/]/, '')}`;
}

/** A problem's words without its file: the editor shows it at its place. */
export function problemText(e: ContentError, otherFile = false): string {
  const wrote = e.value !== undefined ? ` (you wrote ${e.value})` : '';
  const fix = e.suggestion ? ` — ${e.suggestion.startsWith('`') || e.suggestion.startsWith('"') ? `did you mean ${e.suggestion}?` : e.suggestion}` : '';
  return `${otherFile ? `${e.file}: ` : ''}${e.field}${e.id ? ` (id "${e.id}")` : ''}: ${e.message}${wrote}${fix}`;
}

/**
 * Checks the text of one scenario file against `content` (the shipped content). `name` is the
 * file's name ("washington-2020.json"): a draft of that name replaces the shipped scenario of that
 * file, so opening a shipped scenario and changing it is not a duplicate. Problems come in text
 * order; an error in another file (a duplicate id found there) is placed at line 1.
 */
export function checkDraft(content: Content, name: string, text: string): DraftCheck {
  const file = draftFile(name);
  const parsed = parseJsonText(file, text);
  const place = (errors: readonly ContentError[], severity: (e: ContentError) => DraftSeverity): DraftProblem[] =>
    withPositions(errors.map((e) => fullField(e, file, parsed.value)), { [file]: parsed }).map((e) => {
      const own = e.file === file;
      return { severity: severity(e), line: own ? (e.line ?? 1) : 1, column: own ? (e.column ?? 1) : 1, field: e.field, message: problemText(e, !own) };
    });
  const sorted = (problems: DraftProblem[]) => problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (parsed.errors.length) return { problems: place(parsed.errors, () => 'error') };

  const loaded = contentWithScenario(content, file, parsed.value);
  if (!loaded.ok) return { problems: sorted(place(loaded.errors, () => 'error')) };
  const all = loaded.content;
  const id = Object.keys(all.files).find((k) => all.files[k] === file);
  const scenario = id ? all.scenarios[id] : undefined;
  if (!id || !scenario) return { problems: [] };
  // The draft alone for the checks that read a scenario at a time, so the shipped files' own
  // findings stay out of the draft's list; duplicate questions are looked for across all files.
  const alone: Content = { ...all, scenarios: { [id]: scenario }, scenarioOrder: scenario.tutorial ? [] : [id], files: { [id]: file } };
  const mine = (e: ContentError) => e.file === file;
  const errors = [...checkNeutrality(alone), ...checkNumbers(alone), ...checkAuthoringNotes(alone), ...checkDuplicateQuestions(all)].filter(mine);
  const findings = checkBank(alone).filter(mine);
  const problems = [
    ...place(errors, () => 'error'),
    ...place(findings, (f) => (isBlocking(f as (typeof findings)[number]) ? 'error' : 'warning')),
  ];
  return { problems: sorted(problems), scenario, content: all };
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
