// Schema version 2 (issue 14 items 1, 2, 5, 6): reactions declared per party and checked, the
// effect rule, the migration of version 1 files, the prediction step in the statechart (scoring,
// validation, timer, the setting that turns it off), understanding split into questions and
// predictions, and the player's "read" of a reaction.
import { SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { formatContentError, loadContent } from '../../src/content/loader';
import { draftReaction, migrateScenario } from '../../src/content/migrate';
import { REACTIONS, type Meeting, type Move, type ReactionKind, type Scenario } from '../../src/content/schema';
import { representativeAnswers } from '../../src/engine/answers';
import {
  farReaction,
  moveEffects,
  presentParties,
  reactionsNow,
  READ_THRESHOLD,
  REACTION_EFFECTS,
  scorePrediction,
  walkoutFlag,
  yourRead,
} from '../../src/engine/reactions';
import { exploreScenario } from '../../src/engine/explore';
import { startRun, type Run } from '../../src/engine/run';
import type { RunSettings } from '../../src/engine/scenarioMachine';
import { DEFAULT_PREDICTION_DIFFICULTY, findQuestion, understanding, understandingSplit } from '../../src/engine/stats';
import { readContentFiles } from '../../src/cli/contentFiles';
import { migratedContent, realContent, V1_FIXTURE_FILE, v1FixtureScenario } from './helpers';

const files = () => structuredClone(readContentFiles().files) as Record<string, any>;
const scenarioFiles = () => Object.keys(files()).filter((f) => f.includes('content/scenarios/'));
const content = migratedContent();
const UNTIMED: RunSettings = { timerSeconds: null, hintsEnabled: false };

/** A v2 file set: every version 1 scenario migrated (those already in version 2 as they are). */
function migratedFiles(): Record<string, any> {
  const f = files();
  for (const file of scenarioFiles()) if (f[file].schemaVersion === 1) f[file] = migrateScenario(f[file]).scenario;
  return f;
}

/** The first scenario (in timeline order) and meeting with a move whose reactions differ from one another. */
function pickMove(): { scenario: Scenario; meeting: Meeting; move: Move; file: string; mi: number; vi: number } {
  for (const id of content.scenarioOrder) {
    const scenario = content.scenarios[id]!;
    for (const [mi, meeting] of scenario.meetings.entries()) {
      for (const [vi, move] of meeting.moves.entries()) {
        if (meeting.parties.length >= 2 && move.requires.length === 0) return { scenario, meeting, move, file: content.files[id]!, mi, vi };
      }
    }
  }
  throw new Error('no move with two parties at the table and no requirement');
}

/** A run of `scenario` driven to the moves of `meeting` along the first path that reaches it. */
function toMoves(scenario: Scenario, meetingId: string, settings: RunSettings, clock?: SimulatedClock): Run {
  // Find a path of meetings to the target through unlocked moves, answering every question right.
  const route = (from: string, seen: string[] = []): string[] | null => {
    if (from === meetingId) return [...seen, from];
    const m = scenario.meetings.find((x) => x.id === from)!;
    for (const mv of m.moves) {
      if (mv.next === 'end' || mv.requires.length) continue;
      const r = route(mv.next, [...seen, from]);
      if (r) return r;
    }
    return null;
  };
  const path = route(scenario.start)!;
  const run = startRun(scenario, { scenarioId: scenario.id, contentVersion: content.versions[scenario.id]!, seed: 3, settings }, clock ? { clock } : {});
  run.send({ type: 'run.begin' });
  for (const [i, id] of path.entries()) {
    run.send({ type: 'meeting.continue' });
    while (run.getSnapshot().hasTag('question')) {
      run.send({ type: 'answer.submit', answer: representativeAnswers(findQuestion(scenario, run.getSnapshot().context.questionId!)!)[0]! });
      run.send({ type: 'feedback.continue' });
    }
    if (i === path.length - 1) break;
    const m = scenario.meetings.find((x) => x.id === id)!;
    const mv = m.moves.find((x) => x.next === path[i + 1] && !x.requires.length)!;
    run.send({ type: 'move.choose', moveId: mv.id });
    if (run.getSnapshot().hasTag('predicting')) {
      const reactions = reactionsNow(mv, m, run.getSnapshot().context.flags);
      run.send({ type: 'prediction.submit', predictions: Object.fromEntries(reactions.map((r) => [r.party, r.reaction])) });
    }
    run.send({ type: 'outcome.continue' });
  }
  expect(run.getSnapshot().hasTag('moves')).toBe(true);
  return run;
}

describe('schema version 2: reactions', () => {
  it('migrates every version 1 scenario to one that loads, with a reaction per seated party and no typed trust or agreement', () => {
    const f = migratedFiles();
    const result = loadContent(f);
    expect(result.ok ? [] : result.errors.map(formatContentError)).toEqual([]);
    for (const file of scenarioFiles()) {
      expect(f[file].schemaVersion).toBe(2);
      for (const m of f[file].meetings) {
        for (const mv of m.moves) {
          expect(mv.reactions.map((r: { party: string }) => r.party)).toEqual(m.parties);
          expect(mv.effects?.trust).toBeUndefined();
          expect(mv.effects?.agreement).toBeUndefined();
        }
      }
    }
  });

  it('drafts reactions from the typed trust change and lists what the author must review', () => {
    expect([15, 10, 5, 0, -5, -10, -25, -30].map(draftReaction)).toEqual(['welcomes', 'welcomes', 'accepts', 'accepts', 'objects', 'rejects', 'rejects', 'walks-out']);
    const raw = v1FixtureScenario();
    const { scenario, review } = migrateScenario(raw);
    const m = raw.meetings.find((x: any) => x.moves.some((mv: any) => Object.keys(mv.effects?.trust ?? {}).some((p) => x.parties.includes(p))));
    const mv = m.moves.find((x: any) => Object.keys(x.effects?.trust ?? {}).some((p) => m.parties.includes(p)));
    const party = Object.keys(mv.effects.trust).find((p) => m.parties.includes(p))!;
    const migrated = (scenario.meetings as any[]).find((x) => x.id === m.id).moves.find((x: any) => x.id === mv.id);
    expect(migrated.reactions.find((r: any) => r.party === party).reaction).toBe(draftReaction(mv.effects.trust[party]));
    expect(review.some((line) => line.includes(`move "${mv.id}"`))).toBe(true);
    expect(() => migrateScenario(scenario)).toThrow(/only version 1/);
  });

  it('refuses a move with reactions that also types trust or agreement, naming the file and field', () => {
    const f = migratedFiles();
    const file = scenarioFiles()[0]!;
    f[file].meetings[0].moves[0].effects = { trust: { [f[file].meetings[0].parties[0]]: 5 }, agreement: 10 };
    const result = loadContent(f);
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.filter((e) => e.file === file).map((e) => e.field);
    expect(fields).toContain('meetings.0.moves.0.effects.trust');
    expect(fields).toContain('meetings.0.moves.0.effects.agreement');
  });

  it('refuses reactions in a version 1 file, and a version 2 move without reactions', () => {
    const f = files();
    const v2Files = migratedFiles();
    const [a, b] = scenarioFiles();
    // a: a version 1 file with one move's reactions (a version 2 file marked version 1 has them all).
    if (f[a!].schemaVersion === 1) f[a!].meetings[0].moves[0].reactions = v2Files[a!].meetings[0].moves[0].reactions;
    else f[a!].schemaVersion = 1;
    f[b!] = v2Files[b!];
    delete f[b!].meetings[1].moves[0].reactions;
    const result = loadContent(f);
    const messages = result.ok ? [] : result.errors.map(formatContentError);
    expect(messages.some((m) => m.startsWith(`${a}: meetings.0.moves.0.reactions`) && m.includes('schemaVersion 2'))).toBe(true);
    expect(messages.some((m) => m.startsWith(`${b}: meetings.1.moves.0.reactions`) && m.includes('every move needs reactions'))).toBe(true);
  });

  it('refuses a reaction for a party not at the table, a missing or second reaction, and a quote no source has', () => {
    const f = migratedFiles();
    const file = scenarioFiles().find((x) => f[x].meetings.some((m: any) => m.parties.length >= 2))!;
    const mi = f[file].meetings.findIndex((m: any) => m.parties.length >= 2);
    const m = f[file].meetings[mi];
    const absent = Object.keys(f[file].initial.trust).find((p) => !m.parties.includes(p))!;
    m.moves[0].reactions[0].party = absent; // first seated party now missing, an absent one reacts
    m.moves[1].reactions.push(structuredClone(m.moves[1].reactions[0]));
    m.moves[1].reactions[1].evidence.quote = 'A stance nobody ever stated in any source.';
    const result = loadContent(f);
    const messages = result.ok ? [] : result.errors.map(formatContentError);
    expect(messages).toContainEqual(expect.stringContaining(`meetings.${mi}.moves.0.reactions.0.party (id "${m.moves[0].id}"): "${absent}" does not sit at meeting`));
    expect(messages).toContainEqual(expect.stringContaining(`meetings.${mi}.moves.0.reactions (id "${m.moves[0].id}"): no reaction for "${m.parties[0]}"`));
    expect(messages).toContainEqual(expect.stringContaining(`meetings.${mi}.moves.1.reactions.${m.moves[1].reactions.length - 1}.party`));
    expect(messages).toContainEqual(expect.stringContaining(`meetings.${mi}.moves.1.reactions.1.evidence.quote`));
  });

  it('declares a walk-out flag for every known party, and only for known parties', () => {
    const f = migratedFiles();
    const file = scenarioFiles()[0]!;
    const party = f[file].meetings[0].parties[0];
    const endings = f[file].endings;
    endings.unshift({ ...structuredClone(endings[endings.length - 1]), id: 'gone', when: [{ kind: 'flag', flag: walkoutFlag(party) }] });
    expect(loadContent(f).ok).toBe(true);
    endings[0].when = [{ kind: 'flag', flag: walkoutFlag('atlantis') }];
    const result = loadContent(f);
    expect(result.ok ? [] : result.errors.map(formatContentError)).toContainEqual(expect.stringContaining('names no known party'));
  });

  it('keeps version 1 scenarios as they were: same content versions, so old codes and saves still fit', () => {
    const real = realContent();
    const v1 = Object.keys(real.scenarios).filter((id) => real.scenarios[id]!.schemaVersion === 1);
    if (!v1.length) console.warn('every scenario is in schema version 2: no version 1 scenario left to check');
    for (const id of v1) expect(real.scenarios[id]!.meetings.flatMap((m) => m.moves).some((mv) => 'reactions' in mv)).toBe(false);
    // The hashes a replay code or save names did not move with the new optional field.
    expect(real.versions).toEqual(loadContent(files()).ok && (loadContent(files()) as { content: { versions: unknown } }).content.versions);
  });
});

describe('version 1 files', () => {
  it('still load beside version 2 ones, and load again once migrated', () => {
    const f = files();
    f[V1_FIXTURE_FILE] = v1FixtureScenario();
    const before = loadContent(f);
    expect(before.ok ? [] : before.errors.map(formatContentError)).toEqual([]);
    f[V1_FIXTURE_FILE] = migrateScenario(v1FixtureScenario()).scenario;
    const after = loadContent(f);
    expect(after.ok ? [] : after.errors.map(formatContentError)).toEqual([]);
  });
});

describe('the effect rule', () => {
  it('derives trust per reaction and agreement as the rounded mean weight of the parties present', () => {
    const { meeting, move } = pickMove();
    const effects = moveEffects(move, meeting, []);
    for (const r of move.reactions!) expect(effects.trust[r.party]).toBe(REACTION_EFFECTS[r.reaction].trust);
    const weights = move.reactions!.map((r) => REACTION_EFFECTS[r.reaction].agreement);
    expect(effects.agreement).toBe(Math.round(weights.reduce((a, b) => a + b, 0) / weights.length));
  });

  it('orders the scale from warmest to coldest', () => {
    const trust = REACTIONS.map((r) => REACTION_EFFECTS[r].trust);
    expect([...trust].sort((a, b) => b - a)).toEqual(trust);
  });

  it('has a walk-out set the party\'s flag, and a party that walked out react to nothing after', () => {
    const { meeting, move } = pickMove();
    const [first, ...rest] = move.reactions!;
    const walking: Move = { ...move, reactions: [{ ...first!, reaction: 'walks-out' }, ...rest] };
    const effects = moveEffects(walking, meeting, []);
    expect(effects.setFlags).toContain(walkoutFlag(first!.party));
    const after = [walkoutFlag(first!.party)];
    expect(presentParties(meeting, after)).not.toContain(first!.party);
    expect(moveEffects(move, meeting, after).trust[first!.party]).toBeUndefined();
  });
});

describe('predicting the table', () => {
  it('scores a prediction 1 when right, 0.5 one step away on the scale, else 0', () => {
    for (const actual of REACTIONS) {
      for (const predicted of REACTIONS) {
        const d = Math.abs(REACTIONS.indexOf(actual) - REACTIONS.indexOf(predicted));
        expect(scorePrediction(predicted, actual)).toBe(d === 0 ? 1 : d === 1 ? 0.5 : 0);
      }
      expect(scorePrediction(farReaction(actual), actual)).toBe(0);
    }
  });

  it('asks for predictions after a move with reactions, refuses anything but one valid reaction per party present, then applies the move', () => {
    const { scenario, meeting, move } = pickMove();
    const run = toMoves(scenario, meeting.id, UNTIMED);
    const before = run.getSnapshot().context;
    run.send({ type: 'move.choose', moveId: move.id });
    let snap = run.getSnapshot();
    expect(snap.hasTag('predicting')).toBe(true);
    expect(snap.context.predictingMoveId).toBe(move.id);
    // Nothing of the move shows before the prediction.
    expect(snap.context.trust).toEqual(before.trust);
    expect(snap.context.moves).toEqual(before.moves);
    const parties = meeting.parties;
    const actual = Object.fromEntries(move.reactions!.map((r) => [r.party, r.reaction])) as Record<string, ReactionKind>;
    const refused = [
      Object.fromEntries(parties.slice(1).map((p) => [p, 'accepts'])),
      { ...actual, atlantis: 'accepts' },
      { ...actual, [parties[0]!]: 'shrugs' },
    ];
    for (const predictions of refused) {
      run.send({ type: 'prediction.submit', predictions: predictions as Record<string, ReactionKind> });
      expect(run.getSnapshot(), JSON.stringify(predictions)).toBe(snap);
    }
    // Right for the first party, one step off for the second, far off for any others.
    const shift = (r: ReactionKind) => REACTIONS[REACTIONS.indexOf(r) + (REACTIONS.indexOf(r) < REACTIONS.length - 1 ? 1 : -1)]!;
    const predictions = Object.fromEntries(parties.map((p, i) => [p, i === 0 ? actual[p]! : i === 1 ? shift(actual[p]!) : farReaction(actual[p]!)]));
    run.send({ type: 'prediction.submit', predictions });
    snap = run.getSnapshot();
    expect(snap.hasTag('outcome')).toBe(true);
    expect(snap.context.predictingMoveId).toBeNull();
    const record = snap.context.predictions.at(-1)!;
    expect(record).toMatchObject({ meetingId: meeting.id, moveId: move.id, predictions, timedOut: false });
    expect(parties.map((p) => record.scores[p])).toEqual(parties.map((_, i) => (i === 0 ? 1 : i === 1 ? 0.5 : 0)));
    expect(snap.context.moves.at(-1)!.moveId).toBe(move.id);
  });

  it('counts each prediction into that party\'s understanding like a question of the reaction\'s difficulty, and keeps the split', () => {
    const { scenario, meeting, move } = pickMove();
    const run = toMoves(scenario, meeting.id, UNTIMED);
    const answers = run.getSnapshot().context.answers;
    run.send({ type: 'move.choose', moveId: move.id });
    // All wrong: predictions pull understanding down from the answers' share.
    run.send({ type: 'prediction.submit', predictions: Object.fromEntries(move.reactions!.map((r) => [r.party, farReaction(r.reaction)])) });
    const c = run.getSnapshot().context;
    const split = understandingSplit(scenario, c.answers, c.predictions);
    const withoutPredictions = understanding(scenario, answers);
    for (const r of move.reactions!) {
      const s = split[r.party]!;
      expect(s.predictions).toEqual({ earned: 0, possible: r.difficulty ?? DEFAULT_PREDICTION_DIFFICULTY });
      const total = Math.round((100 * s.questions.earned) / (s.questions.possible + s.predictions.possible));
      expect(understanding(scenario, c.answers, c.predictions)[r.party]).toBe(total);
      if (s.questions.possible) expect(total).toBeLessThan(withoutPredictions[r.party]!);
    }
  });

  it('skips the prediction step when the run\'s settings turn predictions off', () => {
    const { scenario, meeting, move } = pickMove();
    const run = toMoves(scenario, meeting.id, { ...UNTIMED, predictions: false });
    run.send({ type: 'move.choose', moveId: move.id });
    expect(run.getSnapshot().hasTag('outcome')).toBe(true);
    expect(run.getSnapshot().context.predictions).toEqual([]);
  });

  it('times a prediction like a question: pause and resume, and running out records a zero-score prediction', () => {
    const { scenario, meeting, move } = pickMove();
    const clock = new SimulatedClock();
    const run = toMoves(scenario, meeting.id, { timerSeconds: 30, hintsEnabled: false }, clock);
    run.send({ type: 'move.choose', moveId: move.id });
    expect(run.getSnapshot().hasTag('timed')).toBe(true);
    run.send({ type: 'timer.pause' });
    expect(run.getSnapshot().hasTag('paused')).toBe(true);
    clock.increment(60_000);
    expect(run.getSnapshot().hasTag('predicting')).toBe(true);
    run.send({ type: 'timer.resume' });
    clock.increment(30_000);
    const c = run.getSnapshot().context;
    expect(run.getSnapshot().hasTag('outcome')).toBe(true);
    expect(c.predictions.at(-1)).toMatchObject({ moveId: move.id, predictions: null, timedOut: true });
    expect(Object.values(c.predictions.at(-1)!.scores).every((s) => s === 0)).toBe(true);
    expect(run.record.events.at(-1)).toEqual({ type: 'timer.expire' });
  });
});

describe('your read of a reaction', () => {
  const { move } = pickMove();
  const reaction = move.reactions![0]!;

  it('shows nothing below the threshold, the real reaction at full understanding, and a neighbour when wrong', () => {
    expect(yourRead(move, reaction.party, READ_THRESHOLD - 1, 1)).toBeNull();
    expect(yourRead(move, 'atlantis', 100, 1)).toBeNull();
    for (let seed = 1; seed < 200; seed++) {
      expect(yourRead(move, reaction.party, 100, seed)).toBe(reaction.reaction);
      const read = yourRead(move, reaction.party, 50, seed)!;
      expect(Math.abs(REACTIONS.indexOf(read) - REACTIONS.indexOf(reaction.reaction))).toBeLessThanOrEqual(1);
      expect(yourRead(move, reaction.party, 50, seed)).toBe(read);
    }
  });

  it('is right about as often as the understanding says, and a read that is right stays right as understanding rises', () => {
    for (const u of [30, 60, 90]) {
      let right = 0;
      for (let seed = 1; seed <= 2000; seed++) {
        const now = yourRead(move, reaction.party, u, seed) === reaction.reaction;
        if (now) right++;
        if (now) expect(yourRead(move, reaction.party, u + 5, seed)).toBe(reaction.reaction);
      }
      expect(Math.abs(right / 2000 - u / 100)).toBeLessThan(0.05);
    }
  });
});

describe('path enumeration with predictions', () => {
  it.each(Object.keys(content.scenarios))('%s (migrated): predictions follow the meeting\'s answers, so they add steps but do not multiply paths', (id) => {
    const scenario = content.scenarios[id]!;
    const on = exploreScenario(scenario, UNTIMED);
    const off = exploreScenario(scenario, { ...UNTIMED, predictions: false });
    expect(on.stuck).toEqual([]);
    // Branching on each prediction would double the paths at every meeting. (They may differ a
    // little: predictions weigh into understanding, and so into which moves unlock.)
    expect(on.paths).toBeLessThan(2 * off.paths);
    expect(on.longestDecisions).toBeGreaterThan(off.longestDecisions);
    // The migration raised the bound by one prediction per meeting.
    expect(on.longestDecisions).toBeLessThanOrEqual(scenario.maxDecisions);
  });
});
