// The simulator's fast path: a plain transition function with the same behaviour as a scenario's
// statechart (./scenarioMachine.ts) for runs without a timer and without hints, with predictions
// on or off, which is how the simulator plays. Profiling showed the time of a simulated run goes on XState resolving each
// event in a machine of a few hundred states (about 25 µs an event, whether through an actor or
// the pure `transition()`), not on creating actors; this steps a small mutable record instead,
// some hundred times faster, using the same scoring and requirement functions as the machine.
//
// It mirrors the machine: if you change what an event does in scenarioMachine.ts, change it here
// too. tests/unit/simulate.test.ts sends the same random events (valid and invalid) to both and
// compares every step, and `simulate()` replays its first runs through `replayRun` and refuses
// to report if they differ. It has no learning-gain check (src/engine/check.ts): simulated runs play
// without it, and tests/unit/check.test.ts plays runs with it through the statechart instead.
import type { Meeting, Move, Question, Scenario } from '../content/schema';
import { isAnswerValid, representativeAnswers, scoreAnswer } from './answers';
import { hasReactions, isPredictionValid, moveEffects, reactionsToPredict, representativePredictions, scorePrediction } from './reactions';
import { predictionsOn, type RunEvent, type RunSettings } from './scenarioMachine';
import { answerPoints, clamp, DEFAULT_PREDICTION_DIFFICULTY, meetsRequirement, scoredParties, type Points, type Standing } from './stats';

export type FastPhase = 'briefing' | 'opening' | 'question' | 'feedback' | 'moves' | 'predicting' | 'outcome' | 'stuck' | 'ending';

interface CompiledQuestion {
  question: Question;
  /** `choicesAt`'s answers for this question (the right one first) and what each scores. */
  choices: RunEvent[];
  fractions: number[];
}

interface CompiledMeeting {
  meeting: Meeting;
  questions: CompiledQuestion[];
  /** Where `outcome.continue` can lead, in the machine's order: a meeting, or null to conclude. */
  nexts: { next: string; meeting: CompiledMeeting | null }[];
  moveChoices: Map<string, RunEvent>;
}

/** One run in progress. Mutable: `send` changes it in place. */
export interface FastRun {
  phase: FastPhase;
  meeting: CompiledMeeting | null;
  question: number;
  trust: Record<string, number>;
  agreement: number;
  flags: string[];
  /** Understanding points per party from answers, accumulated in answer order as `understandingSplit` does. */
  points: Record<string, Points>;
  /** The same from predictions, in prediction order. */
  predictionPoints: Record<string, Points>;
  /** The move chosen and waiting for its prediction, in phase 'predicting'. */
  pending: Move | null;
  answers: number;
  predictions: number;
  moves: number;
  lastNext: string | null;
  endingId: string | null;
  /** `understanding()` of the answers so far, or null after an answer changed it. */
  understanding: Record<string, number> | null;
}

export interface FastResult {
  endingId: string;
  understanding: Record<string, number>;
  trust: Record<string, number>;
  agreement: number;
  flags: string[];
  /** Answers, predictions and moves. */
  decisions: number;
}

export interface CompiledScenario {
  readonly scenario: Scenario;
  start(): FastRun;
  /** The events a player can meaningfully send now, as `choicesAt` gives them (same order). */
  choices(run: FastRun): readonly RunEvent[];
  /** Sends `choices(run)[index]`; cheaper than `send` (the answer's validity and score are known). */
  choose(run: FastRun, index: number): void;
  /** Any event, as the machine would take it: events it would ignore change nothing. */
  send(run: FastRun, event: RunEvent): void;
  understanding(run: FastRun): Record<string, number>;
  /** The question on screen or in feedback (the machine's `context.questionId`). */
  questionId(run: FastRun): string | null;
  /** The move being predicted (the machine's `context.predictingMoveId`). */
  predictingMoveId(run: FastRun): string | null;
  /** The run's result once it has ended, else null. */
  result(run: FastRun): FastResult | null;
}

const NO_CHOICES: readonly RunEvent[] = [];
const BRIEFING: readonly RunEvent[] = [{ type: 'run.begin' }];
const OPENING: readonly RunEvent[] = [{ type: 'meeting.continue' }];
const FEEDBACK: readonly RunEvent[] = [{ type: 'feedback.continue' }];
const OUTCOME: readonly RunEvent[] = [{ type: 'outcome.continue' }];

const compiled = new WeakMap<Scenario, CompiledScenario>();
const compiledOff = new WeakMap<Scenario, CompiledScenario>();
/** One compiled form per scenario object and prediction setting (timer off, hints off). */
export function compileScenario(scenario: Scenario, settings: Pick<RunSettings, 'predictions'> = {}): CompiledScenario {
  const on = predictionsOn({ timerSeconds: null, hintsEnabled: false, ...settings });
  const cache = on ? compiled : compiledOff;
  let c = cache.get(scenario);
  if (!c) cache.set(scenario, (c = compile(scenario, on)));
  return c;
}

function compile(scenario: Scenario, predicting: boolean): CompiledScenario {
  const meetings = new Map<string, CompiledMeeting>();
  const scored = scoredParties(scenario);
  for (const meeting of scenario.meetings) {
    meetings.set(meeting.id, {
      meeting,
      questions: meeting.questions.map((question) => {
        const answers = representativeAnswers(question);
        return {
          question,
          choices: answers.map((answer) => ({ type: 'answer.submit', answer })),
          fractions: answers.map((answer) => (isAnswerValid(question, answer) ? scoreAnswer(question, answer) : -1)),
        };
      }),
      nexts: [],
      moveChoices: new Map(meeting.moves.map((mv) => [mv.id, { type: 'move.choose', moveId: mv.id }])),
    });
  }
  for (const m of meetings.values()) {
    for (const next of new Set(m.meeting.moves.map((mv) => mv.next))) {
      m.nexts.push({ next, meeting: next === 'end' ? null : meetings.get(next)! });
    }
  }
  const startMeeting = meetings.get(scenario.start)!;

  const understandingOf = (run: FastRun): Record<string, number> => {
    if (run.understanding) return run.understanding;
    const out: Record<string, number> = {};
    for (const party in run.points) {
      const p = run.points[party]!;
      const q = run.predictionPoints[party];
      const earned = p.earned + (q?.earned ?? 0);
      const possible = p.possible + (q?.possible ?? 0);
      out[party] = possible ? Math.round((100 * earned) / possible) : 0;
    }
    for (const party in run.predictionPoints) {
      if (party in run.points) continue;
      const q = run.predictionPoints[party]!;
      out[party] = q.possible ? Math.round((100 * q.earned) / q.possible) : 0;
    }
    return (run.understanding = out);
  };
  const standing = (run: FastRun): Standing => ({ understanding: understandingOf(run), trust: run.trust, agreement: run.agreement, flags: run.flags });
  const allMet = (requires: Move['requires'], s: Standing) => requires.every((r) => meetsRequirement(r, s));

  const enterMeeting = (run: FastRun, meeting: CompiledMeeting) => {
    run.phase = 'opening';
    run.meeting = meeting;
    run.question = 0;
  };

  const recordAnswer = (run: FastRun, q: Question, fraction: number) => {
    const pts = answerPoints(q.difficulty, { questionId: q.id, meetingId: run.meeting!.meeting.id, fraction, hintUsed: false, timedOut: false, answer: null });
    for (const party of q.measures) {
      const acc = (run.points[party] ??= { earned: 0, possible: 0 });
      acc.earned += pts.earned;
      acc.possible += pts.possible;
    }
    run.answers++;
    run.understanding = null;
    run.phase = 'feedback';
  };

  /** Scores predictions (null: the timer ran out) as the machine's recordPrediction does. */
  const recordPrediction = (run: FastRun, move: Move, given: Record<string, string> | null) => {
    for (const r of reactionsToPredict(move, run.meeting!.meeting, run.flags, scored)) {
      const difficulty = r.difficulty ?? DEFAULT_PREDICTION_DIFFICULTY;
      const acc = (run.predictionPoints[r.party] ??= { earned: 0, possible: 0 });
      acc.earned += difficulty * scorePrediction(given?.[r.party] as never, r.reaction);
      acc.possible += difficulty;
    }
    run.predictions++;
    run.understanding = null;
  };

  const applyMove = (run: FastRun, move: Move) => {
    const effects = moveEffects(move, run.meeting!.meeting, run.flags);
    for (const [party, delta] of Object.entries(effects.trust)) run.trust[party] = clamp((run.trust[party] ?? 0) + delta);
    run.agreement = clamp(run.agreement + effects.agreement);
    const flags = run.flags.filter((f) => !effects.clearFlags.includes(f));
    for (const f of effects.setFlags) if (!flags.includes(f)) flags.push(f);
    run.flags = flags;
    run.moves++;
    run.lastNext = move.next;
    run.pending = null;
    run.phase = 'outcome';
  };

  const conclude = (run: FastRun) => {
    const s = standing(run);
    const ending = scenario.endings.find((e) => allMet(e.when, s));
    run.meeting = null;
    if (ending) {
      run.phase = 'ending';
      run.endingId = ending.id;
    } else {
      run.phase = 'stuck';
    }
  };

  const continueFrom = (run: FastRun) => {
    switch (run.phase) {
      case 'feedback':
        run.question++;
        run.phase = run.question < run.meeting!.questions.length ? 'question' : 'moves';
        return;
      case 'outcome': {
        const to = run.meeting!.nexts.find((n) => n.next === run.lastNext);
        if (!to) return;
        if (to.meeting) enterMeeting(run, to.meeting);
        else conclude(run);
        return;
      }
    }
  };

  const chooseMove = (run: FastRun, moveId: string) => {
    const move = run.meeting!.meeting.moves.find((mv) => mv.id === moveId);
    if (!move || !allMet(move.requires, standing(run))) return;
    if (predicting && hasReactions(move) && reactionsToPredict(move, run.meeting!.meeting, run.flags, scored).length > 0) {
      run.pending = move;
      run.phase = 'predicting';
    } else {
      applyMove(run, move);
    }
  };

  const predict = (run: FastRun, predictions: Record<string, string>) => {
    const move = run.pending!;
    if (!isPredictionValid(move, run.meeting!.meeting, run.flags, predictions, scored)) return;
    recordPrediction(run, move, predictions);
    applyMove(run, move);
  };

  return {
    scenario,
    start: () => ({
      phase: 'briefing',
      meeting: null,
      question: 0,
      trust: { ...scenario.initial.trust },
      agreement: scenario.initial.agreement,
      flags: [],
      points: {},
      predictionPoints: {},
      pending: null,
      answers: 0,
      predictions: 0,
      moves: 0,
      lastNext: null,
      endingId: null,
      understanding: null,
    }),
    choices(run) {
      switch (run.phase) {
        case 'briefing':
          return BRIEFING;
        case 'opening':
          return OPENING;
        case 'question':
          return run.meeting!.questions[run.question]!.choices;
        case 'feedback':
          return FEEDBACK;
        case 'outcome':
          return OUTCOME;
        case 'predicting':
          return representativePredictions(run.pending!, run.meeting!.meeting, run.flags, scored).map((predictions) => ({ type: 'prediction.submit', predictions }));
        case 'moves': {
          const s = standing(run);
          const m = run.meeting!;
          return m.meeting.moves.filter((mv) => allMet(mv.requires, s)).map((mv) => m.moveChoices.get(mv.id)!);
        }
        default:
          return NO_CHOICES;
      }
    },
    choose(run, index) {
      switch (run.phase) {
        case 'question': {
          const q = run.meeting!.questions[run.question]!;
          const fraction = q.fractions[index];
          if (fraction !== undefined && fraction >= 0) recordAnswer(run, q.question, fraction);
          return;
        }
        case 'moves': {
          const event = this.choices(run)[index];
          if (event?.type === 'move.choose') chooseMove(run, event.moveId);
          return;
        }
        default: {
          const event = this.choices(run)[index];
          if (event) this.send(run, event);
        }
      }
    },
    send(run, event) {
      switch (event.type) {
        case 'run.begin':
          if (run.phase === 'briefing') enterMeeting(run, startMeeting);
          return;
        case 'meeting.continue':
          if (run.phase === 'opening') run.phase = 'question';
          return;
        case 'answer.submit':
          if (run.phase === 'question') {
            const q = run.meeting!.questions[run.question]!.question;
            if (isAnswerValid(q, event.answer)) recordAnswer(run, q, scoreAnswer(q, event.answer));
          }
          return;
        case 'feedback.continue':
          if (run.phase === 'feedback') continueFrom(run);
          return;
        case 'move.choose':
          if (run.phase === 'moves') chooseMove(run, event.moveId);
          return;
        case 'outcome.continue':
          if (run.phase === 'outcome') continueFrom(run);
          return;
        case 'prediction.submit':
          if (run.phase === 'predicting') predict(run, event.predictions);
          return;
        // Hints are off and there is no timer: the machine ignores these.
        default:
          return;
      }
    },
    understanding: understandingOf,
    questionId: (run) => (run.phase === 'question' || run.phase === 'feedback' ? run.meeting!.questions[run.question]!.question.id : null),
    predictingMoveId: (run) => (run.phase === 'predicting' ? run.pending!.id : null),
    result(run) {
      if (run.phase !== 'ending') return null;
      return {
        endingId: run.endingId!,
        understanding: understandingOf(run),
        trust: run.trust,
        agreement: run.agreement,
        flags: run.flags,
        decisions: run.answers + run.predictions + run.moves,
      };
    },
  };
}
