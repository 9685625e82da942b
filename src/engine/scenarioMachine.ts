// The negotiation statechart, generated from one validated scenario: a state per meeting, and in
// it the opening, a state per question (asking → feedback), the moves and their outcome; then the
// endings, chosen in content order by their conditions. A move with reactions (schema version 2)
// passes through a prediction step (a state per such move: predicting → outcome) when the run's
// settings have predictions on. Time arrives as delayed transitions and
// every random choice comes from the seed in `input`, so a seed and the event log replay a run.
import { and, assign, setup, type SnapshotFrom } from 'xstate';
import type { Meeting, Move, ReactionKind, Scenario } from '../content/schema';
import { isAnswerValid, scoreAnswer, type Answer } from './answers';
import { checkPlan, checkRecord, checkResult, isCheckAnswerValid, type CheckPlan, type CheckRecord, type CheckResult, type CheckStage } from './check';
import { hasReactions, isPredictionValid, moveEffects, reactionsToPredict, scorePrediction } from './reactions';
import { clamp, findQuestion, meetsRequirement, scoredParties, understanding, type AnswerRecord, type PredictionRecord, type Standing } from './stats';

export interface RunSettings {
  /** Seconds per question, or null for no timer (the default). */
  timerSeconds: number | null;
  hintsEnabled: boolean;
  /** Whether moves with reactions ask the player to predict them first; absent means on. */
  predictions?: boolean;
  /**
   * The learning-gain check (./check.ts): a few understanding questions held out of play, asked
   * before the first meeting and after the last. Absent means off.
   */
  check?: boolean;
}

/** Whether the settings turn the check on (a class link can); a scenario with no items for it (the practice) still asks none. */
export const checkOn = (settings: RunSettings) => settings.check === true;

/** Predictions are on unless the settings turn them off (a class link can). */
export const predictionsOn = (settings: RunSettings) => settings.predictions !== false;

export interface RunInput {
  seed: number;
  settings: RunSettings;
}

export interface MoveRecord {
  meetingId: string;
  moveId: string;
  /** Changes actually applied after clamping to 0..100, so the timeline can show them. */
  trustDelta: Record<string, number>;
  agreementDelta: number;
  next: string;
}

export interface RunContext {
  scenarioId: string;
  seed: number;
  settings: RunSettings;
  trust: Record<string, number>;
  agreement: number;
  flags: string[];
  answers: AnswerRecord[];
  moves: MoveRecord[];
  predictions: PredictionRecord[];
  /** The move whose reactions are being predicted, while in its prediction step. */
  predictingMoveId: string | null;
  /** The question on screen and whether its hint was used (reset on entering a question). */
  questionId: string | null;
  hintUsed: boolean;
  endingId: string | null;
  /** With the check on (absent otherwise, so runs without it keep the snapshots they had): its plan and answers. */
  check?: CheckPlan;
  checkBefore?: CheckRecord[];
  checkAfter?: CheckRecord[];
}

export type RunEvent =
  | { type: 'run.begin' }
  | { type: 'meeting.continue' }
  | { type: 'answer.hint' }
  | { type: 'answer.submit'; answer: Answer }
  | { type: 'feedback.continue' }
  | { type: 'move.choose'; moveId: string }
  /** One reaction per party present at the table (exactly those parties). */
  | { type: 'prediction.submit'; predictions: Record<string, ReactionKind> }
  | { type: 'outcome.continue' }
  /** An answer to the check item on screen (before or after play). */
  | { type: 'check.submit'; answer: Answer }
  | { type: 'timer.pause' }
  | { type: 'timer.resume' }
  | { type: 'timer.expire' };

export interface RunResult {
  scenarioId: string;
  endingId: string;
  understanding: Record<string, number>;
  trust: Record<string, number>;
  agreement: number;
  flags: string[];
  answers: AnswerRecord[];
  moves: MoveRecord[];
  predictions: PredictionRecord[];
  /** Before and after per party and per item, with the check on; null without it. */
  check: CheckResult | null;
}

export const MACHINE_ID = 'scenario';
const meetingState = (id: string) => `m_${id}`;
const endingState = (id: string) => `end_${id}`;
const abs = (...path: string[]) => `#${[MACHINE_ID, ...path].join('.')}`;

export function standingOf(scenario: Scenario, context: RunContext): Standing {
  return {
    understanding: understanding(scenario, context.answers, context.predictions),
    trust: context.trust,
    agreement: context.agreement,
    flags: context.flags,
  };
}

export function findMove(scenario: Scenario, meetingId: string, moveId: string): Move | undefined {
  return scenario.meetings.find((m) => m.id === meetingId)?.moves.find((mv) => mv.id === moveId);
}

const predictState = (moveId: string) => `predict_${moveId}`;

export function createScenarioMachine(scenario: Scenario) {
  const lastMove = (context: RunContext) => context.moves[context.moves.length - 1];

  const machineSetup = setup({
    types: {} as {
      context: RunContext;
      events: RunEvent;
      input: RunInput;
      output: RunResult;
    },
    guards: {
      isAnswerValid: ({ context, event }) => {
        if (event.type !== 'answer.submit' || !context.questionId) return false;
        const q = findQuestion(scenario, context.questionId);
        return !!q && isAnswerValid(q, event.answer);
      },
      canUseHint: ({ context }) => {
        const q = context.questionId ? findQuestion(scenario, context.questionId) : undefined;
        return context.settings.hintsEnabled && !context.hintUsed && !!q?.hint;
      },
      timerOn: ({ context }) => context.settings.timerSeconds !== null,
      checkAsked: ({ context }) => !!context.check && context.check.items.length > 0,
      heldOut: ({ context }, params: { questionId: string }) => !!context.check?.items.includes(params.questionId),
      checkStageDone: ({ context }, params: { stage: CheckStage }) => {
        const plan = context.check;
        return !plan || checkAnswers(context, params.stage).length >= plan[params.stage].length;
      },
      isCheckAnswerValid: ({ context, event }, params: { stage: CheckStage }) => {
        const item = checkItemNow(context, params.stage);
        return event.type === 'check.submit' && !!item && isCheckAnswerValid(scenario, item, event.answer);
      },
      // No prediction step when predictions are off or everyone at the table has walked out.
      asksPrediction: ({ context }, params: { meetingId: string; moveId: string }) => {
        const meeting = scenario.meetings.find((m) => m.id === params.meetingId)!;
        return predictionsOn(context.settings) && reactionsToPredict(findMove(scenario, params.meetingId, params.moveId)!, meeting, context.flags, scoredParties(scenario)).length > 0;
      },
      isPredictionValid: ({ context, event }, params: { meetingId: string; moveId: string }) => {
        if (event.type !== 'prediction.submit') return false;
        const meeting = scenario.meetings.find((m) => m.id === params.meetingId)!;
        return isPredictionValid(findMove(scenario, params.meetingId, params.moveId)!, meeting, context.flags, event.predictions, scoredParties(scenario));
      },
      canChooseMove: ({ context, event }, params: { meetingId: string; moveId: string }) => {
        if (event.type !== 'move.choose' || event.moveId !== params.moveId) return false;
        const move = findMove(scenario, params.meetingId, params.moveId);
        const standing = standingOf(scenario, context);
        return !!move && move.requires.every((r) => meetsRequirement(r, standing));
      },
      lastMoveLeadsTo: ({ context }, params: { next: string }) => lastMove(context)?.next === params.next,
      endingApplies: ({ context }, params: { endingId: string }) => {
        const ending = scenario.endings.find((e) => e.id === params.endingId);
        const standing = standingOf(scenario, context);
        return !!ending && ending.when.every((r) => meetsRequirement(r, standing));
      },
    },
    actions: {
      enterQuestion: assign((_, params: { questionId: string }) => ({ questionId: params.questionId, hintUsed: false })),
      useHint: assign({ hintUsed: true }),
      recordAnswer: assign(({ context, event }, params: { meetingId: string }) => {
        if (event.type !== 'answer.submit' || !context.questionId) return {};
        const q = findQuestion(scenario, context.questionId)!;
        const record: AnswerRecord = {
          questionId: q.id,
          meetingId: params.meetingId,
          fraction: scoreAnswer(q, event.answer),
          hintUsed: context.hintUsed,
          timedOut: false,
          answer: event.answer,
        };
        return { answers: [...context.answers, record] };
      }),
      recordTimeout: assign(({ context }, params: { meetingId: string }) => {
        if (!context.questionId) return {};
        const record: AnswerRecord = {
          questionId: context.questionId,
          meetingId: params.meetingId,
          fraction: 0,
          hintUsed: context.hintUsed,
          timedOut: true,
          answer: null,
        };
        return { answers: [...context.answers, record] };
      }),
      leaveQuestion: assign({ questionId: null, hintUsed: false }),
      enterPrediction: assign((_, params: { moveId: string }) => ({ predictingMoveId: params.moveId })),
      leavePrediction: assign({ predictingMoveId: null }),
      recordPrediction: assign(({ context, event }, params: { meetingId: string; moveId: string }) => {
        const meeting = scenario.meetings.find((m) => m.id === params.meetingId)!;
        const reactions = reactionsToPredict(findMove(scenario, params.meetingId, params.moveId)!, meeting, context.flags, scoredParties(scenario));
        const given = event.type === 'prediction.submit' ? event.predictions : null;
        const record: PredictionRecord = {
          meetingId: params.meetingId,
          moveId: params.moveId,
          predictions: given && { ...given },
          scores: Object.fromEntries(reactions.map((r) => [r.party, scorePrediction(given?.[r.party], r.reaction)])),
          timedOut: !given,
        };
        return { predictions: [...context.predictions, record] };
      }),
      applyMove: assign(({ context }, params: { meetingId: string; moveId: string }) => {
        const meeting = scenario.meetings.find((m) => m.id === params.meetingId)!;
        const move = findMove(scenario, params.meetingId, params.moveId)!;
        const effects = moveEffects(move, meeting, context.flags);
        const trust = { ...context.trust };
        const trustDelta: Record<string, number> = {};
        for (const [party, delta] of Object.entries(effects.trust)) {
          const before = trust[party] ?? 0;
          trust[party] = clamp(before + delta);
          trustDelta[party] = trust[party] - before;
        }
        const agreement = clamp(context.agreement + effects.agreement);
        const flags = context.flags.filter((f) => !effects.clearFlags.includes(f));
        for (const f of effects.setFlags) if (!flags.includes(f)) flags.push(f);
        const record: MoveRecord = {
          meetingId: params.meetingId,
          moveId: move.id,
          trustDelta,
          agreementDelta: agreement - context.agreement,
          next: move.next,
        };
        return { trust, agreement, flags, moves: [...context.moves, record] };
      }),
      recordEnding: assign((_, params: { endingId: string }) => ({ endingId: params.endingId })),
      recordCheck: assign(({ context, event }, params: { stage: CheckStage }) => {
        const item = checkItemNow(context, params.stage);
        if (event.type !== 'check.submit' || !item) return {};
        const key = params.stage === 'before' ? 'checkBefore' : 'checkAfter';
        return { [key]: [...checkAnswers(context, params.stage), checkRecord(scenario, item, event.answer)] };
      }),
    },
    delays: {
      questionTime: ({ context }) => (context.settings.timerSeconds ?? 0) * 1000,
    },
  });

  /**
   * The clock of a step the player answers (a question, a prediction): untimed unless the run's
   * settings set a timer; when it runs out, `timeout` (a transition) is taken as if the timer fired.
   */
  const timerStates = (timeout: object) => ({
    choosing: { always: [{ guard: 'timerOn', target: 'timed' }, { target: 'untimed' }] },
    untimed: {},
    timed: {
      tags: ['timed'],
      after: { questionTime: timeout },
      on: { 'timer.expire': timeout, 'timer.pause': 'paused' },
    },
    // Pausing is an accommodation (WCAG 2.2.1): resuming restarts the full time.
    paused: { tags: ['paused'], on: { 'timer.resume': 'timed' } },
  });

  const questionStates = (m: Meeting) => {
    const states: Record<string, object> = {};
    m.questions.forEach((q, i) => {
      const here = [meetingState(m.id), `q${i}`];
      const next = i + 1 < m.questions.length ? abs(meetingState(m.id), `q${i + 1}`) : abs(meetingState(m.id), 'moves');
      const timeout = { target: abs(...here, 'feedback'), actions: { type: 'recordTimeout', params: { meetingId: m.id } } };
      states[`q${i}`] = {
        initial: 'asking',
        // A question held out for the check is not asked in play: the run passes straight on.
        always: { guard: { type: 'heldOut', params: { questionId: q.id } }, target: next },
        entry: { type: 'enterQuestion', params: { questionId: q.id } },
        exit: 'leaveQuestion',
        states: {
          asking: {
            tags: ['question'],
            initial: 'choosing',
            on: {
              'answer.submit': {
                guard: 'isAnswerValid',
                target: abs(...here, 'feedback'),
                actions: { type: 'recordAnswer', params: { meetingId: m.id } },
              },
              'answer.hint': { guard: 'canUseHint', actions: 'useHint' },
            },
            states: timerStates(timeout),
          },
          feedback: { tags: ['feedback'], on: { 'feedback.continue': next } },
        },
      };
    });
    return states;
  };

  // The prediction step of each move with reactions: the move is applied only when it is left, so
  // nothing on screen shows the reactions before the player has predicted them. Timed like a question.
  const predictionStates = (m: Meeting) => {
    const states: Record<string, object> = {};
    for (const mv of m.moves.filter(hasReactions)) {
      const params = { meetingId: m.id, moveId: mv.id };
      const outcome = abs(meetingState(m.id), 'outcome');
      const timeout = { target: outcome, actions: [{ type: 'recordPrediction', params }, { type: 'applyMove', params }] };
      states[predictState(mv.id)] = {
        tags: ['predicting'],
        entry: { type: 'enterPrediction', params: { moveId: mv.id } },
        exit: 'leavePrediction',
        initial: 'choosing',
        on: {
          'prediction.submit': { guard: { type: 'isPredictionValid', params }, ...timeout },
        },
        states: timerStates(timeout),
      };
    }
    return states;
  };

  const meetingStates: Record<string, object> = {};
  for (const m of scenario.meetings) {
    const nexts = [...new Set(m.moves.map((mv) => mv.next))];
    meetingStates[meetingState(m.id)] = {
      initial: 'opening',
      states: {
        opening: { tags: ['opening'], on: { 'meeting.continue': abs(meetingState(m.id), 'q0') } },
        ...questionStates(m),
        moves: {
          tags: ['moves'],
          on: {
            'move.choose': m.moves.flatMap((mv) => {
              const params = { meetingId: m.id, moveId: mv.id };
              const direct = {
                guard: { type: 'canChooseMove', params },
                target: abs(meetingState(m.id), 'outcome'),
                actions: { type: 'applyMove', params },
              };
              if (!hasReactions(mv)) return [direct];
              return [{ guard: and([{ type: 'canChooseMove', params }, { type: 'asksPrediction', params }]), target: abs(meetingState(m.id), predictState(mv.id)) }, direct];
            }),
          },
        },
        ...predictionStates(m),
        outcome: {
          tags: ['outcome'],
          on: {
            'outcome.continue': nexts.flatMap((next) => {
              const guard = { type: 'lastMoveLeadsTo', params: { next } };
              if (next !== 'end') return [{ guard, target: abs(meetingState(next)) }];
              return [{ guard: and([guard, 'checkAsked']), target: abs('checkAfter') }, { guard, target: abs('concluding') }];
            }),
          },
        },
      },
    };
  }

  const endingStates: Record<string, object> = {};
  for (const e of scenario.endings) endingStates[endingState(e.id)] = { type: 'final', tags: ['ending'] };

  return machineSetup.createMachine({
    id: MACHINE_ID,
    context: ({ input }) => ({
      ...(checkOn(input.settings) ? { check: checkPlan(scenario, input.seed), checkBefore: [], checkAfter: [] } : {}),
      scenarioId: scenario.id,
      seed: input.seed,
      settings: input.settings,
      trust: { ...scenario.initial.trust },
      agreement: scenario.initial.agreement,
      flags: [],
      answers: [],
      moves: [],
      predictions: [],
      predictingMoveId: null,
      questionId: null,
      hintUsed: false,
      endingId: null,
    }),
    initial: 'briefing',
    states: {
      briefing: { tags: ['briefing'], on: { 'run.begin': [{ guard: 'checkAsked', target: abs('checkBefore') }, { target: abs(meetingState(scenario.start)) }] } },
      checkBefore: checkState('before', abs(meetingState(scenario.start))),
      ...meetingStates,
      checkAfter: checkState('after', abs('concluding')),
      concluding: {
        always: scenario.endings.map((e) => ({
          guard: { type: 'endingApplies', params: { endingId: e.id } },
          target: abs(endingState(e.id)),
          actions: { type: 'recordEnding', params: { endingId: e.id } },
        })),
      },
      ...endingStates,
      // The generated states are typed loosely; the setup() above types guards and actions.
    } as never,
    output: ({ context }) => ({
      scenarioId: context.scenarioId,
      endingId: context.endingId ?? scenario.endings[scenario.endings.length - 1]!.id,
      understanding: understanding(scenario, context.answers, context.predictions),
      trust: context.trust,
      agreement: context.agreement,
      flags: context.flags,
      answers: context.answers,
      moves: context.moves,
      predictions: context.predictions,
      check: context.check ? checkResult(scenario, context.check, context.checkBefore ?? [], context.checkAfter ?? []) : null,
    }),
  });
}

/** The check's answers at one stage so far. */
function checkAnswers(context: RunContext, stage: CheckStage): CheckRecord[] {
  return (stage === 'before' ? context.checkBefore : context.checkAfter) ?? [];
}

/** The check item on screen at a stage (the next one not answered), or null when the stage is done. */
export function checkItemNow(context: RunContext, stage: CheckStage) {
  return context.check?.[stage][checkAnswers(context, stage).length] ?? null;
}

/**
 * One stage of the check: an item at a time, no feedback (it measures, it does not teach), no
 * timer and no hints; when the last item is answered the run goes on to `then`.
 */
function checkState(stage: CheckStage, then: string) {
  return {
    tags: ['check', `check-${stage}`],
    always: { guard: { type: 'checkStageDone', params: { stage } }, target: then },
    on: { 'check.submit': { guard: { type: 'isCheckAnswerValid', params: { stage } }, actions: { type: 'recordCheck', params: { stage } } } },
  };
}

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
export type RunSnapshot = SnapshotFrom<ScenarioMachine>;

/** Which meeting a snapshot is in, read from the state value (null in briefing or at an ending). */
export function currentMeetingId(snapshot: RunSnapshot): string | null {
  const value = snapshot.value;
  const key = typeof value === 'string' ? value : Object.keys(value)[0];
  return key?.startsWith('m_') ? key.slice(2) : null;
}
