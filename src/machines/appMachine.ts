// The app's screens: boot → title → scenario select → briefing → negotiation → debrief, and back.
// It knows nothing of the rules of a negotiation; the session starts a run when this machine
// enters `negotiation` and reports back with `run.finished`.
import { assign, setup } from 'xstate';
import type { RunResult } from '../engine/scenarioMachine';

export interface AppContext {
  scenarioId: string | null;
  /** True while a saved run can be resumed from the title screen. */
  canResume: boolean;
  result: RunResult | null;
  contentErrors: string[];
  /** Messages for the player (a discarded save, storage that cannot be written...). */
  notices: string[];
}

export type AppEvent =
  | { type: 'content.loaded'; canResume: boolean }
  | { type: 'content.failed'; errors: string[] }
  | { type: 'menu.play' }
  | { type: 'menu.settings' }
  | { type: 'scenario.choose'; scenarioId: string }
  | { type: 'briefing.start' }
  | { type: 'run.resumed'; scenarioId: string }
  | { type: 'run.finished'; result: RunResult }
  | { type: 'run.discarded' }
  | { type: 'debrief.again' }
  | { type: 'nav.back' }
  | { type: 'nav.title' }
  | { type: 'notice.show'; message: string }
  | { type: 'notice.dismiss' };

export const appMachine = setup({
  types: {} as { context: AppContext; events: AppEvent },
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
  },
}).createMachine({
  id: 'app',
  context: { scenarioId: null, canResume: false, result: null, contentErrors: [], notices: [] },
  initial: 'boot',
  on: {
    'notice.show': { actions: 'addNotice' },
    'notice.dismiss': { actions: 'dismissNotice' },
  },
  states: {
    boot: {
      tags: ['loading'],
      on: {
        'content.loaded': { target: 'title', actions: assign({ canResume: ({ event }) => event.canResume }) },
        'content.failed': { target: 'failed', actions: assign({ contentErrors: ({ event }) => event.errors }) },
      },
    },
    failed: { tags: ['error'] },
    title: {
      on: {
        'menu.play': 'select',
        'menu.settings': 'settings',
        // "How to play" opens the tutorial's briefing straight from the title.
        'scenario.choose': { target: 'briefing', actions: 'chooseScenario' },
        'run.resumed': { target: 'negotiation', actions: assign({ scenarioId: ({ event }) => event.scenarioId }) },
      },
    },
    settings: { on: { 'nav.back': 'title' } },
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
      },
    },
    negotiation: {
      on: {
        'run.finished': { target: 'debrief', actions: 'keepResult' },
        'run.discarded': { target: 'title', actions: assign({ canResume: false }) },
        // Leaving keeps the save, so the title screen offers to resume.
        'nav.title': { target: 'title', actions: assign({ canResume: true }) },
      },
    },
    debrief: {
      on: {
        'debrief.again': 'briefing',
        'nav.back': 'select',
        'nav.title': 'title',
      },
    },
  },
});
