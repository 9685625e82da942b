// The saved run in progress: versioned, validated on load, restored from its persisted snapshot
// (or, failing that, replayed from its log). A save that cannot be trusted is discarded with a
// message; it never crashes the game.
import * as z from 'zod';
import type { Content } from '../content/loader';
import { t } from '../i18n';
import { REACTIONS } from '../content/vocabulary';
import { AnswerSchema } from '../engine/answers';
import { replayRun, startRun, type Run, type RunRecord } from '../engine/run';
import type { KeyValueStore } from './storage';

export const SAVE_KEY = 'envoy.run';
/** The save format this build writes. Version 2 added predictions (events and a setting). */
export const SAVE_VERSION = 2;
/** Save formats this build reads: version 1 saves are version 2 saves without predictions. */
export const READ_SAVE_VERSIONS: readonly number[] = [1, SAVE_VERSION];

// Built on first use (z.lazy), like every parser of outside input: see classroom/classLink.ts.
const RunEventSchema = z.lazy(() => z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('run.begin') }),
  z.strictObject({ type: z.literal('meeting.continue') }),
  z.strictObject({ type: z.literal('answer.hint') }),
  z.strictObject({ type: z.literal('answer.submit'), answer: AnswerSchema }),
  z.strictObject({ type: z.literal('feedback.continue') }),
  z.strictObject({ type: z.literal('check.submit'), answer: AnswerSchema }),
  z.strictObject({ type: z.literal('move.choose'), moveId: z.string().max(64) }),
  z.strictObject({ type: z.literal('prediction.submit'), predictions: z.record(z.string().max(64), z.enum(REACTIONS)) }),
  z.strictObject({ type: z.literal('outcome.continue') }),
  z.strictObject({ type: z.literal('timer.pause') }),
  z.strictObject({ type: z.literal('timer.resume') }),
  z.strictObject({ type: z.literal('timer.expire') }),
]));

export const RunRecordSchema = z.lazy(() =>
  z.strictObject({
    scenarioId: z.string().max(64),
    contentVersion: z.string().max(32),
    seed: z.number().int().min(0).max(2 ** 32),
    settings: z.strictObject({
      timerSeconds: z.number().int().min(1).max(3600).nullable(),
      hintsEnabled: z.boolean(),
      predictions: z.boolean().optional(),
      check: z.boolean().optional(),
    }),
    events: z.array(RunEventSchema).max(2000),
  }),
);

const SaveSchema = z.lazy(() =>
  z.strictObject({
    saveVersion: z.union([z.literal(1), z.literal(SAVE_VERSION)]),
    record: RunRecordSchema,
    snapshot: z.unknown(),
  }),
);

export type LoadedSave = { ok: true; run: Run } | { ok: false; message: string } | { ok: false; message: null };

export function writeRunSave(store: KeyValueStore, run: Run): boolean {
  const payload = { saveVersion: SAVE_VERSION, record: run.record, snapshot: run.actor.getPersistedSnapshot() };
  return store.set(SAVE_KEY, JSON.stringify(payload));
}

export function clearRunSave(store: KeyValueStore): void {
  store.remove(SAVE_KEY);
}

/** Checks that a record belongs to this content: known scenario, same content version. */
export function checkRecord(content: Content, record: RunRecord): string | null {
  if (!content.scenarios[record.scenarioId]) return t('save.unknownScenario', { id: record.scenarioId });
  if (content.versions[record.scenarioId] !== record.contentVersion) return t('save.scenarioChanged');
  return null;
}

/** Reads the saved run, if any. `message: null` means there was simply nothing saved. */
export function readRunSave(store: KeyValueStore, content: Content): LoadedSave {
  const raw = store.get(SAVE_KEY);
  if (raw === null) return { ok: false, message: null };
  const discard = (why: string): LoadedSave => {
    store.remove(SAVE_KEY);
    return { ok: false, message: t('save.discarded', { why }) };
  };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return discard(t('save.damaged'));
  }
  const version = (json as { saveVersion?: unknown })?.saveVersion;
  if (typeof version === 'number' && !READ_SAVE_VERSIONS.includes(version)) return discard(t('save.otherVersion', { version }));
  const parsed = SaveSchema.safeParse(json);
  if (!parsed.success) return discard(t('save.damaged'));
  const record = parsed.data.record as RunRecord;
  const problem = checkRecord(content, record);
  if (problem) return discard(problem);
  const scenario = content.scenarios[record.scenarioId]!;
  try {
    // A snapshot that disagrees with its own log (state, status or context) has been tampered
    // with. One that agrees is restored in the form the replay gives it, so nothing else in the
    // save reaches XState's restore (a bad `children` or state there fails inside the actor and
    // is rethrown later as an uncaught error).
    const replayed = replayRun(scenario, record);
    const expected = replayed.getSnapshot();
    const persisted = replayed.actor.getPersistedSnapshot();
    replayed.stop();
    const saved = parsed.data.snapshot as { value?: unknown; status?: unknown; context?: unknown } | null;
    const same =
      !!saved &&
      typeof saved === 'object' &&
      JSON.stringify([saved.value, saved.status, saved.context]) === JSON.stringify([expected.value, expected.status, expected.context]);
    if (same) return { ok: true, run: startRun(scenario, record, { snapshot: persisted }) };
  } catch {
    // fall through to a replay from the log
  }
  try {
    return { ok: true, run: replayRun(scenario, record, { live: true }) };
  } catch {
    return discard(t('save.damaged'));
  }
}
