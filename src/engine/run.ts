// A run: one play of one scenario. It owns the scenario actor and the event log that, with the
// seed, reproduces the run exactly: the basis of resume, rewind, replay codes and results files.
import { createActor, SimulatedClock, type Actor, type InspectionEvent } from 'xstate';
import type { Scenario } from '../content/schema';
import { createScenarioMachine, type RunEvent, type RunInput, type RunSnapshot, type ScenarioMachine } from './scenarioMachine';

export interface RunRecord extends RunInput {
  scenarioId: string;
  /** The scenario's content version this log was recorded against. */
  contentVersion: string;
  events: RunEvent[];
}

const machines = new WeakMap<Scenario, ScenarioMachine>();
/** One generated machine per scenario object: generating is cheap, but replays happen in bulk. */
export function machineFor(scenario: Scenario): ScenarioMachine {
  let machine = machines.get(scenario);
  if (!machine) machines.set(scenario, (machine = createScenarioMachine(scenario)));
  return machine;
}

export interface RunOptions {
  /** Resume from a persisted snapshot instead of the start (the log still describes the whole run). */
  snapshot?: unknown;
  /** Tests pass a SimulatedClock; replays use one that never advances, so only logged events count. */
  clock?: SimulatedClock;
}

export interface Run {
  readonly scenario: Scenario;
  readonly actor: Actor<ScenarioMachine>;
  readonly record: RunRecord;
  send(event: RunEvent): void;
  getSnapshot(): RunSnapshot;
  stop(): void;
}

const TIMER_EVENT_PREFIX = 'xstate.after.';

export function startRun(scenario: Scenario, base: Omit<RunRecord, 'events'> & { events?: RunEvent[] }, options: RunOptions = {}): Run {
  const record: RunRecord = { ...base, events: [...(base.events ?? [])] };
  const input: RunInput = { seed: record.seed, settings: record.settings };
  const actor: Actor<ScenarioMachine> = createActor(machineFor(scenario), {
    input,
    ...(options.snapshot ? { snapshot: options.snapshot as RunSnapshot } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    // A timer that fires is an event too: log it as `timer.expire` so a replay, which runs on a
    // clock that never advances, takes the same transition. Untimed runs skip the inspector,
    // which costs a good share of every event.
    ...(record.settings.timerSeconds === null
      ? {}
      : {
          inspect: (ev: InspectionEvent) => {
            if (ev.type === '@xstate.event' && ev.actorRef === actor && ev.event.type.startsWith(TIMER_EVENT_PREFIX)) {
              record.events.push({ type: 'timer.expire' });
            }
          },
        }),
  });
  actor.start();
  return {
    scenario,
    actor,
    record,
    send(event) {
      const before = actor.getSnapshot();
      // Logged before sending, so anyone saving from a snapshot listener saves a log that
      // matches the snapshot; taken back if the machine ignored the event (a locked move, an
      // invalid answer), which would only bloat replay codes.
      record.events.push(event);
      actor.send(event);
      if (actor.getSnapshot() === before) record.events.pop();
    },
    getSnapshot: () => actor.getSnapshot(),
    stop: () => actor.stop(),
  };
}

/**
 * Rebuild a run from its record: the same seed and events give the same snapshot. By default on a
 * clock that never advances (a pure replay); `live: true` gives a run that goes on in real time.
 */
export function replayRun(scenario: Scenario, record: RunRecord, options: { upTo?: number; live?: boolean } = {}): Run {
  const run = startRun(scenario, { ...record, events: [] }, options.live ? {} : { clock: new SimulatedClock() });
  for (const event of record.events.slice(0, options.upTo ?? record.events.length)) run.send(event);
  return run;
}
