// A discussion guide for a scenario, drawn only from its content: for each meeting, a question for
// the class built on the position stated at the table (who said it, with the source), and the
// points the game's own questions bring out (their explanations, with their sources); then the
// endings to reflect on. The view words the questions; every fact here keeps its quote.
import type { Content } from '../content/loader';
import type { Ending, Question } from '../content/schema';
import { quoteOf, type Quote } from '../engine/presenter';

/**
 * What a question shows besides its prompt, when the prompt alone does not say what is asked:
 * the statement of a true-or-false question, the quote of a "who said it" question.
 */
export function questionDetail(q: Question): string | null {
  if (q.type === 'true-false') return q.statement;
  if (q.type === 'who-said') return q.quote.quote;
  return null;
}

export interface GuidePoint {
  questionId: string;
  /** The question as the game asks it. */
  prompt: string;
  /** The statement or quote the prompt is about, if any (see questionDetail). */
  detail: string | null;
  /** Why the answer is right, in the project's own words. */
  explanation: string;
  sources: Quote[];
}

export interface GuideMeeting {
  meetingId: string;
  title: string;
  place: string;
  /** Names of the parties at the table, host first. */
  atTable: string[];
  speaker: { id: string; name: string };
  /** The attributed position the meeting opens with ("Lavrov said ..."). */
  position: string;
  /** The source of that position: the quote the discussion question rests on. */
  source: Quote;
  points: GuidePoint[];
}

export interface GuideEnding {
  id: string;
  kind: Ending['kind'];
  title: string;
  debrief: string;
  sources: Quote[];
}

export interface DiscussionGuide {
  scenarioId: string;
  title: string;
  date: string;
  summary: string;
  envoy: string;
  /** The news report the scenario is built from. */
  report: { outlet: string; headline: string; date: string };
  meetings: GuideMeeting[];
  endings: GuideEnding[];
}

/** The guide for one scenario, or null for an id the content does not have. */
export function discussionGuide(content: Content, scenarioId: string): DiscussionGuide | null {
  const scenario = Object.hasOwn(content.scenarios, scenarioId) ? content.scenarios[scenarioId] : undefined;
  if (!scenario) return null;
  const party = (id: string) => content.parties[id]?.name ?? id;
  const report = content.sources[scenario.source];
  return {
    scenarioId: scenario.id,
    title: scenario.title,
    date: scenario.date,
    summary: scenario.summary,
    envoy: scenario.envoy.title,
    report: { outlet: report?.outlet ?? scenario.source, headline: report?.headline ?? '', date: report?.date ?? scenario.date },
    meetings: scenario.meetings.map((m) => ({
      meetingId: m.id,
      title: m.title,
      place: m.place,
      atTable: m.parties.map(party),
      speaker: { id: m.opening.speaker, name: party(m.opening.speaker) },
      position: m.opening.text,
      source: quoteOf(content, m.opening.evidence),
      points: m.questions.map((q) => ({
        questionId: q.id,
        prompt: q.prompt,
        detail: questionDetail(q),
        explanation: q.explanation,
        sources: q.evidence.map((e) => quoteOf(content, e)),
      })),
    })),
    endings: scenario.endings.map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      debrief: e.debrief,
      sources: e.evidence.map((ev) => quoteOf(content, ev)),
    })),
  };
}
