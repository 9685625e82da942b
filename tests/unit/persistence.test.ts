// Saves: a run resumes mid-question with the same scores; damaged, old, foreign or tampered saves
// are discarded with a message, never a crash; storage that refuses writes is survived.
import { describe, expect, it } from 'vitest';
import { correctAnswer } from '../../src/engine/answers';
import { describeRun } from '../../src/engine/presenter';
import { findQuestion } from '../../src/engine/stats';
import { readRunSave, SAVE_KEY, writeRunSave } from '../../src/persistence/runSave';
import { memoryStore, safeStore } from '../../src/persistence/storage';
import { readPreferences, PREFS_KEY, DEFAULT_PREFERENCES, PreferencesSchema } from '../../src/persistence/preferences';
import { newRun, realContent, SLICE_ID } from './helpers';

const content = realContent();
const ID = SLICE_ID;
const s = content.scenarios[ID]!;

function midQuestionRun() {
  const run = newRun(content, ID, 77);
  run.send({ type: 'run.begin' });
  run.send({ type: 'meeting.continue' });
  run.send({ type: 'answer.submit', answer: correctAnswer(findQuestion(s, run.getSnapshot().context.questionId!)!) });
  run.send({ type: 'feedback.continue' });
  // On to the first question that has a hint, and use it.
  while (!findQuestion(s, run.getSnapshot().context.questionId ?? '')?.hint) {
    if (run.getSnapshot().hasTag('question')) run.send({ type: 'answer.submit', answer: correctAnswer(findQuestion(s, run.getSnapshot().context.questionId!)!) });
    else if (run.getSnapshot().hasTag('feedback')) run.send({ type: 'feedback.continue' });
    else if (run.getSnapshot().hasTag('moves')) run.send({ type: 'move.choose', moveId: s.meetings[0]!.moves.find((m) => m.requires.length === 0)!.id });
    else if (run.getSnapshot().hasTag('outcome')) run.send({ type: 'outcome.continue' });
    else run.send({ type: 'meeting.continue' });
  }
  run.send({ type: 'answer.hint' });
  expect(run.getSnapshot().context.hintUsed).toBe(true);
  return run;
}

describe('run saves', () => {
  it('resume mid-question at the same question, with the same scores and hint state', () => {
    const store = memoryStore();
    const run = midQuestionRun();
    expect(writeRunSave(store, run)).toBe(true);
    const loaded = readRunSave(store, content);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const a = describeRun(content, s, run.getSnapshot());
    const b = describeRun(content, s, loaded.run.getSnapshot());
    expect(b.phase).toBe('question');
    expect(b.question?.id).toBe(a.question?.id);
    expect(b.hintUsed).toBe(true);
    expect(b.parties).toEqual(a.parties);
    expect(loaded.run.record.events).toEqual(run.record.events);
    // And it plays on.
    loaded.run.send({ type: 'answer.submit', answer: correctAnswer(b.question!) });
    expect(loaded.run.getSnapshot().hasTag('feedback')).toBe(true);
  });

  it('reports nothing when there is no save', () => {
    expect(readRunSave(memoryStore(), content)).toEqual({ ok: false, message: null });
  });

  const discarded = (raw: string) => {
    const store = memoryStore({ [SAVE_KEY]: raw });
    const loaded = readRunSave(store, content);
    expect(loaded.ok).toBe(false);
    expect(store.get(SAVE_KEY)).toBeNull();
    return loaded.ok ? '' : (loaded.message ?? '');
  };

  it('discards corrupted JSON with a message', () => {
    expect(discarded('{"saveVersion":1, "record": ')).toMatch(/could not be resumed \(the save is damaged\)/);
  });

  it('discards a save from another save format version', () => {
    expect(discarded(JSON.stringify({ saveVersion: 99, record: {}, snapshot: {} }))).toMatch(/another version of Envoy/);
  });

  it('discards a save whose scenario changed since', () => {
    const run = midQuestionRun();
    const payload = { saveVersion: 1, record: { ...run.record, contentVersion: 'old' }, snapshot: run.actor.getPersistedSnapshot() };
    expect(discarded(JSON.stringify(payload))).toMatch(/scenario has changed/);
  });

  it('discards a save for a scenario that does not exist', () => {
    const run = midQuestionRun();
    const payload = { saveVersion: 1, record: { ...run.record, scenarioId: 'atlantis-1999' }, snapshot: {} };
    expect(discarded(JSON.stringify(payload))).toMatch(/does not have/);
  });

  it('rebuilds from the log when the snapshot was tampered with', () => {
    const store = memoryStore();
    const run = midQuestionRun();
    const snapshot = structuredClone(run.actor.getPersistedSnapshot()) as unknown as { context: { trust: Record<string, number> } };
    snapshot.context.trust.russia = 100;
    store.set(SAVE_KEY, JSON.stringify({ saveVersion: 1, record: run.record, snapshot }));
    const loaded = readRunSave(store, content);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.run.getSnapshot().context.trust.russia).toBe(run.getSnapshot().context.trust.russia);
  });

  it('survives storage that throws on every call, keeping values in memory and reporting once', () => {
    const reasons: string[] = [];
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    const store = safeStore(() => broken, (r) => reasons.push(r));
    expect(store.set('k', 'v')).toBe(false);
    expect(store.get('k')).toBe('v');
    store.remove('k');
    expect(reasons).toHaveLength(1);
    const missing = safeStore(() => {
      throw new Error('SecurityError');
    }, (r) => reasons.push(r));
    expect(missing.get('x')).toBeNull();
  });

  it('reads damaged preferences as defaults, field by field', () => {
    expect(readPreferences(memoryStore({ [PREFS_KEY]: 'not json' }))).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences(memoryStore({ [PREFS_KEY]: JSON.stringify({ textScale: 2, muted: 'yes' }) }))).toEqual({ ...DEFAULT_PREFERENCES, textScale: 2 });
  });

  it('has written-out defaults that are exactly what the schema makes of an empty or unreadable entry', () => {
    expect(PreferencesSchema.parse({})).toEqual(DEFAULT_PREFERENCES);
    const junk = Object.fromEntries(Object.keys(DEFAULT_PREFERENCES).map((key) => [key, { not: 'a preference' }]));
    expect(PreferencesSchema.parse(junk)).toEqual(DEFAULT_PREFERENCES);
  });
});
