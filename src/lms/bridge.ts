// Connects a session to the LMS, when there is one: resumes the run kept in suspend_data, reports
// every question answered as an interaction, keeps suspend_data on the run in progress after each
// step, and reports the finished run. Outside an LMS it does nothing and returns null. The window
// and the clock come in through `env`, so this runs in Node tests with a fake LMS.
import { replayRun, type Run } from '../engine/run';
import { currentMeetingId, type RunResult } from '../engine/scenarioMachine';
import { findQuestion } from '../engine/stats';
import { t } from '../i18n';
import { decodeRunCode, encodeRunCode } from '../replay/code';
import type { Session } from '../session';
import { findApi, type ApiWindow, type ScormVersion } from './findApi';
import { launchVersion, type LaunchWindow } from './launch';
import { interactionFor } from './interactions';
import { createLmsReporter, type LmsReporter } from './reporter';

/** What the bridge uses of the session (all of it exists on `Session` today). */
export type LmsSession = Pick<Session, 'content' | 'run' | 'app' | 'send' | 'subscribe' | 'watchProgress'>;

/** What the bridge reads of `pagehide`: persisted is true when the page goes into the back/forward cache. */
export interface PageEvent {
  persisted?: boolean;
}

export interface LmsWindow extends ApiWindow, Omit<LaunchWindow, 'parent' | 'opener'> {
  addEventListener?(type: string, listener: (event?: PageEvent) => void): void;
  removeEventListener?(type: string, listener: (event?: PageEvent) => void): void;
}

export interface LmsEnv {
  /** The game's window (the composition root passes `window`). */
  window: LmsWindow | null | undefined;
  /** Milliseconds since the epoch; Date.now by default. */
  now?: () => number;
  /** Told about LMS calls that failed and codes that could not be resumed. */
  onError?: (message: string) => void;
  /** Pass mark when the LMS gives none (see DEFAULT_PASSING_SCORE); null for completion only. */
  passingScore?: number | null;
  /**
   * Told once when the launch says the game runs in an LMS (a SCORM launch query or the package's
   * marker) but no LMS API answers: the student's progress is not being recorded.
   */
  onNoApi?: () => void;
}

export interface LmsConnection {
  version: ScormVersion;
  reporter: LmsReporter;
  /** True when the session was resumed from the LMS's suspend_data. */
  resumed: boolean;
  /** Stops reporting and closes the LMS session as suspended (what unloading the page does). */
  disconnect(): void;
}

/** Runs that belong together: the same play continued after a resume or a reload. */
interface Lineage {
  scenarioId: string;
  seed: number;
  /** Question ids already reported as interactions, in order. */
  reported: string[];
}

/** Resumes the run in `code` through the session's replay mode: open it, play it to its end, take over. */
function resumeFromCode(session: LmsSession, code: string, tutorialId: string | null, report: (m: string) => void): boolean {
  const decoded = decodeRunCode(session.content, code);
  if (!decoded.ok) {
    report(t('lms.cannotResume', { message: decoded.message }));
    return false;
  }
  if (decoded.record.scenarioId === tutorialId) return false;
  const scenario = session.content.scenarios[decoded.record.scenarioId]!;
  const probe = replayRun(scenario, decoded.record);
  const finished = probe.getSnapshot().status === 'done';
  probe.stop();
  if (finished || !session.app.getSnapshot().matches('title')) return false;
  session.send({ type: 'watch.code', code });
  const progress = session.watchProgress;
  if (!progress) return false;
  for (let step = progress.step; step < progress.total; step++) session.send({ type: 'watch.step' });
  session.send({ type: 'watch.takeover' });
  return session.run !== null && session.app.getSnapshot().matches('negotiation');
}

export function connectLms(session: LmsSession, env: LmsEnv): LmsConnection | null {
  const win = env.window;
  const launched = launchVersion(win);
  const found = findApi(win, launched);
  if (!found) {
    if (launched) {
      try {
        env.onNoApi?.();
      } catch {
        // telling must never break the game
      }
    }
    return null;
  }
  const now = env.now ?? (() => Date.now());
  const report = (message: string) => {
    try {
      env.onError?.(message);
    } catch {
      // ignore: reporting must never break the game
    }
  };
  const reporter = createLmsReporter(found.api, found.version, {
    now,
    onError: report,
    ...(env.passingScore === undefined ? {} : { passingScore: env.passingScore }),
  });
  const saved = reporter.start();
  if (!reporter.active) return null;

  const tutorialId = session.content.tutorialId;
  let current: Run | null = null;
  let lineage: Lineage | null = null;
  let lastEvents = -1;
  let lastCode: string | null = saved;
  let shownQuestion: string | null = null;
  let shownAt = now();

  const resumed = saved !== null && resumeFromCode(session, saved, tutorialId, report);

  const follow = (run: Run) => {
    if (run === current) return;
    current = run;
    lastEvents = -1;
    const answers = run.getSnapshot().context.answers;
    const continues =
      lineage !== null &&
      lineage.scenarioId === run.record.scenarioId &&
      lineage.seed === run.record.seed &&
      lineage.reported.length <= answers.length &&
      lineage.reported.every((id, i) => answers[i]?.questionId === id);
    if (!continues) lineage = { scenarioId: run.record.scenarioId, seed: run.record.seed, reported: [] };
  };

  if (resumed && session.run) {
    // Everything up to the saved code was reported in the session that saved it.
    follow(session.run);
    lineage!.reported = session.run.getSnapshot().context.answers.map((a) => a.questionId);
  }

  let unsubscribe: () => void = () => {};
  const stop = () => {
    unsubscribe();
    win?.removeEventListener?.('pagehide', onPageHide);
  };

  const onChange = () => {
    if (!reporter.active) return stop();
    const run = session.run;
    if (!run || run.record.scenarioId === tutorialId) return;
    follow(run);
    const snapshot = run.getSnapshot();
    const questionId = snapshot.context.questionId;
    if (questionId !== shownQuestion) {
      shownQuestion = questionId;
      shownAt = now();
    }
    const answers = snapshot.context.answers;
    for (let i = lineage!.reported.length; i < answers.length; i++) {
      const record = answers[i]!;
      const q = findQuestion(run.scenario, record.questionId);
      lineage!.reported.push(record.questionId);
      if (!q) continue;
      const at = now();
      reporter.answer(interactionFor(q, record, at, i === answers.length - 1 && record.questionId === shownQuestion ? at - shownAt : null));
    }
    if (snapshot.status === 'done') {
      reporter.finish(snapshot.output as RunResult);
      stop();
      return;
    }
    if (run.record.events.length === lastEvents) return;
    lastEvents = run.record.events.length;
    let code: string;
    try {
      code = encodeRunCode(session.content, run.record);
    } catch (e) {
      report(t('lms.cannotSave', { error: e instanceof Error ? e.message : String(e) }));
      return;
    }
    if (code === lastCode) return;
    lastCode = code;
    reporter.suspend(code, `${run.record.scenarioId}/${currentMeetingId(snapshot) ?? ''}`);
  };

  /**
   * A page going into the back/forward cache may come back, and its LMS session with it: an LMS
   * refuses a second Initialize after Terminate, so the session only commits (suspended, with the
   * session time) and stays open. Only a real unload closes it.
   */
  function onPageHide(event?: PageEvent) {
    if (event?.persisted) {
      reporter.checkpoint();
      return;
    }
    stop();
    reporter.exit();
  }

  unsubscribe = session.subscribe(onChange);
  win?.addEventListener?.('pagehide', onPageHide);
  onChange();

  return {
    version: found.version,
    reporter,
    resumed,
    disconnect: () => onPageHide(),
  };
}
