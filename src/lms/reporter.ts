// Talks to an LMS's SCORM runtime: starts the attempt (and hands back the saved replay code),
// reports each answered question as an interaction, keeps the run in progress in suspend_data,
// and at the end reports completion, success, score and session time. Every call is guarded: an
// LMS that refuses a value or throws is noted (onError, `errors`) and the game goes on.
import type { RunResult } from '../engine/scenarioMachine';
import { t } from '../i18n';
import type { Scorm12Api, Scorm2004Api, ScormVersion } from './findApi';
import {
  DEFAULT_PASSING_SCORE,
  formatDuration,
  formatResponse,
  formatResult,
  scoreOf,
  time12,
  timestamp2004,
  type Interaction,
  type LmsScore,
} from './format';

export interface ReporterOptions {
  /** Milliseconds since the epoch (the composition root passes Date.now; tests a fake clock). */
  now?: () => number;
  /** Told about every call the LMS refused or threw on. */
  onError?: (message: string) => void;
  /** The pass mark (0..1) when the LMS gives none; null: report completion without pass or fail. */
  passingScore?: number | null;
}

/** What the run earned at the end of the session, for the caller and the tests. */
export interface FinishReport {
  score: LmsScore;
  passed: boolean | null;
  /** True when the LMS already held a better status or score in this attempt, which stays. */
  keptBetter: boolean;
}

/**
 * The result rule within one attempt: a status is only ever replaced by a better one and the best
 * score stays. 1.2: passed > completed > failed > anything else (incomplete, browsed, not
 * attempted); 2004 success: passed > failed > unknown (completion only ever goes to completed).
 */
const RANK_12: Record<string, number> = { passed: 3, completed: 2, failed: 1 };
const RANK_SUCCESS: Record<string, number> = { passed: 2, failed: 1 };
const rank = (table: Record<string, number>, status: string) => table[status] ?? 0;

/** What an earlier session of the same attempt left in the LMS. */
interface Earlier {
  /** 1.2's lesson_status, or 2004's success_status. */
  status: string;
  /** The score on Envoy's 0..100 scale (1.2's score.raw, 2004's score.scaled × 100), or null. */
  score: number | null;
}

/** SCORM 1.2's suspend_data holds 4,096 characters (CMIString4096); 2004's holds 64,000. */
export const SUSPEND_DATA_LIMIT: Record<ScormVersion, number> = { '1.2': 4096, '2004': 64_000 };
/** 2004 allows up to 10 correct response patterns for a choice interaction (RTE 4.2.9.1). */
const MAX_CORRECT_PATTERNS = 10;

/** The data model names that differ between the versions. */
const NAMES = {
  '1.2': {
    suspendData: 'cmi.suspend_data',
    location: 'cmi.core.lesson_location',
    exit: 'cmi.core.exit',
    sessionTime: 'cmi.core.session_time',
    mode: 'cmi.core.lesson_mode',
    scoreRaw: 'cmi.core.score.raw',
    scoreMin: 'cmi.core.score.min',
    scoreMax: 'cmi.core.score.max',
    response: 'student_response',
    time: 'time',
  },
  '2004': {
    suspendData: 'cmi.suspend_data',
    location: 'cmi.location',
    exit: 'cmi.exit',
    sessionTime: 'cmi.session_time',
    mode: 'cmi.mode',
    scoreRaw: 'cmi.score.raw',
    scoreMin: 'cmi.score.min',
    scoreMax: 'cmi.score.max',
    response: 'learner_response',
    time: 'timestamp',
  },
} as const;

interface Driver {
  initialize(): boolean;
  get(element: string): string;
  set(element: string, value: string): boolean;
  commit(): boolean;
  terminate(): boolean;
}

const ok = (result: unknown) => result === true || result === 'true';

function makeDriver(api: Scorm12Api | Scorm2004Api, version: ScormVersion, report: (message: string) => void): Driver {
  const a12 = api as Scorm12Api;
  const a04 = api as Scorm2004Api;
  const lastError = (): string => {
    try {
      return String(version === '1.2' ? a12.LMSGetLastError() : a04.GetLastError());
    } catch {
      return '?';
    }
  };
  const errorText = (code: string): string => {
    try {
      return version === '1.2' ? a12.LMSGetErrorString(code) : a04.GetErrorString(code);
    } catch {
      return '';
    }
  };
  const guarded = (what: string, call: () => unknown): boolean => {
    try {
      if (ok(call())) return true;
      const code = lastError();
      const detail = errorText(code);
      report(detail ? t('lms.refusedDetail', { what, code, detail }) : t('lms.refused', { what, code }));
    } catch (e) {
      report(t('lms.threw', { what, error: e instanceof Error ? e.message : String(e) }));
    }
    return false;
  };
  return {
    initialize: () => guarded(version === '1.2' ? 'LMSInitialize' : 'Initialize', () => (version === '1.2' ? a12.LMSInitialize('') : a04.Initialize(''))),
    get(element) {
      // A value the LMS has not set is an error on some runtimes (403 in 2004): read as empty.
      try {
        const value = version === '1.2' ? a12.LMSGetValue(element) : a04.GetValue(element);
        if (typeof value !== 'string') return '';
        const code = lastError();
        return code === '0' || code === '' ? value : '';
      } catch {
        return '';
      }
    },
    set: (element, value) => guarded(`${element} = "${value}"`, () => (version === '1.2' ? a12.LMSSetValue(element, value) : a04.SetValue(element, value))),
    commit: () => guarded(version === '1.2' ? 'LMSCommit' : 'Commit', () => (version === '1.2' ? a12.LMSCommit('') : a04.Commit(''))),
    terminate: () => guarded(version === '1.2' ? 'LMSFinish' : 'Terminate', () => (version === '1.2' ? a12.LMSFinish('') : a04.Terminate(''))),
  };
}

export function createLmsReporter(api: Scorm12Api | Scorm2004Api, version: ScormVersion, options: ReporterOptions = {}) {
  const now = options.now ?? (() => Date.now());
  const errors: string[] = [];
  const report = (message: string) => {
    errors.push(message);
    try {
      options.onError?.(message);
    } catch {
      // a broken error handler must not break the game either
    }
  };
  const lms = makeDriver(api, version, report);
  const names = NAMES[version];
  let state: 'idle' | 'active' | 'closed' = 'idle';
  /** In review mode the LMS keeps nothing: the reporter only opens and closes the attempt. */
  let reviewOnly = false;
  let startedAt = 0;
  let nextInteraction = 0;
  let passingScore: number | null = options.passingScore === undefined ? DEFAULT_PASSING_SCORE : options.passingScore;
  let earlier: Earlier = { status: '', score: null };

  const writable = () => state === 'active' && !reviewOnly;
  const setSessionTime = () => lms.set(names.sessionTime, formatDuration(version, now() - startedAt));

  /** The LMS's pass mark (0..1), if it has one. */
  const lmsPassingScore = (): number | null => {
    const raw = version === '1.2' ? lms.get('cmi.student_data.mastery_score') : lms.get('cmi.scaled_passing_score');
    if (raw.trim() === '') return null;
    const n = Number(raw);
    if (!Number.isFinite(n)) return null;
    return version === '1.2' ? n / 100 : n;
  };

  const readEarlier = (): Earlier => {
    const rawText = (version === '1.2' ? lms.get('cmi.core.score.raw') : lms.get('cmi.score.scaled')).trim();
    const n = rawText === '' ? NaN : Number(rawText);
    return {
      status: version === '1.2' ? lms.get('cmi.core.lesson_status') : lms.get('cmi.success_status'),
      score: Number.isFinite(n) ? (version === '1.2' ? n : n * 100) : null,
    };
  };

  return {
    version,
    /** Every refused or failed call, in order. */
    errors,
    /** True between a successful start and finish or exit. */
    get active() {
      return state === 'active';
    },
    /**
     * Opens the attempt (LMSInitialize / Initialize), marks it incomplete if it was not started,
     * and returns the replay code saved in suspend_data by an earlier session, or null.
     */
    start(): string | null {
      if (state !== 'idle') return null;
      if (!lms.initialize()) {
        state = 'closed';
        return null;
      }
      state = 'active';
      startedAt = now();
      reviewOnly = lms.get(names.mode) === 'review' || lms.get(names.mode) === 'browse';
      passingScore = lmsPassingScore() ?? passingScore;
      earlier = readEarlier();
      const count = Number(lms.get('cmi.interactions._count'));
      nextInteraction = Number.isInteger(count) && count > 0 ? count : 0;
      if (!reviewOnly) {
        if (version === '1.2') {
          if (lms.get('cmi.core.lesson_status') === 'not attempted') lms.set('cmi.core.lesson_status', 'incomplete');
        } else if (lms.get('cmi.completion_status') !== 'completed') {
          lms.set('cmi.completion_status', 'incomplete');
        }
      }
      const saved = lms.get(names.suspendData).trim();
      return saved === '' ? null : saved;
    },
    /** Records one answered question as the next interaction (cmi.interactions.n). */
    answer(interaction: Interaction): void {
      if (!writable()) return;
      const n = nextInteraction++;
      const base = `cmi.interactions.${n}`;
      // Order matters to strict runtimes: the id first, then the type before any response.
      if (!lms.set(`${base}.id`, interaction.id)) return;
      lms.set(`${base}.type`, interaction.type);
      lms.set(`${base}.${names.time}`, version === '1.2' ? time12(interaction.answeredAt) : timestamp2004(interaction.answeredAt));
      lms.set(`${base}.weighting`, String(interaction.weighting));
      interaction.correctResponses.slice(0, MAX_CORRECT_PATTERNS).forEach((response, k) => {
        lms.set(`${base}.correct_responses.${k}.pattern`, formatResponse(version, interaction, response));
      });
      if (interaction.learnerResponse) lms.set(`${base}.${names.response}`, formatResponse(version, interaction, interaction.learnerResponse));
      lms.set(`${base}.result`, formatResult(version, interaction.fraction));
      if (interaction.latencyMs !== null) lms.set(`${base}.latency`, formatDuration(version, interaction.latencyMs));
      if (version === '2004' && interaction.description) lms.set(`${base}.description`, interaction.description);
    },
    /** Saves the run in progress (its replay code) and where the student is, then commits. */
    suspend(code: string, location = ''): void {
      if (!writable()) return;
      if (code.length > SUSPEND_DATA_LIMIT[version]) {
        report(t('lms.codeTooLong', { length: code.length }));
      } else {
        lms.set(names.suspendData, code);
      }
      if (location) lms.set(names.location, location.slice(0, version === '1.2' ? 255 : 1000));
      lms.set(names.exit, 'suspend');
      setSessionTime();
      lms.commit();
    },
    /**
     * Reports the finished run (completion, success, score, session time), commits and closes the
     * session. Within the attempt nothing gets worse: a status the LMS holds from an earlier session
     * is only replaced by a better one, and a lower score leaves the best one in place.
     */
    finish(result: Pick<RunResult, 'answers'>): FinishReport | null {
      if (state !== 'active') return null;
      const score = scoreOf(result.answers.map((a) => a.fraction));
      const passed = passingScore === null ? null : score.scaled >= passingScore;
      const betterScore = earlier.score === null || score.raw > earlier.score;
      let keptBetter = !betterScore && earlier.score !== score.raw;
      if (!reviewOnly) {
        if (betterScore) {
          lms.set(names.scoreRaw, String(score.raw));
          lms.set(names.scoreMin, String(score.min));
          lms.set(names.scoreMax, String(score.max));
          if (version === '2004') lms.set('cmi.score.scaled', String(score.scaled));
        }
        if (version === '1.2') {
          const status = passed === null ? 'completed' : passed ? 'passed' : 'failed';
          if (rank(RANK_12, status) >= rank(RANK_12, earlier.status)) lms.set('cmi.core.lesson_status', status);
          else keptBetter = true;
          lms.set(names.exit, '');
        } else {
          const success = passed === null ? 'unknown' : passed ? 'passed' : 'failed';
          lms.set('cmi.completion_status', 'completed');
          if (rank(RANK_SUCCESS, success) >= rank(RANK_SUCCESS, earlier.status)) lms.set('cmi.success_status', success);
          else keptBetter = true;
          lms.set(names.exit, 'normal');
        }
        // The run is over: nothing to resume next time. (The bookmark stays: 2004 refuses an empty location.)
        lms.set(names.suspendData, '');
        setSessionTime();
        lms.commit();
      }
      lms.terminate();
      state = 'closed';
      return { score, passed, keptBetter };
    },
    /**
     * The page is going into the back/forward cache: mark the attempt suspended, keep the session
     * time and commit, so the LMS holds everything if the page never comes back; the session stays
     * open for when it does.
     */
    checkpoint(): void {
      if (!writable()) return;
      lms.set(names.exit, 'suspend');
      setSessionTime();
      lms.commit();
    },
    /** The page is going away mid-run: keep the attempt open for a resume, and close this session. */
    exit(): void {
      if (state !== 'active') return;
      if (!reviewOnly) {
        lms.set(names.exit, 'suspend');
        setSessionTime();
        lms.commit();
      }
      lms.terminate();
      state = 'closed';
    },
  };
}

export type LmsReporter = ReturnType<typeof createLmsReporter>;
