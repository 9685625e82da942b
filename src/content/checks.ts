// Every check an author's content must pass after it loads, in one place, so `npm run
// content:check`, the build, the dev server, a teacher's scenario file opened in the game and the
// authoring workbench all hold a scenario to the same rules with the same words (content/README.md
// §7 lists them). What the guide gives as advice comes back as a warning, never as an error.
// The passages-against-captures check is not here: it needs the captures on disk (Node only), and
// a file arriving at run time can only quote the passages shipped with the game, already checked.
import { checkAuthoringNotes, checkDuplicateQuestions, checkNeutrality, checkNumbers } from './audit';
import { checkBank, ENFORCED_RULES, isBlocking, type BankFinding } from './bankAudit';
import { formatContentError, type Content, type ContentError } from './loader';
import type { Scenario } from './schema';
import { designReport } from '../engine/design';

/** Runs per player of the design report content:check makes (as tests/unit/designRules.test.ts). */
export const DESIGN_CHECK_RUNS = 500;

/** A piece of advice, named by the rule it comes from (a bank rule or one of SCENARIO_ADVICE). */
export interface AuthorWarning extends ContentError {
  rule: string;
}

export interface AuthorChecks {
  /** Problems that fail content:check and the build, and stop a file from loading in the game. */
  errors: ContentError[];
  /** Advice: printed, never failing. */
  warnings: AuthorWarning[];
}

/** The guide's aims for a timeline scenario (§6 step 4): advice, printed as warnings. */
export const SCENARIO_ADVICE = { meetings: 4, questions: 15, parties: 4 } as const;

/**
 * The decisions on the scenario's longest path, as the guide counts them (§3 `maxDecisions`):
 * along the path through the meetings with the most, each meeting's questions, plus 1 move, plus 1
 * prediction when the move has reactions. Locked moves are counted too, so it is never below the
 * longest path a player can take (the path explorer finds that one; for the shipped scenarios the two agree).
 */
export function longestDecisions(s: Scenario): number {
  const byId = new Map(s.meetings.map((m) => [m.id, m]));
  const memo = new Map<string, number>();
  const from = (id: string, depth: number): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const m = byId.get(id);
    // A missing meeting or a cycle is the loader's error; count nothing more here.
    if (!m || depth > s.meetings.length) return 0;
    const after = Math.max(0, ...m.moves.map((mv) => 1 + (mv.reactions?.length ? 1 : 0) + (mv.next === 'end' ? 0 : from(mv.next, depth + 1))));
    const total = m.questions.length + after;
    memo.set(id, total);
    return total;
  };
  return from(s.start, 0);
}

/** `maxDecisions` (error below the longest path: codes and LMS data are sized by it), and the guide's aims. */
function checkScenarioShape(content: Content, errors: ContentError[], warnings: AuthorWarning[]): void {
  for (const [id, s] of Object.entries(content.scenarios)) {
    const file = content.files[id] ?? id;
    const longest = longestDecisions(s);
    if (s.maxDecisions < longest) {
      errors.push({ file, id, field: 'maxDecisions', value: String(s.maxDecisions), message: `the longest path takes ${longest} decisions (questions + moves + predictions), more than maxDecisions: set it to ${longest}` });
    } else if (s.maxDecisions > longest) {
      warnings.push({ rule: 'max-decisions', file, id, field: 'maxDecisions', value: String(s.maxDecisions), message: `the longest path takes ${longest} decisions: set maxDecisions to ${longest} exactly` });
    }
    if (s.tutorial) continue;
    const advise = (what: string, have: number, aim: number) =>
      have < aim && warnings.push({ rule: 'scenario-size', file, id, field: 'meetings', message: `${have} ${what}: aim for ${aim} or more (advice, §6 step 4)` });
    advise('meetings', s.meetings.length, SCENARIO_ADVICE.meetings);
    advise('questions', s.meetings.reduce((n, m) => n + m.questions.length, 0), SCENARIO_ADVICE.questions);
    advise('parties at the tables', new Set(s.meetings.flatMap((m) => m.parties)).size, SCENARIO_ADVICE.parties);
  }
}

/**
 * Runs the content checks after loading over `content`. With `onlyFile`, keeps the problems of
 * that one file (a teacher's scenario checked beside the shipped content, whose own findings are
 * not the teacher's to fix).
 */
export function authorChecks(content: Content, onlyFile?: string): AuthorChecks {
  const keep = (e: ContentError) => onlyFile === undefined || e.file === onlyFile;
  const errors: ContentError[] = [...checkNeutrality(content), ...checkNumbers(content), ...checkDuplicateQuestions(content), ...checkAuthoringNotes(content)];
  const warnings: AuthorWarning[] = checkDuplicateQuestions(content, true).map((e) => ({ ...e, rule: 'repeated-question' }));
  checkScenarioShape(content, errors, warnings);
  // The design rules (src/engine/design.ts; the guide's §6 step 7): a scenario the rules exempt (the
  // practice) is reported by simulate and left alone. Only the files asked about are simulated.
  for (const [id, s] of Object.entries(content.scenarios)) {
    const file = content.files[id] ?? id;
    if ((onlyFile !== undefined && file !== onlyFile) || s.schemaVersion < 2) continue;
    for (const v of designReport(s, { runs: DESIGN_CHECK_RUNS }).violations) {
      errors.push({ file, id, field: 'endings', message: `design rule broken (${v.rule}): ${v.message}; see npm run simulate -- --scenario ${id}` });
    }
  }
  const findings = checkBank(content);
  for (const f of findings) {
    if (isBlocking(f)) errors.push(asError(f));
    else warnings.push(asWarning(f));
  }
  return { errors: errors.filter(keep), warnings: warnings.filter(keep) };
}

/** A blocking bank finding as a plain error, its rule named at the end as the report names it. */
function asError(f: BankFinding): ContentError {
  const e: ContentError & Partial<Pick<BankFinding, 'rule' | 'severity'>> = { ...f, message: `${f.message} [${f.rule}]` };
  delete e.rule;
  delete e.severity;
  return e;
}

function asWarning(f: BankFinding): AuthorWarning {
  const w: AuthorWarning & Partial<Pick<BankFinding, 'severity'>> = { ...f, rule: f.severity === 'error' && !ENFORCED_RULES.has(f.rule) ? `${f.rule}, not yet enforced` : f.rule };
  delete w.severity;
  return w;
}

/** One warning as a line: `[warning: rule] file:line:column: field (id "x"): message`. */
export const formatWarning = (w: AuthorWarning): string => `[warning: ${w.rule}] ${formatContentError(w)}`;
