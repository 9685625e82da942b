// Replay codes: a whole run in a short, URL-safe string a student can paste, link or scan.
//
// A code holds only what cannot be worked out again: the scenario and its content version, the
// seed, the settings and the player's decisions (each answer as indices in the question's content
// order, each move as its index in the meeting, a hint bit and a timeout bit per question where
// they can happen). The continue events between decisions are regenerated on decoding by walking
// the scenario's statechart, so the code stays a few dozen characters long.
//
// Format: "E" + format version ("2") + 4 characters of checksum + the payload, all in the
// base64url alphabet. The payload is a bit string (see the layout in `writePayload`); the
// checksum is 24 bits of FNV-1a over the prefix and payload, so a damaged or edited code is
// caught before anything is decoded. Decoding never throws and never runs anything from the code:
// it rebuilds a RunRecord by sending ordinary events to the generated machine and validates the
// result with RunRecordSchema.
//
// Format 2 (schema version 2 content) adds a predictions bit to the settings and a decision for
// each prediction step (a timeout bit where the timer runs, then 3 bits per party present: the
// reaction's place on the scale). Format 1 codes, made before predictions existed, still decode:
// their layout is format 2's without the predictions bit, and their runs have no predictions.
//
// Format 3 adds a check bit to the settings (the learning-gain check, src/engine/check.ts) and,
// with it on, a decision per check item answered: the answer in content order like a question's.
// Format 2 codes, made before the check, decode as runs without it.
import { SimulatedClock } from 'xstate';
import type { Content } from '../content/loader';
import type { Question, ReactionKind, Scenario } from '../content/schema';
import { REACTIONS } from '../content/vocabulary';
import { fnv1a } from '../content/text';
import { t } from '../i18n';
import type { Answer } from '../engine/answers';
import { startRun, type Run, type RunRecord } from '../engine/run';
import { reactionsToPredict } from '../engine/reactions';
import { checkItemNow, checkOn, currentMeetingId, findMove, predictionsOn, type RunEvent, type RunSettings, type RunSnapshot } from '../engine/scenarioMachine';
import { findQuestion, scoredParties } from '../engine/stats';
import { CHECK_ITEMS } from '../engine/check';
import { checkRecord, RunRecordSchema } from '../persistence/runSave';
import { ALPHABET, ALPHABET_INDEX, BASE64URL, fromBase64url, toBase64url } from '../encoding/base64url';

/** The brand letter every code starts with. */
export const CODE_BRAND = 'E';
/** The payload format this build writes; it reads this one and READ_FORMATS. Any other came from another version of Envoy. */
export const CODE_FORMAT = '3';
export const CODE_PREFIX = CODE_BRAND + CODE_FORMAT;
/** Formats this build decodes: the current one, format 2 (before the check) and format 1 (before predictions). */
export const READ_FORMATS = ['1', '2', CODE_FORMAT] as const;
export type CodeFormat = (typeof READ_FORMATS)[number];
const REACTION_BITS = 3;
/** Longer than any code this format can produce for a valid run, so anything longer is rejected unread. */
export const MAX_CODE_LENGTH = 2000;
/** Decisions a code may hold beyond the scenario's declared maximum (a safety margin, not a feature). */
export const DECISION_SLACK = 8;
const CHECKSUM_CHARS = 4;


export type DecodeFailure =
  | 'not-a-code'
  | 'other-version'
  | 'damaged'
  | 'unknown-scenario'
  | 'scenario-changed'
  | 'does-not-fit';

export type DecodedRun = { ok: true; record: RunRecord } | { ok: false; reason: DecodeFailure; message: string };

// ---------------------------------------------------------------------------------------------
// Bits and base64url

class BitWriter {
  private readonly bits: number[] = [];
  /** `width` bits of a non-negative integer, most significant first (safe above 2^31). */
  write(value: number, width: number): void {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** width) throw new RangeError(`${value} does not fit in ${width} bits`);
    for (let i = width - 1; i >= 0; i--) this.bits.push(Math.floor(value / 2 ** i) % 2);
  }
  bit(value: boolean): void {
    this.bits.push(value ? 1 : 0);
  }
  /** A non-negative integer of any size up to 2^33: its bit length (6 bits), then its bits. */
  uint(value: number): void {
    let length = 0;
    while (2 ** length <= value) length++;
    this.write(length, 6);
    this.write(value, length);
  }
  /** A short string over the base64url alphabet: length (6 bits), then 6 bits a character. */
  text(value: string): void {
    if (value.length > 63) throw new RangeError(`"${value}" is too long for a replay code`);
    this.write(value.length, 6);
    for (const c of value) {
      const i = ALPHABET_INDEX.get(c);
      if (i === undefined) throw new RangeError(`"${value}" has a character a replay code cannot hold`);
      this.write(i, 6);
    }
  }
  append(other: BitWriter): void {
    this.bits.push(...other.bits);
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bits.length / 8));
    this.bits.forEach((b, i) => {
      if (b) out[i >> 3]! |= 0x80 >> (i & 7);
    });
    return out;
  }
}

/** Thrown only inside this module and always caught: the payload ran out or holds a bad value. */
class Malformed extends Error {}

class BitReader {
  private pos = 0;
  constructor(private readonly data: Uint8Array) {}
  read(width: number): number {
    let value = 0;
    for (let i = 0; i < width; i++) {
      if (this.pos >= this.data.length * 8) throw new Malformed('the code ends too soon');
      const bit = (this.data[this.pos >> 3]! >> (7 - (this.pos & 7))) & 1;
      value = value * 2 + bit;
      this.pos++;
    }
    return value;
  }
  bit(): boolean {
    return this.read(1) === 1;
  }
  uint(): number {
    const length = this.read(6);
    if (length > 33) throw new Malformed('a number in the code is too large');
    return this.read(length);
  }
  text(): string {
    const length = this.read(6);
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[this.read(6)];
    return out;
  }
  /** True when only the zero padding of the last byte is left. */
  atEnd(): boolean {
    const left = this.data.length * 8 - this.pos;
    return left < 8 && (left === 0 || this.read(left) === 0);
  }
}

/** The 4-character checksum of a payload: 24 bits of FNV-1a over the prefix (of `format`) and the payload. */
export function checksumOf(payload: string, format: CodeFormat = CODE_FORMAT): string {
  const h = fnv1a(CODE_BRAND + format + payload);
  const folded = ((h >>> 24) ^ h) & 0xffffff;
  let out = '';
  for (let c = 0; c < CHECKSUM_CHARS; c++) out += ALPHABET[(folded >> (18 - 6 * c)) & 63];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Answers as indices in content order

/** Bits needed for a value in 0..n-1. */
function widthFor(n: number): number {
  let w = 0;
  while (2 ** w < n) w++;
  return w;
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

function writeAnswer(w: BitWriter, q: Question, answer: Answer): void {
  switch (q.type) {
    case 'choice':
    case 'who-said': {
      const i = q.options.findIndex((o) => 'optionId' in answer && o.id === answer.optionId);
      w.write(i, widthFor(q.options.length));
      return;
    }
    case 'true-false':
      w.bit('value' in answer && answer.value);
      return;
    case 'sort': {
      const assignments = 'assignments' in answer ? answer.assignments : {};
      for (const s of q.statements) w.write(q.categories.indexOf(assignments[s.id] ?? ''), widthFor(q.categories.length));
      return;
    }
    case 'order': {
      // The permutation's rank in the factorial number system (Lehmer code): every rank below n!
      // is a valid order, so a decoder cannot be handed an order with repeats or gaps.
      const order = 'order' in answer ? answer.order : [];
      const left = q.events.map((e) => e.id);
      let rank = 0;
      order.forEach((id, i) => {
        const at = left.indexOf(id);
        rank += at * factorial(q.events.length - 1 - i);
        left.splice(at, 1);
      });
      w.write(rank, widthFor(factorial(q.events.length)));
      return;
    }
  }
}

/** The answer a code holds for a question, or null when the indices are out of range. */
function readAnswer(r: BitReader, q: Question): Answer | null {
  switch (q.type) {
    case 'choice':
    case 'who-said': {
      const option = q.options[r.read(widthFor(q.options.length))];
      return option ? { optionId: option.id } : null;
    }
    case 'true-false':
      return { value: r.bit() };
    case 'sort': {
      const assignments: Record<string, string> = {};
      for (const s of q.statements) {
        const category = q.categories[r.read(widthFor(q.categories.length))];
        if (category === undefined) return null;
        assignments[s.id] = category;
      }
      return { assignments };
    }
    case 'order': {
      const n = q.events.length;
      let rank = r.read(widthFor(factorial(n)));
      if (rank >= factorial(n)) return null;
      const left = q.events.map((e) => e.id);
      const order: string[] = [];
      for (let i = 0; i < n; i++) {
        const f = factorial(n - 1 - i);
        order.push(left.splice(Math.floor(rank / f), 1)[0]!);
        rank %= f;
      }
      return { order };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Walking the machine

/** The one event a phase without a decision accepts (briefing, opening, feedback, outcome). */
function continueEvent(snapshot: RunSnapshot): RunEvent | null {
  if (snapshot.status !== 'active') return null;
  if (snapshot.hasTag('briefing')) return { type: 'run.begin' };
  if (snapshot.hasTag('opening')) return { type: 'meeting.continue' };
  if (snapshot.hasTag('feedback')) return { type: 'feedback.continue' };
  if (snapshot.hasTag('outcome')) return { type: 'outcome.continue' };
  return null;
}

const CONTINUE_TYPES = new Set<RunEvent['type']>(['run.begin', 'meeting.continue', 'feedback.continue', 'outcome.continue']);

/** A run on a clock that never advances, so only the events we send happen. */
function quietRun(scenario: Scenario, base: Omit<RunRecord, 'events'>): Run {
  return startRun(scenario, { ...base, events: [] }, { clock: new SimulatedClock() });
}

/** Sends an event; true when the machine took it (the snapshot changed). */
function sendTaken(run: Run, event: RunEvent): boolean {
  const before = run.getSnapshot();
  run.send(event);
  return run.getSnapshot() !== before;
}

const hintPossible = (settings: RunSettings, q: Question) => settings.hintsEnabled && !!q.hint;

/** The reactions a prediction step in this snapshot asks for, in the order a code writes them. */
function predictedReactions(scenario: Scenario, snapshot: RunSnapshot) {
  const meetingId = currentMeetingId(snapshot) ?? '';
  const meeting = scenario.meetings.find((m) => m.id === meetingId);
  const move = findMove(scenario, meetingId, snapshot.context.predictingMoveId ?? '');
  return meeting && move ? reactionsToPredict(move, meeting, snapshot.context.flags, scoredParties(scenario)) : [];
}
const timerPossible = (settings: RunSettings) => settings.timerSeconds !== null;

// ---------------------------------------------------------------------------------------------
// Encoding

/**
 * The replay code of a run (finished or not). Throws only for a record that does not belong to
 * this content (unknown scenario, other content version): check it with checkRecord first.
 * Timer pauses are not kept (they change nothing but the clock), except a pause still on at the
 * end of an unfinished run.
 */
export function encodeRunCode(content: Content, record: RunRecord, format: CodeFormat = CODE_FORMAT): string {
  const problem = checkRecord(content, record);
  if (problem) throw new Error(`cannot make a replay code: ${problem}`);
  // Format 1 is written only for tests of old codes: it has no room for predictions.
  if (format === '1' && (!predictionsOn(record.settings) || record.events.some((e) => e.type === 'prediction.submit'))) {
    throw new Error('cannot make a format 1 replay code of a run with predictions or with predictions off');
  }
  if (format !== CODE_FORMAT && checkOn(record.settings)) throw new Error(`cannot make a format ${format} replay code of a run with the check on`);
  const scenario = content.scenarios[record.scenarioId]!;
  const { settings } = record;

  const decisions = new BitWriter();
  let count = 0;
  let tail = 0;
  let pendingHint = false;
  let paused = false;
  const run = quietRun(scenario, record);
  try {
    for (const event of record.events) {
      const before = run.getSnapshot();
      if (!sendTaken(run, event)) continue;
      if (CONTINUE_TYPES.has(event.type)) {
        tail++;
        continue;
      }
      if (event.type === 'answer.hint') pendingHint = true;
      else if (event.type === 'timer.pause') paused = true;
      else if (event.type === 'timer.resume') paused = false;
      else if (event.type === 'check.submit') {
        const item = checkItemNow(before.context, before.hasTag('check-before') ? 'before' : 'after')!;
        writeAnswer(decisions, findQuestion(scenario, item.questionId)!, event.answer);
      } else if (event.type === 'move.choose') {
        const meeting = scenario.meetings.find((m) => m.id === currentMeetingId(before))!;
        decisions.write(meeting.moves.findIndex((mv) => mv.id === event.moveId), widthFor(meeting.moves.length));
      } else if (before.hasTag('predicting')) {
        // A prediction, or the timer running out on one.
        if (timerPossible(settings)) decisions.bit(event.type === 'timer.expire');
        if (event.type === 'prediction.submit') {
          for (const r of predictedReactions(scenario, before)) decisions.write(REACTIONS.indexOf(event.predictions[r.party]!), REACTION_BITS);
        }
      } else {
        // An answer, or the timer running out on a question.
        const q = findQuestion(scenario, before.context.questionId ?? '')!;
        if (hintPossible(settings, q)) decisions.bit(pendingHint);
        if (timerPossible(settings)) decisions.bit(event.type === 'timer.expire');
        if (event.type === 'answer.submit') writeAnswer(decisions, q, event.answer);
      }
      if (event.type === 'move.choose' || event.type === 'answer.submit' || event.type === 'prediction.submit' || event.type === 'check.submit' || event.type === 'timer.expire') {
        count++;
        tail = 0;
        pendingHint = false;
        paused = false;
      }
    }
  } finally {
    run.stop();
  }

  // Payload layout: scenario id, content version, seed, timer (bit + seconds), hints bit,
  // predictions bit (format 2 on), check bit (format 3), decision count, the decisions, then what happened after the last one: continues (2 bits), a
  // hint on the question now shown, and a pause still on.
  const w = new BitWriter();
  w.text(record.scenarioId);
  w.text(record.contentVersion);
  w.uint(record.seed);
  w.bit(settings.timerSeconds !== null);
  if (settings.timerSeconds !== null) w.uint(settings.timerSeconds);
  w.bit(settings.hintsEnabled);
  if (format !== '1') w.bit(predictionsOn(settings));
  if (format === CODE_FORMAT) w.bit(checkOn(settings));
  w.uint(count);
  w.append(decisions);
  w.write(tail, 2);
  w.bit(pendingHint);
  w.bit(paused);
  const payload = toBase64url(w.bytes());
  return CODE_BRAND + format + checksumOf(payload, format) + payload;
}

// ---------------------------------------------------------------------------------------------
// Decoding

// Worded from the locale file when they are needed, so they follow the current locale.
const MESSAGES = {
  get notACode() {
    return t('code.notACode');
  },
  otherVersion: (format: string) => t('code.otherVersion', { format }),
  get damaged() {
    return t('code.damaged');
  },
  unknownScenario: (id: string) => t('code.unknownScenario', { id }),
  changed: (title: string) => t('code.changed', { title }),
  doesNotFit: (title: string, why: string) => t('code.doesNotFit', { title, why }),
};

const fail = (reason: DecodeFailure, message: string): DecodedRun => ({ ok: false, reason, message });

/** Reads a code, or a link with `?run=CODE` in it, into a record. Never throws. */
export function decodeRunCode(content: Content, code: string): DecodedRun {
  try {
    return decode(content, code);
  } catch {
    return fail('damaged', MESSAGES.damaged);
  }
}

function decode(content: Content, input: string): DecodedRun {
  if (typeof input !== 'string' || input.length > MAX_CODE_LENGTH) return fail('not-a-code', MESSAGES.notACode);
  let code = input.trim();
  const inLink = /[?&#]run=([A-Za-z0-9_-]*)/.exec(code);
  if (inLink) code = inLink[1]!;
  if (!BASE64URL.test(code) || code.length < CODE_PREFIX.length + CHECKSUM_CHARS + 1 || code[0] !== CODE_BRAND) {
    return fail('not-a-code', MESSAGES.notACode);
  }
  const format = READ_FORMATS.find((f) => f === code[1]);
  if (!format) return fail('other-version', MESSAGES.otherVersion(code[1]!));
  const checksum = code.slice(CODE_PREFIX.length, CODE_PREFIX.length + CHECKSUM_CHARS);
  const payload = code.slice(CODE_PREFIX.length + CHECKSUM_CHARS);
  if (checksumOf(payload, format) !== checksum) return fail('damaged', MESSAGES.damaged);
  const bytes = fromBase64url(payload);
  if (!bytes) return fail('damaged', MESSAGES.damaged);

  const r = new BitReader(bytes);
  let header: Omit<RunRecord, 'events'>;
  let count: number;
  try {
    const scenarioId = r.text();
    const contentVersion = r.text();
    const seed = r.uint();
    const timerSeconds = r.bit() ? r.uint() : null;
    const hintsEnabled = r.bit();
    // Absent means on: a record that never set it decodes as it was.
    const predictions = format === '1' || r.bit();
    // Absent means off: codes before format 3 had no check.
    const check = format === CODE_FORMAT && r.bit();
    count = r.uint();
    header = { scenarioId, contentVersion, seed, settings: { timerSeconds, hintsEnabled, ...(predictions ? {} : { predictions: false }), ...(check ? { check: true } : {}) } };
  } catch (e) {
    if (e instanceof Malformed) return fail('damaged', MESSAGES.damaged);
    throw e;
  }

  const scenario = Object.hasOwn(content.scenarios, header.scenarioId) ? content.scenarios[header.scenarioId] : undefined;
  if (!scenario) return fail('unknown-scenario', MESSAGES.unknownScenario(header.scenarioId));
  if (content.versions[header.scenarioId] !== header.contentVersion) return fail('scenario-changed', MESSAGES.changed(scenario.title));
  const headerCheck = RunRecordSchema.safeParse({ ...header, events: [] });
  if (!headerCheck.success) return fail('damaged', MESSAGES.damaged);
  // The check's items (before and after) are decisions beyond those of play.
  if (count > scenario.maxDecisions + DECISION_SLACK + (checkOn(header.settings) ? 2 * CHECK_ITEMS : 0)) {
    return fail('does-not-fit', MESSAGES.doesNotFit(scenario.title, t('code.why.tooManyDecisions', { count })));
  }

  const run = quietRun(scenario, header);
  let events: RunEvent[];
  try {
    const why = rebuild(scenario, header.settings, run, r, count);
    if (why) return fail('does-not-fit', MESSAGES.doesNotFit(scenario.title, why));
    if (!r.atEnd()) return fail('damaged', MESSAGES.damaged);
    events = run.record.events;
  } catch (e) {
    if (e instanceof Malformed) return fail('damaged', MESSAGES.damaged);
    throw e;
  } finally {
    run.stop();
  }

  const parsed = RunRecordSchema.safeParse({ ...header, events });
  if (!parsed.success) return fail('does-not-fit', MESSAGES.doesNotFit(scenario.title, t('code.why.tooLong')));
  return { ok: true, record: parsed.data as RunRecord };
}

/** Replays the decisions into `run`, adding the continue events between them; a reason on failure. */
function rebuild(scenario: Scenario, settings: RunSettings, run: Run, r: BitReader, count: number): string | null {
  const continueTo = (limit: number): boolean => {
    for (let i = 0; i < limit; i++) {
      const next = continueEvent(run.getSnapshot());
      if (!next || !sendTaken(run, next)) return false;
    }
    return true;
  };
  const toDecision = (): boolean => {
    // Never more than a handful of continues between two decisions (outcome, opening): the cap
    // keeps a decoder from walking forever on content it does not expect.
    for (let i = 0; i < 8; i++) {
      if (!continueEvent(run.getSnapshot())) return run.getSnapshot().status === 'active';
      if (!continueTo(1)) return false;
    }
    return false;
  };

  for (let k = 0; k < count; k++) {
    if (!toDecision()) return t('code.why.afterEnd', { number: k + 1 });
    const snapshot = run.getSnapshot();
    if (snapshot.hasTag('check')) {
      const item = checkItemNow(snapshot.context, snapshot.hasTag('check-before') ? 'before' : 'after');
      const q = item && findQuestion(scenario, item.questionId);
      if (!q) return t('code.why.unknownQuestion', { number: k + 1 });
      const answer = readAnswer(r, q);
      if (!answer || !sendTaken(run, { type: 'check.submit', answer })) return t('code.why.notAnAnswer', { number: k + 1 });
    } else if (snapshot.hasTag('question')) {
      const q = findQuestion(scenario, snapshot.context.questionId ?? '');
      if (!q) return t('code.why.unknownQuestion', { number: k + 1 });
      const hint = hintPossible(settings, q) ? r.bit() : false;
      const timeout = timerPossible(settings) ? r.bit() : false;
      if (hint && !sendTaken(run, { type: 'answer.hint' })) return t('code.why.hintUnusable', { number: k + 1 });
      if (timeout) {
        if (!sendTaken(run, { type: 'timer.expire' })) return t('code.why.cannotTimeOut', { number: k + 1 });
      } else {
        const answer = readAnswer(r, q);
        if (!answer || !sendTaken(run, { type: 'answer.submit', answer })) return t('code.why.notAnAnswer', { number: k + 1 });
      }
    } else if (snapshot.hasTag('predicting')) {
      const timeout = timerPossible(settings) ? r.bit() : false;
      if (timeout) {
        if (!sendTaken(run, { type: 'timer.expire' })) return t('code.why.cannotTimeOut', { number: k + 1 });
      } else {
        const predictions: Record<string, ReactionKind> = {};
        for (const reaction of predictedReactions(scenario, snapshot)) {
          const predicted = REACTIONS[r.read(REACTION_BITS)];
          if (!predicted) return t('code.why.notAPrediction', { number: k + 1 });
          predictions[reaction.party] = predicted;
        }
        if (!sendTaken(run, { type: 'prediction.submit', predictions })) return t('code.why.notAPrediction', { number: k + 1 });
      }
    } else if (snapshot.hasTag('moves')) {
      const meeting = scenario.meetings.find((m) => m.id === currentMeetingId(snapshot));
      if (!meeting) return t('code.why.noMeeting', { number: k + 1 });
      const move = meeting.moves[r.read(widthFor(meeting.moves.length))];
      if (!move) return t('code.why.unknownMove', { number: k + 1 });
      if (!sendTaken(run, { type: 'move.choose', moveId: move.id })) return t('code.why.moveLocked', { move: move.text });
    } else {
      return t('code.why.notAskedFor', { number: k + 1 });
    }
  }
  const tail = r.read(2);
  const pendingHint = r.bit();
  const paused = r.bit();
  if (!continueTo(tail)) return t('code.why.pastEnd');
  // A run that has ended takes no more events (sending one would only draw a warning).
  const inQuestion = () => run.getSnapshot().status === 'active' && run.getSnapshot().hasTag('question');
  const inTimedStep = () => run.getSnapshot().status === 'active' && (run.getSnapshot().hasTag('question') || run.getSnapshot().hasTag('predicting'));
  if (pendingHint && !(inQuestion() && sendTaken(run, { type: 'answer.hint' }))) return t('code.why.hintNowhere');
  if (paused && !(inTimedStep() && sendTaken(run, { type: 'timer.pause' }))) return t('code.why.noTimer');
  return null;
}

// ---------------------------------------------------------------------------------------------
// Links

/** A link that opens the game on this run: `baseUrl` with `?run=CODE` (other parameters kept, hash dropped). */
export function runLink(baseUrl: string, code: string): string {
  const hashless = baseUrl.split('#')[0]!;
  const q = hashless.indexOf('?');
  const path = q < 0 ? hashless : hashless.slice(0, q);
  const params = (q < 0 ? '' : hashless.slice(q + 1))
    .split('&')
    .filter((p) => p !== '' && !p.startsWith('run=') && p !== 'run');
  params.push(`run=${code}`);
  return `${path}?${params.join('&')}`;
}

/** The code in a link's `run` parameter, if any (the inverse of runLink). */
export function codeFromLink(href: string): string | null {
  const match = /[?&]run=([A-Za-z0-9_-]+)/.exec(href.split('#')[0]!);
  return match ? match[1]! : null;
}
