// `npm run content:check`: validates content/ and prints the counts an author needs and the
// question bank's report. Exits non-zero with errors that name the file, the item id and the
// field; a bank rule not yet enforced (src/content/bankAudit.ts ENFORCED_RULES) is printed only.
import { checkAuthoringNotes, checkDuplicateQuestions, checkNeutrality, checkNumbers, checkPassagesAgainstCaptures, countQuestions } from '../content/audit';
import { bankReport, checkBank, ENFORCED_RULES, formatBankReport, formatFinding, isBlocking, BANK_RULES } from '../content/bankAudit';
import { withPositions } from '../content/diagnostics';
import { formatContentError, loadContent } from '../content/loader';
import { readContentFiles, readSeed, seedsPresent } from './contentFiles';

const { files, parseErrors, located } = readContentFiles();
const result = loadContent(files);
const errors = [...parseErrors];
if (!result.ok) errors.push(...withPositions(result.errors, located).map(formatContentError));
else {
  if (seedsPresent()) errors.push(...checkPassagesAgainstCaptures(result.content, readSeed).map(formatContentError));
  else console.log('note: ../shared/seeds not found; passages were not checked against the original captures');
  errors.push(...checkNeutrality(result.content).map(formatContentError));
  errors.push(...checkNumbers(result.content).map(formatContentError));
  errors.push(...checkDuplicateQuestions(result.content).map(formatContentError));
  errors.push(...checkAuthoringNotes(result.content).map(formatContentError));
}
if (errors.length) {
  console.error(`content:check found ${errors.length} problem(s):`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
const { content } = result as Extract<typeof result, { ok: true }>;
const counts = countQuestions(content);
console.log(`content:check OK: ${content.scenarioOrder.length} scenario(s), ${counts.total} questions, ${Object.keys(content.sources).length} sources, ${content.partyOrder.length} parties`);
console.log('  per scenario:', counts.perScenario);
console.log('  per type:    ', counts.perType);
console.log('  per party:   ', counts.perParty);

const findings = checkBank(content);
console.log('');
for (const line of formatBankReport(bankReport(content), findings)) console.log(line);
console.log(`  enforced rules: ${[...ENFORCED_RULES].join(', ')}; not yet enforced: ${BANK_RULES.filter((r) => !ENFORCED_RULES.has(r)).join(', ')}`);
const blocking = findings.filter(isBlocking);
if (findings.length) {
  console.log(`\nQuestion bank findings (${findings.length}, ${blocking.length} failing the check):`);
  for (const f of findings) (isBlocking(f) ? console.error : console.log)(`  ${formatFinding(f)}`);
}
if (blocking.length) {
  console.error(`content:check: ${blocking.length} question bank error(s) of enforced rules`);
  process.exit(1);
}
