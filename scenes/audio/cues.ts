// Which sounds a change of view calls for: the mood loop for the screen, and an effect when a run
// enters a phase (an answer's feedback, a move's outcome, the debrief). Pure: no Howler, no DOM,
// so the rules are tested in Node. A re-notification that changes nothing here plays nothing.
import type { Phase, RunView } from '../../src/engine/presenter';
import type { StringKey } from '../../src/i18n';

export const MOODS = ['calm', 'tense', 'resolve'] as const;
export const EFFECTS = ['select', 'correct', 'wrong', 'trust-up', 'trust-down', 'ending'] as const;
export type Mood = (typeof MOODS)[number];
export type Effect = (typeof EFFECTS)[number];

/** What the sound layer needs of the view: the screen and, in a run, where it stands. */
export interface CueView {
  screen: string;
  phase: Phase | null;
  meetingId: string | null;
  meetingNumber: number;
  questionId: string | null;
  /** The last answer's share of right, while its feedback shows. */
  answerFraction: number | null;
  /** Sum of the last move's trust changes and agreement change, while its outcome shows. */
  moveBalance: number | null;
}

export function cueView(screen: string, run: RunView | null): CueView {
  const inRun = run && (screen === 'negotiation' || screen === 'debrief');
  if (!inRun) return { screen, phase: null, meetingId: null, meetingNumber: 0, questionId: null, answerFraction: null, moveBalance: null };
  const move = run.phase === 'outcome' ? run.lastMove : null;
  return {
    screen,
    phase: run.phase,
    meetingId: run.meeting?.id ?? null,
    meetingNumber: run.meetingNumber,
    questionId: run.question?.id ?? null,
    answerFraction: run.phase === 'feedback' ? (run.lastAnswer?.fraction ?? null) : null,
    moveBalance: move ? Object.values(move.trustDelta).reduce((sum, d) => sum + d, 0) + move.agreementDelta : null,
  };
}

const MOOD_OF_SCREEN: Record<string, Mood> = {
  title: 'calm',
  select: 'calm',
  settings: 'calm',
  briefing: 'calm',
  negotiation: 'tense',
  debrief: 'resolve',
};

/** The loop for a screen; none while booting or on the content-error screen. */
export function moodFor(screen: string): Mood | null {
  return MOOD_OF_SCREEN[screen] ?? null;
}

export interface Cues {
  /** The loop that should be playing now (null: silence). */
  music: Mood | null;
  /** Set when the loop changes from one mood to another (not when it starts from silence). */
  musicChanged: boolean;
  effects: Effect[];
}

/** The sounds for going from `prev` (null on the first view) to `next`. */
export function soundsFor(prev: CueView | null, next: CueView): Cues {
  const music = moodFor(next.screen);
  const effects: Effect[] = [];
  const before = prev ? moodFor(prev.screen) : null;
  const musicChanged = before !== null && music !== null && before !== music;
  if (prev === null) return { music, musicChanged, effects };

  // Only changes inside a run in progress: resuming a save into its feedback plays nothing.
  const playing = prev.screen === 'negotiation' && next.screen === 'negotiation';
  if (playing && next.phase === 'feedback' && next.answerFraction !== null && (prev.phase !== 'feedback' || prev.questionId !== next.questionId)) {
    effects.push(next.answerFraction === 1 ? 'correct' : 'wrong');
  }
  if (playing && next.phase === 'outcome' && next.moveBalance !== null && (prev.phase !== 'outcome' || prev.meetingNumber !== next.meetingNumber || prev.meetingId !== next.meetingId)) {
    if (next.moveBalance > 0) effects.push('trust-up');
    else if (next.moveBalance < 0) effects.push('trust-down');
  }
  if (next.screen === 'debrief' && prev.screen !== 'debrief') effects.push('ending');
  return { music, musicChanged, effects };
}

/** A caption's key in the locale file: the caption keys are the ones under "caption.". */
export type CaptionKey = Extract<StringKey, `caption.${string}`>;

const EFFECT_CAPTION: Partial<Record<Effect, CaptionKey>> = {
  correct: 'caption.correct',
  wrong: 'caption.wrong',
  'trust-up': 'caption.trustUp',
  'trust-down': 'caption.trustDown',
  ending: 'caption.ending',
};

const MOOD_CAPTION: Record<Mood, CaptionKey> = { calm: 'caption.musicCalm', tense: 'caption.musicTense', resolve: 'caption.musicResolve' };

/** The captions for a set of cues: every meaningful sound (a button's click is not one). */
export function captionsFor(cues: Cues): CaptionKey[] {
  const keys = cues.effects.flatMap((e) => EFFECT_CAPTION[e] ?? []);
  if (cues.musicChanged && cues.music) keys.push(MOOD_CAPTION[cues.music]);
  return keys;
}

/**
 * The caption for a change of the sound board's status (an AudioStatus: 'locked', 'suspended',
 * 'playing', 'muted', 'unavailable'): sound that the system stops, or that comes back, without
 * the player asking is news, as a sound would be. Starting, muting and a missing device are not.
 */
export function statusCaptions(before: string, after: string): CaptionKey[] {
  if (before === 'playing' && after === 'suspended') return ['caption.soundPaused'];
  if (before === 'suspended' && after === 'playing') return ['caption.soundBack'];
  return [];
}
