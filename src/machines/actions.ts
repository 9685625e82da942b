// The buttons each screen offers, as the events they send. The HTML layer draws a navigation,
// answer or move button only when it is in this list, and a unit test walks every reachable app
// and run state checking that the session handles every event listed here: a button that does
// nothing cannot be drawn without that test failing.
import type { Content } from '../content/loader';
import { correctAnswer } from '../engine/answers';
import type { RunView } from '../engine/presenter';
import type { HistoryEntry } from '../replay/history';
import type { PairDecision } from '../classroom/pair';
import type { SessionEvent } from '../session';
import type { AppContext } from './appMachine';

export interface ScreenAction {
  /**
   * What the button is, stable across renders: "play", "back", "choose:<scenario>",
   * "option:<option id or true/false>", "submit", "move:<move id>", "submit-prediction", "rewind:<decision index>",
   * "watch:<history entry id>"...
   */
  id: string;
  /** The event the button sends. Sort and order questions send the player's own answer for "submit". */
  event: SessionEvent;
}

export interface ActionsInput {
  /** The app state's name ("title", "negotiation"...). */
  screen: string;
  context: AppContext;
  content: Content;
  /** The scenarios on the select screen, in order. */
  scenarioIds: readonly string[];
  /** The run on screen (in progress, finished or watched), or null. */
  run: RunView | null;
  /** How many decisions the finished run on the debrief holds (one rewind button each). */
  decisions: number;
  history: readonly HistoryEntry[];
  /** The replay code of the finished run on the debrief. */
  lastCode: string | null;
  watch: { step: number; total: number } | null;
  /** Playing in pairs, in a run: the proposal awaiting the second confirmation, if any. Null alone. */
  pair?: { proposal: PairDecision | null } | null;
}

const act = (id: string, event: SessionEvent): ScreenAction => ({ id, event });

/**
 * Playing in pairs, a move or a prediction is first proposed (the first confirmation), then agreed
 * or sent back by the other player (the second): the same buttons send a proposal instead.
 */
function pairActions(actions: ScreenAction[], pair: { proposal: PairDecision | null }): ScreenAction[] {
  if (pair.proposal) return [act('pair-agree', { type: 'pair.agree' }), act('pair-disagree', { type: 'pair.disagree' })];
  return actions.map((a) => (a.event.type === 'move.choose' || a.event.type === 'prediction.submit' ? act(a.id, { type: 'pair.propose', decision: a.event }) : a));
}

function runActions(run: RunView): ScreenAction[] {
  const out: ScreenAction[] = [];
  const q = run.question;
  switch (run.phase) {
    case 'opening':
      out.push(act('continue', { type: 'meeting.continue' }));
      break;
    case 'check': {
      // The learning-gain check: like a question, but only the options its item shows.
      const item = run.check;
      if (!item) break;
      const cq = item.question;
      if (cq.type === 'choice' || cq.type === 'who-said') out.push(...item.shown.map((id) => act(`check:${id}`, { type: 'check.submit', answer: { optionId: id } })));
      else if (cq.type === 'true-false') out.push(act('check:true', { type: 'check.submit', answer: { value: true } }), act('check:false', { type: 'check.submit', answer: { value: false } }));
      else out.push(act('check-submit', { type: 'check.submit', answer: correctAnswer(cq) }));
      break;
    }
    case 'question':
      if (!q) break;
      if (run.paused) {
        out.push(act('resume-timer', { type: 'timer.resume' }));
        break;
      }
      if (q.type === 'choice' || q.type === 'who-said') out.push(...run.order.map((id) => act(`option:${id}`, { type: 'answer.submit', answer: { optionId: id } })));
      else if (q.type === 'true-false') out.push(act('option:true', { type: 'answer.submit', answer: { value: true } }), act('option:false', { type: 'answer.submit', answer: { value: false } }));
      else out.push(act('submit', { type: 'answer.submit', answer: correctAnswer(q) }));
      if (run.hintAvailable) out.push(act('hint', { type: 'answer.hint' }));
      if (run.timed) out.push(act('pause', { type: 'timer.pause' }));
      break;
    case 'feedback':
      out.push(act('continue', { type: 'feedback.continue' }));
      break;
    case 'moves':
      out.push(...run.moves.filter((m) => !m.locked).map((m) => act(`move:${m.id}`, { type: 'move.choose', moveId: m.id })));
      break;
    case 'predicting': {
      if (!run.prediction) break;
      if (run.paused) {
        out.push(act('resume-timer', { type: 'timer.resume' }));
        break;
      }
      // The screen sends the player's own predictions; this one (each party's real reaction) is
      // what a test sends to check that a submission is handled here.
      const move = run.meeting?.moves.find((m) => m.id === run.prediction!.moveId);
      const predictions = Object.fromEntries(run.prediction.parties.map((p) => [p.id, move?.reactions?.find((r) => r.party === p.id)?.reaction ?? 'accepts']));
      out.push(act('submit-prediction', { type: 'prediction.submit', predictions }));
      if (run.timed) out.push(act('pause', { type: 'timer.pause' }));
      break;
    }
    case 'outcome':
      out.push(act('continue', { type: 'outcome.continue' }));
      break;
    default:
      break;
  }
  return out;
}

/** The buttons on screen now, in no particular order (notices first). */
export function screenActions(input: ActionsInput): ScreenAction[] {
  const { screen, context, content, run } = input;
  const out: ScreenAction[] = [];
  if (context.notices.length) out.push(act('dismiss', { type: 'notice.dismiss' }));
  const tutorial = !!run?.scenario.tutorial || (!!context.scenarioId && content.scenarios[context.scenarioId]?.tutorial === true);
  const skip = act('skip-tutorial', { type: 'tutorial.skip' });
  switch (screen) {
    case 'title':
      if (context.canResume) out.push(act('resume', { type: 'menu.resume' }));
      if (context.pairs && context.players) out.push(act('change-players', { type: 'pair.change' }));
      if (content.tutorialId) out.push(act('tutorial', { type: 'scenario.choose', scenarioId: content.tutorialId }));
      out.push(act('play', { type: 'menu.play' }), act('history', { type: 'menu.history' }), act('settings', { type: 'menu.settings' }));
      break;
    case 'settings':
      out.push(act('back', { type: 'nav.back' }));
      break;
    case 'players':
      // The screen sends the names typed; these stand in for a test.
      out.push(act('pair-names', { type: 'pair.names', names: { first: 'Ana', second: 'Ben' } }), act('back', { type: 'nav.back' }));
      break;
    case 'select':
      out.push(...input.scenarioIds.map((id) => act(`choose:${id}`, { type: 'scenario.choose', scenarioId: id })), act('back', { type: 'nav.back' }));
      break;
    case 'briefing':
      out.push(act('begin', { type: 'briefing.start' }), act('back', { type: 'nav.back' }));
      if (tutorial) out.push(skip);
      break;
    case 'negotiation':
      if (run) out.push(...(input.pair && !run.paused && (run.phase === 'moves' || run.phase === 'predicting') ? pairActions(runActions(run), input.pair) : runActions(run)));
      out.push(act('leave', { type: 'nav.title' }));
      if (tutorial) out.push(skip);
      break;
    case 'debrief':
      out.push(act('again', { type: 'debrief.again' }), act('another', { type: 'nav.back' }), act('title', { type: 'nav.title' }));
      if (tutorial) out.push(skip);
      if (input.lastCode) {
        out.push(act('watch', { type: 'watch.code', code: input.lastCode }), act('history', { type: 'menu.history' }));
        for (let i = 0; i < input.decisions; i++) out.push(act(`rewind:${i}`, { type: 'run.rewind', decision: i }));
      }
      break;
    case 'history': {
      for (const entry of input.history) out.push(act(`watch:${entry.id}`, { type: 'watch.code', code: entry.code }));
      // Compare needs two runs of one moment; the player ticks which two.
      const pair = input.history.find((a) => input.history.some((b) => b !== a && b.scenarioId === a.scenarioId));
      const other = pair && input.history.find((b) => b !== pair && b.scenarioId === pair.scenarioId);
      if (pair && other) out.push(act('compare', { type: 'compare.open', a: other.code, b: pair.code }));
      // Opens whatever code is typed in; a code that is not one explains itself in a notice.
      out.push(act('open-code', { type: 'watch.code', code: input.history[0]?.code ?? '' }), act('back', { type: 'nav.back' }));
      break;
    }
    case 'compare':
      out.push(act('back', { type: 'nav.back' }));
      break;
    case 'watch': {
      const atEnd = !input.watch || input.watch.step >= input.watch.total;
      if (context.watchPlaying) out.push(act('watch-pause', { type: 'watch.pause' }));
      else if (!atEnd) out.push(act('watch-play', { type: 'watch.play' }));
      if (!atEnd) out.push(act('watch-step', { type: 'watch.step' }));
      if (run && run.phase !== 'ending') out.push(act('watch-takeover', { type: 'watch.takeover' }));
      out.push(act('watch-exit', { type: 'nav.back' }));
      break;
    }
    default:
      break;
  }
  return out;
}
