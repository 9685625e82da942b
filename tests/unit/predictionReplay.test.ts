// Replay codes and saves carry predictions (issue 14 item 6): format 2 codes and version 2 saves
// hold prediction events and the predictions setting; format 1 codes and version 1 saves, made
// before predictions existed, still replay; unknown formats get a clear message. The decision
// timeline shows each prediction beside the real reaction, and rewinds and compares with them.
import { SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { buildDashboard, makeResults, parseResultsFile, resultsFileText } from '../../src/classroom';
import type { Content } from '../../src/content/loader';
import { REACTIONS, type ReactionKind } from '../../src/content/schema';
import { correctAnswer } from '../../src/engine/answers';
import { choicesAt } from '../../src/engine/explore';
import { describeRun } from '../../src/engine/presenter';
import { mulberry32 } from '../../src/engine/rng';
import { replayRun, startRun, type Run } from '../../src/engine/run';
import type { RunSettings } from '../../src/engine/scenarioMachine';
import { readRunSave, RunRecordSchema, SAVE_KEY, SAVE_VERSION, writeRunSave } from '../../src/persistence/runSave';
import { memoryStore } from '../../src/persistence/storage';
import { checksumOf, CODE_FORMAT, decodeRunCode, encodeRunCode } from '../../src/replay/code';
import { firstDivergence } from '../../src/replay/compare';
import { decisionTimeline, rewindTo } from '../../src/replay/timeline';
import { contentWithV1Fixture, migratedContent } from './helpers';

const SETTINGS: RunSettings[] = [
  { timerSeconds: null, hintsEnabled: true },
  { timerSeconds: 30, hintsEnabled: false },
  { timerSeconds: null, hintsEnabled: false, predictions: false },
  { timerSeconds: 3600, hintsEnabled: true, predictions: false },
];

/**
 * A random run: sensible choices, but predictions with any reaction per party, and on a timed run
 * pauses, resumes and the clock running out now and then. Stops after `stopAfter` steps.
 */
function randomRun(content: Content, id: string, settings: RunSettings, seed: number, stopAfter = Infinity): Run {
  const scenario = content.scenarios[id]!;
  const random = mulberry32(seed);
  const clock = new SimulatedClock();
  const run = startRun(scenario, { scenarioId: id, contentVersion: content.versions[id]!, seed, settings }, { clock });
  for (let step = 0; step < 400 && step < stopAfter && run.getSnapshot().status === 'active'; step++) {
    const snap = run.getSnapshot();
    if (settings.timerSeconds !== null && (snap.hasTag('timed') || snap.hasTag('paused')) && random() < 0.25) {
      if (snap.hasTag('paused')) run.send({ type: 'timer.resume' });
      else if (random() < 0.5) run.send({ type: 'timer.pause' });
      else clock.increment(settings.timerSeconds * 1000);
      continue;
    }
    const choices = choicesAt(scenario, snap);
    const event = choices[Math.floor(random() * choices.length)]!;
    if (event.type === 'prediction.submit') {
      const predictions: Record<string, ReactionKind> = {};
      for (const party of Object.keys(event.predictions)) predictions[party] = REACTIONS[Math.floor(random() * REACTIONS.length)]!;
      run.send({ type: 'prediction.submit', predictions });
    } else {
      run.send(event);
    }
  }
  return run;
}

const sameRun = (content: Content, id: string, a: Run, events: unknown) => {
  const replayed = replayRun(content.scenarios[id]!, { ...a.record, events: events as never });
  const [x, y] = [a.getSnapshot(), replayed.getSnapshot()];
  expect(y.value).toEqual(x.value);
  expect(y.context).toEqual(x.context);
  replayed.stop();
};

describe('replay codes with predictions (format 2)', () => {
  const content = migratedContent();
  const ids = Object.keys(content.scenarios);

  it('round-trip runs with predictions, timeouts and pauses on prediction steps, and with predictions off', () => {
    let predicted = 0;
    let timedOut = 0;
    for (const [i, id] of ids.entries()) {
      for (const [j, settings] of SETTINGS.entries()) {
        for (let k = 0; k < 6; k++) {
          const run = randomRun(content, id, settings, 1000 * i + 100 * j + k + 1, k % 3 === 2 ? 25 + k : Infinity);
          predicted += run.getSnapshot().context.predictions.length;
          timedOut += run.getSnapshot().context.predictions.filter((p) => p.timedOut).length;
          const code = encodeRunCode(content, run.record);
          expect(code.startsWith(`E${CODE_FORMAT}`)).toBe(true);
          const decoded = decodeRunCode(content, code);
          if (!decoded.ok) throw new Error(`${decoded.message} (${code})`);
          expect(decoded.record.settings.predictions ?? true).toBe(settings.predictions ?? true);
          sameRun(content, id, run, decoded.record.events);
          expect(encodeRunCode(content, decoded.record)).toBe(code);
          run.stop();
        }
      }
    }
    // The walk did exercise what it claims to.
    expect(predicted).toBeGreaterThan(50);
    expect(timedOut).toBeGreaterThan(0);
  });

  it('never throws on damaged codes with predictions, and whatever decodes is a valid run that replays', () => {
    const random = mulberry32(77);
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let accepted = 0;
    for (let i = 0; i < 400; i++) {
      const id = ids[i % ids.length]!;
      const run = randomRun(content, id, SETTINGS[i % SETTINGS.length]!, 500 + i);
      const code = encodeRunCode(content, run.record);
      run.stop();
      // Change one to three characters of the payload and reseal the checksum, so the decoder reads it.
      let payload = code.slice(6);
      for (let k = 0, n = 1 + Math.floor(random() * 3); k < n; k++) {
        const at = Math.floor(random() * payload.length);
        payload = payload.slice(0, at) + B64[Math.floor(random() * 64)] + payload.slice(at + 1);
      }
      const decoded = decodeRunCode(content, `E${CODE_FORMAT}${checksumOf(payload)}${payload}`);
      if (!decoded.ok) {
        expect(decoded.message.length).toBeGreaterThan(0);
        continue;
      }
      accepted++;
      expect(RunRecordSchema.safeParse(decoded.record).success).toBe(true);
      const replayed = replayRun(content.scenarios[decoded.record.scenarioId]!, decoded.record);
      expect(replayed.record.events).toEqual(decoded.record.events);
      replayed.stop();
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('refuses to write a run with predictions as a format 1 code', () => {
    const id = ids[0]!;
    const run = randomRun(content, id, SETTINGS[0]!, 3);
    expect(run.record.events.some((e) => e.type === 'prediction.submit')).toBe(true);
    expect(() => encodeRunCode(content, run.record, '1')).toThrow(/format 1/);
    run.stop();
  });
});

describe('old replay codes (format 1) and saves (version 1)', () => {
  // Format 1 codes and version 1 saves were only ever made of scenarios without reactions (a
  // scenario rewritten in schema 2 has a new content version, so its old codes get the clear
  // message): made here of the frozen schema 1 fixture, and of any schema 1 scenario shipped.
  const content = contentWithV1Fixture();
  const ids = Object.keys(content.scenarios).filter((id) => content.scenarios[id]!.schemaVersion === 1);

  it('decode format 1 codes of runs made before predictions into the same run', () => {
    for (const [i, id] of ids.entries()) {
      for (const [j, settings] of SETTINGS.slice(0, 2).entries()) {
        const run = randomRun(content, id, settings, 50 * i + j + 1);
        const code = encodeRunCode(content, run.record, '1');
        expect(code.startsWith('E1')).toBe(true);
        const decoded = decodeRunCode(content, code);
        if (!decoded.ok) throw new Error(decoded.message);
        // Pauses in the middle are not kept (they change nothing but the clock): same run otherwise.
        expect({ ...decoded.record, events: [] }).toEqual({ ...run.record, events: [] });
        sameRun(content, id, run, decoded.record.events);
        expect(encodeRunCode(content, decoded.record, '1')).toBe(code);
        run.stop();
      }
    }
  });

  it('resume a version 1 save (no predictions in its snapshot or log) and play on', () => {
    const id = ids[0]!;
    const run = randomRun(content, id, SETTINGS[0]!, 9, 12);
    // A save as the previous build wrote it: version 1, a context without the prediction fields.
    const { predictions, predictingMoveId, ...oldContext } = run.getSnapshot().context;
    expect([predictions, predictingMoveId]).toEqual([[], null]);
    const snapshot = { ...(run.actor.getPersistedSnapshot() as object), context: oldContext };
    const store = memoryStore({ [SAVE_KEY]: JSON.stringify({ saveVersion: 1, record: run.record, snapshot }) });
    const loaded = readRunSave(store, content);
    if (!loaded.ok) throw new Error(String(loaded.message));
    expect(loaded.run.getSnapshot().value).toEqual(run.getSnapshot().value);
    expect(loaded.run.getSnapshot().context).toEqual(run.getSnapshot().context);
    loaded.run.stop();
    run.stop();
  });

  it('save and resume a run with predictions as version 2, and refuse an unknown version with a message', () => {
    const migrated = migratedContent();
    const id = Object.keys(migrated.scenarios)[0]!;
    const run = randomRun(migrated, id, SETTINGS[0]!, 4, 40);
    expect(run.getSnapshot().context.predictions.length).toBeGreaterThan(0);
    const store = memoryStore();
    expect(writeRunSave(store, run)).toBe(true);
    expect(JSON.parse(store.get(SAVE_KEY)!).saveVersion).toBe(SAVE_VERSION);
    const loaded = readRunSave(store, migrated);
    if (!loaded.ok) throw new Error(String(loaded.message));
    expect(loaded.run.getSnapshot().context).toEqual(run.getSnapshot().context);
    loaded.run.stop();
    const future = memoryStore({ [SAVE_KEY]: JSON.stringify({ saveVersion: SAVE_VERSION + 1, record: run.record, snapshot: {} }) });
    const refused = readRunSave(future, migrated);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/another version of Envoy/);
    run.stop();
  });
});

describe('the decision timeline with predictions', () => {
  const content = migratedContent();
  const id = Object.keys(content.scenarios)[0]!;
  const scenario = content.scenarios[id]!;

  it('shows a move and its prediction as one decision: the reactions beside the predictions, and the changes after both', () => {
    const run = randomRun(content, id, SETTINGS[0]!, 21);
    const c = run.getSnapshot().context;
    expect(c.predictions.length).toBeGreaterThan(0);
    const timeline = decisionTimeline(content, scenario, run.record);
    expect(timeline.length).toBe(c.answers.length + c.moves.length);
    const moves = timeline.filter((d) => d.kind === 'move');
    expect(moves.map((d) => d.moveId)).toEqual(c.moves.map((m) => m.moveId));
    let p = 0;
    for (const [i, d] of moves.entries()) {
      // The move's trust change is the one the machine recorded for it.
      for (const [party, delta] of Object.entries(c.moves[i]!.trustDelta)) expect(d.parties.find((x) => x.party === party)!.trust.delta).toBe(delta);
      if (!d.reactions?.length) continue;
      const record = c.predictions[p++]!;
      expect(record.moveId).toBe(d.moveId);
      for (const r of d.reactions) {
        expect(r.predicted).toBe(record.predictions?.[r.party] ?? null);
        expect(r.score).toBe(record.scores[r.party]);
        expect(r.evidence.quote.length).toBeGreaterThan(0);
      }
    }
    expect(p).toBe(c.predictions.length);
    run.stop();
  });

  it('rewinds to a move with a prediction step, and sees two runs that differ only in a prediction diverge there', () => {
    const run = randomRun(content, id, SETTINGS[0]!, 22);
    const record = run.record;
    const timeline = decisionTimeline(content, scenario, record);
    const index = timeline.findIndex((d) => d.kind === 'move' && !!d.reactions?.length);
    const rewound = replayRun(scenario, rewindTo(scenario, record, index));
    expect(rewound.getSnapshot().hasTag('moves')).toBe(true);
    // Play the same move, then predict otherwise.
    const move = timeline[index]!;
    if (move.kind !== 'move') throw new Error('not a move');
    rewound.send({ type: 'move.choose', moveId: move.moveId });
    const other = Object.fromEntries(move.reactions!.map((r) => [r.party, r.predicted === 'welcomes' ? 'walks-out' : 'welcomes'])) as Record<string, ReactionKind>;
    rewound.send({ type: 'prediction.submit', predictions: other });
    expect(firstDivergence(timeline, decisionTimeline(content, scenario, rewound.record))).toBe(index);
    rewound.stop();
    run.stop();
  });
});

describe('understanding from predictions wherever it is shown', () => {
  const content = migratedContent();

  it('the teacher dashboard counts a run\'s predictions in each party\'s understanding', () => {
    const id = Object.keys(content.scenarios)[0]!;
    const run = randomRun(content, id, SETTINGS[0]!, 31);
    const output = run.getSnapshot().output!;
    expect(output.predictions.some((p) => Object.values(p.scores).some((s) => s < 1))).toBe(true);
    const made = makeResults({ name: 'Ana', settings: null, runs: [{ scenarioId: id, code: encodeRunCode(content, run.record) }] });
    if (!made.ok) throw new Error(made.message);
    const d = buildDashboard(content, [{ source: 'ana.json', parsed: parseResultsFile(resultsFileText(made.file)) }]);
    expect(d.problems).toEqual([]);
    const row = d.students[0]!.scenarios[id]!;
    for (const [party, value] of Object.entries(output.understanding)) expect(row.understanding[party], party).toBe(value);
    run.stop();
  });

  it('the meters show a party measured once its reaction has been predicted, even with no question on it yet', () => {
    const id = Object.keys(content.scenarios)[0]!;
    const base = content.scenarios[id]!;
    const first = base.meetings.find((m) => m.id === base.start)!;
    // The first meeting's questions measure someone not at its table, so its seated parties are
    // measured only by the prediction.
    const elsewhere = Object.keys(base.initial.trust).find((p) => !first.parties.includes(p))!;
    const scenario = structuredClone(base);
    const meeting = scenario.meetings.find((m) => m.id === scenario.start)!;
    for (const q of meeting.questions) q.measures = [elsewhere];
    const move = meeting.moves.find((mv) => !mv.requires.length && mv.reactions)!;
    const run = startRun(scenario, { scenarioId: id, contentVersion: 'test', seed: 1, settings: SETTINGS[0]! });
    run.send({ type: 'run.begin' });
    run.send({ type: 'meeting.continue' });
    while (run.getSnapshot().hasTag('question')) {
      run.send({ type: 'answer.submit', answer: correctAnswer(meeting.questions.find((x) => x.id === run.getSnapshot().context.questionId)!) });
      run.send({ type: 'feedback.continue' });
    }
    const seated = meeting.parties[0]!;
    expect(describeRun(content, scenario, run.getSnapshot()).parties.find((p) => p.id === seated)?.measured).toBe(false);
    run.send({ type: 'move.choose', moveId: move.id });
    run.send({ type: 'prediction.submit', predictions: Object.fromEntries(move.reactions!.map((r) => [r.party, r.reaction])) });
    const view = describeRun(content, scenario, run.getSnapshot());
    const party = view.parties.find((p) => p.id === seated)!;
    expect(party.understanding).toBe(100);
    expect(party.measured).toBe(true);
    run.stop();
  });
});
