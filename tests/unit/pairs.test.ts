// Playing in pairs (issue 18 item 2): a class link turns it on; two names come before the
// scenarios; every move and every prediction is proposed by one player and played only when the
// other agrees (a disagreement goes back to the choice and plays nothing); the run's log holds only
// the agreed decisions, so it replays and encodes like a run played alone; the results carry both
// names and the dashboard counts the runs for both.
import { describe, expect, it } from 'vitest';
import { CLASS_FORMAT, CLASS_FORMAT_MODES, classLink, decodeClassParam, encodeClassParam, readClassLink, type ClassSettings } from '../../src/classroom/classLink';
import { buildDashboard, dashboardCsv } from '../../src/classroom/dashboard';
import { checkPairNames, leaderOf, PAIR_KEY } from '../../src/classroom/pair';
import { makeResults, parseResults, resultsCode, resultsFileText } from '../../src/classroom/results';
import { memoryStore } from '../../src/persistence/storage';
import { launchParameters, manifest12, manifest2004 } from '../../src/cli/buildScorm';
import { preferredVersion } from '../../src/lms/launch';
import { replayRun } from '../../src/engine/run';
import { encodeRunCode } from '../../src/replay/code';
import { createSession, type Session } from '../../src/session';
import { realContent } from './helpers';

const content = realContent();
const ids = content.scenarioOrder.slice(0, 2);
const base: ClassSettings = { scenarios: ids, timer: 'off', hints: true, seed: 42, label: 'Class 9B' };
const pairs: ClassSettings = { ...base, pairs: true };

const screenOf = (session: Session) => {
  const value = session.app.getSnapshot().value;
  return typeof value === 'string' ? value : Object.keys(value)[0]!;
};

function pairSession(store = memoryStore(), problems: string[] = []) {
  const session = createSession({ content, store, newSeed: () => 7, classSettings: pairs, onUnhandled: (p) => problems.push(p) });
  session.boot();
  return session;
}

describe('class links: play in pairs', () => {
  it('a link with pairs on reads back on; a link without stays in the old format', () => {
    const param = encodeClassParam(pairs);
    expect(param.split('.')[0]).toBe(CLASS_FORMAT_MODES);
    const read = readClassLink(content, classLink('https://school.example/envoy/', pairs))!;
    expect(read.problems).toEqual([]);
    expect(read.settings).toEqual(pairs);
    expect(encodeClassParam(base).split('.')[0]).toBe(CLASS_FORMAT);
    expect(decodeClassParam(content, encodeClassParam(base)).settings.pairs).toBeUndefined();
  });

  it('a mode this build does not know is named, and the rest is kept', () => {
    const read = decodeClassParam(content, `${encodeClassParam(pairs)}z`);
    expect(read.settings).toEqual(pairs);
    expect(read.problems).toEqual([expect.stringContaining('"z"')]);
  });
});

describe('pair names', () => {
  it('needs two different names', () => {
    expect(checkPairNames('Ana', '  ').ok).toBe(false);
    expect(checkPairNames('Ana', 'ana').ok).toBe(false);
    expect(checkPairNames(' Ana ', 'Ben')).toEqual({ ok: true, names: { first: 'Ana', second: 'Ben' } });
  });

  it('come before the scenarios, are kept on the device, and can be changed', () => {
    const store = memoryStore();
    const problems: string[] = [];
    const session = pairSession(store, problems);
    session.send({ type: 'menu.play' });
    expect(screenOf(session)).toBe('players');
    session.send({ type: 'pair.names', names: { first: 'Ana', second: '' } });
    expect(screenOf(session)).toBe('players');
    expect(problems).toHaveLength(1);
    session.send({ type: 'pair.names', names: { first: 'Ana', second: 'Ben' } });
    expect(screenOf(session)).toBe('select');
    expect(JSON.parse(store.get(PAIR_KEY)!)).toEqual({ first: 'Ana', second: 'Ben' });
    session.dispose();

    const again = pairSession(store);
    expect(again.pair?.players).toEqual({ first: 'Ana', second: 'Ben' });
    expect(again.actions().map((a) => a.id)).toContain('change-players');
    again.send({ type: 'menu.play' });
    expect(screenOf(again)).toBe('select');
    again.send({ type: 'nav.back' });
    again.send({ type: 'pair.change' });
    expect(screenOf(again)).toBe('players');
  });

  it('alone, nothing of it is offered', () => {
    const session = createSession({ content, store: memoryStore(), newSeed: () => 7, classSettings: base });
    session.boot();
    expect(session.pair).toBeNull();
    session.send({ type: 'menu.play' });
    expect(screenOf(session)).toBe('select');
    expect(session.can({ type: 'pair.names', names: { first: 'Ana', second: 'Ben' } })).toBe(false);
  });
});

/** Plays a session's run to its end by the first offered button, agreeing to each proposal after sending one back. */
function playPairRun(session: Session, scenarioId: string) {
  const seen = { proposals: 0, disagreements: 0, leaders: [] as number[] };
  session.send({ type: 'scenario.choose', scenarioId });
  session.send({ type: 'briefing.start' });
  let disagreeNext = true;
  for (let i = 0; i < 500 && screenOf(session) === 'negotiation'; i++) {
    const actions = session.actions().filter((a) => a.id !== 'leave' && a.id !== 'skip-tutorial');
    const phase = session.runView()!.phase;
    if (phase === 'moves' || phase === 'predicting') {
      // Only proposals are offered for a choice in pairs: never a decision straight to the run.
      for (const a of actions) expect(['move.choose', 'prediction.submit']).not.toContain(a.event.type);
    }
    const agree = actions.find((a) => a.id === 'pair-agree');
    if (agree) {
      const before = session.run!.record.events.length;
      if (disagreeNext) {
        session.send({ type: 'pair.disagree' });
        seen.disagreements++;
        // Sent back: nothing played, the choice is offered again.
        expect(session.run!.record.events.length).toBe(before);
        expect(session.pair!.proposal).toBeNull();
      } else session.send(agree.event);
      disagreeNext = !disagreeNext;
      continue;
    }
    const first = actions[0]!;
    if (first.event.type === 'pair.propose') {
      seen.proposals++;
      seen.leaders.push(session.pair!.leader);
      const before = session.run!.record.events.length;
      session.send(first.event);
      // The first confirmation is not played: the run's log is unchanged until the other agrees.
      expect(session.run!.record.events.length).toBe(before);
      expect(session.pair!.proposal).toEqual(first.event.decision);
      continue;
    }
    session.send(first.event);
  }
  return seen;
}

describe('a pair run', () => {
  it('plays each move and prediction only when both agreed, and logs only the agreed decisions', () => {
    const problems: string[] = [];
    const session = pairSession(memoryStore(), problems);
    session.send({ type: 'menu.play' });
    session.send({ type: 'pair.names', names: { first: 'Ana', second: 'Ben' } });
    const scenario = content.scenarios[ids[0]!]!;
    const seen = playPairRun(session, scenario.id);
    expect(problems).toEqual([]);
    expect(screenOf(session)).toBe('debrief');
    const record = session.run!.record;
    const decisions = record.events.filter((e) => e.type === 'move.choose' || e.type === 'prediction.submit');
    // Each decision was proposed twice (sent back once, then agreed) or once.
    expect(decisions.length).toBeGreaterThan(0);
    expect(seen.proposals).toBe(decisions.length + seen.disagreements);
    // The players take turns proposing.
    expect(new Set(seen.leaders)).toEqual(new Set([0, 1]));
    expect(leaderOf(record.events)).toBe(decisions.length % 2);
    // The log is an ordinary run's: it replays to the same ending and encodes to a code that decodes.
    const replayed = replayRun(scenario, record);
    expect(replayed.getSnapshot().context.endingId).toBe(session.run!.getSnapshot().context.endingId);
    expect(encodeRunCode(content, record)).toMatch(/^E/);
    session.dispose();
  });

  it('drops a proposal the run can no longer take', () => {
    const session = pairSession();
    session.send({ type: 'menu.play' });
    session.send({ type: 'pair.names', names: { first: 'Ana', second: 'Ben' } });
    session.send({ type: 'scenario.choose', scenarioId: ids[0]! });
    session.send({ type: 'briefing.start' });
    for (let i = 0; i < 100 && session.runView()!.phase !== 'moves'; i++) session.send(session.actions()[0]!.event);
    const propose = session.actions().find((a) => a.event.type === 'pair.propose')!;
    session.send(propose.event);
    expect(session.pair!.proposal).not.toBeNull();
    session.send({ type: 'nav.title' });
    expect(session.pair!.proposal).toBeNull();
    expect(session.can({ type: 'pair.agree' })).toBe(false);
  });

  it('every button offered in a pair run is handled', () => {
    const problems: string[] = [];
    const session = pairSession(memoryStore(), problems);
    session.send({ type: 'menu.play' });
    for (const a of session.actions()) expect(session.can(a.event), a.id).toBe(true);
    session.send({ type: 'pair.names', names: { first: 'Ana', second: 'Ben' } });
    session.send({ type: 'scenario.choose', scenarioId: ids[1]! });
    session.send({ type: 'briefing.start' });
    for (let i = 0; i < 500 && screenOf(session) === 'negotiation'; i++) {
      const actions = session.actions();
      for (const a of actions) expect(session.can(a.event), `${a.id} in ${session.runView()?.phase}`).toBe(true);
      session.send((actions.find((a) => a.id === 'pair-agree') ?? actions[0]!).event);
    }
    expect(screenOf(session)).toBe('debrief');
    expect(problems).toEqual([]);
  });
});

describe('results of a pair', () => {
  const playedCode = () => {
    const session = pairSession();
    session.send({ type: 'menu.play' });
    session.send({ type: 'pair.names', names: { first: 'Ana', second: 'Ben' } });
    playPairRun(session, ids[0]!);
    const code = session.lastCode!;
    session.dispose();
    return code;
  };

  it('carry both names, and count for both on the dashboard', () => {
    const code = playedCode();
    const made = makeResults({ name: 'Ana', partner: 'Ben', settings: pairs, runs: [{ scenarioId: ids[0]!, code }] });
    if (!made.ok) throw new Error(made.message);
    const parsed = parseResults(resultsFileText(made.file));
    expect(parsed.ok && [parsed.results.name, parsed.results.partner]).toEqual(['Ana', 'Ben']);
    const alone = makeResults({ name: 'Cleo', settings: base, runs: [{ scenarioId: ids[0]!, code }] });
    if (!alone.ok) throw new Error(alone.message);
    const dash = buildDashboard(content, [
      { source: 'pair.json', parsed },
      { source: 'cleo', parsed: parseResults(resultsCode(alone.file)) },
    ]);
    expect(dash.problems).toEqual([]);
    expect(dash.students.map((s) => [s.name, s.partner])).toEqual([
      ['Ana', 'Ben'],
      ['Ben', 'Ana'],
      ['Cleo', null],
    ]);
    expect(dash.students[0]!.scenarios[ids[0]!]).toEqual(dash.students[1]!.scenarios[ids[0]!]);
    expect(dash.scenarios[0]!.students).toBe(3);
    const csv = dashboardCsv(dash).split('\r\n');
    expect(csv[0]).toMatch(/,Played with$/);
    expect(csv[1]).toMatch(/^Ana,.*,Ben$/);
    expect(csv[2]).toMatch(/^Ben,.*,Ana$/);
    expect(csv[3]).toMatch(/^Cleo,.*,$/);
  });

  it('a name already handed in counts once; the partner still counts', () => {
    const code = playedCode();
    const file = (name: string, partner?: string) => {
      const made = makeResults({ name, partner, settings: pairs, runs: [{ scenarioId: ids[0]!, code }] });
      if (!made.ok) throw new Error(made.message);
      return parseResults(resultsFileText(made.file));
    };
    const dash = buildDashboard(content, [
      { source: 'ana.json', parsed: file('Ana') },
      { source: 'pair.json', parsed: file('ana', 'Ben') },
    ]);
    expect(dash.students.map((s) => s.name)).toEqual(['Ana', 'Ben']);
    expect(dash.problems).toEqual([expect.objectContaining({ source: 'pair.json', name: 'ana' })]);
  });

  it('needs both names, each no longer than a name may be', () => {
    expect(makeResults({ name: 'Ana', partner: ' ', settings: pairs, runs: [] }).ok).toBe(false);
    expect(makeResults({ name: 'Ana', partner: 'x'.repeat(61), settings: pairs, runs: [] }).ok).toBe(false);
    const tooLong = JSON.stringify({ format: 'envoy-results', version: 1, name: 'Ana', partner: 'x'.repeat(61), classLabel: '', settings: null, runs: [] });
    expect(parseResults(tooLong).ok).toBe(false);
  });
});


describe('pairs in a SCORM package', () => {
  it('a package built with a pairs class launches the game with it, beside the SCORM version', () => {
    const classParam = encodeClassParam(pairs);
    const meta = { identifier: 'x', version: '1', title: 'Envoy', passingScore: 0.5, classParam };
    for (const [version, manifest] of [['1.2', manifest12], ['2004', manifest2004]] as const) {
      const params = launchParameters(version, meta);
      expect(manifest(['index.html'], meta)).toContain(`parameters="${params.replace(/&/g, '&amp;')}"`);
      expect(preferredVersion(params)).toBe(version);
      expect(readClassLink(content, params)!.settings).toEqual(pairs);
    }
    expect(launchParameters('1.2', {})).toBe('?scorm=1.2');
    expect(() => launchParameters('2004', { classParam: 'a&b' })).toThrow(/class/);
  });
});
