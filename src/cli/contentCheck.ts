// `npm run content:check`: validates content/ and prints the counts an author needs and the
// question bank's report. Exits non-zero with errors that name the file, line and column, the item
// id and the field. Every rule an author must meet is an error here (src/content/checks.ts, the
// same checks the build, the dev server and a teacher's file in the game run); advice is printed
// as a warning and never fails the check.
import { checkPassagesAgainstCaptures, countQuestions } from '../content/audit';
import { bankReport, checkBank, ENFORCED_RULES, formatBankReport, BANK_RULES } from '../content/bankAudit';
import { authorChecks, formatWarning } from '../content/checks';
import { withPositions } from '../content/diagnostics';
import { formatContentError, loadContent } from '../content/loader';
import { readContentFiles, readSeed, seedsPresent } from './contentFiles';

const { files, parseErrors, located } = readContentFiles();
const result = loadContent(files);
const errors = [...parseErrors];
let warnings: string[] = [];
if (!result.ok) errors.push(...withPositions(result.errors, located).map(formatContentError));
else {
  if (seedsPresent()) errors.push(...checkPassagesAgainstCaptures(result.content, readSeed).map(formatContentError));
  else console.log('note: ../shared/seeds not found; passages were not checked against the original captures');
  const checks = authorChecks(result.content);
  errors.push(...withPositions(checks.errors, located).map(formatContentError));
  warnings = checks.warnings.map((w) => formatWarning({ ...w, ...withPositions([w], located)[0]! }));
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

console.log('');
for (const line of formatBankReport(bankReport(content), checkBank(content))) console.log(line);
console.log(`  enforced rules: ${[...ENFORCED_RULES].join(', ')}; not yet enforced: ${BANK_RULES.filter((r) => !ENFORCED_RULES.has(r)).join(', ')}`);
if (warnings.length) {
  console.log(`\nWarnings (${warnings.length}; advice, not failing the check):`);
  for (const w of warnings) console.log(`  ${w}`);
}
