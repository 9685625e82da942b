// The session: the model's composition root. It owns the app actor and the run in progress,
// routes every event the view sends to the one that handles it, saves the run after each event
// and reports a finished run to the app. Scenes talk to nothing else.
import { createActor } from 'xstate';
import type { Content } from './content/loader';
import { appMachine, type AppEvent } from './machines/appMachine';
import { describeRun, type RunView } from './engine/presenter';
import { replayRun, startRun, type Run, type RunRecord } from './engine/run';
import { decodeRunCode, encodeRunCode } from './replay/code';
import { addToHistory } from './replay/history';
import { rewindTo } from './replay/timeline';
import type { RunEvent, RunResult, RunSettings } from './engine/scenarioMachine';
import { clearRunSave, readRunSave, SAVE_KEY, writeRunSave } from './persistence/runSave';
import type { KeyValueStore } from './persistence/storage';
import { runSettingsFor, type ClassSettings } from './classroom/classLink';

/** Commands the session itself handles before telling the app machine. */
export type SessionCommand =
  | { type: 'menu.resume' }
  | { type: 'run.rewind'; decision: number }
  | { type: 'watch.code'; code: string }
  | { type: 'watch.step' };

export type SessionEvent = AppEvent | RunEvent | SessionCommand;

export interface SessionOptions {
  content: Content;
  store: KeyValueStore;
  /** Entropy for new runs; the composition root passes crypto, tests pass a fixed sequence. */
  newSeed: () => number;
  /** The time as an ISO string, for the run history (time enters the model from outside). */
  now?: () => string;
  settings?: RunSettings;
  /** The class the game was opened for (from a class link), or null when played on one's own. */
  classSettings?: ClassSettings | null;
}

export const DEFAULT_RUN_SETTINGS: RunSettings = { timerSeconds: null, hintsEnabled: true };

const RUN_EVENT_PREFIXES = ['run.begin', 'meeting.', 'answer.', 'feedback.', 'move.', 'outcome.', 'timer.'];
const isRunEvent = (event: SessionEvent): event is RunEvent => RUN_EVENT_PREFIXES.some((p) => event.type.startsWith(p));

export function createSession({ content, store, newSeed, now = () => new Date(0).toISOString(), settings = DEFAULT_RUN_SETTINGS, classSettings = null }: SessionOptions) {
  const app = createActor(appMachine).start();
  const listeners = new Set<() => void>();
  let run: Run | null = null;
  let stopWatchingRun: (() => void) | null = null;
  /** Watch mode: a finished or shared run played back step by step, never saved. */
  let watch: { record: RunRecord; run: Run; step: number } | null = null;
  /** The replay code of the last finished run, for the debrief. */
  let lastCode: string | null = null;
  let version = 0;
  const notify = () => {
    version++;
    for (const listener of [...listeners]) listener();
  };
  app.subscribe(notify);

  const notice = (message: string) => app.send({ type: 'notice.show', message });

  const endRun = () => {
    stopWatchingRun?.();
    stopWatchingRun = null;
    run?.stop();
    run = null;
  };

  const adopt = (next: Run) => {
    endRun();
    run = next;
    const sub = next.actor.subscribe((snapshot) => {
      if (snapshot.status === 'done') {
        clearRunSave(store);
        const result = snapshot.output as RunResult;
        lastCode = encodeRunCode(content, next.record);
        const added = addToHistory(store, { scenarioId: result.scenarioId, endingId: result.endingId, finishedAt: now(), code: lastCode });
        if (added.problem) notice(added.problem);
        app.send({ type: 'run.finished', result });
      } else {
        // A failed write is reported once by the store; the run goes on in memory.
        writeRunSave(store, next);
      }
      notify();
    });
    stopWatchingRun = () => sub.unsubscribe();
  };

  const startNewRun = (scenarioId: string) => {
    const scenario = content.scenarios[scenarioId]!;
    // In a class, the teacher's timer, hints and seed apply to the class's scenarios (the
    // practice scenario keeps the defaults: it is for learning the controls).
    const inClass = classSettings?.scenarios.includes(scenarioId) ? runSettingsFor(classSettings, scenario) : null;
    adopt(
      startRun(scenario, {
        scenarioId,
        contentVersion: content.versions[scenarioId]!,
        seed: inClass?.seed ?? newSeed() >>> 0,
        settings: inClass?.settings ?? settings,
      }),
    );
  };

  const resume = () => {
    const loaded = readRunSave(store, content);
    if (loaded.ok) {
      adopt(loaded.run);
      app.send({ type: 'run.resumed', scenarioId: loaded.run.record.scenarioId });
      if (loaded.run.getSnapshot().status === 'done') {
        app.send({ type: 'run.finished', result: loaded.run.getSnapshot().output as RunResult });
      }
    } else {
      app.send({ type: 'run.discarded' });
      if (loaded.message) notice(loaded.message);
      notify();
    }
  };

  const endWatch = () => {
    watch?.run.stop();
    watch = null;
  };

  const openWatch = (code: string) => {
    const decoded = decodeRunCode(content, code);
    if (!decoded.ok) {
      notice(decoded.message);
      return;
    }
    endWatch();
    const scenario = content.scenarios[decoded.record.scenarioId]!;
    watch = { record: decoded.record, run: replayRun(scenario, decoded.record, { upTo: 0 }), step: 0 };
    app.send({ type: 'watch.open', scenarioId: decoded.record.scenarioId });
    notify();
  };

  const stepWatch = () => {
    if (!watch) return;
    if (watch.step >= watch.record.events.length) {
      app.send({ type: 'watch.ended' });
      return;
    }
    watch.run.send(watch.record.events[watch.step]!);
    watch.step++;
    notify();
  };

  /** Play on from where the watched run is: a live run from the same seed and log prefix. */
  const takeOver = () => {
    if (!watch) return;
    const scenario = content.scenarios[watch.record.scenarioId]!;
    const record = { ...watch.record, events: watch.record.events.slice(0, watch.step) };
    endWatch();
    adopt(replayRun(scenario, record, { live: true }));
    writeRunSave(store, run!);
    app.send({ type: 'watch.takeover' });
  };

  /** Rewind the finished run to just before one of its decisions; the finished run stays in history. */
  const rewind = (decision: number) => {
    if (!run || run.getSnapshot().status !== 'done') return;
    const scenario = run.scenario;
    let record: RunRecord;
    try {
      record = rewindTo(scenario, run.record, decision);
    } catch {
      return;
    }
    adopt(replayRun(scenario, record, { live: true }));
    writeRunSave(store, run!);
    app.send({ type: 'run.resumed', scenarioId: scenario.id });
  };

  return {
    app,
    content,
    store,
    /** The class settings from the class link, or null outside a class. */
    classSettings,
    /** The scenarios offered on the select screen, in order: the class's, or every one. */
    scenarioIds: classSettings ? classSettings.scenarios : content.scenarioOrder,
    /** The replay code of the run on the debrief screen. */
    get lastCode() {
      return lastCode;
    },
    /** Watch mode's position: events played and events in all. */
    get watchProgress() {
      return watch ? { step: watch.step, total: watch.record.events.length } : null;
    },
    get run() {
      return run;
    },
    /** Increases on every change: lets views skip work when nothing changed. */
    get version() {
      return version;
    },
    boot() {
      app.send({ type: 'content.loaded', canResume: store.get(SAVE_KEY) !== null });
    },
    send(event: SessionEvent) {
      if (event.type === 'menu.resume') return resume();
      if (event.type === 'run.rewind') return rewind(event.decision);
      if (event.type === 'watch.code') return openWatch(event.code);
      if (event.type === 'watch.step') return stepWatch();
      if (event.type === 'watch.takeover') return takeOver();
      if (isRunEvent(event)) {
        // Watching is read-only: the run on screen only moves by watch.step.
        if (!app.getSnapshot().matches('watch')) run?.send(event);
        return;
      }
      const before = app.getSnapshot();
      if (event.type === 'briefing.start' && before.matches('briefing') && before.context.scenarioId) {
        startNewRun(before.context.scenarioId);
        app.send(event);
        run!.send({ type: 'run.begin' });
        return;
      }
      app.send(event);
      const after = app.getSnapshot();
      if (before.matches('negotiation') && !after.matches('negotiation')) endRun();
      if (before.matches('watch') && !after.matches('watch')) endWatch();
    },
    /** What the view shows of the run in progress (or of the run being watched). */
    runView(): RunView | null {
      const shown = app.getSnapshot().matches('watch') ? watch?.run : run;
      return shown ? describeRun(content, shown.scenario, shown.getSnapshot()) : null;
    },
    /** The record of the run on screen (finished, in progress or watched). */
    currentRecord(): RunRecord | null {
      return app.getSnapshot().matches('watch') ? (watch?.record ?? null) : (run?.record ?? null);
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      endRun();
      endWatch();
      app.stop();
      listeners.clear();
    },
  };
}

export type Session = ReturnType<typeof createSession>;
