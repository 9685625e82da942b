// Turns the raw JSON files of content/ into validated, cross-checked Content.
// Works on a map of path -> parsed JSON, so Vite (import.meta.glob) and Node (fs) share it.
import type * as z from 'zod';
import {
  GlossaryFileSchema,
  NeutralityFileSchema,
  PartiesFileSchema,
  ScenarioSchema,
  SourceSchema,
  WALKOUT_FLAG,
  type Evidence,
  type GlossaryTerm,
  type Party,
  type Question,
  type Requirement,
  type Scenario,
  type Source,
} from './schema';
import { closestPassage, collapseFollowOns, fieldNames, nearest, plainIssue } from './diagnostics';
import { containsVerbatim, fnv1a, stableStringify } from './text';

export interface ContentError {
  file: string;
  /** The item the error is about (question, meeting, move...), when there is one. */
  id?: string;
  field: string;
  message: string;
  /** 1-based position of the field in the file, when the file's text was parsed with positions. */
  line?: number;
  column?: number;
  /** The offending value as written (shortened). */
  value?: string;
  /** The likely fix: the nearest known id or field, or a marked quote. */
  suggestion?: string;
}

export interface Content {
  sources: Record<string, Source>;
  parties: Record<string, Party>;
  partyOrder: string[];
  glossary: GlossaryTerm[];
  loadedTerms: string[];
  scenarios: Record<string, Scenario>;
  /** Scenario ids in timeline order (tutorials are not on the timeline). */
  scenarioOrder: string[];
  /** The guided practice scenario, if the content has one. */
  tutorialId: string | null;
  /** Per scenario, a hash of its content: replay codes and saves name the version they need. */
  versions: Record<string, string>;
  /** Which file each scenario came from, for error messages. */
  files: Record<string, string>;
  /**
   * Ids of the scenarios that came from a teacher's file at run time rather than with the game
   * (src/content/teacherScenarios.ts); absent when there are none.
   */
  teacherScenarios?: string[];
}

export type LoadResult = { ok: true; content: Content } | { ok: false; errors: ContentError[] };

/** One line per error: `file:line:column: field (id "x"): message (you wrote …) — did you mean …?` */
export function formatContentError(e: ContentError): string {
  const where = e.line !== undefined ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file;
  const wrote = e.value !== undefined ? ` (you wrote ${e.value})` : '';
  const fix = e.suggestion ? ` — ${e.suggestion.startsWith('`') || e.suggestion.startsWith('"') ? `did you mean ${e.suggestion}?` : e.suggestion}` : '';
  return `${where}: ${e.field}${e.id ? ` (id "${e.id}")` : ''}: ${e.message}${wrote}${fix}`;
}

let knownFields: string[] | undefined;

function zodErrors(file: string, error: z.ZodError, raw: unknown): ContentError[] {
  knownFields ??= fieldNames([ScenarioSchema, SourceSchema, PartiesFileSchema, GlossaryFileSchema, NeutralityFileSchema]);
  return error.issues.map((issue) => ({
    file,
    id: nearestId(raw, issue.path),
    field: issue.path.length ? issue.path.map(String).join('.') : '(file)',
    ...plainIssue(issue, raw, knownFields!),
  }));
}

/** An unknown id's error fields: the value written and the nearest known id. */
const unknownId = (value: string, known: Iterable<string>) => {
  const suggestion = nearest(value, [...known]);
  return { value: JSON.stringify(value), suggestion: suggestion && `"${suggestion}"` };
};

/** The id of the innermost object along `path` that has one, so an error names its item. */
function nearestId(raw: unknown, path: PropertyKey[]): string | undefined {
  let node: unknown = raw;
  let found: string | undefined;
  for (const key of path) {
    if (!node || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[key];
    const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof id === 'string') found = id;
  }
  return found;
}

function parse<T>(
  schema: z.ZodType<T>,
  file: string,
  raw: unknown,
  errors: ContentError[],
): T | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  errors.push(...zodErrors(file, result.error, raw));
  return undefined;
}

export function loadContent(rawFiles: Record<string, unknown>): LoadResult {
  const errors: ContentError[] = [];
  const sources: Record<string, Source> = {};
  const sourceFiles: Record<string, string> = {};
  let partiesFile: { file: string; parties: Party[] } | undefined;
  let glossary: GlossaryTerm[] = [];
  let glossaryFile = '';
  let loadedTerms: string[] = [];
  const scenarioList: Array<{ file: string; scenario: Scenario }> = [];

  for (const [file, raw] of Object.entries(rawFiles).sort(([a], [b]) => a.localeCompare(b))) {
    const name = file.replace(/^.*content\//, '');
    if (name.startsWith('sources/')) {
      const source = parse(SourceSchema, file, raw, errors);
      if (!source) continue;
      if (sources[source.id]) {
        errors.push({ file, id: source.id, field: 'id', message: `duplicate source id (also in ${sourceFiles[source.id]})` });
      }
      sources[source.id] = source;
      sourceFiles[source.id] = file;
    } else if (name === 'parties.json') {
      const parsed = parse(PartiesFileSchema, file, raw, errors);
      if (parsed) partiesFile = { file, parties: parsed.parties };
    } else if (name === 'glossary.json') {
      const parsed = parse(GlossaryFileSchema, file, raw, errors);
      if (parsed) {
        glossary = parsed.terms;
        glossaryFile = file;
      }
    } else if (name === 'neutrality.json') {
      const parsed = parse(NeutralityFileSchema, file, raw, errors);
      if (parsed) loadedTerms = parsed.loadedTerms;
    } else if (name.startsWith('scenarios/')) {
      const scenario = parse(ScenarioSchema, file, raw, errors);
      if (scenario) scenarioList.push({ file, scenario });
    }
    // Other files (README, notes) are not content.
  }

  if (!partiesFile) {
    errors.push({ file: 'content/parties.json', field: '(file)', message: 'missing or invalid: the game needs its parties' });
    return { ok: false, errors };
  }

  const parties: Record<string, Party> = {};
  partiesFile.parties.forEach((party, i) => {
    if (parties[party.id]) {
      errors.push({ file: partiesFile!.file, id: party.id, field: `parties.${i}.id`, message: 'duplicate party id' });
    }
    parties[party.id] = party;
  });

  const checkEvidence = (file: string, id: string | undefined, field: string, evidence: Evidence) => {
    const source = sources[evidence.source];
    if (!source) {
      errors.push({ file, id, field: `${field}.source`, message: `unknown source "${evidence.source}"`, ...unknownId(evidence.source, Object.keys(sources)) });
    } else if (!source.passages.some((p) => containsVerbatim(p.text, evidence.quote))) {
      const near = closestPassage(evidence.quote, source.passages);
      errors.push({
        file,
        id,
        field: `${field}.quote`,
        message: `quote not found verbatim in the passages of source "${evidence.source}": "${evidence.quote.slice(0, 80)}"`,
        suggestion: near
          ? `closest is passage "${near.passageId}": ${near.marked} ([-…-] is in the source, {+…+} in your quote${near.typographic.length ? `; the source uses: ${near.typographic.join(', ')}` : ''})`
          : undefined,
      });
    }
  };

  // Who a report quotes: a person speaks for a known party, and a passage names known speakers.
  for (const source of Object.values(sources)) {
    const file = sourceFiles[source.id]!;
    const people = new Set(source.people.map((p) => p.id));
    source.people.forEach((person, i) => {
      if (person.party && !parties[person.party]) errors.push({ file, id: person.id, field: `people.${i}.party`, message: `unknown party "${person.party}"` });
    });
    source.passages.forEach((passage, i) =>
      passage.speakers.forEach((sp, j) => {
        if (!people.has(sp) && !parties[sp]) {
          errors.push({ file, id: passage.id, field: `passages.${i}.speakers.${j}`, message: `"${sp}" is neither one of this source's people nor a party` });
        }
      }),
    );
  }

  for (const [i, party] of partiesFile.parties.entries()) {
    party.stances.forEach((stance, j) =>
      checkEvidence(partiesFile!.file, party.id, `parties.${i}.stances.${j}.evidence`, stance.evidence),
    );
  }
  glossary.forEach((term, i) => {
    if (term.evidence) checkEvidence(glossaryFile, term.id, `terms.${i}.evidence`, term.evidence);
  });

  const questionIds = new Map<string, string>();
  const scenarios: Record<string, Scenario> = {};
  const files: Record<string, string> = {};
  for (const { file, scenario } of scenarioList) {
    if (scenarios[scenario.id]) {
      errors.push({ file, id: scenario.id, field: 'id', message: `duplicate scenario id (also in ${files[scenario.id]})` });
      continue;
    }
    checkScenario(file, scenario, { sources, parties, questionIds, errors, checkEvidence });
    scenarios[scenario.id] = scenario;
    files[scenario.id] = file;
  }

  if (errors.length) return { ok: false, errors: collapseFollowOns(errors) };

  const scenarioOrder = Object.values(scenarios)
    .filter((s) => !s.tutorial)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .map((s) => s.id);
  const versions: Record<string, string> = {};
  for (const id of Object.keys(scenarios)) {
    versions[id] = fnv1a(stableStringify(scenarios[id])).toString(36);
  }
  return {
    ok: true,
    content: {
      sources,
      parties,
      partyOrder: partiesFile.parties.map((p) => p.id),
      glossary,
      loadedTerms,
      scenarios,
      scenarioOrder,
      tutorialId: Object.values(scenarios).find((s) => s.tutorial)?.id ?? null,
      versions,
      files,
    },
  };
}

interface CheckContext {
  sources: Record<string, Source>;
  parties: Record<string, Party>;
  questionIds: Map<string, string>;
  errors: ContentError[];
  checkEvidence: (file: string, id: string | undefined, field: string, evidence: Evidence) => void;
}

function checkScenario(file: string, s: Scenario, ctx: CheckContext): void {
  const { parties, errors, checkEvidence } = ctx;
  const err = (field: string, message: string, id?: string) => errors.push({ file, id, field, message });
  const party = (field: string, partyId: string, id?: string) => {
    if (!parties[partyId]) errors.push({ file, id, field, message: `unknown party "${partyId}"`, ...unknownId(partyId, Object.keys(parties)) });
  };
  const declaredFlags = new Set(s.flags.map((f) => f.id));
  const flag = (field: string, flagId: string, id?: string) => {
    // A walk-out's flag is declared for every party by the engine (src/engine/reactions.ts).
    const walkout = WALKOUT_FLAG.exec(flagId);
    if (walkout) {
      if (!parties[walkout[1]!]) err(field, `flag "${flagId}" names no known party`, id);
    } else if (!declaredFlags.has(flagId)) {
      err(field, `flag "${flagId}" is not declared in "flags"`, id);
    }
  };
  const requirement = (field: string, r: Requirement, id?: string) => {
    if ('party' in r) party(`${field}.party`, r.party, id);
    if ('flag' in r) flag(`${field}.flag`, r.flag, id);
  };

  if (!ctx.sources[s.source]) errors.push({ file, id: s.id, field: 'source', message: `unknown source "${s.source}"`, ...unknownId(s.source, Object.keys(ctx.sources)) });
  for (const key of Object.keys(s.initial.trust)) party(`initial.trust.${key}`, key);
  s.briefing.forEach((b, i) => b.evidence && checkEvidence(file, undefined, `briefing.${i}.evidence`, b.evidence));

  const meetingIds = new Set<string>();
  s.meetings.forEach((m, mi) => {
    const at = `meetings.${mi}`;
    if (meetingIds.has(m.id)) err(`${at}.id`, 'duplicate meeting id', m.id);
    meetingIds.add(m.id);
    m.parties.forEach((p, pi) => {
      party(`${at}.parties.${pi}`, p, m.id);
      if (s.initial.trust[p] === undefined) err(`initial.trust`, `party "${p}" sits at meeting "${m.id}" but has no initial trust`);
    });
    party(`${at}.opening.speaker`, m.opening.speaker, m.id);
    checkEvidence(file, m.id, `${at}.opening.evidence`, m.opening.evidence);
    m.questions.forEach((q, qi) => checkQuestion(file, `${at}.questions.${qi}`, q, s, ctx));
    const moveIds = new Set<string>();
    m.moves.forEach((mv, vi) => {
      const mat = `${at}.moves.${vi}`;
      if (moveIds.has(mv.id)) err(`${mat}.id`, 'duplicate move id in this meeting', mv.id);
      moveIds.add(mv.id);
      mv.requires.forEach((r, ri) => requirement(`${mat}.requires.${ri}`, r, mv.id));
      for (const key of Object.keys(mv.effects.trust)) party(`${mat}.effects.trust.${key}`, key, mv.id);
      mv.effects.setFlags.forEach((f, fi) => flag(`${mat}.effects.setFlags.${fi}`, f, mv.id));
      mv.effects.clearFlags.forEach((f, fi) => flag(`${mat}.effects.clearFlags.${fi}`, f, mv.id));
      mv.evidence.forEach((e, ei) => checkEvidence(file, mv.id, `${mat}.evidence.${ei}`, e));
      // Exactly one reaction per party at the table, each resting on a quote from the sources.
      mv.reactions?.forEach((r, ri) => {
        const rat = `${mat}.reactions.${ri}`;
        if (!m.parties.includes(r.party)) err(`${rat}.party`, `"${r.party}" does not sit at meeting "${m.id}"`, mv.id);
        else if (mv.reactions!.findIndex((o) => o.party === r.party) !== ri) err(`${rat}.party`, `a second reaction for "${r.party}"`, mv.id);
        checkEvidence(file, mv.id, `${rat}.evidence`, r.evidence);
      });
      if (mv.reactions) {
        for (const p of m.parties) {
          if (!mv.reactions.some((r) => r.party === p)) err(`${mat}.reactions`, `no reaction for "${p}", who sits at meeting "${m.id}"`, mv.id);
        }
      }
    });
    if (m.moves.every((mv) => mv.requires.length > 0)) {
      err(`${at}.moves`, 'at least one move must have no requirement, so a meeting always has a way out', m.id);
    }
  });
  s.meetings.forEach((m, mi) =>
    m.moves.forEach((mv, vi) => {
      if (mv.next !== 'end' && !meetingIds.has(mv.next)) {
        errors.push({ file, id: mv.id, field: `meetings.${mi}.moves.${vi}.next`, message: `no meeting "${mv.next}" (use a meeting id or "end")`, ...unknownId(mv.next, [...meetingIds, 'end']) });
      }
    }),
  );
  if (!meetingIds.has(s.start)) errors.push({ file, field: 'start', message: `no meeting "${s.start}"`, ...unknownId(s.start, meetingIds) });
  checkMeetingGraph(s, err);

  const endingIds = new Set<string>();
  s.endings.forEach((e, ei) => {
    if (endingIds.has(e.id)) err(`endings.${ei}.id`, 'duplicate ending id', e.id);
    endingIds.add(e.id);
    e.when.forEach((r, ri) => requirement(`endings.${ei}.when.${ri}`, r, e.id));
    e.evidence.forEach((ev, i) => checkEvidence(file, e.id, `endings.${ei}.evidence.${i}`, ev));
  });
  const last = s.endings[s.endings.length - 1];
  if (last && last.when.length > 0) {
    err(`endings.${s.endings.length - 1}.when`, 'the last ending is the fallback and must have no conditions', last.id);
  }
}

/** Meetings form a directed graph by their moves: it must be acyclic, connected from start, and end. */
function checkMeetingGraph(s: Scenario, err: (field: string, message: string, id?: string) => void): void {
  const byId = new Map(s.meetings.map((m) => [m.id, m]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): void => {
    const m = byId.get(id);
    if (!m || state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      err('meetings', `meeting "${id}" can be reached again from itself: a scenario must always move towards its end`, id);
      return;
    }
    state.set(id, 'visiting');
    for (const mv of m.moves) if (mv.next !== 'end') visit(mv.next);
    state.set(id, 'done');
  };
  visit(s.start);
  s.meetings.forEach((m, mi) => {
    if (!state.has(m.id)) err(`meetings.${mi}`, 'no move leads to this meeting from the start', m.id);
  });
}

function checkQuestion(file: string, at: string, q: Question, s: Scenario, ctx: CheckContext): void {
  const { parties, errors, questionIds, checkEvidence } = ctx;
  const err = (field: string, message: string) => errors.push({ file, id: q.id, field, message });
  const other = questionIds.get(q.id);
  if (other) err(`${at}.id`, `duplicate question id (also in ${other})`);
  questionIds.set(q.id, file);
  q.measures.forEach((p, i) => {
    if (!parties[p]) errors.push({ file, id: q.id, field: `${at}.measures.${i}`, message: `unknown party "${p}"`, ...unknownId(p, Object.keys(parties)) });
  });
  const voices = new Set((ctx.sources[s.source]?.people ?? []).filter((p) => p.voice).map((p) => p.id));
  q.voices.forEach((v, i) => {
    if (!voices.has(v)) err(`${at}.voices.${i}`, `"${v}" is not a voice (a person with \`voice\`) of source "${s.source}"`);
  });
  q.evidence.forEach((e, i) => checkEvidence(file, q.id, `${at}.evidence.${i}`, e));
  switch (q.type) {
    case 'choice':
    case 'who-said': {
      const correct = q.options.filter((o) => o.correct).length;
      if (correct !== 1) err(`${at}.options`, `exactly one option must be correct (found ${correct})`);
      const ids = new Set(q.options.map((o) => o.id));
      if (ids.size !== q.options.length) err(`${at}.options`, 'option ids must be unique');
      if (q.type === 'who-said') checkEvidence(file, q.id, `${at}.quote`, q.quote);
      break;
    }
    case 'sort':
      q.categories.forEach((c, i) => {
        if (!parties[c]) errors.push({ file, id: q.id, field: `${at}.categories.${i}`, message: `unknown party "${c}"`, ...unknownId(c, Object.keys(parties)) });
      });
      q.statements.forEach((st, i) => {
        if (!q.categories.includes(st.party)) err(`${at}.statements.${i}.party`, `"${st.party}" is not one of the categories`);
      });
      // A repeated id makes every answer invalid, and the run could never get past the question.
      if (new Set(q.categories).size !== q.categories.length) err(`${at}.categories`, 'categories must not repeat');
      if (new Set(q.statements.map((st) => st.id)).size !== q.statements.length) err(`${at}.statements`, 'statement ids must be unique');
      break;
    case 'order':
      if (new Set(q.events.map((e) => e.id)).size !== q.events.length) err(`${at}.events`, 'event ids must be unique');
      break;
    case 'true-false':
      break;
  }
  void s;
}
