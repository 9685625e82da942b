// The game's own voice on contested status (issue 15 item 3, check 9): its own text never calls
// Kosovo a state or Serbia's province, and never states a contested claim as fact. Quotes may, and
// so may a sentence that attributes the words ("Lavrov said…", "the report calls…"). The patterns
// are a short list for reviewers to read; tests/unit/bankAudit.test.ts holds a slip for each.
import { ownTextOf } from './audit';
import type { Content, ContentError } from './loader';
import type { Scenario } from './schema';

export interface OwnVoicePattern {
  id: string;
  pattern: RegExp;
  /** What to write instead. */
  message: string;
}

const S = "(?:['’]s)?"; // an optional possessive
const STATE = '(?:state|country|republic|nation)';

export const OWN_VOICE_PATTERNS: readonly OwnVoicePattern[] = [
  {
    id: 'kosovo-a-state',
    pattern: new RegExp(`\\bKosovo${S} (?:is|was|as|became|remains|has been) (?:an? |the )?(?:independent |sovereign |new |young )?${STATE}\\b`, 'i'),
    message: 'calls Kosovo a state in the game\'s own voice: say who calls it so ("the report calls them countries"), or "Kosovo declared independence in 2008"',
  },
  {
    id: 'state-of-kosovo',
    pattern: new RegExp(`\\b(?:${STATE} of Kosovo|Kosovo(?:ar)? (?:state|statehood))\\b`, 'i'),
    message: 'names Kosovo a state in the game\'s own voice: attribute it or write "Kosovo"',
  },
  {
    id: 'six-countries',
    pattern: /\b(?:all )?six (?:Western Balkan |Balkan )?(?:countries|states)\b/i,
    message: 'counts Kosovo among six countries in the game\'s own voice: attribute it ("the 2026 report speaks of six Western Balkan countries")',
  },
  {
    id: 'serbias-province',
    pattern: new RegExp(`\\b(?:Serbia${S}|Serbian) (?:southern |former |autonomous |breakaway )?province\\b|\\bprovince (?:of|within|in) Serbia\\b|\\bsouthern province\\b|\\bbreakaway (?:province|region|territory)\\b`, 'i'),
    message: 'calls Kosovo Serbia\'s province in the game\'s own voice: attribute it ("Lavrov said…", "the report calls it…")',
  },
  {
    id: 'part-of-serbia',
    pattern: /\b(?:Kosovo(?:['’]s)? (?:is|was|remains|has been) (?:a |an )?(?:part|region|territory) (?:of|within|inside) Serbia|region (?:of|within|inside) Serbia|part of Serbia)\b/i,
    message: 'says Kosovo is or was part of Serbia in the game\'s own voice: attribute it or say what the sources report (Serbia does not recognise Kosovo\'s declaration of independence)',
  },
  {
    id: 'kosovo-is-serbia',
    pattern: /\bKosovo is (?:Serbia|Serbian)\b/i,
    message: 'states a slogan as fact: quote it, attributed',
  },
  {
    id: 'independence-as-fact',
    // "whether Kosovo is independent" asks; it does not state.
    pattern: /(?<!\b(?:whether|if) )\bKosovo(?:['’]s)? (?:is|became|has been) (?:an? )?(?:independent|sovereign)\b|\bindependent Kosovo\b/i,
    message: 'states Kosovo\'s independence as fact: write "Kosovo declared independence in 2008; Serbia does not recognise it"',
  },
  {
    id: 'declaration-judged',
    pattern: /\b(?:illegal(?:ly)?|unlawful(?:ly)?|illegitimate(?:ly)?|unilateral(?:ly)?|legal(?:ly)?|lawful(?:ly)?)\s+(?:declar\w*|independen\w*|secession\w*|seiz\w*)\b|\bsecession\b/i,
    message: 'judges Kosovo\'s declaration of independence in the game\'s own voice: say who judges it so',
  },
];

/** A sentence that says whose words these are ("Lavrov said", "the report calls", "according to"). */
const ATTRIBUTION = /\b(?:according to|said|says|say|told|tells|calls?|called|describes?|described|claims?|claimed|argues?|argued|insists?|insisted|puts? it|in (?:his|her|its|their) words|in the words of|reported|reports?|stated|states that|wrote|writes|refers? to|referred to|sees?|saw|view(?:s|ed)?|regards?|regarded|considers?|considered)\b|\b\p{Lu}[\p{L}-]*['’]s (?:reading|view|words|position|framing|claim|terms|phrase)\b/iu;

/** The text with quoted spans blanked: quotes are the sources' words, not the game's. */
export function withoutQuotes(text: string): string {
  return text.replace(/“[^”]*”|"[^"]*"|(?<![\p{L}])‘[^’]*’(?![\p{L}])/gu, (m) => ' '.repeat(m.length));
}

/** The own-voice slips in one text: the ids of the patterns that match outside quotes in an unattributed sentence. */
export function ownVoiceSlips(text: string): OwnVoicePattern[] {
  const found: OwnVoicePattern[] = [];
  for (const sentence of withoutQuotes(text).split(/(?<=[.!?;])\s+/)) {
    if (ATTRIBUTION.test(sentence)) continue;
    for (const p of OWN_VOICE_PATTERNS) if (p.pattern.test(sentence) && !found.includes(p)) found.push(p);
  }
  return found;
}

/**
 * Whether a field of a scenario is attributed by its question: a sort statement is a party's
 * position the player attributes, and options of a prompt that says whose words they are.
 */
function attributedByQuestion(scenario: Scenario, path: string): boolean {
  const m = /^meetings\.(\d+)\.questions\.(\d+)\.(statements|options)\.\d+\.(text|feedback)$/.exec(path);
  if (!m || m[4] === 'feedback') return false;
  if (m[3] === 'statements') return true;
  const q = scenario.meetings[Number(m[1])]?.questions[Number(m[2])];
  return !!q && ATTRIBUTION.test(q.prompt);
}

/** Check 9: own-voice slips in the scenarios, the parties and the glossary. Returns errors naming file, item and field. */
export function checkOwnVoice(content: Content): ContentError[] {
  const errors: ContentError[] = [];
  const scan = (file: string, value: unknown, skip: (path: string) => boolean = () => false, idOf: (path: string) => string | undefined = () => undefined) => {
    for (const { path, text } of ownTextOf(value)) {
      if (skip(path)) continue;
      for (const slip of ownVoiceSlips(text)) {
        const id = idOf(path);
        errors.push({ file, ...(id ? { id } : {}), field: path, message: `${slip.message} [${slip.id}]: "${text.slice(0, 90)}${text.length > 90 ? '…' : ''}"` });
      }
    }
  };
  for (const [id, scenario] of Object.entries(content.scenarios)) {
    scan(content.files[id] ?? id, scenario, (path) => attributedByQuestion(scenario, path), (path) => itemId(scenario, path));
  }
  const parties = Object.values(content.parties);
  scan('content/parties.json', parties, undefined, (path) => parties[Number(path.split('.')[0])]?.id);
  scan('content/glossary.json', content.glossary, undefined, (path) => content.glossary[Number(path.split('.')[0])]?.id);
  return errors;
}

/** The id of the innermost item along a dotted path of a scenario ("meetings.0.questions.2.hint" → the question's id). */
function itemId(root: unknown, path: string): string | undefined {
  let node: unknown = root;
  let found: string | undefined;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[key];
    const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof id === 'string') found = id;
  }
  return found;
}
