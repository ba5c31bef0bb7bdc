/**
 * `tsx src/interchange/generator/cli.ts --out <dir> [--case bulgaria-2019] [--seed n] [--year y] [--signals n]`:
 * the same as `safetynet generate`, without opening a database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATOR_CASES } from './cases.ts';
import { generate } from './generate.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' }, case: { type: 'string' }, seed: { type: 'string', default: '1' }, year: { type: 'string', default: '2019' },
    country: { type: 'string', default: 'BG' }, signals: { type: 'string', default: '2000' },
  },
});
if (!values.out) {
  console.error('usage: cli.ts --out <dir> [--case bulgaria-2019] [--seed n] [--year yyyy] [--country BG|AL] [--signals n]');
  process.exit(2);
}
const spec = values.case ? GENERATOR_CASES[values.case] : { seed: Number(values.seed), year: Number(values.year), country: values.country!, signals: Number(values.signals) };
if (!spec) {
  console.error(`Unknown case ${values.case}; known: ${Object.keys(GENERATOR_CASES).join(', ')}`);
  process.exit(2);
}
const result = generate(spec);
fs.mkdirSync(values.out, { recursive: true });
fs.writeFileSync(path.join(values.out, 'signals.csv'), result.signalsCsv);
fs.writeFileSync(path.join(values.out, 'meetings.csv'), result.meetingsCsv);
fs.writeFileSync(path.join(values.out, 'expected.json'), `${JSON.stringify(result.expected, null, 2)}\n`);
console.log(`Wrote ${result.signalRows} signal rows and ${result.expected.meetings.total} meetings to ${values.out}.`);
