// Run history: the last HISTORY_CAP finished runs, newest first, per scenario; remove one, clear
// all; a damaged, foreign or unwritable history is reported, never thrown.
import { describe, expect, it } from 'vitest';
import { decodeRunCode, encodeRunCode } from '../../src/replay/code';
import {
  addToHistory,
  clearHistory,
  HISTORY_CAP,
  HISTORY_KEY,
  historyFor,
  readHistory,
  removeFromHistory,
  type NewHistoryEntry,
} from '../../src/replay/history';
import { memoryStore, type KeyValueStore } from '../../src/persistence/storage';
import { informed, newRun, playThrough, realContent, SECOND_ID, SLICE_ID, TIMELINE } from './helpers';

const content = realContent();

function finished(scenarioId: string, seed: number, minute: number): NewHistoryEntry {
  const s = content.scenarios[scenarioId]!;
  const run = playThrough(content, s, newRun(content, scenarioId, seed), informed);
  const entry = {
    scenarioId,
    endingId: run.getSnapshot().context.endingId!,
    finishedAt: new Date(Date.UTC(2026, 0, 15, 9, minute)).toISOString(),
    code: encodeRunCode(content, run.record),
  };
  run.stop();
  return entry;
}

describe('run history', () => {
  it('starts empty, adds runs newest first, and lists them per scenario', () => {
    const store = memoryStore();
    expect(readHistory(store)).toEqual({ entries: [], problem: null });
    const a = addToHistory(store, finished(TIMELINE[3]!, 1, 0));
    const b = addToHistory(store, finished(SECOND_ID, 2, 1));
    const c = addToHistory(store, finished(TIMELINE[3]!, 3, 2));
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    const all = readHistory(store);
    expect(all.problem).toBeNull();
    expect(all.entries.map((e) => e.id)).toEqual([c.entry!.id, b.entry!.id, a.entry!.id]);
    expect(historyFor(store, TIMELINE[3]!).entries.map((e) => e.id)).toEqual([c.entry!.id, a.entry!.id]);
    expect(historyFor(store, SLICE_ID).entries).toEqual([]);
    // Each entry's code replays the run it names.
    for (const e of all.entries) {
      const decoded = decodeRunCode(content, e.code);
      expect(decoded.ok && decoded.record.scenarioId).toBe(e.scenarioId);
    }
  });

  it(`keeps only the last ${HISTORY_CAP} runs`, () => {
    const store = memoryStore();
    const template = finished(SLICE_ID, 4, 0);
    const ids: string[] = [];
    for (let i = 0; i < HISTORY_CAP + 5; i++) {
      const r = addToHistory(store, { ...template, finishedAt: new Date(Date.UTC(2026, 1, 1, 10, i)).toISOString() });
      ids.push(r.entry!.id);
      expect(r.entries.length).toBe(Math.min(i + 1, HISTORY_CAP));
    }
    const { entries } = readHistory(store);
    expect(entries).toHaveLength(HISTORY_CAP);
    expect(entries.map((e) => e.id)).toEqual(ids.slice(-HISTORY_CAP).reverse());
  });

  it('adds the same run only once', () => {
    const store = memoryStore();
    const run = finished(TIMELINE[2]!, 5, 3);
    addToHistory(store, run);
    addToHistory(store, run);
    expect(readHistory(store).entries).toHaveLength(1);
  });

  it('removes one run and clears all', () => {
    const store = memoryStore();
    const first = addToHistory(store, finished(TIMELINE[3]!, 6, 0)).entry!;
    const second = addToHistory(store, finished(TIMELINE[3]!, 7, 1)).entry!;
    expect(removeFromHistory(store, first.id)).toBe(true);
    expect(removeFromHistory(store, 'not-there')).toBe(false);
    expect(readHistory(store).entries.map((e) => e.id)).toEqual([second.id]);
    clearHistory(store);
    expect(store.get(HISTORY_KEY)).toBeNull();
    expect(readHistory(store)).toEqual({ entries: [], problem: null });
  });

  it('reads a damaged or foreign history as empty, with a message, and replaces it on the next run', () => {
    const good = finished(TIMELINE[1]!, 8, 0);
    const damaged = [
      '{not json',
      'null',
      '[]',
      JSON.stringify({ historyVersion: 1, entries: 'lots' }),
      JSON.stringify({ historyVersion: 1, entries: [{ ...good, id: 'x1', finishedAt: 'yesterday' }] }),
      JSON.stringify({ historyVersion: 1, entries: [{ ...good, id: 'x1', code: '<script>' }] }),
      JSON.stringify({ historyVersion: 1, entries: [{ ...good, id: 'x1', extra: true }] }),
      JSON.stringify({ historyVersion: 1, entries: Array.from({ length: HISTORY_CAP + 1 }, (_, i) => ({ ...good, id: `x${i}` })) }),
    ];
    for (const raw of damaged) {
      const store = memoryStore({ [HISTORY_KEY]: raw });
      const read = readHistory(store);
      expect(read.entries).toEqual([]);
      expect(read.problem).toMatch(/damaged/);
      const added = addToHistory(store, good);
      expect(added.ok).toBe(true);
      expect(added.problem).toMatch(/damaged/);
      expect(readHistory(store)).toMatchObject({ problem: null, entries: [added.entry] });
    }
    const foreign = readHistory(memoryStore({ [HISTORY_KEY]: JSON.stringify({ historyVersion: 9, entries: [] }) }));
    expect(foreign.entries).toEqual([]);
    expect(foreign.problem).toMatch(/another version of Envoy/);
  });

  it('refuses an invalid entry and reports a store that will not save', () => {
    const store = memoryStore();
    const good = finished(SECOND_ID, 9, 0);
    expect(addToHistory(store, { ...good, finishedAt: 'not a date' })).toMatchObject({ ok: false, entry: null });
    expect(addToHistory(store, { ...good, code: 'has spaces in it' }).ok).toBe(false);
    expect(readHistory(store).entries).toEqual([]);
    const full: KeyValueStore = { get: () => null, set: () => false, remove: () => {} };
    const result = addToHistory(full, good);
    expect(result.ok).toBe(false);
    expect(result.entry).not.toBeNull();
  });
});
