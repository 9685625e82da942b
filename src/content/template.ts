// The template scenario (issue 17 item 5): `npm run content:new -- --id ID --source SOURCE` and the
// workbench's "Start from the template" both start from it. JSON holds no comments, so the template
// explains itself by example: every text a teacher writes is a plain description of what belongs
// there, every quote is a real passage of the chosen source, and every number is already right.
// It passes content:check as it is (every error rule; the guide's size aims come back as advice)
// and plays from briefing to every ending, so a teacher can change it one field at a time and check
// as they go. `templateNote` is the companion note `content:new` prints.
import { longestDecisions } from './checks';
import type { Content } from './loader';
import type { Person, REACTIONS, Scenario, Source } from './schema';

export interface TemplateRequest {
  /** The new scenario's id: lower-case letters, digits and dashes. */
  id: string;
  /** The id of the source report the scenario is built from (one of `content.sources`). */
  source: string;
}

type Passage = Source['passages'][number];

/** The parties whose own words or actions a passage reports (directly, or through its people). */
function partiesOf(source: Source, passage: Passage, content: Content): string[] {
  const people = new Map(source.people.map((p) => [p.id, p]));
  return [...new Set(passage.speakers.flatMap((s) => (content.parties[s] ? [s] : people.get(s)?.party ? [people.get(s)!.party!] : [])))];
}

/**
 * The template scenario for `source`, as the object a scenario file holds. Throws an Error naming
 * the problem for an unknown source or a source whose passages report no party speaking or acting.
 */
export function scenarioTemplate(content: Content, { id, source: sourceId }: TemplateRequest): Scenario {
  const source = content.sources[sourceId];
  if (!source) throw new Error(`no source "${sourceId}" (sources: ${Object.keys(content.sources).join(', ')})`);
  // The party the report gives most voice to is the one the template measures; a second party sits at the table.
  const byParty = new Map<string, Passage[]>();
  for (const passage of source.passages) for (const party of partiesOf(source, passage, content)) byParty.set(party, [...(byParty.get(party) ?? []), passage]);
  const ranked = [...byParty.entries()].sort((a, b) => b[1].length - a[1].length || content.partyOrder.indexOf(a[0]) - content.partyOrder.indexOf(b[0]));
  if (!ranked.length) throw new Error(`source "${sourceId}" has no passage that reports a party speaking or acting: a scenario measures parties by their own words`);
  const [main, mainPassages] = ranked[0]!;
  const other = ranked[1]?.[0] ?? content.partyOrder.find((p) => p !== main)!;
  const otherPassages = byParty.get(other) ?? [];
  const pick = (list: readonly Passage[], i: number) => list[i % list.length]!;
  const quote = (p: Passage) => ({ source: sourceId, quote: p.text });
  const mainName = content.parties[main]!.shortName;
  const otherName = content.parties[other]!.shortName;
  const speaker: Person | undefined = source.people.find((p) => p.party === main && mainPassages.some((pa) => pa.speakers.includes(p.id)));
  const who = speaker?.name ?? mainName;
  // A who-said question only where the report quotes more than one person of the party (else the
  // party would give the answer away); otherwise a second true-false question.
  const sameParty = speaker ? source.people.filter((p) => p.party === main) : [];
  const whoSaid = speaker && sameParty.length > 1 ? { person: speaker, passage: mainPassages.find((p) => p.speakers.includes(speaker.id))!, others: sameParty.filter((p) => p !== speaker) } : null;
  const order = 1 + content.scenarioOrder.filter((s) => content.scenarios[s]!.year <= source.year).length;
  const reaction = (party: string, kind: (typeof REACTIONS)[number]) => ({
    party,
    reaction: kind,
    evidence: quote(party === main ? pick(mainPassages, 0) : otherPassages.length ? pick(otherPassages, 0) : pick(source.passages, 0)),
  });
  const base = { measures: [main], voices: [], explanation: `Why the right answer is right, in your own words, saying who said or did what (here ${who}), as the evidence below shows.` };

  const scenario = {
    schemaVersion: 2,
    id,
    lang: 'en',
    title: 'The title of your scenario, shown on the timeline',
    date: source.date,
    year: source.year,
    order,
    source: sourceId,
    envoy: { role: 'independent', title: 'The player’s job, such as envoy for the talks' },
    summary: 'What happens at this moment and what the player is asked to find out, in at most three sentences.',
    briefing: [{ text: 'A short paragraph on the situation before the first meeting, in your own words, resting on the quote under it.', evidence: quote(pick(source.passages, 0)) }],
    questionSeconds: 60,
    flags: [{ id: 'talks-opened', description: 'A fact about the run that a move sets and a later move or ending can check: declare each flag here.' }],
    initial: { trust: { [main]: 50, [other]: 50 }, agreement: 30 },
    start: 'first-meeting',
    meetings: [
      {
        id: 'first-meeting',
        title: 'The name of the first meeting',
        place: 'Where the first meeting takes place',
        setting: 'conference-hall',
        parties: [main, other],
        opening: { speaker: main, text: `${who} said what ${mainName} wanted: write it here in your own words, always saying who said it.`, evidence: quote(pick(mainPassages, 0)) },
        questions: [
          {
            id: `${id}-choice`,
            type: 'choice',
            kind: 'understanding',
            prompt: `A question on what ${mainName} wants and why, answered by the evidence below.`,
            ...base,
            difficulty: 1,
            options: [
              { id: 'right', text: 'The answer the evidence supports, briefly', correct: true },
              { id: 'other-side', text: 'A position that belongs to another party of the report', feedback: 'Say whose position this really is, as the report gives it.' },
              { id: 'misreading', text: 'A common misreading of this stance, worded as plainly as the answer', feedback: 'Say what the report shows instead.' },
            ],
            evidence: [quote(pick(mainPassages, 1))],
            hint: 'Look again at what was reported at the table.',
          },
          {
            id: `${id}-true-false`,
            type: 'true-false',
            kind: 'understanding',
            prompt: 'True or false?',
            statement: 'One sentence about this stance that the quote under the answer shows to be true or false.',
            answer: true,
            ...base,
            difficulty: 2,
            evidence: [quote(pick(mainPassages, 2))],
          },
          {
            id: `${id}-order`,
            type: 'order',
            kind: 'chronology',
            prompt: 'Put these events in the order they happened, earliest first.',
            ...base,
            difficulty: 2,
            events: [
              { id: 'earliest', text: 'The earliest event, listed first', when: 'its date as the report prints it' },
              { id: 'middle', text: 'The event that came next', when: 'its date as the report prints it' },
              { id: 'latest', text: 'The latest event, listed last', when: 'its date as the report prints it' },
            ],
            evidence: [quote(pick(mainPassages, 3))],
          },
        ],
        moves: [
          {
            id: 'open-talks',
            kind: 'proposal',
            text: 'A move any player can make: what the envoy proposes, in plain words',
            response: `How the table took the move, attributed and in line with what each party is reported to have said (${mainName}, ${otherName}).`,
            effects: { setFlags: ['talks-opened'] },
            next: 'second-meeting',
            reactions: [reaction(main, 'accepts'), reaction(other, 'objects')],
          },
          {
            id: 'informed-offer',
            kind: 'proposal',
            text: `A move only a player who understands ${mainName} can make`,
            response: 'How the table took the better move, attributed as above.',
            requires: [{ kind: 'understanding', party: main, min: 60 }],
            effects: { setFlags: ['talks-opened'] },
            next: 'second-meeting',
            reactions: [reaction(main, 'welcomes'), reaction(other, 'accepts')],
          },
          {
            id: 'close-early',
            kind: 'leave',
            text: 'End the talks here',
            response: 'What the parties said as the envoy left, attributed.',
            next: 'end',
            reactions: [reaction(main, 'objects'), reaction(other, 'objects')],
          },
        ],
      },
      {
        id: 'second-meeting',
        title: 'The name of the second meeting',
        place: 'Where the second meeting takes place',
        setting: 'office',
        parties: [main, other],
        opening: { speaker: main, text: `${who} set out what ${mainName} would accept next: say it in your own words, attributed.`, evidence: quote(pick(mainPassages, 4)) },
        questions: [
          {
            id: `${id}-sort`,
            type: 'sort',
            kind: 'understanding',
            prompt: 'Sort each step by the party that took it, as the report tells it.',
            ...base,
            difficulty: 2,
            categories: [main, other],
            statements: [
              { id: 'first-step', text: `Something ${mainName} said or did, per the report`, party: main },
              { id: 'second-step', text: `Another thing ${mainName} said or did`, party: main },
              { id: 'third-step', text: `Something ${otherName} said or did, per the report`, party: other },
            ],
            evidence: [quote(pick(mainPassages, 5)), ...(otherPassages.length ? [quote(pick(otherPassages, 1))] : [])],
          },
          {
            id: `${id}-recall`,
            type: 'choice',
            kind: 'recall',
            prompt: `A fact from the report that matters for ${mainName}'s stance.`,
            ...base,
            difficulty: 1,
            options: [
              { id: 'fact', text: 'The fact, as the report gives it', correct: true },
              { id: 'near-miss', text: 'A detail the report gives about someone else', feedback: 'Say where the report puts this detail.' },
            ],
            evidence: [quote(pick(mainPassages, 6))],
          },
          whoSaid
            ? {
                id: `${id}-who-said`,
                type: 'who-said',
                kind: 'understanding',
                prompt: 'Who said this, according to the report?',
                quote: quote(whoSaid.passage),
                ...base,
                difficulty: 2,
                options: [
                  { id: whoSaid.person.id, text: `${whoSaid.person.name}, ${whoSaid.person.role}`, correct: true },
                  ...whoSaid.others.slice(0, 3).map((p) => ({ id: p.id, text: `${p.name}, ${p.role}`, feedback: 'Say what this speaker did say in the report.' })),
                ],
                evidence: [quote(whoSaid.passage)],
              }
            : {
                id: `${id}-false`,
                type: 'true-false',
                kind: 'understanding',
                prompt: 'True or false?',
                statement: 'A sentence that gets this position wrong in a way students often do.',
                answer: false,
                ...base,
                difficulty: 2,
                evidence: [quote(pick(mainPassages, 7))],
              },
        ],
        moves: [
            // Move order matters: a player who always takes the same place in the list must not win (a design rule).
          {
            id: 'press-hard',
            kind: 'appeal',
            text: `A move that presses ${otherName} too hard`,
            response: `How ${otherName} left the table, attributed.`,
            next: 'end',
            reactions: [reaction(main, 'rejects'), reaction(other, 'walks-out')],
          },
          {
            id: 'careful-appeal',
            kind: 'appeal',
            text: 'A careful move that keeps the talks going',
            response: 'How the table took the appeal, attributed.',
            next: 'end',
            reactions: [reaction(main, 'accepts'), reaction(other, 'objects')],
          },
          {
            id: 'agree-terms',
            kind: 'concession',
            text: 'The move that brings both parties along, open to a player who understands them',
            response: 'How both parties took it, attributed.',
            requires: [{ kind: 'understanding', party: main, min: 60 }],
            next: 'end',
            reactions: [reaction(main, 'welcomes'), reaction(other, 'welcomes')],
          },
        ],
      },
    ],
    endings: [
      { id: 'walkout', kind: 'walkout', title: 'The name of the walk-out ending', when: [{ kind: 'flag', flag: `walkout-${other}` }], debrief: 'What happened and why, for the debrief, in your own words.' },
      {
        id: 'breakthrough',
        kind: 'breakthrough',
        title: 'The name of the best ending',
        when: [{ kind: 'agreement', min: 50 }, { kind: 'understanding', party: main, min: 60 }],
        debrief: 'What the well-informed envoy reached, and what it rests on in the report.',
        evidence: [quote(pick(mainPassages, 0))],
      },
      {
        id: 'step-by-step',
        kind: 'breakthrough',
        title: 'The name of a second good ending, reached another way',
        when: [{ kind: 'flag', flag: 'talks-opened' }, { kind: 'agreement', min: 45 }, { kind: 'understanding', party: main, min: 60 }],
        debrief: 'A design rule asks for two successful endings: say how this route differs from the best one.',
      },
      { id: 'partial', kind: 'partial', title: 'The name of the partial deal', when: [{ kind: 'agreement', min: 35 }], debrief: 'What was agreed and what was left open.' },
      { id: 'stalemate', kind: 'stalemate', title: 'The name of the ending when nothing moves', when: [], debrief: 'Why the talks stalled; the last ending has no conditions.' },
    ],
    maxDecisions: 1,
  } as unknown as Scenario;
  scenario.maxDecisions = longestDecisions(scenario);
  return scenario;
}

/** The template as a scenario file's text (2-space JSON, ending in a new line). */
export const templateText = (content: Content, request: TemplateRequest): string => `${JSON.stringify(scenarioTemplate(content, request), null, 2)}\n`;

/** The companion note `content:new` prints: what each part of the template is for, and what to run next. */
export function templateNote(content: Content, { id, source }: TemplateRequest, path: string): string[] {
  const s = content.sources[source]!;
  return [
    `Wrote ${path}: a scenario that passes the checks and plays, built on ${s.outlet}, "${s.headline}" (${s.date}).`,
    'JSON has no comments, so each text in the file says what to write there. Change one part at a time and run the checks after each:',
    `  1. identity: title, summary, envoy (role: EU, US, UN or independent; title shown to players), briefing. date, year and source come from the report; order is its place on the timeline.`,
    '  2. meetings: who sits at the table (the first is the host), the opening (an attributed paraphrase with its quote), 1-6 questions, 2-4 moves.',
    `  3. questions: ids stay unique across the game (keep the prefix "${id}-"); each measures the parties whose own words its evidence quotes, and has kind, difficulty, explanation and evidence.`,
    '  4. every quote is a passage of the source, copied exactly; cut it down to the words you need, never retype it.',
    '  5. moves: each seated party reacts (welcomes, accepts, objects, rejects, walks-out) with a quote; one move per meeting needs no requirement.',
    '  6. endings: tried in order, the last with no conditions. maxDecisions is the longest path (questions + moves + predictions): content:check tells you the number.',
    `Passages of ${source}: ${s.passages.map((p) => p.id).join(', ')} (their text is in content/sources/${source}.json).`,
    'Next:',
    '  npm run content:check',
    `  npm run simulate -- --scenario ${id} --paths`,
    'See content/README.md §6 for the walkthrough.',
  ];
}
