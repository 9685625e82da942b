// Class links: the settings a teacher chooses for a class (which scenarios and in what order, the
// question timer, hints, predictions, the seed, a class label), carried in one compact, URL-safe
// query parameter, `?class=...`. A link that cannot be read in full never stops a student: each bad
// setting is named in a message and replaced by its safe default, and the rest are kept.
//
// Wire format 2 (only [A-Za-z0-9._-], so it needs no escaping anywhere):
//   "2" . scenario ids joined by "_" . timer . hints . predictions . seed . label
// timer is "0" (off), "10" (×1), "15" (×1.5) or "20" (×2): tenths of each scenario's
// `questionSeconds`; hints is "h" (on) or "n" (off); predictions is "y" (the prediction step on)
// or "n" (off); seed is "p" (one per student) or a decimal number; label is the UTF-8 class label
// in base64url (empty for none). Format 1, written before predictions, is format 2 without the
// predictions field; it is still read, with predictions on.
// Format 3 is format 2 with one more field, the class's modes: a letter per mode that is on, in
// alphabetical order ("c": the learning-gain check before and after each scenario; "p": play in pairs). A link with no mode on is still written as format 2, so
// links that use nothing new read in builds that came before the modes.
import * as z from 'zod';
import type { Content } from '../content/loader';
import type { Scenario } from '../content/schema';
import type { RunSettings } from '../engine/scenarioMachine';
import { fromBase64url, toBase64url, utf8Decode, utf8Encode } from '../encoding/base64url';
import { t } from '../i18n';

export const CLASS_PARAM = 'class';
/** The format written when no mode is on. */
export const CLASS_FORMAT = '2';
/** The format written when a mode is on (see above). */
export const CLASS_FORMAT_MODES = '3';
/** Formats still read, with the number of dot-separated fields each has. */
const FIELDS_BY_FORMAT: Record<string, number> = { '1': 6, '2': 7, '3': 8 };
/** Each mode's letter in the modes field. */
const MODE_LETTERS = { check: 'c', pairs: 'p' } as const;
export const MAX_LABEL_LENGTH = 60;
/** More scenario ids than any class needs: a link with more is cut to this many. */
export const MAX_CLASS_SCENARIOS = 20;
/** Longer than any valid `class` value, so anything longer is not read at all. */
export const MAX_CLASS_PARAM_LENGTH = 2000;

export const TIMERS = ['off', 'x1', 'x1.5', 'x2'] as const;
export type Timer = (typeof TIMERS)[number];
export const TIMER_FACTOR: Record<Timer, number | null> = { off: null, x1: 1, 'x1.5': 1.5, x2: 2 };
const TIMER_CODE: Record<Timer, string> = { off: '0', x1: '10', 'x1.5': '15', x2: '20' };
const TIMER_BY_CODE = new Map(Object.entries(TIMER_CODE).map(([timer, code]) => [code, timer as Timer]));

// Schemas here and in the other parsers of outside input are z.lazy: built on first use, not as the
// page loads (each zod schema costs a little to construct, and the title menu needs none of them).
const SeedSchema = z.lazy(() => z.union([z.literal('per-student'), z.number().int().min(0).max(2 ** 32 - 1)]));

/** The fields of the settings, for this file's strict schema and a results file's lenient one. */
export const classSettingsShape = () => ({
  scenarios: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64)).max(MAX_CLASS_SCENARIOS),
  timer: z.enum(TIMERS),
  hints: z.boolean(),
  /**
   * false turns off the prediction step of moves with reactions; absent means on (so settings and
   * results files written before predictions read as they were).
   */
  predictions: z.boolean().optional(),
  seed: SeedSchema,
  label: z.string().max(MAX_LABEL_LENGTH),
  /**
   * true: students play in pairs (two names at the start, each move and prediction confirmed by
   * both); absent means alone, so settings written before pairs read as they were.
   */
  pairs: z.boolean().optional(),
  /**
   * true: a short check of the same understanding questions before and after each scenario
   * (src/engine/check.ts); absent means none, so settings written before the check read as they were.
   */
  check: z.boolean().optional(),
});

/** The settings as a whole, for files that carry them (a results file): structure only, no content. */
export const ClassSettingsSchema = z.lazy(() => z.strictObject(classSettingsShape()));

export type ClassSettings = z.infer<typeof ClassSettingsSchema>;

/** The defaults: every timeline scenario in timeline order, no timer, hints on, predictions on, a seed per student. */
export function defaultClassSettings(content: Content): ClassSettings {
  return { scenarios: [...content.scenarioOrder], timer: 'off', hints: true, seed: 'per-student', label: '' };
}

/** Control characters never belong in a label; other text is kept as typed (it is shown as text). */
export function cleanLabel(label: string): string {
  // eslint-disable-next-line no-control-regex
  return label.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

export interface ClassRead {
  /** The settings to use: those the link gave, with a safe default for each bad one. */
  settings: ClassSettings;
  /** One line per setting that was wrong, in words a teacher can act on; empty when all was well. */
  problems: string[];
}

const timerNames = TIMERS.join(', ');

/**
 * Checks settings from any source against the content: unknown or repeated scenario ids are
 * dropped, a bad timer, hints value or seed falls back to its default, a long label is cut.
 */
export function checkClassSettings(content: Content, raw: Partial<Record<keyof ClassSettings, unknown>>): ClassRead {
  const defaults = defaultClassSettings(content);
  const problems: string[] = [];
  const settings: ClassSettings = { ...defaults };

  if (raw.scenarios !== undefined) {
    const ids = z.array(z.unknown()).safeParse(raw.scenarios);
    if (!ids.success) problems.push(t('classLink.scenariosUnreadable'));
    else {
      const kept: string[] = [];
      for (const id of ids.data) {
        const known = typeof id === 'string' && Object.hasOwn(content.scenarios, id);
        if (!known) problems.push(t('classLink.unknownScenario', { id: String(id).slice(0, 64) }));
        else if (kept.includes(id)) problems.push(t('classLink.repeatedScenario', { id }));
        else kept.push(id);
      }
      if (kept.length > MAX_CLASS_SCENARIOS) {
        problems.push(t('classLink.tooManyScenarios', { max: MAX_CLASS_SCENARIOS }));
        kept.length = MAX_CLASS_SCENARIOS;
      }
      if (kept.length) settings.scenarios = kept;
      else problems.push(t('classLink.noScenario'));
    }
  }
  if (raw.timer !== undefined) {
    const timer = z.enum(TIMERS).safeParse(raw.timer);
    if (timer.success) settings.timer = timer.data;
    else problems.push(t('classLink.badTimer', { timer: String(raw.timer).slice(0, 16), timers: timerNames }));
  }
  if (raw.hints !== undefined) {
    const hints = z.boolean().safeParse(raw.hints);
    if (hints.success) settings.hints = hints.data;
    else problems.push(t('classLink.hintsUnreadable'));
  }
  if (raw.predictions !== undefined) {
    const predictions = z.boolean().safeParse(raw.predictions);
    // Only "off" is kept: on is the default, and absent means on.
    if (predictions.success) {
      if (predictions.data === false) settings.predictions = false;
    } else problems.push(t('classLink.predictionsUnreadable'));
  }
  if (raw.pairs !== undefined) {
    const pairs = z.boolean().safeParse(raw.pairs);
    // Only "on" is kept: alone is the default, and absent means alone.
    if (pairs.success) {
      if (pairs.data) settings.pairs = true;
    } else problems.push(t('classLink.pairsUnreadable'));
  }
  if (raw.check !== undefined) {
    const check = z.boolean().safeParse(raw.check);
    // Only "on" is kept, like pairs.
    if (check.success) {
      if (check.data) settings.check = true;
    } else problems.push(t('classLink.checkUnreadable'));
  }
  if (raw.seed !== undefined) {
    const seed = SeedSchema.safeParse(raw.seed);
    if (seed.success) settings.seed = seed.data;
    else problems.push(t('classLink.badSeed', { seed: String(raw.seed).slice(0, 16), max: 2 ** 32 - 1 }));
  }
  if (raw.label !== undefined) {
    if (typeof raw.label !== 'string') problems.push(t('classLink.labelUnreadable'));
    else {
      const label = cleanLabel(raw.label);
      if (label.length > MAX_LABEL_LENGTH) {
        problems.push(t('classLink.labelTooLong', { max: MAX_LABEL_LENGTH }));
        // Not between the two halves of a character such as an emoji (half of one is not text).
        settings.label = label.slice(0, MAX_LABEL_LENGTH).replace(/[\uD800-\uDBFF]$/, '').trim();
      } else settings.label = label;
    }
  }
  return { settings, problems };
}

/** The `class` parameter's value for these settings. Throws a RangeError for settings the schema rejects. */
export function encodeClassParam(settings: ClassSettings): string {
  const checked = ClassSettingsSchema.safeParse({ ...settings, label: cleanLabel(settings.label) });
  if (!checked.success) throw new RangeError(`these class settings cannot be put in a link: ${checked.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`);
  const s = checked.data;
  const modes = `${s.check ? MODE_LETTERS.check : ''}${s.pairs ? MODE_LETTERS.pairs : ''}`;
  return [
    modes ? CLASS_FORMAT_MODES : CLASS_FORMAT,
    s.scenarios.join('_'),
    TIMER_CODE[s.timer],
    s.hints ? 'h' : 'n',
    s.predictions === false ? 'n' : 'y',
    s.seed === 'per-student' ? 'p' : String(s.seed),
    toBase64url(utf8Encode(s.label)),
    ...(modes ? [modes] : []),
  ].join('.');
}

/** Reads a `class` parameter's value. Never throws: what cannot be read is listed in `problems`. */
export function decodeClassParam(content: Content, value: string): ClassRead {
  const defaults = defaultClassSettings(content);
  const unreadable = (why: string): ClassRead => ({ settings: defaults, problems: [why] });
  if (typeof value !== 'string' || value.length > MAX_CLASS_PARAM_LENGTH) return unreadable(t('classLink.tooLong'));
  const parts = value.trim().split('.');
  const problems: string[] = [];
  const format = parts[0] ?? '';
  if (!Object.hasOwn(FIELDS_BY_FORMAT, format)) {
    return unreadable(/^\d+$/.test(format) ? t('classLink.otherVersion', { format }) : t('classLink.unreadable'));
  }
  if (parts.length !== FIELDS_BY_FORMAT[format]) return unreadable(t('classLink.incomplete'));
  // Format 1 had no predictions field: its links keep predictions on.
  if (format === '1') parts.splice(4, 0, 'y');
  const [, ids, timerCode, hintsCode, predictionsCode, seedCode, labelCode, modesCode = ''] = parts as [string, string, string, string, string, string, string, string?];
  const raw: Partial<Record<keyof ClassSettings, unknown>> = {};
  const unknownModes = modesCode.replace(new RegExp(`[${Object.values(MODE_LETTERS).join('')}]`, 'g'), '');
  if (unknownModes) problems.push(t('classLink.unknownModes', { modes: unknownModes.slice(0, 16) }));
  if (modesCode.includes(MODE_LETTERS.pairs)) raw.pairs = true;
  if (modesCode.includes(MODE_LETTERS.check)) raw.check = true;
  raw.predictions = predictionsCode === 'y' ? true : predictionsCode === 'n' ? false : predictionsCode;
  raw.scenarios = ids === '' ? [] : ids.split('_');
  raw.timer = TIMER_BY_CODE.get(timerCode) ?? timerCode;
  raw.hints = hintsCode === 'h' ? true : hintsCode === 'n' ? false : hintsCode;
  raw.seed = seedCode === 'p' ? 'per-student' : /^\d{1,10}$/.test(seedCode) ? Number(seedCode) : seedCode;
  const labelBytes = fromBase64url(labelCode);
  const label = labelBytes ? utf8Decode(labelBytes) : null;
  raw.label = label ?? 0; // not a string: reported as unreadable
  const checked = checkClassSettings(content, raw);
  return { settings: checked.settings, problems: [...checked.problems, ...problems] };
}

/**
 * Reads the class settings from a page's query string or a whole link. `null` when it has no
 * `class` parameter (the game is played outside a class).
 */
export function readClassLink(content: Content, urlOrSearch: string): ClassRead | null {
  let value: string | null;
  try {
    const query = urlOrSearch.includes('?') ? urlOrSearch.slice(urlOrSearch.indexOf('?')) : urlOrSearch;
    value = new URLSearchParams(query.split('#')[0]).get(CLASS_PARAM);
  } catch {
    value = null;
  }
  return value === null ? null : decodeClassParam(content, value);
}

/** The problems of a class link as one message for the student's screen, or null when there are none. */
export function classLinkMessage(read: ClassRead | null): string | null {
  if (!read || read.problems.length === 0) return null;
  return t('classLink.message', { problems: read.problems.join('; ') });
}

/** The link a teacher hands out: `baseUrl` with `?class=...` (other parameters kept, except teacher, run and class; hash dropped). */
export function classLink(baseUrl: string, settings: ClassSettings): string {
  const hashless = baseUrl.split('#')[0]!;
  const q = hashless.indexOf('?');
  const path = q < 0 ? hashless : hashless.slice(0, q);
  const dropped = new Set(['teacher', 'run', CLASS_PARAM]);
  const params = (q < 0 ? '' : hashless.slice(q + 1)).split('&').filter((p) => p !== '' && !dropped.has(p.split('=')[0]!));
  params.push(`${CLASS_PARAM}=${encodeClassParam(settings)}`);
  return `${path}?${params.join('&')}`;
}

export interface ScenarioRunOptions {
  settings: RunSettings;
  /** The seed every student gets, or null for one per student (the game draws it). */
  seed: number | null;
}

/** What the engine needs to start a scenario in this class: timer seconds, hints, predictions, the check and the seed. */
export function runSettingsFor(settings: ClassSettings, scenario: Scenario): ScenarioRunOptions {
  const factor = TIMER_FACTOR[settings.timer];
  return {
    settings: {
      timerSeconds: factor === null ? null : Math.max(1, Math.round(scenario.questionSeconds * factor)),
      hintsEnabled: settings.hints,
      // Only an "off" is written: runs with predictions on keep the settings (and codes) they had.
      ...(settings.predictions === false ? { predictions: false } : {}),
      ...(settings.check ? { check: true } : {}),
    },
    seed: settings.seed === 'per-student' ? null : settings.seed >>> 0,
  };
}
