// Playing in pairs (a class link's "play in pairs"): two names at the start, and each move and each
// prediction confirmed by both players. The first player's choice is a proposal; a short prompt
// asks the pair to talk it over; the second player agrees (the decision is played) or disagrees
// (back to the choice, nothing played).
//
// The confirmations are not run events. They change nothing in the negotiation: only the decision
// both agreed on is sent to the run and enters its event log, so the log, the save, the replay code
// and every replay are exactly those of a run played alone, and a results file's runs replay the
// same on the dashboard. The confirmation step is a machine of its own (this one), held by the
// session beside the run; a page reload mid-confirmation returns the pair to the choice.
import { assign, setup } from 'xstate';
import type { RunEvent } from '../engine/scenarioMachine';
import { t } from '../i18n';
import type { KeyValueStore } from '../persistence/storage';
import { cleanName, MAX_NAME_LENGTH } from './results';

/** The two players, in the order they typed their names. */
export interface PairNames {
  first: string;
  second: string;
}

/** The decisions a pair confirms: a move, and the predictions of its reactions. */
export type PairDecision = Extract<RunEvent, { type: 'move.choose' } | { type: 'prediction.submit' }>;

export type PairEvent =
  /** The first confirmation: the player whose turn it is proposes the decision. */
  | { type: 'pair.propose'; decision: PairDecision }
  /** The second confirmation: the other player agrees, and the decision is played. */
  | { type: 'pair.agree' }
  /** The other player does not agree: back to the choice. */
  | { type: 'pair.disagree' }
  /** The run moved on without the decision (a timer ran out): the proposal is dropped. */
  | { type: 'pair.cancel' };

export const isPairDecision = (event: { type: string }): event is PairDecision => event.type === 'move.choose' || event.type === 'prediction.submit';

export type CheckedNames = { ok: true; names: PairNames } | { ok: false; message: string };

const length = (text: string) => [...text].length;
const sameName = (a: string, b: string) => a.normalize('NFKC').toLocaleLowerCase('en') === b.normalize('NFKC').toLocaleLowerCase('en');

/** Checks the two names typed at the start: both given, neither too long, not the same name twice. */
export function checkPairNames(first: string, second: string): CheckedNames {
  const names = { first: cleanName(first), second: cleanName(second) };
  if (names.first === '' || names.second === '') return { ok: false, message: t('pair.needNames') };
  if (length(names.first) > MAX_NAME_LENGTH || length(names.second) > MAX_NAME_LENGTH) return { ok: false, message: t('results.nameTooLong', { max: MAX_NAME_LENGTH }) };
  if (sameName(names.first, names.second)) return { ok: false, message: t('pair.sameName') };
  return { ok: true, names };
}

/** Where the pair's names are kept on the device, so a reload or a resumed run keeps them. */
export const PAIR_KEY = 'envoy.pair';

export function readPairNames(store: KeyValueStore): PairNames | null {
  try {
    const raw = JSON.parse(store.get(PAIR_KEY) ?? 'null') as unknown;
    if (!raw || typeof raw !== 'object') return null;
    const { first, second } = raw as Record<string, unknown>;
    if (typeof first !== 'string' || typeof second !== 'string') return null;
    const checked = checkPairNames(first, second);
    return checked.ok ? checked.names : null;
  } catch {
    return null;
  }
}

export const writePairNames = (store: KeyValueStore, names: PairNames): boolean => store.set(PAIR_KEY, JSON.stringify(names));

/**
 * Whose turn it is to propose (0: the first name, 1: the second): the players take turns, one
 * decision each, counted from the run's log so a resumed run keeps the turn.
 */
export function leaderOf(events: readonly RunEvent[]): 0 | 1 {
  return (events.filter(isPairDecision).length % 2) as 0 | 1;
}

/** The confirmation step: choosing (no proposal) → confirming (a proposal the other player answers). */
export const pairMachine = setup({
  types: {} as { context: { proposal: PairDecision | null }; events: PairEvent },
}).createMachine({
  id: 'pair',
  context: { proposal: null },
  initial: 'choosing',
  states: {
    choosing: {
      on: { 'pair.propose': { target: 'confirming', actions: assign({ proposal: ({ event }) => event.decision }) } },
    },
    confirming: {
      on: {
        'pair.agree': { target: 'choosing', actions: assign({ proposal: null }) },
        'pair.disagree': { target: 'choosing', actions: assign({ proposal: null }) },
        'pair.cancel': { target: 'choosing', actions: assign({ proposal: null }) },
      },
    },
  },
});
