// Which scenario a browser test plays, and which moves, chosen from the content rather than named,
// so a scenario a teacher adds (or a rewrite of a shipped one) is picked by the same rule. Paths are
// found by walking the run's statechart in Node.
import { initialTransition, transition } from 'xstate';
import type { Content } from '../../src/content/loader';
import type { Scenario } from '../../src/content/schema';
import { SUCCESSFUL_KINDS } from '../../src/engine/design';
import { choicesAt } from '../../src/engine/explore';
import { machineFor } from '../../src/engine/run';
import { journeyBetween } from '../../src/engine/places';
import { currentMeetingId, type RunEvent, type RunSnapshot } from '../../src/engine/scenarioMachine';

/** The non-practice scenario whose questions are of the most types (a walk through it meets them all). */
export function richestScenario(content: Content): Scenario {
  return content.scenarioOrder
    .map((id) => content.scenarios[id]!)
    .map((s) => ({ s, types: new Set(s.meetings.flatMap((m) => m.questions.map((q) => q.type))).size }))
    .sort((a, b) => b.types - a.types)[0]!.s;
}

/**
 * The states informed play reaches in one step from `snapshot`, with the moves played so far: the
 * first answer and the first prediction are the right ones; every move is tried.
 */
function informedSteps(scenario: Scenario, machine: ReturnType<typeof machineFor>, snapshot: RunSnapshot, moves: string[]): Array<{ snapshot: RunSnapshot; moves: string[] }> {
  const choices = choicesAt(scenario, snapshot);
  const tried: RunEvent[] = snapshot.hasTag('moves') ? choices : choices.slice(0, 1);
  return tried.flatMap((event) => {
    const [after] = transition(machine, snapshot, event) as [RunSnapshot, unknown];
    return after === snapshot ? [] : [{ snapshot: after, moves: event.type === 'move.choose' ? [...moves, event.moveId] : moves }];
  });
}

/**
 * Per successful ending that informed play (right answers, right predictions) reaches, the move
 * ids of one path to it, in the order played (depth first, content order; the first ending found
 * first). Empty when informed play reaches no successful ending.
 */
export function informedPaths(scenario: Scenario): Map<string, string[]> {
  const machine = machineFor(scenario);
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (snapshot: RunSnapshot, moves: string[]): void => {
    if (snapshot.status === 'done') {
      const ending = scenario.endings.find((e) => e.id === snapshot.context.endingId);
      if (ending && SUCCESSFUL_KINDS.includes(ending.kind) && !found.has(ending.id)) found.set(ending.id, moves);
      return;
    }
    const key = JSON.stringify([snapshot.value, snapshot.context.trust, snapshot.context.agreement, snapshot.context.flags, snapshot.context.moves.length]);
    if (seen.has(key)) return;
    seen.add(key);
    for (const { snapshot: next, moves: played } of informedSteps(scenario, machine, snapshot, moves)) walk(next, played);
  };
  const [initial] = initialTransition(machine, { seed: 1, settings: { timerSeconds: null, hintsEnabled: false } });
  walk(initial, []);
  return found;
}

/**
 * A scenario and a move of its first meeting that the player can choose at once (no requirement),
 * to which the parties react in different ways, and that leads to a meeting in another city the
 * map can place: the stage's review shows the outcome's mixed reactions, then the journey. The
 * first such in timeline order, with the most kinds of reaction.
 */
export function journeyScenario(content: Content): { scenario: Scenario; move: string } {
  for (const id of content.scenarioOrder) {
    const scenario = content.scenarios[id]!;
    if (scenario.tutorial) continue;
    const start = scenario.meetings.find((m) => m.id === scenario.start)!;
    const kinds = (moveId: string) => new Set(start.moves.find((m) => m.id === moveId)!.reactions?.map((r) => r.reaction)).size;
    const moves = start.moves
      .filter((m) => !m.requires.length && kinds(m.id) > 1 && journeyBetween(start, scenario.meetings.find((n) => n.id === m.next) ?? null))
      .sort((a, b) => kinds(b.id) - kinds(a.id));
    if (moves[0]) return { scenario, move: moves[0].id };
  }
  throw new Error('no scenario has a first move with mixed reactions that leads to another city');
}

/**
 * The shortest path informed play (right answers, right predictions; every move tried) takes to a
 * state where `reached(snapshot, moves)` holds: the moves to play in order, or null out of reach.
 */
function shortestInformedPath(scenario: Scenario, reached: (snapshot: RunSnapshot, moves: string[]) => boolean): string[] | null {
  const machine = machineFor(scenario);
  // Breadth first, so the path is the shortest.
  const [initial] = initialTransition(machine, { seed: 1, settings: { timerSeconds: null, hintsEnabled: false } });
  let frontier: Array<{ snapshot: RunSnapshot; moves: string[] }> = [{ snapshot: initial, moves: [] }];
  const seen = new Set<string>();
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const { snapshot, moves } of frontier) {
      if (reached(snapshot, moves)) return moves;
      if (snapshot.status === 'done') continue;
      const key = JSON.stringify([snapshot.value, snapshot.context.trust, snapshot.context.agreement, snapshot.context.flags, moves]);
      if (seen.has(key)) continue;
      seen.add(key);
      next.push(...informedSteps(scenario, machine, snapshot, moves));
    }
    frontier = next;
  }
  return null;
}

/**
 * The shortest path informed play (right answers, right predictions) takes to a move to which a
 * party walks out, in timeline order of scenarios: the moves to play in order, the last being that
 * move, and the parties that walk out. Throws if no scenario has one within reach.
 */
export function walkOutPath(content: Content): { scenario: Scenario; moves: string[]; leaving: string[] } {
  for (const id of content.scenarioOrder) {
    const scenario = content.scenarios[id]!;
    if (scenario.tutorial) continue;
    const leavingOn = (moveId: string | undefined) => scenario.meetings.flatMap((m) => m.moves).find((m) => m.id === moveId)?.reactions?.filter((r) => r.reaction === 'walks-out').map((r) => r.party) ?? [];
    const moves = shortestInformedPath(scenario, (_, played) => leavingOn(played.at(-1)).length > 0);
    if (moves) return { scenario, moves, leaving: leavingOn(moves.at(-1)) };
  }
  throw new Error('no scenario has a move to which a party walks out within reach of informed play');
}

/**
 * The most crowded table: the meeting with the most parties seated (the first in timeline order on
 * a tie) that informed play reaches, and the moves of the shortest path to it (empty when it is
 * where its scenario starts). Throws if no meeting is within reach.
 */
export function crowdedTablePath(content: Content): { scenario: Scenario; meetingId: string; moves: string[] } {
  const tables = content.scenarioOrder
    .map((id) => content.scenarios[id]!)
    .filter((s) => !s.tutorial)
    .flatMap((scenario) => scenario.meetings.map((meeting) => ({ scenario, meeting })))
    .sort((a, b) => b.meeting.parties.length - a.meeting.parties.length);
  for (const { scenario, meeting } of tables) {
    const moves = shortestInformedPath(scenario, (snapshot) => snapshot.status === 'active' && currentMeetingId(snapshot) === meeting.id);
    if (moves) return { scenario, meetingId: meeting.id, moves };
  }
  throw new Error('no meeting is within reach of informed play');
}

/**
 * The scenario the single-scenario tests play (the "slice"): the timeline scenario with the fewest
 * decisions whose first question is a choice question (tests answer it by its options), ties in
 * timeline order. Chosen by that rule, so a scenario added or renamed never breaks a test.
 */
export function sliceScenario(content: Content): Scenario {
  const fits = content.scenarioOrder.map((id) => content.scenarios[id]!).filter((s) => s.meetings[0]!.questions[0]!.type === 'choice');
  const slice = [...fits].sort((a, b) => a.maxDecisions - b.maxDecisions)[0];
  if (!slice) throw new Error('no timeline scenario starts with a choice question: the slice tests need one');
  return slice;
}

/** A second timeline scenario, other than the slice (for tests that need two). */
export function secondScenario(content: Content): Scenario {
  const slice = sliceScenario(content);
  return content.scenarios[content.scenarioOrder.find((id) => id !== slice.id)!]!;
}
