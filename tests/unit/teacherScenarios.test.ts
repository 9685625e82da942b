// Scenario files a class uses without a rebuild (issue 17 item 4): a teacher's file is read with
// positions, held to every check content:check makes, marked as the teacher's, kept on the device,
// carried by a link or a draft, and its runs replay from their codes like a shipped scenario's.
import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScenarioTexts, isTeacherScenario, TEACHER_FOLDER } from '../../src/content/teacherScenarios';
import { makeScenarioLink, MAX_SCENARIO_LINK_LENGTH, readScenarioLinkValue, scenarioLinkValue } from '../../src/content/scenarioLink';
import { draftLink, keepTeacherScenario, MAX_DRAFTS, readDraft, readTeacherScenarios, scenarioIdOf, writeDraft, forgetTeacherScenario } from '../../src/persistence/teacherScenarios';
import { memoryStore } from '../../src/persistence/storage';
import { decodeRunCode, encodeRunCode } from '../../src/replay/code';
import { informed, realContent, newRun, playThrough } from './helpers';
import { createSession } from '../../src/session';
import { handInResults } from '../../src/classroom/handIn';
import { buildDashboard } from '../../src/classroom/dashboard';
import { parseResultsFile, resultsFileText } from '../../src/classroom/results';
import { addToHistory } from '../../src/replay/history';

const content = realContent();
const shippedId = content.scenarioOrder[0]!;

/** A shipped scenario under a new id, question ids renamed, as the guide says (§6 step 3), as file text. */
function copyText(id: string, edit: (s: any) => void = () => {}): string {
  const copy = structuredClone(content.scenarios[shippedId]) as any;
  copy.id = id;
  for (const m of copy.meetings) for (const q of m.questions) q.id = `${id}-${q.id}`;
  edit(copy);
  return JSON.stringify(copy, null, 2);
}

describe('a teacher scenario file', () => {
  it('loads beside the shipped content, on the timeline, marked as the teacher\'s, with its own version', () => {
    const result = loadScenarioText(content, 'My class.json', copyText('my-class'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenarioId).toBe('my-class');
    expect(result.content.scenarioOrder).toContain('my-class');
    expect(isTeacherScenario(result.content, 'my-class')).toBe(true);
    expect(isTeacherScenario(result.content, shippedId)).toBe(false);
    expect(result.content.files['my-class']).toBe(`${TEACHER_FOLDER}my-class.json`);
    // Every shipped scenario is still there, unchanged.
    for (const id of Object.keys(content.scenarios)) expect(result.content.versions[id]).toBe(content.versions[id]);
    // A copy repeats the shipped questions: advice, not an error.
    expect(result.warnings.some((w) => /repeated-question/.test(w))).toBe(true);
  });

  it('names the teacher\'s file, line and column in plain words, for syntax, schema, references and quotes', () => {
    const trailing = loadScenarioText(content, 'broken.json', copyText('broken').replace(/\n}$/, ',\n}'));
    expect(trailing.ok).toBe(false);
    if (!trailing.ok) expect(trailing.errors[0]).toMatch(/^broken\.json:\d+:\d+: \(file\): trailing comma/);

    // Schema errors come first (a file with them skips the later checks), as in content:check.
    const schema = loadScenarioText(content, 'typos.json', copyText('typos', (s) => delete s.meetings[0].questions[0].explanation));
    expect(schema.ok).toBe(false);
    if (!schema.ok) expect(schema.errors.join('\n')).toMatch(/^typos\.json:\d+:\d+: meetings\.0\.questions\.0\.explanation \(id "typos-[^"]+"\): missing field `explanation`/m);
    const text = copyText('typos', (s) => {
      s.meetings[0].opening.speaker = 'rusia';
      s.meetings[0].opening.evidence.quote = 'Words the report never printed, not in any passage at all.';
    });
    const result = loadScenarioText(content, 'typos.json', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.errors.join('\n');
    expect(lines).toMatch(/^typos\.json:\d+:\d+: meetings\.0\.opening\.speaker \(id "[^"]+"\): unknown party "rusia".*did you mean "russia"\?/m);
    expect(lines).toMatch(/^typos\.json:\d+:\d+: meetings\.0\.opening\.evidence\.quote .*quote not found verbatim/m);
    // Positions point at the field in the teacher's own text.
    const line = Number(/^typos\.json:(\d+):/m.exec(result.errors.find((e) => e.includes('opening.speaker'))!)![1]);
    expect(text.split('\n')[line - 1]).toContain('"speaker"');
  });

  it('is held to the checks after loading too (loaded terms), and refuses a shipped id, a practice scenario and a non-object', () => {
    const loaded = loadScenarioText(content, 'words.json', copyText('words', (s) => (s.summary = 'The regime talks.')));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors.join('\n')).toMatch(/^words\.json:\d+:\d+: summary: loaded term "regime"/m);
    const dup = loadScenarioText(content, 'dup.json', JSON.stringify(content.scenarios[shippedId]));
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.errors.join('\n')).toMatch(/duplicate scenario id/);
    const practice = loadScenarioText(content, 'p.json', copyText('p', (s) => (s.tutorial = true)));
    expect(practice.ok).toBe(false);
    expect(loadScenarioText(content, 'a.json', '[1, 2]').ok).toBe(false);
    expect(loadScenarioText(content, 'big.json', ' '.repeat(600 * 1024)).ok).toBe(false);
  });

  it('replaces an earlier teacher file of the same id; several load in turn, a bad one reported and left out', () => {
    const first = loadScenarioText(content, 'a.json', copyText('class-a'));
    if (!first.ok) throw new Error(first.errors.join('\n'));
    const again = loadScenarioText(first.content, 'a2.json', copyText('class-a', (s) => (s.title = 'A corrected title')));
    expect(again.ok).toBe(true);
    if (again.ok) {
      expect(again.content.scenarios['class-a']!.title).toBe('A corrected title');
      expect(again.content.teacherScenarios).toEqual(['class-a']);
    }
    const many = loadScenarioTexts(content, [
      { name: 'a.json', text: copyText('class-a') },
      { name: 'bad.json', text: '{' },
    ]);
    expect(many.content.teacherScenarios).toEqual(['class-a']);
    expect(many.failed.map((f) => f.name)).toEqual(['bad.json']);
  });

  it('plays, and its run replays from its code with the same file loaded, and not without it', () => {
    const loaded = loadScenarioText(content, 'play.json', copyText('play-me'));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const run = newRun(loaded.content, 'play-me', 5);
    playThrough(loaded.content, loaded.content.scenarios['play-me']!, run, informed);
    expect(run.getSnapshot().status).toBe('done');
    const code = encodeRunCode(loaded.content, run.record);
    const decoded = decodeRunCode(loaded.content, code);
    expect(decoded.ok).toBe(true);
    const without = decodeRunCode(content, code);
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.reason).toBe('unknown-scenario');
  });
});

describe('teacher scenarios on the device', () => {
  it('keeps files across a reload, one per scenario id, and forgets one', () => {
    const store = memoryStore();
    expect(keepTeacherScenario(store, 'class-a', { name: 'a.json', text: copyText('class-a') })).toBe(true);
    keepTeacherScenario(store, 'class-b', { name: 'b.json', text: copyText('class-b') });
    keepTeacherScenario(store, 'class-a', { name: 'a2.json', text: copyText('class-a') });
    expect(readTeacherScenarios(store).map((f) => [f.name, scenarioIdOf(f.text)])).toEqual([['b.json', 'class-b'], ['a2.json', 'class-a']]);
    const reloaded = loadScenarioTexts(content, readTeacherScenarios(store));
    expect(reloaded.content.teacherScenarios).toEqual(['class-b', 'class-a']);
    forgetTeacherScenario(store, 'class-b');
    expect(readTeacherScenarios(store).map((f) => f.name)).toEqual(['a2.json']);
    store.set('envoy.teacherScenarios', 'not json');
    expect(readTeacherScenarios(store)).toEqual([]);
  });

  it('hands a draft to the game by key, keeping the newest few', () => {
    const store = memoryStore();
    const keys = Array.from({ length: MAX_DRAFTS + 2 }, (_, i) => writeDraft(store, { name: `d${i}.json`, text: `{"n": ${i}}` })!);
    expect(readDraft(store, keys.at(-1)!)).toEqual({ name: `d${MAX_DRAFTS + 1}.json`, text: `{"n": ${MAX_DRAFTS + 1}}` });
    expect(readDraft(store, keys[0]!)).toBeNull();
    expect(readDraft(store, '../x')).toBeNull();
    expect(draftLink('https://school.example/envoy/?teacher=author#x', keys[0]!)).toBe(`https://school.example/envoy/?draft=${keys[0]}`);
  });
});

describe('a scenario link', () => {
  it('carries a scenario file compressed in the fragment, and gives it back', async () => {
    const text = copyText('linked');
    const made = await makeScenarioLink('https://school.example/envoy/?class=x#old', text);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.link).toMatch(/^https:\/\/school\.example\/envoy\/#scenario=[A-Za-z0-9_-]+$/);
    expect(made.link.length).toBeLessThanOrEqual(MAX_SCENARIO_LINK_LENGTH);
    const back = await readScenarioLinkValue(scenarioLinkValue(made.link)!);
    expect(JSON.parse(back!)).toEqual(JSON.parse(text));
    expect(await readScenarioLinkValue(scenarioLinkValue(made.link)!.slice(0, 200))).toBeNull();
    expect(scenarioLinkValue('https://x/?a=1')).toBeNull();
  });

  it('is not made when it would be too long, and says how long', async () => {
    const huge = copyText('huge', (s) => (s.summary = Array.from({ length: 4000 }, (_, i) => `w${i * 7919}`).join(' ')));
    const made = await makeScenarioLink('https://x/', huge);
    expect(made.ok).toBe(false);
    expect(made.length).toBeGreaterThan(MAX_SCENARIO_LINK_LENGTH);
  });
});

describe('a teacher scenario in the session, the hand-in and the dashboard', () => {
  it('joins the session\'s timeline when opened, is kept, and is offered in a class that does not list it', async () => {
    const store = memoryStore();
    const classSettings = { scenarios: [shippedId], timer: 'off' as const, hints: true, seed: 3, label: '9B' };
    const session = createSession({ content, store, newSeed: () => 1, classSettings });
    const bad = await session.openScenarioFile({ name: 'bad.json', text: '{"id": "x",}' });
    expect(bad.ok).toBe(false);
    expect(session.scenarioIds).toEqual([shippedId]);
    const opened = await session.openScenarioFile({ name: 'mine.json', text: copyText('mine') });
    expect(opened.ok).toBe(true);
    expect(session.scenarioFile?.name).toBe('mine.json');
    expect(session.scenarioIds).toEqual([shippedId, 'mine']);
    expect(session.content.teacherScenarios).toEqual(['mine']);
    expect(readTeacherScenarios(store).map((f) => f.name)).toEqual(['mine.json']);
    session.dispose();
  });

  it('hands in its runs in a class, and the dashboard replays them only with the same file, saying which file it needs', () => {
    const loaded = loadScenarioText(content, 'mine.json', copyText('mine'));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const run = playThrough(loaded.content, loaded.content.scenarios.mine!, newRun(loaded.content, 'mine', 9), informed);
    const store = memoryStore();
    addToHistory(store, { scenarioId: 'mine', endingId: run.getSnapshot().context.endingId!, finishedAt: new Date(0).toISOString(), code: encodeRunCode(loaded.content, run.record) });
    const classSettings = { scenarios: [shippedId], timer: 'off' as const, hints: true, seed: 3, label: '9B' };
    const before = handInResults(store, classSettings, 'Ana');
    expect(before.ok && before.file.runs).toEqual([]);
    const made = handInResults(store, classSettings, 'Ana', null, [shippedId, 'mine']);
    if (!made.ok) throw new Error(made.message);
    expect(made.file.runs.map((r) => r.scenarioId)).toEqual(['mine']);
    const imported = [{ source: 'ana.json', parsed: parseResultsFile(resultsFileText(made.file)) }];

    const without = buildDashboard(content, imported);
    expect(without.students).toEqual([]);
    expect(without.needsScenarios).toEqual(['mine']);
    expect(without.problems[0]!.reason).toMatch(/needs the scenario file of "mine"/);

    const withFile = buildDashboard(loaded.content, imported);
    expect(withFile.needsScenarios).toEqual([]);
    expect(withFile.students[0]!.scenarios.mine!.endingId).toBe(run.getSnapshot().context.endingId);
  });
});
