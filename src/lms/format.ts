// How values are written for each SCORM version: times and durations, interaction responses and
// results, and the score. Pure functions of their input; the reporter does the API calls.
import type { ScormVersion } from './findApi';

// ---------------------------------------------------------------------------------------------
// Interactions, version-neutral

/** SCORM's interaction types used by Envoy: sort questions are `matching`, order questions `sequencing`. */
export type InteractionType = 'choice' | 'true-false' | 'matching' | 'sequencing';

/** A response by position: indices into the interaction's `sources` (and `targets` for matching). */
export type InteractionResponse =
  | { type: 'true-false'; value: boolean }
  | { type: 'choice'; chosen: number[] }
  | { type: 'matching'; pairs: Array<[source: number, target: number]> }
  | { type: 'sequencing'; order: number[] };

/** One answered question, as the LMS is told it. */
export interface Interaction {
  /** The question id (ids are unique across the content). */
  id: string;
  type: InteractionType;
  /** The prompt, shortened to what SCORM 2004 keeps (250 characters). */
  description: string;
  /** The question's difficulty (1..3). */
  weighting: number;
  /** Option ids (choice), statement ids (matching) or event ids in their right order (sequencing). */
  sources: string[];
  /** The categories of a matching question (party ids); empty otherwise. */
  targets: string[];
  /** What the student answered; null when the timer ran out first. */
  learnerResponse: InteractionResponse | null;
  /** Every response that scores full marks (a choice question may have more than one right option). */
  correctResponses: InteractionResponse[];
  /** Share of the answer that was right, 0..1 (partial for sort and order questions). */
  fraction: number;
  /** When it was answered (ms since the epoch). */
  answeredAt: number;
  /** From the question appearing to the answer, when known (ms). */
  latencyMs: number | null;
}

// ---------------------------------------------------------------------------------------------
// Times

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Centiseconds, the precision both versions keep. */
const centis = (ms: number) => Math.max(0, Math.round((Number.isFinite(ms) ? ms : 0) / 10));

/** SCORM 2004 timeinterval (ISO 8601 duration): `PT#H#M#S`, seconds to two decimals. */
export function duration2004(ms: number): string {
  const cs = centis(ms);
  const h = Math.floor(cs / 360_000);
  const m = Math.floor(cs / 6000) % 60;
  const s = (cs % 6000) / 100;
  return `PT${h}H${m}M${String(s)}S`;
}

/** SCORM 1.2 CMITimespan: `HHHH:MM:SS.SS` (hours capped at 9999). */
export function timespan12(ms: number): string {
  const cs = Math.min(centis(ms), 9999 * 360_000 + 359_999);
  const h = Math.floor(cs / 360_000);
  const m = Math.floor(cs / 6000) % 60;
  const s = cs % 6000;
  return `${pad(h, 4)}:${pad(m, 2)}:${pad(Math.floor(s / 100), 2)}.${pad(s % 100, 2)}`;
}

/**
 * SCORM 2004 time (second,10,0): `YYYY-MM-DDThh:mm:ss.ssZ` in UTC. The zone designator is only
 * allowed after fractional seconds, hence the two decimals.
 */
export function timestamp2004(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 22)}Z`;
}

/** SCORM 1.2 CMITime: `HH:MM:SS`, the local time of day (1.2 has no date or zone). */
export function time12(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}`;
}

export const formatDuration = (version: ScormVersion, ms: number) => (version === '1.2' ? timespan12(ms) : duration2004(ms));

// ---------------------------------------------------------------------------------------------
// Responses

/**
 * SCORM 1.2 responses are single characters (RTE 3.4.2.7.x): choices, categories and events are
 * letters in content order (a = the first option), matching sources are digits from 1 (1 = the
 * first statement). So "b" is the second option and "1.a,2.b" puts the first statement in the
 * first category and the second in the second.
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '123456789abcdefghijklmnopqrstuvwxyz0';
const letter = (i: number) => LETTERS[i] ?? '?';
const digit = (i: number) => DIGITS[i] ?? '?';

/** A response in the version's format (2004: ids joined by `[,]`, pairs by `[.]`; 1.2: characters joined by commas). */
export function formatResponse(version: ScormVersion, interaction: Pick<Interaction, 'sources' | 'targets'>, response: InteractionResponse): string {
  const { sources, targets } = interaction;
  if (version === '2004') {
    switch (response.type) {
      case 'true-false':
        return response.value ? 'true' : 'false';
      case 'choice':
        return response.chosen.map((i) => sources[i] ?? '').join('[,]');
      case 'matching':
        return response.pairs.map(([s, t]) => `${sources[s] ?? ''}[.]${targets[t] ?? ''}`).join('[,]');
      case 'sequencing':
        return response.order.map((i) => sources[i] ?? '').join('[,]');
    }
  }
  switch (response.type) {
    case 'true-false':
      return response.value ? 't' : 'f';
    case 'choice':
      return response.chosen.map(letter).join(',');
    case 'matching':
      return response.pairs.map(([s, t]) => `${digit(s)}.${letter(t)}`).join(',');
    case 'sequencing':
      return response.order.map(letter).join(',');
  }
}

/** `correct` / `incorrect` (2004) or `wrong` (1.2); a partly right answer is its share as a decimal, which both versions allow. */
export function formatResult(version: ScormVersion, fraction: number): string {
  if (fraction >= 1) return 'correct';
  if (!(fraction > 0)) return version === '1.2' ? 'wrong' : 'incorrect';
  return String(Math.round(fraction * 10_000) / 10_000);
}

/** SCORM 2004 keeps 250 characters of a description; longer prompts are cut with an ellipsis. */
export function shorten(text: string, max = 250): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

// ---------------------------------------------------------------------------------------------
// Score

/**
 * The score the LMS gets: the share of the questions answered in the run that were fully right
 * (a partly right sort or order counts as not right; a hint does not matter). raw is that share
 * as a whole percentage (min 0, max 100); scaled (2004) is raw / 100.
 */
export interface LmsScore {
  raw: number;
  min: 0;
  max: 100;
  scaled: number;
  right: number;
  answered: number;
}

export function scoreOf(fractions: readonly number[]): LmsScore {
  const answered = fractions.length;
  const right = fractions.filter((f) => f >= 1).length;
  const raw = answered ? Math.round((100 * right) / answered) : 0;
  return { raw, min: 0, max: 100, scaled: raw / 100, right, answered };
}

/** The pass mark when the LMS gives none: half the questions fully right. The manifests say the same. */
export const DEFAULT_PASSING_SCORE = 0.5;
