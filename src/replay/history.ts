// The history of finished runs on this device: the last few runs (newest first), each kept as its
// replay code, so a player can look back, replay or compare. Validated on every read; a damaged
// history reads as empty with a message, and is never thrown.
import * as z from 'zod';
import { fnv1a } from '../content/text';
import { t } from '../i18n';
import type { KeyValueStore } from '../persistence/storage';
import { MAX_CODE_LENGTH } from './code';

export const HISTORY_KEY = 'envoy.history';
export const HISTORY_VERSION = 1;
/** Runs kept in all, across scenarios; the oldest go first. */
export const HISTORY_CAP = 20;

// Built on first use (z.lazy), like every parser of outside input: see classroom/classLink.ts.
const HistoryEntrySchema = z.lazy(() =>
  z.strictObject({
    id: z.string().regex(/^[a-z0-9]{1,16}$/),
    scenarioId: z.string().min(1).max(64),
    endingId: z.string().min(1).max(64),
    /** When the run finished, as the caller gave it (the model never reads the clock). */
    finishedAt: z.iso.datetime({ offset: true }),
    code: z.string().regex(/^[A-Za-z0-9_-]+$/).max(MAX_CODE_LENGTH),
  }),
);

const HistorySchema = z.lazy(() =>
  z.strictObject({
    historyVersion: z.literal(HISTORY_VERSION),
    entries: z.array(HistoryEntrySchema).max(HISTORY_CAP),
  }),
);

export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export type NewHistoryEntry = Omit<HistoryEntry, 'id'>;

export interface HistoryRead {
  /** Newest first. */
  entries: HistoryEntry[];
  /** Why the stored history could not be read (it then reads as empty), or null. */
  problem: string | null;
}

export interface HistoryWrite extends HistoryRead {
  /** False when the entry was invalid or the store refused the write. */
  ok: boolean;
  entry: HistoryEntry | null;
}

const DAMAGED = () => t('history.problem.damaged');
const OTHER_VERSION = (version: number) => t('history.problem.otherVersion', { version });

/** A stable id for a run: the same finished run added twice is one entry. */
export function historyId(entry: NewHistoryEntry): string {
  return fnv1a(`${entry.scenarioId}|${entry.finishedAt}|${entry.code}`).toString(36);
}

export function readHistory(store: KeyValueStore): HistoryRead {
  const raw = store.get(HISTORY_KEY);
  if (raw === null) return { entries: [], problem: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { entries: [], problem: DAMAGED() };
  }
  const version = (json as { historyVersion?: unknown } | null)?.historyVersion;
  if (typeof version === 'number' && version !== HISTORY_VERSION) return { entries: [], problem: OTHER_VERSION(version) };
  const parsed = HistorySchema.safeParse(json);
  if (!parsed.success) return { entries: [], problem: DAMAGED() };
  return { entries: parsed.data.entries, problem: null };
}

/** The history of one scenario, newest first. */
export function historyFor(store: KeyValueStore, scenarioId: string): HistoryRead {
  const read = readHistory(store);
  return { ...read, entries: read.entries.filter((e) => e.scenarioId === scenarioId) };
}

function write(store: KeyValueStore, entries: HistoryEntry[]): boolean {
  return store.set(HISTORY_KEY, JSON.stringify({ historyVersion: HISTORY_VERSION, entries }));
}

/**
 * Adds a finished run at the top of the history, dropping the oldest beyond HISTORY_CAP. A
 * damaged history is replaced (its problem is still reported once, here).
 */
export function addToHistory(store: KeyValueStore, run: NewHistoryEntry): HistoryWrite {
  const read = readHistory(store);
  const parsed = HistoryEntrySchema.safeParse({ id: historyId(run), ...run });
  if (!parsed.success) {
    return { ...read, ok: false, entry: null, problem: read.problem ?? t('history.problem.invalidEntry') };
  }
  const entry = parsed.data;
  const entries = [entry, ...read.entries.filter((e) => e.id !== entry.id)].slice(0, HISTORY_CAP);
  const ok = write(store, entries);
  return { entries, problem: read.problem, ok, entry };
}

/** Removes one run; true when it was there and the history was saved. */
export function removeFromHistory(store: KeyValueStore, id: string): boolean {
  const read = readHistory(store);
  const entries = read.entries.filter((e) => e.id !== id);
  if (entries.length === read.entries.length) return false;
  return write(store, entries);
}

export function clearHistory(store: KeyValueStore): void {
  store.remove(HISTORY_KEY);
}
