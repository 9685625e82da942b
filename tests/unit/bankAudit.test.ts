// The question bank's checks (issue 15, src/content/bankAudit.ts) on small synthetic content built
// here: a bank that passes every check, and for each check one change that breaks it. Then the
// enforced rules over the shipped content, and the own-voice patterns each on a slip.
import { describe, expect, it } from 'vitest';
import { bankReport, checkBank, formatBankReport, isBlocking, personIn, type BankRule } from '../../src/content/bankAudit';
import { loadContent, type Content } from '../../src/content/loader';
import { migrateScenario } from '../../src/content/migrate';
import { checkOwnVoice, OWN_VOICE_PATTERNS, ownVoiceSlips } from '../../src/content/ownVoice';
import { realContent, v1FixtureScenario } from './helpers';

const SRC = 'src';
const P = {
  p1: 'Anna Xenakis said Xland wants a border deal.',
  p2: 'Yuri Yates said Yland rejects any border deal.',
  p3: 'Vera Analyst said the talks are stalled.',
  p4: 'Yland refused to join the sanctions.',
  p5: 'The talks began in 2010.',
  p6: 'Boris Xu said Xland will wait.',
  p7: 'Yana Young said Yland would talk.',
};
const ev = (quote: string) => ({ source: SRC, quote });

function rawFiles(): Record<string, any> {
  const party = (id: string, name: string, colour: string) => ({ id, name, shortName: name, description: `${name}'s government.`, colour, emblem: id, stances: [] });
  const opening = { speaker: 'x', text: 'The delegations sit down in the capital.', evidence: ev('The talks began in 2010.') };
  const moves = (next: string) => [
    { id: 'talk', kind: 'proposal', text: 'Propose talks.', response: 'They listen.', next, reactions: [{ party: 'x', reaction: 'accepts', evidence: ev('Xland will wait') }, { party: 'y', reaction: 'objects', evidence: ev('Yland would talk') }] },
    { id: 'leave', kind: 'leave', text: 'Move on.', response: 'Nothing changes.', next, reactions: [{ party: 'x', reaction: 'accepts', evidence: ev('Xland will wait') }, { party: 'y', reaction: 'accepts', evidence: ev('Yland would talk') }] },
  ];
  const base = { difficulty: 2, explanation: 'Because the report says so.' };
  const q1 = { ...base, id: 'q1', type: 'choice', kind: 'understanding', prompt: 'What does Xland want?', measures: ['x'], evidence: [ev('Xland wants a border deal')],
    options: [{ id: 'a', text: 'A border deal', correct: true }, { id: 'b', text: 'A trade pact now' }, { id: 'c', text: 'Sanctions on Yland' }] };
  const q2 = { ...base, id: 'q2', type: 'choice', kind: 'understanding', prompt: 'How does Yland answer a border deal?', measures: ['y'], evidence: [ev('Yland rejects any border deal')],
    options: [{ id: 'a', text: 'It rejects it', correct: true }, { id: 'b', text: 'It welcomes it gladly' }, { id: 'c', text: 'It asks for time first' }] };
  const q3 = { ...base, id: 'q3', type: 'who-said', kind: 'understanding', prompt: 'Who said this?', measures: ['x'], quote: ev('Xland wants a border deal'), evidence: [ev('Anna Xenakis said')],
    options: [{ id: 'a', text: 'Anna Xenakis, foreign minister', correct: true }, { id: 'b', text: "Boris Xu, Xland's president" }, { id: 'c', text: "Yuri Yates, Yland's president" }] };
  const q4 = { ...base, id: 'q4', type: 'who-said', kind: 'understanding', prompt: 'Who said this?', measures: ['y'], quote: ev('Yland rejects any border deal'), evidence: [ev('Yuri Yates said')],
    options: [{ id: 'a', text: 'Yuri Yates, president', correct: true }, { id: 'b', text: 'Yana Young, Yland envoy' }, { id: 'c', text: "Boris Xu, Xland's president" }] };
  const q5 = { ...base, id: 'q5', type: 'true-false', kind: 'recall', prompt: 'True or false?', measures: ['y'], evidence: [ev('Yland refused to join the sanctions')], statement: 'Yland joined the sanctions.', answer: false, hint: 'Think of what Yland refused.' };
  const q6 = { ...base, id: 'q6', type: 'true-false', kind: 'recall', prompt: 'True or false?', measures: ['x'], evidence: [ev('Xland will wait')], statement: 'Boris Xu said Xland will wait.', answer: true };
  const q7 = { ...base, id: 'q7', type: 'sort', kind: 'understanding', prompt: 'Whose position is it?', measures: ['x', 'y'], evidence: [ev('Xland wants a border deal'), ev('Yland rejects any border deal')],
    categories: ['x', 'y'], statements: [{ id: 's1', text: 'Wants a border deal', party: 'x' }, { id: 's2', text: 'Rejects a border deal', party: 'y' }] };
  const q8 = { ...base, id: 'q8', type: 'choice', kind: 'recall', prompt: 'What did Vera Analyst say?', measures: [], voices: ['va'], evidence: [ev('the talks are stalled')],
    options: [{ id: 'a', text: 'The talks are stalled', correct: true }, { id: 'b', text: 'The talks are going well' }, { id: 'c', text: 'The talks ended' }] };
  return {
    'content/parties.json': { schemaVersion: 1, lang: 'en', parties: [party('x', 'Xland', '#112233'), party('y', 'Yland', '#445566')] },
    [`content/sources/${SRC}.json`]: {
      schemaVersion: 1, id: SRC, lang: 'en', capture: '000_0123456789abcdef.txt', outlet: 'The Daily', headline: 'Talks stall', date: '2010', year: 2010,
      people: [
        { id: 'xa', name: 'Anna Xenakis', role: "Xland's foreign minister", party: 'x' },
        { id: 'xb', name: 'Boris Xu', role: "Xland's president", party: 'x' },
        { id: 'ya', name: 'Yuri Yates', role: "Yland's president", party: 'y' },
        { id: 'yb', name: 'Yana Young', role: "Yland's envoy", party: 'y' },
        { id: 'va', name: 'Vera Analyst', role: 'director of a think tank', voice: 'analyst' },
      ],
      passages: [
        { id: 'p1', text: P.p1, speakers: ['xa'] },
        { id: 'p2', text: P.p2, speakers: ['ya'] },
        { id: 'p3', text: P.p3, speakers: ['va'] },
        { id: 'p4', text: P.p4, speakers: ['y'] },
        { id: 'p5', text: P.p5, speakers: [] },
        { id: 'p6', text: P.p6, speakers: ['xb'] },
        { id: 'p7', text: P.p7, speakers: ['yb'] },
      ],
    },
    'content/scenarios/synthetic.json': {
      schemaVersion: 2, id: 'synthetic', lang: 'en', title: 'Synthetic talks', date: '2010', year: 2010, order: 1, source: SRC,
      envoy: { role: 'EU', title: 'Envoy' }, summary: 'Xland and Yland meet about a border.', briefing: [{ text: 'Two parties meet.' }],
      initial: { trust: { x: 50, y: 50 }, agreement: 50 }, start: 'm1',
      meetings: [
        { id: 'm1', title: 'First', place: 'Capital', parties: ['x', 'y'], opening, questions: [q1, q2, q3, q4], moves: moves('m2') },
        { id: 'm2', title: 'Second', place: 'Capital', parties: ['x', 'y'], opening, questions: [q5, q6, q7, q8], moves: moves('end') },
      ],
      endings: [
        { id: 'deal', kind: 'breakthrough', title: 'Deal', when: [{ kind: 'agreement', min: 90 }], debrief: 'A deal.' },
        { id: 'part', kind: 'partial', title: 'Part', when: [{ kind: 'agreement', min: 60 }], debrief: 'Part.' },
        { id: 'none', kind: 'stalemate', title: 'None', when: [], debrief: 'None.' },
      ],
      maxDecisions: 30,
    },
  };
}

/** The synthetic content after `change` edits its raw files; throws if it no longer loads. */
function synthetic(change: (files: Record<string, any>, s: any) => void = () => {}): Content {
  const files = rawFiles();
  change(files, files['content/scenarios/synthetic.json']);
  const result = loadContent(files);
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
  return result.content;
}
const q = (s: any, id: string) => s.meetings.flatMap((m: any) => m.questions).find((x: any) => x.id === id);
const rules = (content: Content) => checkBank(content).map((f) => f.rule);
const findingsOf = (content: Content, rule: BankRule) => checkBank(content).filter((f) => f.rule === rule);

describe('bank checks on synthetic content', () => {
  it('a bank built to the rules has no finding', () => {
    expect(checkBank(synthetic())).toEqual([]);
  });

  it('1 length: a correct option 1.4 × as long as every distractor, and the correct option longest too often', () => {
    const content = synthetic((_, s) => (q(s, 'q1').options[0].text = 'A border deal with guarantees for everyone'));
    expect(findingsOf(content, 'length')).toEqual([expect.objectContaining({ file: 'content/scenarios/synthetic.json', id: 'q1', field: 'meetings.0.questions.0.options.0.text', severity: 'error' })]);
    const longest = synthetic((_, s) => {
      q(s, 'q1').options[0].text = 'A border deal, signed';
      q(s, 'q2').options[0].text = 'It rejects it outright';
    });
    expect(rules(longest)).toEqual(['length-share']);
  });

  it('2 opening: correct words in the opening just before, per question and per scenario', () => {
    const content = synthetic((_, s) => (s.meetings[0].opening.text = 'Xland says it wants a border deal.'));
    expect(findingsOf(content, 'opening')).toEqual([expect.objectContaining({ id: 'q1', severity: 'warning' })]);
    expect(findingsOf(content, 'opening-share')).toEqual([expect.objectContaining({ id: 'synthetic', severity: 'error' })]);
    const tf = synthetic((_, s) => (s.meetings[1].opening.text = 'Yland joined the sanctions, it says.'));
    expect(findingsOf(tf, 'opening').map((f) => f.id)).toEqual(['q5']);
  });

  it('3 hint: one that gives the answer away, and one naming someone not met yet', () => {
    const words = synthetic((_, s) => (q(s, 'q1').hint = 'It is about a border and a deal.'));
    expect(findingsOf(words, 'hint')).toEqual([expect.objectContaining({ id: 'q1', field: 'meetings.0.questions.0.hint' })]);
    const tf = synthetic((_, s) => (q(s, 'q5').hint = 'Yland joined sanctions?'));
    expect(findingsOf(tf, 'hint').map((f) => f.id)).toEqual(['q5']);
    const name = synthetic((_, s) => (q(s, 'q1').hint = 'Ask what Zora Zedson said.'));
    expect(findingsOf(name, 'hint')[0]!.message).toContain('"Zora"');
  });

  it('4 measures-speaker: a measured party that does not speak in the evidence; a who-said quote that is not the answer\'s', () => {
    const content = synthetic((_, s) => (q(s, 'q1').measures = ['x', 'y']));
    expect(findingsOf(content, 'measures-speaker')).toEqual([expect.objectContaining({ id: 'q1', field: 'meetings.0.questions.0.measures.1', severity: 'error' })]);
    // A party reported acting counts as its own speaker (p4: "Yland refused…").
    expect(findingsOf(synthetic(), 'measures-speaker')).toEqual([]);
    const who = synthetic((_, s) => {
      const opts = q(s, 'q3').options;
      opts[0].correct = false;
      opts[1].correct = true;
    });
    expect(findingsOf(who, 'who-said-speaker')).toEqual([expect.objectContaining({ id: 'q3', field: 'meetings.0.questions.2.quote' })]);
  });

  it('5 same-passage: two questions of one type on the same passages', () => {
    const content = synthetic((_, s) => s.meetings[1].questions.push({ ...structuredClone(q(s, 'q1')), id: 'q9', prompt: 'Which deal does Xland seek?' }));
    expect(findingsOf(content, 'same-passage')).toEqual([expect.objectContaining({ id: 'q9', severity: 'warning' })]);
  });

  it('6 who-said: the only person of the party quoted, and every who-said answered by the same person', () => {
    const only = synthetic((files, s) => {
      const src = files[`content/sources/${SRC}.json`];
      src.people = src.people.filter((p: any) => p.id !== 'yb');
      src.passages.find((p: any) => p.id === 'p7').speakers = ['y'];
      q(s, 'q4').options[1].text = 'Vera Analyst, a director';
    });
    expect(findingsOf(only, 'who-said-party')).toEqual([expect.objectContaining({ id: 'q4', severity: 'error' })]);
    const same = synthetic((_, s) => {
      Object.assign(q(s, 'q4'), { quote: ev('Xland wants a border deal'), measures: ['x'], evidence: [ev('Anna Xenakis said')] });
      q(s, 'q4').options[0].text = 'Anna Xenakis, minister';
      q(s, 'q4').options[1].text = "Yuri Yates, Yland's president";
    });
    expect(findingsOf(same, 'who-said-same')).toEqual([expect.objectContaining({ id: 'synthetic', severity: 'error' })]);
  });

  it('7 scored parties: a party measured by fewer than 3 questions; one seated and unmeasured is present, not scored', () => {
    const content = synthetic((_, s) => {
      q(s, 'q6').measures = [];
      q(s, 'q6').voices = ['va'];
      q(s, 'q1').measures = [];
      q(s, 'q1').voices = ['va'];
    });
    expect(findingsOf(content, 'scored-parties')).toEqual([expect.objectContaining({ id: 'synthetic', message: expect.stringContaining('"x"') })]);
    const none = synthetic((_, s) => {
      for (const id of ['q1', 'q3', 'q6', 'q7']) Object.assign(q(s, id), { measures: q(s, id).measures.filter((p: string) => p !== 'x'), voices: ['va'] });
    });
    expect(findingsOf(none, 'scored-parties')).toEqual([]);
    expect(bankReport(none).perScenario.synthetic!.presentNotScored).toEqual(['x']);
  });

  it('8 kinds: fewer than half understanding fails, except in a tutorial', () => {
    const content = synthetic((_, s) => (q(s, 'q7').kind = q(s, 'q2').kind = 'recall'));
    expect(findingsOf(content, 'kinds')).toEqual([expect.objectContaining({ id: 'synthetic', severity: 'error' })]);
    expect(findingsOf(synthetic((_, s) => {
      q(s, 'q7').kind = q(s, 'q2').kind = 'recall';
      s.tutorial = true;
    }), 'kinds')).toEqual([]);
  });

  it('9 own voice: a party description calling Kosovo a region within Serbia, and the same attributed', () => {
    const slip = synthetic((files) => (files['content/parties.json'].parties[0].description = 'Kosovo was a region within Serbia until the conflict of 1998–1999.'));
    expect(findingsOf(slip, 'own-voice')).toEqual([expect.objectContaining({ file: 'content/parties.json', id: 'x', field: '0.description', severity: 'error' })]);
    const fair = synthetic((files) => (files['content/parties.json'].parties[0].description = 'The 2020 report says Kosovo was a region within Serbia until the conflict of 1998–1999.'));
    expect(findingsOf(fair, 'own-voice')).toEqual([]);
  });

  it('the report counts kinds, types, positions, lengths, parties and voices', () => {
    const report = bankReport(synthetic());
    expect(report.overall).toMatchObject({ count: 8, perKind: { understanding: 5, recall: 3 }, perType: { choice: 3, 'who-said': 2, 'true-false': 2, sort: 1 }, choiceCount: 5, correctPosition: { 1: 5 }, correctLongest: 1, perParty: { x: 4, y: 4 }, voices: 1 });
    expect(formatBankReport(report).join('\n')).toContain('synthetic: 8 questions, 1 about a voice');
  });

  it('a person is found in an option by the name the source prints, accents and case aside', () => {
    const source = synthetic().sources[SRC]!;
    expect(personIn(source, 'ANNA XENÁKIS, minister')?.id).toBe('xa');
    expect(personIn(source, 'Annabel Xenakisova')).toBeUndefined();
  });
});

describe('reactions rest on the party\'s own words or actions', () => {
  it('a reaction quoting a passage where only another party speaks is refused; its own passage passes', () => {
    const content = structuredClone(realContent());
    const id = content.scenarioOrder.find((sid) => content.scenarios[sid]!.meetings.some((m) => m.moves.some((mv) => mv.reactions?.length)))!;
    const scenario = content.scenarios[id]!;
    const source = content.sources[scenario.source]!;
    const move = scenario.meetings.flatMap((m) => m.moves).find((mv) => mv.reactions?.length)!;
    const reaction = move.reactions![0]!;
    const speaks = (pid: string, p: (typeof source.passages)[number]) => p.speakers.some((sp) => sp === pid || source.people.find((x) => x.id === sp)?.party === pid);
    const other = source.passages.find((p) => p.speakers.length && !speaks(reaction.party, p))!;
    expect(checkBank(content).filter((f) => f.rule === 'reaction-speaker')).toEqual([]);
    reaction.evidence = { source: source.id, quote: other.text };
    const found = checkBank(content).filter((f) => f.rule === 'reaction-speaker');
    expect(found).toHaveLength(1);
    expect(found[0]!.field).toMatch(/reactions\.0\.evidence$/);
    expect(found[0]!.message).toContain(reaction.party);
  });
});

describe('the shipped content', () => {
  it('passes every enforced bank rule', () => {
    const blocking = checkBank(realContent()).filter(isBlocking);
    expect(blocking.map((f) => `${f.file} ${f.id} ${f.field}: ${f.message}`)).toEqual([]);
  });
});

describe('own-voice patterns', () => {
  // One slip per pattern; a new pattern without a slip here fails the first test.
  const SLIPS: Record<string, string> = {
    'kosovo-a-state': 'Kosovo is an independent state in the Balkans.',
    'state-of-kosovo': 'The Republic of Kosovo sent its envoy.',
    'six-countries': 'The United States has embassies in all six Western Balkan countries.',
    'serbias-province': "Kosovo is Serbia's southern province.",
    'part-of-serbia': 'Kosovo was a region within Serbia until the conflict of 1998–1999.',
    'kosovo-is-serbia': 'In the end Kosovo is Serbia.',
    'independence-as-fact': 'Since 2008 Kosovo has been independent.',
    'declaration-judged': 'Kosovo illegally declared independence in 2008.',
  };
  it('every pattern has a slip', () => {
    expect(Object.keys(SLIPS).sort()).toEqual(OWN_VOICE_PATTERNS.map((p) => p.id).sort());
  });
  for (const p of OWN_VOICE_PATTERNS) {
    it(`${p.id} catches "${SLIPS[p.id]}"`, () => {
      expect(ownVoiceSlips(SLIPS[p.id] ?? '').map((s) => s.id)).toContain(p.id);
    });
  }
  it('lets quotes and attributed sentences through', () => {
    expect(ownVoiceSlips('Lavrov said Kosovo is an autonomous province of Serbia.')).toEqual([]);
    expect(ownVoiceSlips('Tell Pristina to start from Lavrov\'s reading of Resolution 1244: Kosovo as an autonomous province of Serbia.')).toEqual([]);
    expect(ownVoiceSlips('Graffiti reading “Kosovo is Serbia” can be spotted.')).toEqual([]);
    expect(ownVoiceSlips('They still disagree about whether Kosovo is independent.')).toEqual([]);
    expect(ownVoiceSlips('Kosovo declared independence in 2008; Serbia does not recognise it.')).toEqual([]);
  });
  it('finds nothing in the shipped parties and glossary', () => {
    expect(checkOwnVoice(realContent()).filter((e) => !e.file.includes('scenarios/'))).toEqual([]);
  });
});

describe('schema 2 questions', () => {
  it('a question without `kind`, and one with neither measures nor voices, give errors naming file and field', () => {
    const files = rawFiles();
    const s = files['content/scenarios/synthetic.json'];
    delete q(s, 'q1').kind;
    q(s, 'q2').measures = [];
    const result = loadContent(files);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'content/scenarios/synthetic.json', id: 'q1', field: 'meetings.0.questions.0.kind' }),
      expect.objectContaining({ file: 'content/scenarios/synthetic.json', id: 'q2', field: 'meetings.0.questions.1.measures' }),
    ]));
  });
  it('content:migrate drafts `kind`: chronology for order questions, recall for the rest', () => {
    const v1 = v1FixtureScenario();
    const questions = (s: any) => s.meetings.flatMap((m: any) => m.questions);
    for (const question of questions(v1)) delete question.kind;
    const { scenario, review } = migrateScenario(v1);
    for (const question of questions(scenario)) expect(question.kind, question.id).toBe(question.type === 'order' ? 'chronology' : 'recall');
    expect(review.some((line) => line.includes('drafted kind "recall"'))).toBe(true);
  });
});
