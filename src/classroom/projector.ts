// Whole class on one screen (projector mode, opened from the teacher pages): the question or the
// moves on screen are shown with letters, the teacher starts a discussion timer, enters the class's
// vote count per letter, reveals it, and the class's choice is played as the run's ordinary event.
//
// Votes are not run events: the run logs only the choice played (an answer or a move, exactly what
// a single player's click sends), so the class's run is saved, encoded and replayed like any other.
// The vote step is a machine of its own (one per decision on screen), held by the projector view.
//
// The class's choice is the letter with the most votes; a tie goes to the tied letter that comes
// first (A before B), which the screen says before the count is revealed. Sort and order questions
// have no letters: the class agrees on an answer and the teacher enters it with the usual controls.
import { assign, setup } from 'xstate';
import type { RunView } from '../engine/presenter';
import type { RunSettings } from '../engine/scenarioMachine';
import { t } from '../i18n';

/** A projector run: no question timer (the teacher's discussion timer replaces it), hints on, and
 * no prediction step (a class votes on answers and moves, not on five reactions per party). */
export const PROJECTOR_SETTINGS: RunSettings = { timerSeconds: null, hintsEnabled: true, predictions: false };

/** Discussion times the teacher can start, in seconds. */
export const DISCUSSION_SECONDS = [30, 60, 120, 180] as const;
/** Votes a count may hold: more than any class. */
export const MAX_VOTES = 999;

export const letterOf = (index: number): string => String.fromCharCode(65 + index);

export interface VoteOption {
  letter: string;
  /** The screen action (src/machines/actions.ts) that plays this option: "option:<id>" or "move:<id>". */
  actionId: string;
  text: string;
}

/**
 * The lettered options of the decision on screen: a choice, who-said or true/false question's
 * options in the order the run shows them, or the moves open now (locked moves get no letter).
 * Null when the screen holds no vote (a sort or order question, or any other phase).
 */
export function voteOptions(view: RunView): VoteOption[] | null {
  const q = view.question;
  let options: Array<Omit<VoteOption, 'letter'>> | null = null;
  if (view.phase === 'question' && q && (q.type === 'choice' || q.type === 'who-said')) {
    options = view.order.map((id) => ({ actionId: `option:${id}`, text: q.options.find((o) => o.id === id)?.text ?? id }));
  } else if (view.phase === 'question' && q?.type === 'true-false') {
    options = [
      { actionId: 'option:true', text: t('question.true') },
      { actionId: 'option:false', text: t('question.false') },
    ];
  } else if (view.phase === 'moves') {
    options = view.moves.filter((m) => !m.locked).map((m) => ({ actionId: `move:${m.id}`, text: m.text }));
  }
  return options && options.map((o, i) => ({ ...o, letter: letterOf(i) }));
}

/** What identifies the decision on screen: a new one gets a fresh vote. */
export function voteKey(view: RunView): string {
  return [view.phase, view.meeting?.id ?? '', view.question?.id ?? '', view.moves.length].join('|');
}

export interface ClassChoice {
  /** The option played: the most votes, the first letter on a tie. */
  index: number;
  /** Every option with that many votes (more than one: a tie). */
  tied: number[];
  total: number;
}

/** The class's choice from the counts (a missing count is 0), or null when nobody voted. */
export function classChoice(counts: ReadonlyArray<number | null>): ClassChoice | null {
  const votes = counts.map((c) => c ?? 0);
  const total = votes.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const most = Math.max(...votes);
  const tied = votes.flatMap((v, i) => (v === most ? [i] : []));
  return { index: tied[0]!, tied, total };
}

/** A count as typed: a whole number from 0 to MAX_VOTES, or null for an empty field or anything else. */
export function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= MAX_VOTES ? n : null;
}

export type VoteEvent =
  /** The teacher starts (or restarts) the discussion timer; `at` is the time in ms, for the countdown shown. */
  | { type: 'discussion.start'; seconds: number; at: number }
  | { type: 'discussion.stop' }
  | { type: 'votes.set'; index: number; count: number | null }
  /** Shows the count and the class's choice (needs at least one vote). */
  | { type: 'votes.reveal' }
  /** Back from the revealed count to change it. */
  | { type: 'votes.edit' };

export interface VoteContext {
  counts: Array<number | null>;
  seconds: number;
  startedAt: number | null;
}

/**
 * One decision's vote: voting (with the discussion clock idle → running → over) until the count
 * is revealed. `input.options` is how many lettered options there are.
 */
export const voteMachine = setup({
  types: {} as { context: VoteContext; events: VoteEvent; input: { options: number } },
  guards: {
    hasVotes: ({ context }) => classChoice(context.counts) !== null,
    validCount: ({ context, event }) =>
      event.type === 'votes.set' && Number.isInteger(event.index) && event.index >= 0 && event.index < context.counts.length && (event.count === null || (Number.isInteger(event.count) && event.count >= 0 && event.count <= MAX_VOTES)),
    validTime: ({ event }) => event.type === 'discussion.start' && (DISCUSSION_SECONDS as readonly number[]).includes(event.seconds),
  },
  actions: {
    startClock: assign(({ event }) => (event.type === 'discussion.start' ? { seconds: event.seconds, startedAt: event.at } : {})),
    setCount: assign({ counts: ({ context, event }) => (event.type === 'votes.set' ? context.counts.map((c, i) => (i === event.index ? event.count : c)) : context.counts) }),
  },
  delays: { discussion: ({ context }) => context.seconds * 1000 },
}).createMachine({
  id: 'vote',
  context: ({ input }) => ({ counts: Array.from({ length: input.options }, () => null), seconds: DISCUSSION_SECONDS[1], startedAt: null }),
  initial: 'voting',
  states: {
    voting: {
      initial: 'idle',
      on: {
        'votes.set': { guard: 'validCount', actions: 'setCount' },
        'votes.reveal': { guard: 'hasVotes', target: 'revealed' },
      },
      states: {
        idle: { on: { 'discussion.start': { guard: 'validTime', target: 'running', actions: 'startClock' } } },
        running: {
          tags: ['discussing'],
          after: { discussion: 'over' },
          on: { 'discussion.stop': 'over', 'discussion.start': { guard: 'validTime', target: 'running', reenter: true, actions: 'startClock' } },
        },
        over: { tags: ['discussed'], on: { 'discussion.start': { guard: 'validTime', target: 'running', actions: 'startClock' } } },
      },
    },
    revealed: { tags: ['revealed'], on: { 'votes.edit': 'voting.over' } },
  },
});
