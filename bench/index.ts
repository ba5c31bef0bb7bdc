/**
 * `npm run bench [-- <name> …]`: every benchmark, or the ones named. Each prints its figures
 * next to a baseline measured in the same run, on PGlite, or on PostgreSQL with DATABASE_URL.
 */
import { runCasesBench } from './cases.ts';
import { runFoundationBench } from './foundation.ts';
import { runImportBench } from './import.ts';
import { runReportBench } from './report.ts';

const BENCHES: Record<string, () => Promise<void>> = {
  foundation: runFoundationBench,
  import: runImportBench,
  report: runReportBench,
  cases: runCasesBench,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  console.log(`\n=== ${name}`);
  await BENCHES[name]!();
}
