// Replay codes: a run encodes to a short URL-safe code and decodes into the same run; damaged,
// edited, foreign or out-of-date codes fail with a message and never throw; the longest run of
// every scenario stays well under SCORM 1.2's 4,096-character suspend_data (prints the lengths).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, SimulatedClock, transition } from 'xstate';
import type { Content } from '../../src/content/loader';
import type { Question, Scenario } from '../../src/content/schema';
import { correctAnswer, representativeAnswers, type Answer } from '../../src/engine/answers';
import { choicesAt, isDecision } from '../../src/engine/explore';
import { machineFor, replayRun, startRun, type Run, type RunRecord } from '../../src/engine/run';
import { mulberry32 } from '../../src/engine/rng';
import type { RunEvent, RunSettings, RunSnapshot } from '../../src/engine/scenarioMachine';
import { findQuestion } from '../../src/engine/stats';
import { RunRecordSchema } from '../../src/persistence/runSave';
import { checksumOf, CODE_PREFIX, codeFromLink, decodeRunCode, encodeRunCode, MAX_CODE_LENGTH, runLink } from '../../src/replay/code';
import { informed, newRun, NO_TIMER, playThrough, realContent, SECOND_ID, SLICE_ID, TIMELINE } from './helpers';

const content = realContent();
const TIMED: RunSettings = { timerSeconds: 45, hintsEnabled: true };

function randomAnswer(q: Question, random: () => number): Answer {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  switch (q.type) {
    case 'choice':
    case 'who-said':
      return { optionId: pick(q.options).id };
    case 'true-false':
      return { value: random() < 0.5 };
    case 'sort':
      return { assignments: Object.fromEntries(q.statements.map((s) => [s.id, pick(q.categories)])) };
    case 'order': {
      const ids = q.events.map((e) => e.id);
      for (let i = ids.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      }
      return { order: ids };
    }
  }
}

/** Random play with every kind of event: any valid answer, hints, pauses, timeouts, noise. */
function randomRun(id: string, seed: number, settings: RunSettings, walkSeed: number, stopAfter = Infinity): Run {
  const s = content.scenarios[id]!;
  const random = mulberry32(walkSeed);
  const run = newRun(content, id, seed, settings, new SimulatedClock());
  for (let step = 0; step < stopAfter && step < 400 && run.getSnapshot().status === 'active'; step++) {
    const snap = run.getSnapshot();
    const roll = random();
    if (snap.hasTag('question')) {
      const q = findQuestion(s, snap.context.questionId!)!;
      if (roll < 0.15) run.send({ type: 'answer.hint' });
      else if (roll < 0.22) run.send({ type: 'timer.pause' });
      else if (roll < 0.3) run.send({ type: 'timer.resume' });
      else if (roll < 0.38) run.send({ type: 'timer.expire' });
      else run.send({ type: 'answer.submit', answer: randomAnswer(q, random) });
    } else if (roll < 0.05) {
      run.send({ type: 'outcome.continue' }); // noise, usually ignored
    } else {
      const choices = choicesAt(s, snap);
      if (choices.length) run.send(choices[Math.floor(random() * choices.length)]!);
    }
  }
  return run;
}

function expectSameRun(s: Scenario, original: RunRecord, decoded: RunRecord) {
  const a = replayRun(s, original);
  const b = replayRun(s, decoded);
  expect(b.getSnapshot().value).toEqual(a.getSnapshot().value);
  expect(b.getSnapshot().context).toEqual(a.getSnapshot().context);
  expect(b.getSnapshot().status).toBe(a.getSnapshot().status);
  a.stop();
  b.stop();
}

const codeOf = (run: Run) => {
  const code = encodeRunCode(content, run.record);
  run.stop();
  return code;
};

describe('replay codes: round trip', () => {
  it.each(content.scenarioOrder)('%s: a finished informed run decodes into an identical run', (id) => {
    const s = content.scenarios[id]!;
    const run = playThrough(content, s, newRun(content, id, 123456789), informed);
    const code = encodeRunCode(content, run.record);
    expect(code).toMatch(new RegExp(`^${CODE_PREFIX}[A-Za-z0-9_-]+$`));
    const decoded = decodeRunCode(content, code);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(RunRecordSchema.safeParse(decoded.record).success).toBe(true);
    // The regenerated log is exactly the original log (no pauses or noise in this run).
    expect(decoded.record).toEqual(run.record);
    const replayed = replayRun(s, decoded.record);
    expect(replayed.getSnapshot().status).toBe('done');
    expect(replayed.getSnapshot().context).toEqual(run.getSnapshot().context);
    expect(replayed.getSnapshot().output).toEqual(run.getSnapshot().output);
    replayed.stop();
    run.stop();
  });

  it('round-trips random runs, finished or not, timed or not, with hints, pauses and timeouts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...content.scenarioOrder),
        fc.oneof(fc.nat(), fc.constantFrom(0, 2 ** 31 - 1, 2 ** 32)),
        fc.constantFrom<RunSettings>(NO_TIMER, TIMED, { timerSeconds: null, hintsEnabled: false }, { timerSeconds: 3600, hintsEnabled: false }),
        fc.nat(),
        fc.oneof(fc.constant(Infinity), fc.nat({ max: 60 })),
        (id, seed, settings, walkSeed, stopAfter) => {
          const s = content.scenarios[id]!;
          const run = randomRun(id, seed, settings, walkSeed, stopAfter);
          const code = codeOf(run);
          const decoded = decodeRunCode(content, code);
          if (!decoded.ok) throw new Error(`${decoded.message} (${code})`);
          expectSameRun(s, run.record, decoded.record);
          // Codes are canonical: the decoded run encodes to the same code.
          expect(encodeRunCode(content, decoded.record)).toBe(code);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('keeps a timeout fired by the clock, a hint and a pause left on at the end', () => {
    const id = SLICE_ID;
    const s = content.scenarios[id]!;
    const clock = new SimulatedClock();
    const run = newRun(content, id, 9, TIMED, clock);
    run.send({ type: 'run.begin' });
    run.send({ type: 'meeting.continue' });
    run.send({ type: 'answer.hint' });
    clock.increment(45_000); // the timer runs out: logged as timer.expire
    expect(run.record.events.at(-1)).toEqual({ type: 'timer.expire' });
    run.send({ type: 'feedback.continue' });
    while (!findQuestion(s, run.getSnapshot().context.questionId ?? '')?.hint) {
      run.send({ type: 'answer.submit', answer: correctAnswer(findQuestion(s, run.getSnapshot().context.questionId!)!) });
      run.send({ type: 'feedback.continue' });
    }
    run.send({ type: 'answer.hint' });
    run.send({ type: 'timer.pause' });
    const decoded = decodeRunCode(content, encodeRunCode(content, run.record));
    if (!decoded.ok) throw new Error(decoded.message);
    expectSameRun(s, run.record, decoded.record);
    const replayed = replayRun(s, decoded.record);
    expect(replayed.getSnapshot().context.answers[0]).toMatchObject({ timedOut: true, hintUsed: true, answer: null });
    expect(replayed.getSnapshot().context.hintUsed).toBe(true);
    expect(replayed.getSnapshot().hasTag('paused')).toBe(true);
    replayed.stop();
    run.stop();
  });

  it('encodes an unstarted run, and refuses records that are not of this content', () => {
    const run = newRun(content, TIMELINE.at(-1)!, 5);
    const decoded = decodeRunCode(content, codeOf(run));
    expect(decoded.ok && decoded.record.events).toEqual([]);
    expect(() => encodeRunCode(content, { ...run.record, contentVersion: 'old' })).toThrow(/changed/);
    expect(() => encodeRunCode(content, { ...run.record, scenarioId: 'nowhere' })).toThrow(/does not have/);
  });
});

/** A copy of the content where one scenario is changed or renamed, to make codes from elsewhere. */
function contentWith(id: string, scenario: Scenario, version: string): Content {
  return { ...content, scenarios: { ...content.scenarios, [id]: scenario }, versions: { ...content.versions, [id]: version } };
}

describe('replay codes: failures', () => {
  const id = SECOND_ID;
  const s = content.scenarios[id]!;
  const valid = encodeRunCode(content, playThrough(content, s, newRun(content, id, 42), informed).record);

  it('says when something is not a code at all', () => {
    for (const input of ['', 'hello world', 'E1', 'E1abc', 'E1abc!def', 'X1AAAAAAAAAA', 'x'.repeat(MAX_CODE_LENGTH + 1), `${valid}${'A'.repeat(MAX_CODE_LENGTH)}`]) {
      const result = decodeRunCode(content, input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).toBe('not-a-code');
        expect(result.message).toMatch(/not an Envoy replay code/);
      }
    }
  });

  it('says when a code comes from another version of Envoy', () => {
    const result = decodeRunCode(content, `E9${valid.slice(2)}`);
    expect(result).toMatchObject({ ok: false, reason: 'other-version' });
    expect(!result.ok && result.message).toMatch(/another version of Envoy/);
  });

  it('detects a damaged or edited code by its checksum', () => {
    for (let i = 2; i < valid.length; i++) {
      const c = valid[i] === 'A' ? 'B' : 'A';
      const result = decodeRunCode(content, valid.slice(0, i) + c + valid.slice(i + 1));
      expect(result).toMatchObject({ ok: false, reason: 'damaged' });
      expect(!result.ok && result.message).toMatch(/damaged or has been edited/);
    }
    expect(decodeRunCode(content, valid.slice(0, -1))).toMatchObject({ ok: false, reason: 'damaged' });
  });

  it('names a scenario this version does not have', () => {
    const ghost = contentWith('ghost-2030', s, content.versions[id]!);
    const run = playThrough(ghost, s, startRun(s, { scenarioId: 'ghost-2030', contentVersion: content.versions[id]!, seed: 1, settings: NO_TIMER }), informed);
    const result = decodeRunCode(content, encodeRunCode(ghost, run.record));
    expect(result).toMatchObject({ ok: false, reason: 'unknown-scenario' });
    expect(!result.ok && result.message).toContain('"ghost-2030"');
  });

  it('says when the scenario has changed since the code was made', () => {
    const older = contentWith(id, s, 'old1');
    const run = playThrough(older, s, startRun(s, { scenarioId: id, contentVersion: 'old1', seed: 1, settings: NO_TIMER }), informed);
    const result = decodeRunCode(content, encodeRunCode(older, run.record));
    expect(result).toMatchObject({ ok: false, reason: 'scenario-changed' });
    expect(!result.ok && result.message).toContain(s.title);
  });

  it('rejects decisions that do not fit the scenario (a move that was locked)', () => {
    // Find a first-meeting move that wrong answers lock, open it in a copy, and choose it there.
    const found = content.scenarioOrder
      .map((sid) => {
        const sc = content.scenarios[sid]!;
        const run = newRun(content, sid, 3);
        while (!run.getSnapshot().hasTag('moves')) {
          const choices = choicesAt(sc, run.getSnapshot());
          run.send(run.getSnapshot().hasTag('question') ? choices[1]! : choices[0]!);
        }
        const open = choicesAt(sc, run.getSnapshot()).map((e) => (e as { moveId: string }).moveId);
        const meeting = sc.meetings.find((m) => m.id === sc.start)!;
        const locked = meeting.moves.find((mv) => !open.includes(mv.id));
        return locked ? { sid, sc, run, locked } : null;
      })
      .find((x) => x !== null);
    expect(found).toBeDefined();
    const { sid, sc, run, locked } = found!;
    const copy = structuredClone(sc);
    copy.meetings.find((m) => m.id === sc.start)!.moves.find((mv) => mv.id === locked.id)!.requires = [];
    const forged = replayRun(copy, run.record);
    forged.send({ type: 'move.choose', moveId: locked.id });
    expect(forged.record.events.at(-1)).toEqual({ type: 'move.choose', moveId: locked.id });
    const result = decodeRunCode(content, encodeRunCode(contentWith(sid, copy, content.versions[sid]!), forged.record));
    expect(result).toMatchObject({ ok: false, reason: 'does-not-fit' });
    expect(!result.ok && result.message).toContain(locked.text);
    run.stop();
    forged.stop();
  });
});

describe('replay links', () => {
  const code = encodeRunCode(content, newRun(content, TIMELINE.at(-1)!, 7).record);

  it('puts the code in a ?run= parameter and reads it back', () => {
    expect(runLink('https://example.org/envoy/', code)).toBe(`https://example.org/envoy/?run=${code}`);
    expect(runLink('https://example.org/envoy/index.html?lang=en&run=old#debrief', code)).toBe(`https://example.org/envoy/index.html?lang=en&run=${code}`);
    expect(codeFromLink(runLink('./', code))).toBe(code);
    expect(codeFromLink('https://example.org/envoy/')).toBeNull();
  });

  it('decodes a pasted link or a code with spaces around it', () => {
    expect(decodeRunCode(content, runLink('https://example.org/envoy/', code)).ok).toBe(true);
    expect(decodeRunCode(content, `  ${code}\n`).ok).toBe(true);
  });
});

describe('replay codes: fuzz', () => {
  const pool = content.scenarioOrder.flatMap((id, i) =>
    [NO_TIMER, TIMED].map((settings, j) => codeOf(randomRun(id, 1000 + i, settings, 77 * i + j))),
  );
  const b64 = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');

  /** Decoding never throws; a success is a valid record that replays. */
  const decodesSafely = (input: string) => {
    const result = decodeRunCode(content, input);
    if (!result.ok) {
      expect(result.message.length).toBeGreaterThan(10);
      return;
    }
    expect(RunRecordSchema.safeParse(result.record).success).toBe(true);
    const run = replayRun(content.scenarios[result.record.scenarioId]!, result.record);
    expect(['active', 'done']).toContain(run.getSnapshot().status);
    run.stop();
  };

  it('survives random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), decodesSafely), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: b64, maxLength: 120 }).map((s) => `E1${s}`), decodesSafely), { numRuns: 500 });
  });

  type Mutation = { kind: 'flip'; at: number; c: string } | { kind: 'cut'; at: number } | { kind: 'extend'; tail: string };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), c: b64 }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('extend' as const), tail: fc.string({ unit: b64, minLength: 1, maxLength: 12 }) }),
  );
  const mutate = (code: string, mutations: Mutation[], reseal: boolean) => {
    let payload = code.slice(CODE_PREFIX.length + 4);
    for (const m of mutations) {
      if (m.kind === 'flip' && payload.length) {
        const at = m.at % payload.length;
        payload = payload.slice(0, at) + m.c + payload.slice(at + 1);
      } else if (m.kind === 'cut') payload = payload.slice(0, m.at % (payload.length + 1));
      else if (m.kind === 'extend') payload += m.tail;
    }
    return reseal ? CODE_PREFIX + checksumOf(payload) + payload : code.slice(0, CODE_PREFIX.length + 4) + payload;
  };

  it('survives mutated valid codes, with and without a recomputed checksum', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.constantFrom(...pool), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (code, mutations, reseal) => {
        const mutated = mutate(code, mutations, reseal);
        decodesSafely(mutated);
        if (decodeRunCode(content, mutated).ok) accepted++;
        else rejected++;
        if (!reseal && mutated !== code) expect(decodeRunCode(content, mutated).ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
    expect(rejected).toBeGreaterThan(0);
    console.log(`mutated codes: ${accepted} decoded into valid runs, ${rejected} rejected`);
  });
});

/** The informed run with the most decisions (right answers, every open move tried). */
function longestInformedRun(s: Scenario, settings: RunSettings, seed: number, useHints: boolean): RunRecord {
  const machine = machineFor(s);
  const [initial] = initialTransition(machine, { seed, settings });
  let best: RunEvent[] = [];
  let bestDecisions = -1;
  const visit = (snap: RunSnapshot, path: RunEvent[], decisions: number) => {
    if (snap.status === 'done') {
      if (decisions > bestDecisions) [best, bestDecisions] = [path, decisions];
      return;
    }
    let options: RunEvent[][];
    if (snap.hasTag('question')) {
      const q = findQuestion(s, snap.context.questionId!)!;
      const answer: RunEvent = { type: 'answer.submit', answer: representativeAnswers(q)[0]! };
      options = [useHints && q.hint ? [{ type: 'answer.hint' }, answer] : [answer]];
    } else {
      options = choicesAt(s, snap).map((e) => [e]);
    }
    for (const seq of options) {
      let next: RunSnapshot = snap;
      for (const e of seq) [next] = transition(machine, next, e) as [RunSnapshot, unknown];
      if (next !== snap) visit(next, [...path, ...seq], decisions + seq.filter(isDecision).length);
    }
  };
  visit(initial as RunSnapshot, [], 0);
  const run = startRun(s, { scenarioId: s.id, contentVersion: content.versions[s.id]!, seed, settings }, { clock: new SimulatedClock() });
  for (const e of best) run.send(e);
  expect(run.getSnapshot().status).toBe('done');
  run.stop();
  return run.record;
}

describe('replay code length', () => {
  it.each(content.scenarioOrder)('%s: the longest run fits easily in a link, a QR code and SCORM suspend_data', (id) => {
    const s = content.scenarios[id]!;
    const plain = longestInformedRun(s, NO_TIMER, 2 ** 31 - 2, false);
    // The worst case: largest seed, the timer on, a hint on every question that has one.
    const worst = longestInformedRun(s, { timerSeconds: 3600, hintsEnabled: true }, 2 ** 32, true);
    const [a, b] = [encodeRunCode(content, plain), encodeRunCode(content, worst)];
    const decisions = plain.events.filter(isDecision).length;
    console.log(
      `${id}: longest informed run ${decisions} decisions, ${plain.events.length} events → code ${a.length} chars; ` +
        `with timer and every hint ${b.length} chars (JSON log ${JSON.stringify(plain).length} chars)`,
    );
    for (const [record, code] of [[plain, a], [worst, b]] as const) {
      expect(code.length).toBeLessThan(200);
      const decoded = decodeRunCode(content, code);
      if (!decoded.ok) throw new Error(decoded.message);
      expect(decoded.record).toEqual(record);
    }
  });
});
