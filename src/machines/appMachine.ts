// The app's screens: boot → title → scenario select → briefing → negotiation → debrief, and back.
// It knows nothing of the rules of a negotiation; the session starts a run when this machine
// enters `negotiation` and reports back with `run.finished`.
import { assign, setup } from 'xstate';
import type { RunResult } from '../engine/scenarioMachine';
import type { PairNames } from '../classroom/pair';

export interface AppContext {
  scenarioId: string | null;
  /** True while a saved run can be resumed from the title screen. */
  canResume: boolean;
  result: RunResult | null;
  contentErrors: string[];
  /** Messages for the player (a discarded save, storage that cannot be written...). */
  notices: string[];
  /** The two replay codes on the compare screen. */
  compare: { a: string; b: string } | null;
  /** Watch mode: whether playback advances by itself. */
  watchPlaying: boolean;
  /** Whether the class plays in pairs (a class link's setting): then two names come first. */
  pairs: boolean;
  /** The pair at the device, once they have given their names; null alone or before. */
  players: PairNames | null;
}

export type AppEvent =
  | { type: 'content.loaded'; canResume: boolean; pairs?: boolean; players?: PairNames | null }
  /** The two names, already checked (src/classroom/pair.ts): on to the scenarios. */
  | { type: 'pair.names'; names: PairNames }
  /** Another pair takes the device: back to the names. */
  | { type: 'pair.change' }
  | { type: 'content.failed'; errors: string[] }
  | { type: 'menu.play' }
  | { type: 'menu.settings' }
  | { type: 'scenario.choose'; scenarioId: string }
  | { type: 'briefing.start' }
  | { type: 'run.resumed'; scenarioId: string }
  | { type: 'run.finished'; result: RunResult }
  | { type: 'run.discarded' }
  | { type: 'debrief.again' }
  /** "Skip the practice": out of the practice scenario to the title, its run not kept. */
  | { type: 'tutorial.skip' }
  | { type: 'nav.back' }
  | { type: 'nav.title' }
  | { type: 'notice.show'; message: string }
  | { type: 'notice.dismiss' }
  | { type: 'menu.history' }
  | { type: 'compare.open'; a: string; b: string }
  | { type: 'watch.open'; scenarioId: string }
  | { type: 'watch.play' }
  | { type: 'watch.pause' }
  | { type: 'watch.ended' }
  | { type: 'watch.takeover' };

export const appMachine = setup({
  types: {} as { context: AppContext; events: AppEvent },
  guards: {
    needsNames: ({ context }) => context.pairs && !context.players,
    inPairs: ({ context }) => context.pairs,
  },
  actions: {
    chooseScenario: assign({
      scenarioId: ({ event }) => (event.type === 'scenario.choose' ? event.scenarioId : null),
    }),
    keepResult: assign({
      result: ({ event }) => (event.type === 'run.finished' ? event.result : null),
      canResume: false,
    }),
    addNotice: assign({
      notices: ({ context, event }) => (event.type === 'notice.show' ? [...context.notices, event.message] : context.notices),
    }),
    dismissNotice: assign({ notices: ({ context }) => context.notices.slice(1) }),
    openCompare: assign({ compare: ({ event }) => (event.type === 'compare.open' ? { a: event.a, b: event.b } : null) }),
    openWatch: assign({
      scenarioId: ({ context, event }) => (event.type === 'watch.open' ? event.scenarioId : context.scenarioId),
      watchPlaying: false,
    }),
  },
}).createMachine({
  id: 'app',
  context: { scenarioId: null, canResume: false, result: null, contentErrors: [], notices: [], compare: null, watchPlaying: false, pairs: false, players: null },
  initial: 'boot',
  on: {
    'notice.show': { actions: 'addNotice' },
    'notice.dismiss': { actions: 'dismissNotice' },
  },
  states: {
    boot: {
      tags: ['loading'],
      on: {
        'content.loaded': {
          target: 'title',
          actions: assign({ canResume: ({ event }) => event.canResume, pairs: ({ event }) => event.pairs === true, players: ({ event }) => (event.pairs ? (event.players ?? null) : null) }),
        },
        'content.failed': { target: 'failed', actions: assign({ contentErrors: ({ event }) => event.errors }) },
      },
    },
    failed: { tags: ['error'] },
    title: {
      on: {
        'menu.play': [{ guard: 'needsNames', target: 'players' }, { target: 'select' }],
        'pair.change': { guard: 'inPairs', target: 'players' },
        'menu.settings': 'settings',
        'menu.history': 'history',
        'watch.open': { target: 'watch', actions: 'openWatch' },
        // "How to play" opens the tutorial's briefing straight from the title.
        'scenario.choose': { target: 'briefing', actions: 'chooseScenario' },
        'run.resumed': { target: 'negotiation', actions: assign({ scenarioId: ({ event }) => event.scenarioId }) },
        // A save that could not be resumed is gone: no dead "Resume" button.
        'run.discarded': { actions: assign({ canResume: false }) },
      },
    },
    settings: { on: { 'nav.back': 'title' } },
    // Playing in pairs: the two players give their names before choosing a scenario.
    players: {
      on: {
        'pair.names': { target: 'select', actions: assign({ players: ({ event }) => event.names }) },
        'nav.back': 'title',
      },
    },
    select: {
      on: {
        'scenario.choose': { target: 'briefing', actions: 'chooseScenario' },
        'nav.back': 'title',
      },
    },
    briefing: {
      on: {
        'briefing.start': 'negotiation',
        'nav.back': 'select',
        'tutorial.skip': 'title',
      },
    },
    negotiation: {
      on: {
        'run.finished': { target: 'debrief', actions: 'keepResult' },
        'run.discarded': { target: 'title', actions: assign({ canResume: false }) },
        // Leaving keeps the save, so the title screen offers to resume.
        'nav.title': { target: 'title', actions: assign({ canResume: true }) },
        // Skipping the practice drops its run (the session clears the save): nothing to resume.
        'tutorial.skip': { target: 'title', actions: assign({ canResume: false }) },
      },
    },
    debrief: {
      on: {
        'debrief.again': 'briefing',
        'nav.back': 'select',
        'nav.title': 'title',
        'tutorial.skip': 'title',
        // Rewind: the session has started a run from just before the chosen decision.
        'run.resumed': { target: 'negotiation', actions: assign({ scenarioId: ({ event }) => event.scenarioId }) },
        'menu.history': 'history',
        'compare.open': { target: 'compare', actions: 'openCompare' },
        'watch.open': { target: 'watch', actions: 'openWatch' },
      },
    },
    history: {
      on: {
        'compare.open': { target: 'compare', actions: 'openCompare' },
        'watch.open': { target: 'watch', actions: 'openWatch' },
        'nav.back': 'title',
        'nav.title': 'title',
      },
    },
    compare: {
      on: {
        'nav.back': 'history',
        'nav.title': 'title',
        'watch.open': { target: 'watch', actions: 'openWatch' },
      },
    },
    watch: {
      on: {
        'watch.play': { actions: assign({ watchPlaying: true }) },
        'watch.pause': { actions: assign({ watchPlaying: false }) },
        'watch.ended': { actions: assign({ watchPlaying: false }) },
        'watch.takeover': { target: 'negotiation', actions: assign({ watchPlaying: false }) },
        'nav.back': { target: 'history', actions: assign({ watchPlaying: false }) },
        'nav.title': { target: 'title', actions: assign({ watchPlaying: false }) },
      },
    },
  },
});
