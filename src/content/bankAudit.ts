// The question bank's checks (issue 15, /work BANK_RULES checks 1–9): what makes a question
// measure understanding fairly. Each finding names the file, the question (or scenario) and the
// field. Rules the shipped content does not pass yet are reported but do not fail content:check
// until they are listed in ENFORCED_RULES (one place, so switching a rule on is one line).
import { checkOwnVoice } from './ownVoice';
import type { Content, ContentError } from './loader';
import type { Evidence, Meeting, Person, Question, Scenario, Source } from './schema';
import { containsVerbatim } from './text';
import { containsWords, contentWords, wordsOf } from './words';

export const BANK_RULES = [
  /** 1: the correct option is 1.4 × or more as long as every distractor. */
  'length',
  /** 1, bank-wide: the correct option is the strictly longest in at most 35 % of choice and who-said questions. */
  'length-share',
  /** 2: the correct option's distinctive words stand in the meeting's opening (a warning per question). */
  'opening',
  /** 2, per scenario: at most 1 question in 20 is answerable from the opening. */
  'opening-share',
  /** 3: a hint gives the answer's words away, or names someone the player has not met yet. */
  'hint',
  /** 4: a measured party speaks or acts in none of the question's evidence passages. */
  'measures-speaker',
  /** 4, who-said: the quote's passage is not the correct option's person's. */
  'who-said-speaker',
  /** 5: two questions of one type draw on the same passages (a warning). */
  'same-passage',
  /** 6: a who-said answer is the only person of their party in the source. */
  'who-said-party',
  /** 6: every who-said question of a scenario has the same answer. */
  'who-said-same',
  /** 7: a party measured in a scenario by fewer than 3 questions. */
  'scored-parties',
  /** 8: fewer than half of a scenario's questions test understanding. */
  'kinds',
  /** 9: the game's own voice calls Kosovo a state or Serbia's province, or states a contested claim as fact. */
  'own-voice',
  /** Issue 14 item 1: a reaction rests on a passage where the reacting party speaks or acts. */
  'reaction-speaker',
] as const;
export type BankRule = (typeof BANK_RULES)[number];

/**
 * The rules whose errors fail `npm run content:check`: all of them since the bank was rewritten for
 * issue 15. A rule left out of this set prints its errors as "not yet enforced" (for a rule being
 * introduced while content catches up).
 */
export const ENFORCED_RULES: ReadonlySet<BankRule> = new Set<BankRule>(BANK_RULES);

export type Severity = 'error' | 'warning';
export interface BankFinding extends ContentError {
  rule: BankRule;
  severity: Severity;
}

/** A correct option this many times as long as every distractor gives itself away. */
export const LENGTH_RATIO = 1.4;
/** Bank-wide, the correct option may be the longest in at most this share of choice/who-said questions. */
export const LONGEST_SHARE = 0.35;
/** Per scenario, at most this share of questions may be answerable from the meeting's opening. */
export const OPENING_SHARE = 0.05;
/** A true-false statement this much present in the opening is answerable from it. */
const STATEMENT_IN_OPENING = 0.8;
/** A scored party needs this many questions about its own stance in a scenario. */
export const MIN_QUESTIONS_PER_PARTY = 3;
/** At least this share of a (non-tutorial) scenario's questions test understanding. */
export const UNDERSTANDING_SHARE = 0.5;

interface At {
  scenario: Scenario;
  file: string;
  meeting: Meeting;
  q: Question;
  /** "meetings.M.questions.Q" */
  path: string;
}

/** Every question of the given scenarios with its place. */
function questionsOf(content: Content, ids: readonly string[]): At[] {
  return ids.flatMap((id) => {
    const scenario = content.scenarios[id]!;
    const file = content.files[id] ?? id;
    return scenario.meetings.flatMap((meeting, mi) => meeting.questions.map((q, qi) => ({ scenario, file, meeting, q, path: `meetings.${mi}.questions.${qi}` })));
  });
}

/** Timeline scenarios, then the tutorial: every scenario, each once. */
function allScenarios(content: Content): string[] {
  return [...content.scenarioOrder, ...Object.keys(content.scenarios).filter((id) => !content.scenarioOrder.includes(id))];
}

const optionsOf = (q: Question) => (q.type === 'choice' || q.type === 'who-said' ? q.options : null);

/** The correct option and its distractors, for choice and who-said questions. */
function split(q: Question) {
  const options = optionsOf(q);
  if (!options) return null;
  const correctIndex = options.findIndex((o) => o.correct);
  if (correctIndex < 0) return null;
  return { correct: options[correctIndex]!, correctIndex, distractors: options.filter((_, i) => i !== correctIndex) };
}

/** Content words of the correct option that are in no distractor and not in the prompt. */
export function distinctiveWords(q: Question): string[] {
  const s = split(q);
  if (!s) return [];
  const elsewhere = new Set([...s.distractors.flatMap((d) => [...contentWords(d.text)]), ...contentWords(q.prompt)]);
  return [...contentWords(s.correct.text)].filter((w) => !elsewhere.has(w));
}

/** A true-false statement's content words that are not in its prompt. */
function statementWords(q: Extract<Question, { type: 'true-false' }>): string[] {
  const prompt = contentWords(q.prompt);
  return [...contentWords(q.statement)].filter((w) => !prompt.has(w));
}

/** What the meeting's opening screen shows: the paraphrase and the quote under it. */
const openingText = (m: Meeting) => `${m.opening.text} ${m.opening.evidence.quote}`;

/** Whether a question can be answered from the opening shown just before it (check 2). */
export function answerableFromOpening(q: Question, meeting: Meeting): boolean {
  const opening = new Set(wordsOf(openingText(meeting)));
  if (q.type === 'true-false') {
    const words = statementWords(q);
    return words.length > 0 && words.filter((w) => opening.has(w)).length >= STATEMENT_IN_OPENING * words.length;
  }
  const words = distinctiveWords(q);
  return words.length >= 2 && words.filter((w) => opening.has(w)).length >= words.length / 2;
}

// ---- passages and people -------------------------------------------------------------------

type Passage = Source['passages'][number];

/** The passages of a source that hold a quote verbatim. */
function passagesOf(content: Content, evidence: Evidence): Array<{ source: Source; passage: Passage }> {
  const source = content.sources[evidence.source];
  return source ? source.passages.filter((p) => containsVerbatim(p.text, evidence.quote)).map((passage) => ({ source, passage })) : [];
}

/** The passages a question's evidence (and a who-said quote) come from. */
function evidencePassages(content: Content, q: Question) {
  const evidence = q.type === 'who-said' ? [...q.evidence, q.quote] : q.evidence;
  return evidence.flatMap((e) => passagesOf(content, e));
}

/** The parties whose own words or actions a passage carries: its speakers that are parties, and the parties of its people. */
function partiesSpeaking(source: Source, passage: Passage): string[] {
  return passage.speakers.flatMap((sp) => {
    const person = source.people.find((p) => p.id === sp);
    return person ? (person.party ? [person.party] : []) : [sp];
  });
}

/** The source person an option names (the longest name that appears in its text), if any. */
export function personIn(source: Source | undefined, text: string): Person | undefined {
  return (source?.people ?? [])
    .filter((p) => containsWords(text, p.name))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

/**
 * The person a who-said option names by role only ("Russia's foreign minister"), as the source's
 * `people` describe them. Such an option asks which party's official spoke, so "the only person
 * of the party" does not give it away (check 6 applies to options that name the person).
 */
export function personByRole(source: Source | undefined, text: string): Person | undefined {
  return (source?.people ?? []).filter((p) => p.party && containsWords(text, p.role)).sort((a, b) => b.role.length - a.role.length)[0];
}

// ---- the player's view so far, for hints --------------------------------------------------

/** Meetings that can come before `meeting` on some path (by the moves' `next`), and itself. */
function meetingsUpTo(scenario: Scenario, meeting: Meeting): Meeting[] {
  const before = new Set([meeting.id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of scenario.meetings) {
      if (!before.has(m.id) && m.moves.some((mv) => before.has(mv.next))) {
        before.add(m.id);
        grew = true;
      }
    }
  }
  return scenario.meetings.filter((m) => before.has(m.id));
}

/** What the player may have read before a question's hint: dossier, openings so far and the question itself. */
function seenBefore(content: Content, at: At): string {
  const { scenario, meeting, q } = at;
  const source = content.sources[scenario.source];
  const seated = [...new Set(scenario.meetings.flatMap((m) => m.parties))].map((p) => `${content.parties[p]?.name ?? ''} ${content.parties[p]?.shortName ?? ''}`);
  const own = [
    q.prompt,
    ...(optionsOf(q)?.map((o) => o.text) ?? []),
    q.type === 'who-said' ? q.quote.quote : '',
    q.type === 'true-false' ? q.statement : '',
    ...(q.type === 'sort' ? [...q.statements.map((s) => s.text), ...q.categories.map((c) => content.parties[c]?.name ?? c)] : []),
    ...(q.type === 'order' ? q.events.map((e) => e.text) : []),
  ];
  return [
    scenario.summary,
    scenario.title,
    ...scenario.briefing.flatMap((b) => [b.text, b.evidence?.quote ?? '']),
    source ? `${source.outlet} ${source.headline}` : '',
    ...seated,
    ...meetingsUpTo(scenario, meeting).flatMap((m) => [openingText(m), m.title, m.place]),
    ...own,
  ].join('\n');
}

const bare = (word: string) => word.replace(/['’]s$/u, '');

/** Capitalised words used mid-sentence in the sources, the parties and the glossary: the names the game knows. */
function knownNames(content: Content): Set<string> {
  const names = new Set<string>();
  const texts = [
    ...Object.values(content.sources).flatMap((s) => s.passages.map((p) => p.text)),
    ...Object.values(content.parties).map((p) => `x ${p.name} ${p.shortName}`),
    ...content.glossary.map((g) => `x ${g.term}`),
  ];
  for (const text of texts) for (const m of text.matchAll(/(?<=[\p{L},;]\s+)\p{Lu}[\p{L}'’-]+/gu)) names.add(bare(m[0]));
  return names;
}

/** The names a hint uses: capitalised words, except a sentence's first word that is not a known name. */
export function namesInHint(hint: string, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const m of hint.matchAll(/\p{Lu}[\p{L}'’-]+/gu)) {
    const before = hint.slice(0, m.index).trimEnd();
    const sentenceStart = before === '' || /[.!?:"“‘(]$/u.test(before);
    const name = bare(m[0]);
    if (!sentenceStart || known.has(name)) out.push(name);
  }
  return out;
}

// ---- the checks ---------------------------------------------------------------------------

/** Runs checks 1–9 over every scenario (tutorial included, except for check 8) and the parties and glossary. */
export function checkBank(content: Content): BankFinding[] {
  const findings: BankFinding[] = [];
  const add = (rule: BankRule, severity: Severity, file: string, id: string | undefined, field: string, message: string) =>
    findings.push({ rule, severity, file, ...(id !== undefined ? { id } : {}), field, message });
  const known = knownNames(content);

  for (const scenarioId of allScenarios(content)) {
    const scenario = content.scenarios[scenarioId]!;
    const file = content.files[scenarioId] ?? scenarioId;
    const source = content.sources[scenario.source];
    const items = questionsOf(content, [scenarioId]);
    let fromOpening = 0;
    const passageUse = new Map<string, string>();
    const whoSaidAnswers: string[] = [];

    for (const at of items) {
      const { q, path, meeting } = at;
      const s = split(q);

      // 1. length
      if (s && s.distractors.length && s.distractors.every((d) => s.correct.text.length >= LENGTH_RATIO * d.text.length)) {
        const longest = Math.max(...s.distractors.map((d) => d.text.length));
        add('length', 'error', file, q.id, `${path}.options.${s.correctIndex}.text`, `the correct option is ${(s.correct.text.length / longest).toFixed(2)} × as long as the longest distractor (${LENGTH_RATIO} × or more gives it away): shorten it or lengthen the distractors`);
      }

      // 2. opening
      if (answerableFromOpening(q, meeting)) {
        fromOpening++;
        const field = q.type === 'true-false' ? `${path}.statement` : `${path}.options.${s?.correctIndex ?? 0}.text`;
        add('opening', 'warning', file, q.id, field, `answerable from the opening of meeting "${meeting.id}" shown just before: ask about something the opening does not say`);
      }

      // 3. hint
      if (q.hint) {
        const hint = new Set(wordsOf(q.hint));
        if (q.type === 'true-false') {
          const words = statementWords(q);
          if (words.length && words.filter((w) => hint.has(w)).length > words.length / 2) {
            add('hint', 'error', file, q.id, `${path}.hint`, 'the hint repeats most of the statement: point to where to look instead');
          }
        } else {
          const given = distinctiveWords(q).filter((w) => hint.has(w));
          if (given.length >= 2) add('hint', 'error', file, q.id, `${path}.hint`, `the hint contains the answer's words (${given.join(', ')}): point to where to look instead`);
        }
        const seen = seenBefore(content, at);
        const unseen = [...new Set(namesInHint(q.hint, known).filter((n) => !containsWords(seen, n)))];
        if (unseen.length) add('hint', 'error', file, q.id, `${path}.hint`, `the hint names ${unseen.map((n) => `"${n}"`).join(', ')}, which the player has not seen yet`);
      }

      // 4. measures-speaker
      const passages = evidencePassages(content, q);
      const speaking = new Set(passages.flatMap(({ source: src, passage }) => partiesSpeaking(src, passage)));
      q.measures.forEach((party, i) => {
        if (!speaking.has(party)) {
          add('measures-speaker', 'error', file, q.id, `${path}.measures.${i}`, `measures "${party}", but none of the evidence passages (${passages.map((p) => p.passage.id).join(', ') || 'none'}) carries its own words or actions: measure only the parties whose speakers the evidence shows, and name other voices in \`voices\``);
        }
      });
      if (q.type === 'who-said' && s) {
        const named = personIn(source, s.correct.text);
        const person = named ?? personByRole(source, s.correct.text);
        const quoteSpeakers = new Set(passagesOf(content, q.quote).flatMap(({ passage }) => passage.speakers));
        const field = `${path}.options.${s.correctIndex}.text`;
        if (!person) add('who-said-speaker', 'error', file, q.id, field, `the correct option names none of the people of source "${scenario.source}": write the name (or the role) as the source's \`people\` print it`);
        else if (!quoteSpeakers.has(person.id)) add('who-said-speaker', 'error', file, q.id, `${path}.quote`, `the quote's passage is not ${person.name}'s (its speakers: ${[...quoteSpeakers].join(', ') || 'none'})`);
        // 6. who-said
        if (named?.party && source!.people.filter((p) => p.party === named.party).length === 1) {
          add('who-said-party', 'error', file, q.id, field, `${named.name} is the only person of ${named.party} the source quotes: knowing the party gives the answer; add a distractor from the same party or ask another way`);
        }
        whoSaidAnswers.push(person?.id ?? wordsOf(s.correct.text).join(' '));
      }

      // 5. same-passage
      if (passages.length) {
        const key = `${q.type}|${[...new Set(passages.map((p) => `${p.source.id}/${p.passage.id}`))].sort().join(',')}`;
        const other = passageUse.get(key);
        if (other) add('same-passage', 'warning', file, q.id, `${path}.evidence`, `uses the same passages the same way as question "${other}": ask about another passage or in another way`);
        else passageUse.set(key, q.id);
      }
    }

    // 2, per scenario
    if (items.length && fromOpening > OPENING_SHARE * items.length) {
      add('opening-share', 'error', file, scenario.id, 'meetings', `${fromOpening} of ${items.length} questions are answerable from the opening just before them (at most 1 in 20)`);
    }
    // 6, per scenario
    if (whoSaidAnswers.length >= 2 && new Set(whoSaidAnswers).size === 1) {
      add('who-said-same', 'error', file, scenario.id, 'meetings', `all ${whoSaidAnswers.length} who-said questions have the same answer: ask about other people too`);
    }
    // 7. scored parties
    // The practice teaches the controls with a question per party: it is exempt, as from check 8.
    for (const [party, n] of scenario.tutorial ? [] : Object.entries(measuredCount(items.map((i) => i.q)))) {
      if (n < MIN_QUESTIONS_PER_PARTY) add('scored-parties', 'error', file, scenario.id, 'meetings', `${n} question(s) measure "${party}": a scored party needs at least ${MIN_QUESTIONS_PER_PARTY} about its own stance (or none: then it is present, not scored)`);
    }
    // 8. kinds
    const understanding = items.filter((i) => i.q.kind === 'understanding').length;
    if (!scenario.tutorial && items.length && understanding < UNDERSTANDING_SHARE * items.length) {
      add('kinds', 'error', file, scenario.id, 'meetings', `${understanding} of ${items.length} questions have kind "understanding" (at least half must)`);
    }
  }

  // 1, bank-wide
  const report = bankReport(content);
  if (report.overall.choiceCount && report.overall.correctLongest > LONGEST_SHARE * report.overall.choiceCount) {
    add('length-share', 'error', 'content/scenarios', undefined, 'options', `the correct option is the longest in ${report.overall.correctLongest} of ${report.overall.choiceCount} choice and who-said questions (at most ${Math.round(LONGEST_SHARE * 100)} %)`);
  }
  // 9. own voice
  for (const e of checkOwnVoice(content)) findings.push({ ...e, rule: 'own-voice', severity: 'error' });
  // A reaction is the party's own: its evidence must be a passage where that party speaks or is
  // reported acting, not another party's or a commentator's view of it.
  for (const scenarioId of allScenarios(content)) {
    const scenario = content.scenarios[scenarioId]!;
    scenario.meetings.forEach((m, mi) =>
      m.moves.forEach((mv, vi) =>
        mv.reactions?.forEach((r, ri) => {
          const passages = passagesOf(content, r.evidence);
          if (passages.length && !passages.some(({ source, passage }) => partiesSpeaking(source, passage).includes(r.party))) {
            const speakers = [...new Set(passages.flatMap(({ source, passage }) => partiesSpeaking(source, passage)))];
            add('reaction-speaker', 'error', content.files[scenarioId] ?? scenarioId, mv.id, `meetings.${mi}.moves.${vi}.reactions.${ri}.evidence`, `${r.party}'s reaction rests on a passage where ${speakers.length ? `only ${speakers.join(', ')} speak(s) or act(s)` : 'the report narrates'}: quote ${r.party}'s own words or reported actions`);
          }
        }),
      ),
    );
  }
  return findings;
}

/** Whether a finding fails content:check: an error of an enforced rule. */
export const isBlocking = (f: BankFinding) => f.severity === 'error' && ENFORCED_RULES.has(f.rule);

function measuredCount(questions: readonly Question[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of questions) for (const p of q.measures) out[p] = (out[p] ?? 0) + 1;
  return out;
}

// ---- the report ---------------------------------------------------------------------------

export interface BankFigures {
  count: number;
  perKind: Record<string, number>;
  perType: Record<string, number>;
  /** Choice and who-said questions. */
  choiceCount: number;
  /** Per 1-based position of the correct option as written, how many questions. */
  correctPosition: Record<string, number>;
  /** Questions whose correct option is strictly longer than every distractor. */
  correctLongest: number;
  /** Mean of correct length / longest distractor length (characters); 0 without choice questions. */
  meanLengthRatio: number;
  perParty: Record<string, number>;
  /** Questions about a voice (non-empty `voices`). */
  voices: number;
  /** Parties seated at a meeting whom no question measures: present, not scored. */
  presentNotScored: string[];
}

export interface BankReport {
  perScenario: Record<string, BankFigures>;
  /** The timeline scenarios together (the tutorial is reported on its own line only). */
  overall: BankFigures;
}

function figures(content: Content, ids: readonly string[]): BankFigures {
  const items = questionsOf(content, ids);
  const f: BankFigures = { count: items.length, perKind: {}, perType: {}, choiceCount: 0, correctPosition: {}, correctLongest: 0, meanLengthRatio: 0, perParty: measuredCount(items.map((i) => i.q)), voices: 0, presentNotScored: [] };
  let ratios = 0;
  for (const { q } of items) {
    f.perKind[q.kind ?? '(none)'] = (f.perKind[q.kind ?? '(none)'] ?? 0) + 1;
    f.perType[q.type] = (f.perType[q.type] ?? 0) + 1;
    if (q.voices.length) f.voices++;
    const s = split(q);
    if (!s || !s.distractors.length) continue;
    f.choiceCount++;
    const position = String(s.correctIndex + 1);
    f.correctPosition[position] = (f.correctPosition[position] ?? 0) + 1;
    const longest = Math.max(...s.distractors.map((d) => d.text.length));
    if (s.correct.text.length > longest) f.correctLongest++;
    ratios += s.correct.text.length / longest;
  }
  f.meanLengthRatio = f.choiceCount ? ratios / f.choiceCount : 0;
  const seated = new Set(ids.flatMap((id) => content.scenarios[id]!.meetings.flatMap((m) => m.parties)));
  f.presentNotScored = content.partyOrder.filter((p) => seated.has(p) && !f.perParty[p]);
  return f;
}

/** The bank's figures per scenario and over the timeline scenarios. */
export function bankReport(content: Content): BankReport {
  const perScenario: Record<string, BankFigures> = {};
  for (const id of allScenarios(content)) perScenario[id] = figures(content, [id]);
  return { perScenario, overall: figures(content, content.scenarioOrder) };
}

const pct = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)} %` : '–');
const shares = (counts: Record<string, number>, of: number) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n} (${pct(n, of)})`)
    .join(', ');

/** The report as lines of text, with the findings counted per rule. */
export function formatBankReport(report: BankReport, findings: readonly BankFinding[] = []): string[] {
  const lines: string[] = [];
  const block = (label: string, f: BankFigures, scenario?: string) => {
    lines.push(`${label}: ${f.count} questions, ${f.voices} about a voice`);
    lines.push(`    kinds: ${shares(f.perKind, f.count)}`);
    lines.push(`    types: ${shares(f.perType, f.count)}`);
    lines.push(`    correct option (${f.choiceCount} choice/who-said): position ${shares(f.correctPosition, f.choiceCount) || '–'}; longest in ${f.correctLongest} (${pct(f.correctLongest, f.choiceCount)}); mean length ÷ longest distractor ${f.meanLengthRatio.toFixed(2)}`);
    lines.push(`    measured: ${Object.entries(f.perParty).map(([p, n]) => `${p} ${n}`).join(', ') || 'none'}${f.presentNotScored.length ? `; present, not scored: ${f.presentNotScored.join(', ')}` : ''}`);
    const own = findings.filter((x) => (scenario ? x.file.endsWith(`/${scenario}.json`) : true));
    const byRule = BANK_RULES.map((r) => [r, own.filter((x) => x.rule === r).length] as const).filter(([, n]) => n);
    lines.push(`    findings: ${byRule.map(([r, n]) => `${r} ${n}${ENFORCED_RULES.has(r) ? '' : '*'}`).join(', ') || 'none'}`);
  };
  lines.push('Question bank (* = rule not yet enforced):');
  for (const [id, f] of Object.entries(report.perScenario)) block(`  ${id}`, f, id);
  block('  all timeline scenarios (findings: every file)', report.overall);
  return lines;
}

/** One finding as a line: severity, rule, and where. */
export function formatFinding(f: BankFinding): string {
  const state = f.severity === 'error' && !ENFORCED_RULES.has(f.rule) ? 'error, not yet enforced' : f.severity;
  return `[${state}: ${f.rule}] ${f.file}: ${f.field}${f.id ? ` (id "${f.id}")` : ''}: ${f.message}`;
}
