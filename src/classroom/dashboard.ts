// The class dashboard: every run in every results file is replayed through the engine and all the
// numbers are worked out again from what the student actually did. Per student: the ending,
// understanding per party and questions right, per scenario. Per question: the share fully right
// and the wrong answer chosen most (the class's misconceptions). Per party: the class average.
// A file that cannot be trusted is listed with its reason and left out; the rest import.
import type { Content } from '../content/loader';
import type { Ending, Question, Scenario } from '../content/schema';
import type { Answer } from '../engine/answers';
import { replayRun } from '../engine/run';
import { understanding, type AnswerRecord } from '../engine/stats';
import { getLocale } from '../i18n';
import { quoted } from '../i18n/quoted';
import { tt } from '../i18n/teacher';
import { decodeRunCode } from '../replay/code';
import { scenarioParties } from '../replay/timeline';
import { questionDetail } from './discussion';
import { partyGains, scenarioGain, type GainSummary, type PartyGain } from './gain';
import type { CheckResult } from '../engine/check';
import type { RunResult } from '../engine/scenarioMachine';
import type { ParsedResults, ResultsFile } from './results';

/** One results file or code as imported: where it came from (a file name, "pasted code 2") and what it read as. */
export interface ImportedResults {
  source: string;
  parsed: ParsedResults;
}

export interface Problem {
  source: string;
  /** The student's name when the file could be read that far. */
  name: string | null;
  reason: string;
  /** The scenario id the file's runs need and the dashboard does not have (a teacher's file not loaded). */
  needsScenario?: string;
}

export interface StudentScenario {
  scenarioId: string;
  endingId: string;
  endingTitle: string;
  endingKind: Ending['kind'];
  /** Per party of the scenario, 0..100, or null when no question about the party was answered. */
  understanding: Record<string, number | null>;
  /** Questions answered fully right, and questions asked. */
  right: number;
  total: number;
  /** Finished runs of this scenario in the file; the last one is the one counted. */
  attempts: number;
  hintsEnabled: boolean;
  timerSeconds: number | null;
  /** The learning-gain check's before and after, worked out by replay; null when the run had none. */
  check: CheckResult | null;
}

export interface StudentRow {
  name: string;
  /** Playing in pairs, the student they played with (the same runs count for both); else null. */
  partner: string | null;
  classLabel: string;
  source: string;
  /** Keyed by scenario id, for the scenarios the student finished. */
  scenarios: Record<string, StudentScenario>;
}

export interface WrongAnswer {
  text: string;
  count: number;
}

export interface QuestionStat {
  questionId: string;
  meetingId: string;
  meetingTitle: string;
  prompt: string;
  /** The statement or quote the prompt is about, if any. */
  detail: string | null;
  type: Question['type'];
  /** Students who were asked it (a branching scenario does not ask everyone everything). */
  answered: number;
  correct: number;
  /** correct / answered, or null when nobody was asked. */
  share: number | null;
  timedOut: number;
  /** Students whose learning-gain check held this question out of their play (see `gain`). */
  inCheck: number;
  /** The wrong answer chosen most often, or null when nobody answered it wrong. */
  mostWrong: WrongAnswer | null;
}

export interface PartyAverage {
  party: string;
  name: string;
  /** Mean understanding, 0..100 rounded, over the students measured; null when none was. */
  average: number | null;
  students: number;
}

export interface ScenarioSummary {
  id: string;
  title: string;
  date: string;
  parties: string[];
  students: number;
  endings: Array<{ id: string; title: string; kind: Ending['kind']; count: number }>;
  questions: QuestionStat[];
  partyAverages: PartyAverage[];
  /** The class's learning gain on this scenario, or null when no counted run had the check. */
  gain: GainSummary | null;
}

export interface Dashboard {
  students: StudentRow[];
  /** The scenarios anyone finished, in timeline order. */
  scenarios: ScenarioSummary[];
  /** Every party of those scenarios, in the content's party order. */
  parties: string[];
  /** Per party, over every student and scenario in which the party was measured. */
  partyAverages: PartyAverage[];
  /** Per party, over every student and scenario with the check (empty when none had it). */
  partyGains: PartyGain[];
  problems: Problem[];
  /**
   * Scenario ids that results files played and the dashboard's content does not have: teacher's
   * scenario files to load on the dashboard, after which those files replay.
   */
  needsScenarios: string[];
}

interface CountedRun {
  answers: readonly AnswerRecord[];
  row: StudentScenario;
}

/** Names and class labels match however they are spaced or capitalised. */
const keyOf = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');

type Replayed = { ok: true; scenarioId: string; answers: readonly AnswerRecord[]; row: StudentScenario } | { ok: false; reason: string; needsScenario?: string };

// A dashboard is rebuilt on every import; a run code already replayed need not be replayed again
// (in the same locale: a reason is worded in the locale it was found in).
const replayed = new WeakMap<Content, Map<string, Replayed>>();

function replayOne(content: Content, claimedScenario: string, code: string): Replayed {
  let cache = replayed.get(content);
  if (!cache) replayed.set(content, (cache = new Map()));
  const key = `${getLocale()}\n${claimedScenario}\n${code}`;
  let result = cache.get(key);
  if (!result) cache.set(key, (result = replayFresh(content, claimedScenario, code)));
  return result;
}

/** Replays one run code and works out everything about it from the engine. */
function replayFresh(content: Content, claimedScenario: string, code: string): Replayed {
  const decoded = decodeRunCode(content, code);
  // A scenario this dashboard does not have is, most likely, a teacher's file not loaded here.
  if (!decoded.ok && decoded.reason === 'unknown-scenario' && !Object.hasOwn(content.scenarios, claimedScenario)) {
    return { ok: false, reason: tt('dash.problem.needsScenario', { id: claimedScenario.slice(0, 64) }), needsScenario: claimedScenario.slice(0, 64) };
  }
  if (!decoded.ok) return { ok: false, reason: decoded.message };
  const record = decoded.record;
  const scenario = content.scenarios[record.scenarioId]!;
  // A file made before the practice was left out of hand-ins may carry it: it counts for nothing.
  if (scenario.tutorial) return { ok: false, reason: tt('dash.problem.practice') };
  if (record.scenarioId !== claimedScenario) {
    return { ok: false, reason: tt('dash.problem.wrongScenario', { claimed: claimedScenario.slice(0, 64), title: scenario.title }) };
  }
  let context;
  let check: CheckResult | null;
  try {
    const run = replayRun(scenario, record);
    const snapshot = run.getSnapshot();
    run.stop();
    if (snapshot.status !== 'done' || !snapshot.context.endingId) return { ok: false, reason: tt('dash.problem.unfinished', { title: scenario.title }) };
    context = snapshot.context;
    check = (snapshot.output as RunResult).check ?? null;
  } catch {
    return { ok: false, reason: tt('dash.problem.cannotReplay', { title: scenario.title }) };
  }
  const ending = scenario.endings.find((e) => e.id === context.endingId)!;
  const measured = understanding(scenario, context.answers, context.predictions);
  const parties = scenarioParties(content, scenario);
  return {
    ok: true,
    scenarioId: scenario.id,
    answers: context.answers,
    row: {
      scenarioId: scenario.id,
      endingId: ending.id,
      endingTitle: ending.title,
      endingKind: ending.kind,
      understanding: Object.fromEntries(parties.map((p) => [p, Object.hasOwn(measured, p) ? measured[p]! : null])),
      right: context.answers.filter((a) => a.fraction === 1).length,
      total: context.answers.length,
      attempts: 1,
      hintsEnabled: record.settings.hintsEnabled,
      timerSeconds: record.settings.timerSeconds,
      check,
    },
  };
}

/** A wrong answer in words, for the misconceptions column; null for a timeout or an unreadable answer. */
function wrongAnswerKeys(content: Content, q: Question, answer: Answer | null): string[] {
  if (!answer) return [];
  const party = (id: string) => content.parties[id]?.name ?? id;
  switch (q.type) {
    case 'choice':
    case 'who-said': {
      const option = 'optionId' in answer ? q.options.find((o) => o.id === answer.optionId) : undefined;
      return option && !option.correct ? [option.text] : [];
    }
    case 'true-false':
      return 'value' in answer && answer.value !== q.answer ? [tt(answer.value ? 'dash.answer.true' : 'dash.answer.false')] : [];
    case 'sort': {
      if (!('assignments' in answer)) return [];
      return q.statements.filter((s) => answer.assignments[s.id] !== s.party).map((s) => tt('dash.answer.sorted', { text: quoted(s.text), party: party(answer.assignments[s.id] ?? '') }));
    }
    case 'order': {
      if (!('order' in answer) || answer.order.every((id, i) => q.events[i]?.id === id)) return [];
      return [answer.order.map((id) => q.events.find((e) => e.id === id)?.text ?? id).join(' → ')];
    }
  }
}

function average(values: number[]): number | null {
  return values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

function partyAverages(content: Content, parties: string[], rows: StudentScenario[]): PartyAverage[] {
  return parties.map((party) => {
    const values = rows.map((r) => r.understanding[party]).filter((v): v is number => typeof v === 'number');
    return { party, name: content.parties[party]?.name ?? party, average: average(values), students: values.length };
  });
}

function summarise(content: Content, scenario: Scenario, counted: CountedRun[]): ScenarioSummary {
  const parties = scenarioParties(content, scenario);
  const questions: QuestionStat[] = [];
  for (const meeting of scenario.meetings) {
    for (const q of meeting.questions) {
      const given = counted.flatMap((c) => c.answers.filter((a) => a.questionId === q.id));
      const wrong = new Map<string, number>();
      for (const a of given) {
        if (a.fraction === 1) continue;
        for (const key of wrongAnswerKeys(content, q, (a.answer as Answer | null) ?? null)) wrong.set(key, (wrong.get(key) ?? 0) + 1);
      }
      let mostWrong: WrongAnswer | null = null;
      for (const [text, count] of wrong) if (!mostWrong || count > mostWrong.count) mostWrong = { text, count };
      const correct = given.filter((a) => a.fraction === 1).length;
      questions.push({
        questionId: q.id,
        meetingId: meeting.id,
        meetingTitle: meeting.title,
        prompt: q.prompt,
        detail: questionDetail(q),
        type: q.type,
        answered: given.length,
        correct,
        share: given.length ? correct / given.length : null,
        timedOut: given.filter((a) => a.timedOut).length,
        inCheck: counted.filter((c) => c.row.check && Object.hasOwn(c.row.check.items, q.id)).length,
        mostWrong,
      });
    }
  }
  return {
    id: scenario.id,
    title: scenario.title,
    date: scenario.date,
    parties,
    students: counted.length,
    endings: scenario.endings.map((e) => ({ id: e.id, title: e.title, kind: e.kind, count: counted.filter((c) => c.row.endingId === e.id).length })),
    questions,
    partyAverages: partyAverages(content, parties, counted.map((c) => c.row)),
    gain: scenarioGain(content, scenario, parties, counted.map((c) => c.row.check)),
  };
}

/** Replays every run of every results file and builds the class's dashboard. Never throws on bad files. */
export function buildDashboard(content: Content, imported: readonly ImportedResults[]): Dashboard {
  const problems: Problem[] = [];
  const students: StudentRow[] = [];
  const counted = new Map<string, CountedRun[]>();
  const seen = new Map<string, string>();

  for (const { source, parsed } of imported) {
    if (!parsed.ok) {
      problems.push({ source, name: null, reason: tt('dash.problem.skipped', { reason: parsed.reason }) });
      continue;
    }
    const file: ResultsFile = parsed.results;
    // A pair's file counts for both players: a row each, the same runs (each name checked on its own).
    const names = file.partner === undefined ? [file.name] : [file.name, file.partner];
    const fresh: string[] = [];
    for (const name of names) {
      const key = `${keyOf(name)}\u0000${keyOf(file.classLabel)}`;
      const firstSource = seen.get(key);
      if (firstSource === undefined) {
        fresh.push(name);
        continue;
      }
      const reason = file.classLabel
        ? tt('dash.problem.duplicateInClass', { name, label: file.classLabel, source: firstSource })
        : tt('dash.problem.duplicate', { name, source: firstSource });
      problems.push({ source, name, reason });
    }
    if (fresh.length === 0) continue;

    const latest = new Map<string, { answers: readonly AnswerRecord[]; row: StudentScenario }>();
    let rejected: string | null = null;
    let needsScenario: string | undefined;
    for (const [i, run] of file.runs.entries()) {
      const one = replayOne(content, run.scenarioId, run.code);
      if (!one.ok) {
        needsScenario = one.needsScenario;
        rejected = needsScenario ? tt('dash.problem.skipped', { reason: one.reason.replace(/\.$/, '') }) : tt('dash.problem.untrustedRun', { number: i + 1, reason: one.reason.replace(/\.$/, '') });
        break;
      }
      const before = latest.get(one.scenarioId);
      latest.set(one.scenarioId, { answers: one.answers, row: { ...one.row, attempts: (before?.row.attempts ?? 0) + 1 } });
    }
    if (rejected) {
      problems.push({ source, name: file.name, reason: rejected, ...(needsScenario ? { needsScenario } : {}) });
      continue;
    }
    for (const name of fresh) {
      seen.set(`${keyOf(name)}\u0000${keyOf(file.classLabel)}`, source);
      const partner = names.length === 2 ? names.find((n) => n !== name)! : null;
      const row: StudentRow = { name, partner, classLabel: file.classLabel, source, scenarios: {} };
      for (const [scenarioId, entry] of latest) {
        row.scenarios[scenarioId] = entry.row;
        const list = counted.get(scenarioId) ?? [];
        list.push(entry);
        counted.set(scenarioId, list);
      }
      students.push(row);
    }
  }

  const order = [...content.scenarioOrder, ...Object.keys(content.scenarios).filter((id) => !content.scenarioOrder.includes(id))];
  const scenarios = order.filter((id) => counted.has(id)).map((id) => summarise(content, content.scenarios[id]!, counted.get(id)!));
  const used = new Set(scenarios.flatMap((s) => s.parties));
  const parties = [...content.partyOrder.filter((p) => used.has(p)), ...[...used].filter((p) => !content.partyOrder.includes(p)).sort()];
  const allRows = students.flatMap((s) => Object.values(s.scenarios));
  const partyGainsAll = partyGains(content, parties, allRows.map((r) => r.check)).filter((g) => g.students > 0);
  const needsScenarios = [...new Set(problems.flatMap((p) => (p.needsScenario ? [p.needsScenario] : [])))];
  return { students, scenarios, parties, partyAverages: partyAverages(content, parties, allRows), partyGains: partyGainsAll, problems, needsScenarios };
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, or a tab
 * or carriage return before one) gets a leading apostrophe; a cell with a comma, a quote or a line
 * break is quoted, with quotes doubled.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: ReadonlyArray<string | number | null | undefined>): string => cells.map(csvCell).join(',');

/** The dashboard as CSV: one row per student and scenario (a student with no finished run gets one row). */
export function dashboardCsv(dashboard: Dashboard): string {
  const partyName = (id: string) => dashboard.partyAverages.find((p) => p.party === id)?.name ?? id;
  const checkParties = dashboard.partyGains.map((g) => g.party);
  const header = [
    tt('dash.csvCol.student'),
    tt('dash.csvCol.class'),
    tt('dash.csvCol.scenario'),
    tt('dash.csvCol.ending'),
    tt('dash.csvCol.endingKind'),
    tt('dash.csvCol.right'),
    tt('dash.csvCol.asked'),
    tt('dash.csvCol.attempts'),
    ...dashboard.parties.map((p) => tt('dash.csvCol.understanding', { party: partyName(p) })),
    // Last, so the columns before it keep their places: the same runs count for both of a pair.
    tt('dash.csvCol.partner'),
    // The learning-gain check, only when some run had it (so other classes' files keep their columns).
    ...checkParties.flatMap((p) => [tt('dash.csvCol.checkBefore', { party: partyName(p) }), tt('dash.csvCol.checkAfter', { party: partyName(p) })]),
  ];
  const lines = [csvRow(header)];
  for (const student of dashboard.students) {
    const played = dashboard.scenarios.filter((s) => student.scenarios[s.id]);
    if (played.length === 0) lines.push(csvRow([student.name, student.classLabel, ...header.slice(2, header.length - 1 - 2 * checkParties.length).map(() => null), student.partner]));
    for (const summary of played) {
      const r = student.scenarios[summary.id]!;
      lines.push(
        csvRow([
          student.name,
          student.classLabel,
          summary.title,
          r.endingTitle,
          r.endingKind,
          r.right,
          r.total,
          r.attempts,
          ...dashboard.parties.map((p) => r.understanding[p] ?? null),
          student.partner,
          ...checkParties.flatMap((p) => [r.check?.before[p] ?? null, r.check?.after[p] ?? null]),
        ]),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
