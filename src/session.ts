// The session: the model's composition root. It owns the app actor and the run in progress,
// routes every event the view sends to the one that handles it, saves the run after each event
// and reports a finished run to the app. Scenes talk to nothing else.
import { createActor } from 'xstate';
import type { Content } from './content/loader';
import { appMachine, type AppEvent } from './machines/appMachine';
import { describeRun, type RunView } from './engine/presenter';
import { startRun, type Run } from './engine/run';
import type { RunEvent, RunResult, RunSettings } from './engine/scenarioMachine';
import { clearRunSave, readRunSave, SAVE_KEY, writeRunSave } from './persistence/runSave';
import type { KeyValueStore } from './persistence/storage';

export type SessionEvent = AppEvent | RunEvent | { type: 'menu.resume' };

export interface SessionOptions {
  content: Content;
  store: KeyValueStore;
  /** Entropy for new runs; the composition root passes crypto, tests pass a fixed sequence. */
  newSeed: () => number;
  settings?: RunSettings;
}

export const DEFAULT_RUN_SETTINGS: RunSettings = { timerSeconds: null, hintsEnabled: true };

const RUN_EVENT_PREFIXES = ['run.begin', 'meeting.', 'answer.', 'feedback.', 'move.', 'outcome.', 'timer.'];
const isRunEvent = (event: SessionEvent): event is RunEvent => RUN_EVENT_PREFIXES.some((p) => event.type.startsWith(p));

export function createSession({ content, store, newSeed, settings = DEFAULT_RUN_SETTINGS }: SessionOptions) {
  const app = createActor(appMachine).start();
  const listeners = new Set<() => void>();
  let run: Run | null = null;
  let stopWatchingRun: (() => void) | null = null;
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
        app.send({ type: 'run.finished', result: snapshot.output as RunResult });
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
    adopt(
      startRun(scenario, {
        scenarioId,
        contentVersion: content.versions[scenarioId]!,
        seed: newSeed() >>> 0,
        settings,
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
      if (loaded.message) notice(loaded.message);
      app.send({ type: 'run.discarded' });
      notify();
    }
  };

  return {
    app,
    content,
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
      if (isRunEvent(event)) {
        run?.send(event);
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
    },
    /** What the view shows of the run in progress. */
    runView(): RunView | null {
      return run ? describeRun(content, run.scenario, run.getSnapshot()) : null;
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      endRun();
      app.stop();
      listeners.clear();
    },
  };
}

export type Session = ReturnType<typeof createSession>;
