// Path enumeration over a scenario's statechart, for tests and for authors: which endings are
// reachable, whether any state has no way out, how many distinct paths there are and how many
// decisions the longest takes. Every unlocked move is tried; within a meeting the answers are
// all right or all wrong (understanding gates are thresholds, so these are the extremes; the
// property tests cover mixed answers). Predictions count as answers: a move's prediction is all
// right or all wrong as the meeting's answers were. Trying each answer separately multiplies the states by
// 2^questions and takes minutes.
import { initialTransition, transition } from 'xstate';
import type { Scenario } from '../content/schema';
import { representativeAnswers } from './answers';
import { machineFor } from './run';
import { representativePredictions } from './reactions';
import { correctAnswer } from './answers';
import { checkItemNow, currentMeetingId, findMove, standingOf, type RunEvent, type RunSettings, type RunSnapshot } from './scenarioMachine';
import { findQuestion, meetsRequirement, scoredParties, understandingPoints } from './stats';

/** The events a player can meaningfully send in this snapshot (the explorer's and simulator's menu). */
export function choicesAt(scenario: Scenario, snapshot: RunSnapshot): RunEvent[] {
  if (snapshot.status !== 'active') return [];
  if (snapshot.hasTag('briefing')) return [{ type: 'run.begin' }];
  if (snapshot.hasTag('opening')) return [{ type: 'meeting.continue' }];
  if (snapshot.hasTag('check')) {
    // The check changes nothing in play: one answer (the first item shown, or the right one) stands for all.
    const stage = snapshot.hasTag('check-before') ? 'before' : 'after';
    const item = checkItemNow(snapshot.context, stage);
    const q = item && findQuestion(scenario, item.questionId);
    if (!item || !q) return [];
    const answer = q.type === 'choice' || q.type === 'who-said' ? { optionId: item.shown[0]! } : correctAnswer(q);
    return [{ type: 'check.submit', answer }];
  }
  if (snapshot.hasTag('question')) {
    const q = findQuestion(scenario, snapshot.context.questionId ?? '');
    return q ? representativeAnswers(q).map((answer) => ({ type: 'answer.submit', answer })) : [];
  }
  if (snapshot.hasTag('feedback')) return [{ type: 'feedback.continue' }];
  if (snapshot.hasTag('outcome')) return [{ type: 'outcome.continue' }];
  if (snapshot.hasTag('predicting')) {
    const meetingId = currentMeetingId(snapshot) ?? '';
    const meeting = scenario.meetings.find((m) => m.id === meetingId);
    const move = findMove(scenario, meetingId, snapshot.context.predictingMoveId ?? '');
    return meeting && move
      ? representativePredictions(move, meeting, snapshot.context.flags, scoredParties(scenario)).map((predictions) => ({ type: 'prediction.submit', predictions }))
      : [];
  }
  if (snapshot.hasTag('moves')) {
    const meeting = scenario.meetings.find((m) => m.id === currentMeetingId(snapshot));
    const standing = standingOf(scenario, snapshot.context);
    return (meeting?.moves ?? [])
      .filter((mv) => mv.requires.every((r) => meetsRequirement(r, standing)))
      .map((mv) => ({ type: 'move.choose', moveId: mv.id }));
  }
  return [];
}

export const isDecision = (event: RunEvent) => event.type === 'answer.submit' || event.type === 'prediction.submit' || event.type === 'move.choose';

/** Everything the future of a run depends on; runs with the same key behave the same from here. */
function futureKey(snapshot: RunSnapshot, scenario: Scenario): string {
  const c = snapshot.context;
  const points = understandingPoints(scenario, c.answers, c.predictions);
  return JSON.stringify([
    snapshot.value,
    snapshot.status,
    c.trust,
    c.agreement,
    [...c.flags].sort(),
    Object.entries(points).sort(([a], [b]) => a.localeCompare(b)).map(([p, v]) => [p, v.earned, v.possible]),
    c.questionId,
    c.predictingMoveId,
    c.hintUsed,
    c.moves[c.moves.length - 1]?.next ?? null,
    c.checkBefore?.length ?? null,
    c.checkAfter?.length ?? null,
  ]);
}

export interface Exploration {
  /** Distinct states (by future behaviour) visited. */
  states: number;
  /** Complete paths from the start to an ending (answers right/wrong × every unlocked move). */
  paths: number;
  endingPaths: Record<string, number>;
  unreachableEndings: string[];
  longestDecisions: number;
  /** Non-final states with no event that moves them on. */
  stuck: string[];
  /** Questions no path asks. */
  unaskedQuestions: string[];
}

/** `seed` matters only where the seed changes what is asked (the check's held-out questions). */
export function exploreScenario(scenario: Scenario, settings: RunSettings = { timerSeconds: null, hintsEnabled: false }, seed = 1): Exploration {
  const machine = machineFor(scenario);
  const memo = new Map<string, { paths: number; endings: Map<string, number>; longest: number }>();
  const stuck: string[] = [];
  const asked = new Set<string>();

  type Mode = 0 | 1 | null;
  const visit = (snapshot: RunSnapshot, mode: Mode): { paths: number; endings: Map<string, number>; longest: number } => {
    const key = `${mode}|${futureKey(snapshot, scenario)}`;
    const known = memo.get(key);
    if (known) return known;
    if (snapshot.status === 'done') {
      const result = { paths: 1, endings: new Map([[snapshot.context.endingId ?? '?', 1]]), longest: 0 };
      memo.set(key, result);
      return result;
    }
    const result = { paths: 0, endings: new Map<string, number>(), longest: 0 };
    memo.set(key, result);
    if (snapshot.hasTag('question') && snapshot.context.questionId) asked.add(snapshot.context.questionId);
    let movedOn = false;
    const options: Array<[RunEvent, Mode]> = [];
    const choices = choicesAt(scenario, snapshot);
    if (snapshot.hasTag('question') || snapshot.hasTag('predicting')) {
      // The meeting's first question picks right or wrong for all of its questions and its prediction.
      if (mode === null) choices.forEach((event, i) => options.push([event, i === 0 ? 0 : 1]));
      else options.push([choices[mode]!, mode]);
    } else {
      for (const event of choices) options.push([event, mode]);
    }
    for (const [event, chosenMode] of options) {
      const [next] = transition(machine, snapshot, event) as [RunSnapshot, unknown];
      if (next === snapshot || futureKey(next, scenario) === futureKey(snapshot, scenario)) continue;
      // The mode lasts until the meeting's move is settled (chosen, and predicted if it asks).
      const settled = (event.type === 'move.choose' && !next.hasTag('predicting')) || event.type === 'prediction.submit';
      const nextMode = settled ? null : chosenMode;
      movedOn = true;
      const sub = visit(next, nextMode);
      result.paths += sub.paths;
      for (const [ending, n] of sub.endings) result.endings.set(ending, (result.endings.get(ending) ?? 0) + n);
      result.longest = Math.max(result.longest, sub.longest + (isDecision(event) ? 1 : 0));
    }
    if (!movedOn) stuck.push(JSON.stringify(snapshot.value));
    return result;
  };

  const [initial] = initialTransition(machine, { seed, settings });
  const root = visit(initial, null);
  const endingPaths = Object.fromEntries(scenario.endings.map((e) => [e.id, root.endings.get(e.id) ?? 0]));
  return {
    states: memo.size,
    paths: root.paths,
    endingPaths,
    unreachableEndings: scenario.endings.filter((e) => !root.endings.get(e.id)).map((e) => e.id),
    longestDecisions: root.longest,
    stuck,
    unaskedQuestions: scenario.meetings.flatMap((m) => m.questions.map((q) => q.id)).filter((id) => !asked.has(id)),
  };
}
