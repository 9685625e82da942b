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
import { readHistory } from './replay/history';
import { decisionCount, rewindTo } from './replay/timeline';
import { screenActions, type ScreenAction } from './machines/actions';
import type { RunEvent, RunResult, RunSettings } from './engine/scenarioMachine';
import { clearRunSave, readRunSave, SAVE_KEY, writeRunSave } from './persistence/runSave';
import type { KeyValueStore } from './persistence/storage';
import { runSettingsFor, type ClassSettings } from './classroom/classLink';
import { checkPairNames, leaderOf, pairMachine, readPairNames, writePairNames, type PairDecision, type PairEvent, type PairNames } from './classroom/pair';
import type { TeacherScenarioLoad } from './content/teacherScenarios';
import { keepTeacherScenario, type ScenarioFileText } from './persistence/teacherScenarios';

/** What became of the last scenario file opened (shown on the select screen until the next). */
export type ScenarioFileOutcome = { name: string } & TeacherScenarioLoad & { kept?: boolean };

/** Commands the session itself handles before telling the app machine. */
export type SessionCommand =
  | { type: 'menu.resume' }
  | { type: 'run.rewind'; decision: number }
  | { type: 'watch.code'; code: string }
  | { type: 'watch.step' };

export type SessionEvent = AppEvent | RunEvent | SessionCommand | PairEvent;

/** Playing in pairs, what the screens show: the names, whose turn it is, and the proposal awaiting the other's confirmation. */
export interface PairView {
  players: PairNames | null;
  /** The player who proposes this decision (0: first name); the other confirms. */
  leader: 0 | 1;
  proposal: PairDecision | null;
}

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
  /** A scenario file opened before the session began (from a link or a draft), to show on the select screen. */
  scenarioFile?: ScenarioFileOutcome | null;
  /**
   * Told of every event no state handles (a button that would do nothing). By default a
   * console.error, which the browser tests fail on.
   */
  onUnhandled?: (problem: string) => void;
}

export const DEFAULT_RUN_SETTINGS: RunSettings = { timerSeconds: null, hintsEnabled: true };

const RUN_EVENT_PREFIXES = ['run.begin', 'meeting.', 'answer.', 'feedback.', 'move.', 'prediction.', 'outcome.', 'timer.', 'check.'];
const isRunEvent = (event: SessionEvent): event is RunEvent => RUN_EVENT_PREFIXES.some((p) => event.type.startsWith(p));

export function createSession({ content: initialContent, store, newSeed, now = () => new Date(0).toISOString(), settings = DEFAULT_RUN_SETTINGS, classSettings = null, scenarioFile: openedFile = null, onUnhandled = (problem) => console.error(problem) }: SessionOptions) {
  // Replaced (never changed in place) when a teacher's scenario file is added.
  let content = initialContent;
  let scenarioFile: ScenarioFileOutcome | null = openedFile;
  const app = createActor(appMachine).start();
  const pairs = classSettings?.pairs === true;
  /** The confirmation step of a pair (src/classroom/pair.ts): beside the run, never in its log. */
  const pair = createActor(pairMachine).start();
  pair.subscribe(() => notify());
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

  /** A proposal the run can no longer take (a timer ran out, the run ended) is dropped. */
  const dropStaleProposal = () => {
    const proposal = pair.getSnapshot().context.proposal;
    if (proposal && !(run && run.getSnapshot().status === 'active' && run.getSnapshot().can(proposal))) pair.send({ type: 'pair.cancel' });
  };

  const endRun = () => {
    stopWatchingRun?.();
    stopWatchingRun = null;
    run?.stop();
    run = null;
    dropStaleProposal();
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
      dropStaleProposal();
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

  /** The app's screen (its top-level state) and the run it shows: the one played, or the one watched. */
  const onShow = () => {
    const snapshot = app.getSnapshot();
    const value = snapshot.value;
    const screen = typeof value === 'string' ? value : Object.keys(value)[0]!;
    return { snapshot, screen, shown: snapshot.matches('watch') ? watch?.run : run };
  };

  /** The screen and, in a run, its phase: where an unhandled event was sent, for the report. */
  const where = () => {
    const { screen, shown } = onShow();
    return shown && (screen === 'negotiation' || screen === 'watch') ? `${screen} (${JSON.stringify(shown.getSnapshot().value)})` : screen;
  };

  /** Whether `event` would do something now: some state handles it and its guards pass. */
  const can = (event: SessionEvent): boolean => {
    const snapshot = app.getSnapshot();
    switch (event.type) {
      case 'menu.resume':
        return snapshot.matches('title') && snapshot.context.canResume;
      case 'run.rewind':
        return (
          snapshot.matches('debrief') &&
          !!run &&
          run.getSnapshot().status === 'done' &&
          Number.isInteger(event.decision) &&
          event.decision >= 0 &&
          event.decision < decisionCount(run.scenario, run.record)
        );
      case 'watch.code':
        return snapshot.can({ type: 'watch.open', scenarioId: '' });
      case 'watch.step':
        return snapshot.matches('watch') && !!watch;
      case 'watch.takeover':
        return snapshot.can(event) && !!watch && watch.run.getSnapshot().status === 'active';
      case 'briefing.start':
        return snapshot.can(event) && !!snapshot.context.scenarioId;
      case 'pair.names':
        return snapshot.can(event) && checkPairNames(event.names.first, event.names.second).ok;
      case 'pair.propose':
        return pairs && snapshot.matches('negotiation') && !!run && pair.getSnapshot().can(event) && run.getSnapshot().can(event.decision);
      case 'pair.agree': {
        const proposal = pair.getSnapshot().context.proposal;
        return snapshot.matches('negotiation') && !!run && !!proposal && run.getSnapshot().can(proposal);
      }
      case 'pair.disagree':
      case 'pair.cancel':
        return snapshot.matches('negotiation') && pair.getSnapshot().can(event);
      default:
        break;
    }
    // Watching is read-only: the run on screen only moves by watch.step.
    if (isRunEvent(event)) return snapshot.matches('negotiation') && !!run && run.getSnapshot().can(event);
    return snapshot.can(event);
  };

  /**
   * The scenarios offered: the class's (every timeline scenario outside a class), then any
   * teacher's scenario the class list does not name (a file handed to the class is meant to be played).
   */
  const scenarioIds = (): string[] => {
    if (!classSettings) return content.scenarioOrder;
    const extra = content.scenarioOrder.filter((id) => content.teacherScenarios?.includes(id) && !classSettings.scenarios.includes(id));
    return [...classSettings.scenarios, ...extra];
  };

  return {
    app,
    /** The content played: the shipped content, with any teacher's scenario files added. */
    get content() {
      return content;
    },
    store,
    /** The class settings from the class link, or null outside a class. */
    classSettings,
    /** The scenarios offered on the select screen, in order: the class's (with teacher's files), or every one. */
    get scenarioIds() {
      return scenarioIds();
    },
    /** The last scenario file opened this session and what became of it, or null. */
    get scenarioFile() {
      return scenarioFile;
    },
    /**
     * Adds a teacher's scenario file (its name and text, as opened or from a link): checked like
     * every scenario (src/content/teacherScenarios.ts); on success it joins the timeline, marked as
     * the teacher's, and is kept on the device (`keep`, the default) so it is there after a reload
     * and its runs replay. The checks are loaded on first use, never with the game.
     */
    async openScenarioFile(file: ScenarioFileText, { keep = true }: { keep?: boolean } = {}): Promise<ScenarioFileOutcome> {
      const { loadScenarioText } = await import('./content/teacherScenarios');
      const result = loadScenarioText(content, file.name, file.text);
      scenarioFile = { name: file.name, ...result };
      if (result.ok) {
        content = result.content;
        if (keep) scenarioFile.kept = keepTeacherScenario(store, result.scenarioId, file);
      }
      notify();
      return scenarioFile;
    },
    /** The replay code of the run on the debrief screen. */
    get lastCode() {
      return lastCode;
    },
    /** Watch mode's position: events played and events in all. */
    get watchProgress() {
      return watch ? { step: watch.step, total: watch.record.events.length } : null;
    },
    /**
     * In watch mode, the recorded event the next step plays (the answer or prediction the player
     * gave on the screen now shown), so the screen can show it before it is played; else null.
     */
    get watchNext(): RunEvent | null {
      return watch && app.getSnapshot().matches('watch') ? (watch.record.events[watch.step] ?? null) : null;
    },
    get run() {
      return run;
    },
    /** Increases on every change: lets views skip work when nothing changed. */
    get version() {
      return version;
    },
    boot() {
      app.send({ type: 'content.loaded', canResume: store.get(SAVE_KEY) !== null, pairs, players: pairs ? readPairNames(store) : null });
    },
    /** Playing in pairs: the names, whose turn it is and the proposal on the table; null when playing alone. */
    get pair(): PairView | null {
      if (!pairs) return null;
      return {
        players: app.getSnapshot().context.players,
        leader: leaderOf(run?.record.events ?? []),
        proposal: pair.getSnapshot().context.proposal,
      };
    },
    /** Whether an event would do something now (see `send`). */
    can,
    /** The buttons the screen on show offers, with the events they send (src/machines/actions.ts). */
    actions(): ScreenAction[] {
      const { snapshot, screen, shown } = onShow();
      const finished = screen === 'debrief' && run && run.getSnapshot().status === 'done' ? run : null;
      return screenActions({
        screen,
        context: snapshot.context,
        content,
        scenarioIds: scenarioIds(),
        run: shown && (screen === 'negotiation' || screen === 'debrief' || screen === 'watch') ? describeRun(content, shown.scenario, shown.getSnapshot()) : null,
        decisions: finished ? decisionCount(finished.scenario, finished.record) : 0,
        history: screen === 'history' ? readHistory(store).entries : [],
        lastCode: screen === 'debrief' ? lastCode : null,
        watch: watch ? { step: watch.step, total: watch.record.events.length } : null,
        pair: pairs && screen === 'negotiation' ? { proposal: pair.getSnapshot().context.proposal } : null,
      });
    },
    /**
     * Routes an event to whoever handles it. An event that nothing would handle in the state on
     * show is a button that does nothing: it is reported through `onUnhandled`, never dropped quietly.
     */
    send(event: SessionEvent) {
      if (!can(event)) {
        onUnhandled(`Envoy: the event "${event.type}" is not handled on the ${where()} screen.`);
        return;
      }
      if (event.type === 'menu.resume') return resume();
      if (event.type === 'run.rewind') return rewind(event.decision);
      if (event.type === 'watch.code') return openWatch(event.code);
      if (event.type === 'watch.step') return stepWatch();
      if (event.type === 'watch.takeover') return takeOver();
      if (event.type === 'pair.agree') {
        // The second confirmation: the decision both agreed on is what the run logs and plays.
        const proposal = pair.getSnapshot().context.proposal!;
        pair.send(event);
        run!.send(proposal);
        return;
      }
      if (event.type === 'pair.propose' || event.type === 'pair.disagree' || event.type === 'pair.cancel') {
        pair.send(event);
        return;
      }
      if (event.type === 'pair.names') {
        const checked = checkPairNames(event.names.first, event.names.second);
        if (!checked.ok) return;
        writePairNames(store, checked.names);
        app.send({ type: 'pair.names', names: checked.names });
        return;
      }
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
      if (before.matches('negotiation') && !after.matches('negotiation')) {
        endRun();
        if (event.type === 'tutorial.skip') clearRunSave(store);
      }
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
      pair.stop();
      app.stop();
      listeners.clear();
    },
  };
}

export type Session = ReturnType<typeof createSession>;
