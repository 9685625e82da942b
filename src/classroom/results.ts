// A student's results: who they are, which class, and the replay code of each finished run. Saved
// as a small JSON file or copied as a results code (the same JSON in base64url). Nothing in it is
// trusted: a score someone wrote into a file is dropped on reading, and the dashboard replays each
// run code through the engine to find out what really happened.
import * as z from 'zod';
import { MAX_CODE_LENGTH } from '../replay/code';
import type { HistoryEntry } from '../replay/history';
import { fromBase64url, toBase64url, utf8Decode, utf8Encode } from '../encoding/base64url';
import { t } from '../i18n';
import { classSettingsShape, cleanLabel, MAX_LABEL_LENGTH, type ClassSettings } from './classLink';

export const RESULTS_FORMAT = 'envoy-results';
export const RESULTS_VERSION = 1;
/** Anything larger is not read: a real results file is a few kilobytes. */
export const MAX_RESULTS_SIZE = 200 * 1024;
export const MAX_NAME_LENGTH = 60;
/** More runs than a class needs (the history on a device keeps 20). */
export const MAX_RESULTS_RUNS = 100;

const RunEntrySchema = z.lazy(() =>
  z.object({
    scenarioId: z.string().min(1).max(64),
    code: z.string().min(1).max(MAX_CODE_LENGTH).regex(/^[A-Za-z0-9_-]+$/, { error: () => t('results.reason.notReplayCode') }),
  }),
);

// `z.object` (not strict) on purpose: unknown keys such as a "score" are dropped, never read.
// Built on first use (z.lazy), like every parser of outside input: see classLink.ts.
const ResultsFileSchema = z.lazy(() =>
  z.object({
    format: z.literal(RESULTS_FORMAT),
    version: z.literal(RESULTS_VERSION),
    name: z.string(),
    // Playing in pairs: the second player's name (the first is `name`); absent for one student.
    partner: z.string().optional().catch(undefined),
    classLabel: z.string().max(MAX_LABEL_LENGTH),
    // Informational only (the run codes carry the settings each run was played with): settings
    // that cannot be read are taken as none rather than costing the student their results.
    settings: z.object(classSettingsShape()).nullable().catch(null),
    runs: z.array(RunEntrySchema).max(MAX_RESULTS_RUNS),
  }),
);

export interface ResultsRun {
  scenarioId: string;
  code: string;
}

export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  version: typeof RESULTS_VERSION;
  /** Plain text as the student typed it: always shown as text, never as HTML. */
  name: string;
  /** Playing in pairs, the second player's name (plain text, like `name`); the runs count for both. */
  partner?: string;
  classLabel: string;
  /** The class settings the student played under, or null outside a class. Informational only. */
  settings: ClassSettings | null;
  /** In the order played, oldest first. */
  runs: ResultsRun[];
}

export type ParsedResults = { ok: true; results: ResultsFile } | { ok: false; reason: string };

// Worded from the locale file when they are needed, so they follow the current locale.
const REASONS = {
  get tooLarge() {
    return t('results.reason.tooLarge', { size: MAX_RESULTS_SIZE / 1024 });
  },
  get notJson() {
    return t('results.reason.notJson');
  },
  get notResults() {
    return t('results.reason.notResults');
  },
  otherVersion: (v: unknown) => t('results.reason.otherVersion', { version: String(v).slice(0, 12) }),
  get noName() {
    return t('results.reason.noName');
  },
  get longName() {
    return t('results.reason.longName', { max: MAX_NAME_LENGTH });
  },
  get notCode() {
    return t('results.reason.notCode');
  },
  damaged: (where: string) => t('results.reason.damaged', { where }),
};

const length = (text: string) => [...text].length;

/** The name as stored: trimmed, control characters other than line breaks and tabs turned into spaces. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+/g, ' ').trim();
}

function nameProblem(name: string): string | null {
  if (name === '') return REASONS.noName;
  if (length(name) > MAX_NAME_LENGTH) return REASONS.longName;
  return null;
}

export type MadeResults = { ok: true; file: ResultsFile } | { ok: false; message: string };

/** A results file for a student. Fails (with a message for the student) on an empty or long name. */
export function makeResults(input: { name: string; partner?: string | null; settings: ClassSettings | null; runs: readonly ResultsRun[] }): MadeResults {
  const name = cleanName(input.name);
  const partner = input.partner == null ? null : cleanName(input.partner);
  if (name === '' || partner === '') return { ok: false, message: t(partner === null ? 'handin.needName' : 'handin.needNames') };
  if (length(name) > MAX_NAME_LENGTH || length(partner ?? '') > MAX_NAME_LENGTH) return { ok: false, message: t('results.nameTooLong', { max: MAX_NAME_LENGTH }) };
  const file: ResultsFile = {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    name,
    ...(partner === null ? {} : { partner }),
    classLabel: cleanLabel(input.settings?.label ?? ''),
    settings: input.settings,
    runs: input.runs.slice(-MAX_RESULTS_RUNS).map((r) => ({ scenarioId: r.scenarioId, code: r.code })),
  };
  const checked = ResultsFileSchema.safeParse(file);
  if (!checked.success) return { ok: false, message: t('results.cannotSave') };
  return { ok: true, file };
}

/**
 * The runs a student hands in, from the run history on their device (newest first): the finished
 * runs of the class's scenarios (all scenarios outside a class), oldest first. `offered` (the
 * scenarios the game offered in the class, teacher's files included) widens the class's list.
 */
export function resultsRunsFromHistory(entries: readonly HistoryEntry[], settings: ClassSettings | null, offered: readonly string[] = [], practiceId: string | null = null): ResultsRun[] {
  const wanted = settings ? new Set([...settings.scenarios, ...offered]) : null;
  return entries
    // The practice says "nothing here counts": its runs never go into a results file.
    .filter((e) => e.scenarioId !== practiceId && (!wanted || wanted.has(e.scenarioId)))
    .reverse()
    .map((e) => ({ scenarioId: e.scenarioId, code: e.code }));
}

export const resultsFileText = (file: ResultsFile): string => `${JSON.stringify(file, null, 2)}\n`;

/** The results code: the file's JSON in base64url, for copy and paste. */
export const resultsCode = (file: ResultsFile): string => toBase64url(utf8Encode(JSON.stringify(file)));

/** Letters that do not decompose into a base letter and a mark. */
const FOLDS: Record<string, string> = { Đ: 'D', đ: 'd', Ł: 'L', ł: 'l', Ø: 'O', ø: 'o', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', ß: 'ss', Þ: 'Th', þ: 'th' };

/** A file name from the student's name: letters and digits only, so it is safe on every system. */
export function resultsFileName(file: ResultsFile): string {
  const slug = file.name
    .replace(/[ĐđŁłØøÆæŒœßÞþ]/g, (c) => FOLDS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return `envoy-results-${slug || 'student'}.json`;
}

/** Reads a results file's text. Never throws. */
export function parseResultsFile(text: unknown): ParsedResults {
  try {
    return parseFile(text);
  } catch {
    return { ok: false, reason: REASONS.notResults };
  }
}

function parseFile(text: unknown): ParsedResults {
  if (typeof text !== 'string') return { ok: false, reason: REASONS.notResults };
  if (text.length > MAX_RESULTS_SIZE) return { ok: false, reason: REASONS.tooLarge };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, reason: REASONS.notJson };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, reason: REASONS.notResults };
  const head = json as { format?: unknown; version?: unknown; name?: unknown };
  if (head.format !== RESULTS_FORMAT) return { ok: false, reason: REASONS.notResults };
  if (head.version !== RESULTS_VERSION) {
    // Only a number is a version; anything else is a damaged file, not one from another Envoy.
    return { ok: false, reason: typeof head.version === 'number' ? REASONS.otherVersion(head.version) : REASONS.damaged(t('results.reason.noVersion')) };
  }
  if (typeof head.name !== 'string') return { ok: false, reason: REASONS.noName };
  const problem = nameProblem(cleanName(head.name)) ?? (typeof (json as { partner?: unknown }).partner === 'string' ? nameProblem(cleanName((json as { partner: string }).partner)) : null);
  if (problem) return { ok: false, reason: problem };
  const parsed = ResultsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.map(String).join('.') : t('results.reason.wholeFile');
    // A teacher reads this: a missing field is named in words, not in the validator's terms.
    const missing = issue.code === 'invalid_type' && issue.path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), json) === undefined;
    const problem = missing ? t('results.reason.missing') : issue.message;
    return { ok: false, reason: REASONS.damaged(t('results.reason.damagedAt', { where, problem }).slice(0, 160)) };
  }
  const data = parsed.data;
  return {
    ok: true,
    results: {
      format: RESULTS_FORMAT,
      version: RESULTS_VERSION,
      name: cleanName(data.name),
      ...(data.partner === undefined ? {} : { partner: cleanName(data.partner) }),
      classLabel: cleanLabel(data.classLabel),
      settings: data.settings,
      runs: data.runs.map((r) => ({ scenarioId: r.scenarioId, code: r.code })),
    },
  };
}

/** Reads a results code (whitespace inside it, from line wrapping, is ignored). Never throws. */
export function parseResultsCode(code: unknown): ParsedResults {
  try {
    if (typeof code !== 'string') return { ok: false, reason: REASONS.notCode };
    if (code.length > MAX_RESULTS_SIZE) return { ok: false, reason: REASONS.tooLarge };
    const bytes = fromBase64url(code.replace(/\s+/g, ''));
    if (!bytes || bytes.length === 0) return { ok: false, reason: REASONS.notCode };
    const text = utf8Decode(bytes);
    if (text === null) return { ok: false, reason: REASONS.notCode };
    const parsed = parseFile(text);
    return parsed.ok || parsed.reason !== REASONS.notJson ? parsed : { ok: false, reason: REASONS.notCode };
  } catch {
    return { ok: false, reason: REASONS.notCode };
  }
}

/** A file's text or a pasted code: JSON is read as a file, anything else as a code. Never throws. */
export function parseResults(text: unknown): ParsedResults {
  if (typeof text === 'string' && text.trimStart().replace(/^\uFEFF/, '').startsWith('{')) return parseResultsFile(text);
  return parseResultsCode(text);
}

/**
 * Splits pasted text into results codes: one per line or separated by spaces or commas. A piece
 * that does not start like a results code ("eyJ", the base64url of `{"`) is taken as the rest of
 * the one before it, broken by line wrapping in an e-mail or a chat.
 */
export function splitPastedCodes(text: string): string[] {
  if (typeof text !== 'string') return [];
  const codes: string[] = [];
  for (const piece of text.slice(0, MAX_RESULTS_SIZE * 10).split(/[\s,;]+/)) {
    if (piece === '') continue;
    if (!piece.startsWith('eyJ') && codes.length) codes[codes.length - 1] += piece;
    else codes.push(piece);
  }
  return codes;
}
