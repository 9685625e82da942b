// The content's fixed words: the kinds, issues, reactions and rooms a content file may name, as
// plain constants. The zod schemas (schema.ts) build on them; the game's own modules import them
// from here, so a student's browser never evaluates schema.ts and never builds a content schema
// (tests/unit/boundaries.test.ts follows the first load's imports to check it).

/** The kinds of voice a person can be, when not speaking for a party (schema.ts PersonSchema). */
export const VOICE_KINDS = ['analyst', 'commentator', 'opposition', 'rights-group', 'unnamed', 'outlet'] as const;

/** What a party's stance is about (parties.json `stances[].issue`). */
export const ISSUES = [
  'recognition',
  'un-seat',
  'mediation',
  'russia-role',
  'eu-path',
  'nato-kfor',
  'sanctions',
  'open-balkan',
  'borders',
  'security-force',
  'stability',
] as const;

/**
 * What a stance is to the party, as the dossier reveals it (issue 14 item 5): `context` is what
 * the reports say about the party (shown from the start, attributed), a `position` it has stated
 * or acted on, an `interest` it pursues, a `red-line` it has said it will not cross. The deeper
 * kinds open as the player's understanding of the party rises (src/engine/dossier.ts).
 */
export const STANCE_KINDS = ['context', 'position', 'interest', 'red-line'] as const;

/**
 * What a question asks of the player (issue 15): `understanding` of a stance (which party holds
 * which position and why, what one wants from another, how two differ, what one would say),
 * `recall` of a fact that matters for the stances, or `chronology` (the order of events).
 */
export const QUESTION_KINDS = ['understanding', 'recall', 'chronology'] as const;

/** How a party at the table takes a move, from warmest to coldest: the order scoring relies on. */
export const REACTIONS = ['welcomes', 'accepts', 'objects', 'rejects', 'walks-out'] as const;

/** The flag a walk-out sets: declared implicitly in every scenario for every party. */
export const walkoutFlag = (party: string) => `walkout-${party}`;
export const WALKOUT_FLAG = /^walkout-([a-z0-9][a-z0-9-]*)$/;

/** The kinds of room a meeting takes place in; each has its own backdrop on the stage. */
export const SETTINGS = ['press-conference', 'video-call', 'conference-hall', 'office', 'summit'] as const;
/** The room a meeting without `setting` is drawn in: most of the talks sit at a table in a hall. */
export const DEFAULT_SETTING = 'conference-hall' satisfies (typeof SETTINGS)[number];
