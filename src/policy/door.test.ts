import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The one door: tables that hold child data are read and written only inside src/policy
 * (and by migrations, backup and test set-up, which work below the application).
 */
const CHILD_TABLES = [
  'children', 'child_access', 'signals', 'signal_children', 'meetings', 'meeting_children',
  'meeting_participants', 'action_items', 'cases', 'case_signals', 'case_events', 'case_decisions', 'case_risk_levels',
  'assessments', 'plans', 'plan_goals', 'plan_actions', 'plan_reviews', 'contacts', 'referrals',
  'referral_services', 'placements', 'case_transfers', 'cross_border_referrals',
];
// src/reports reads only aggregates (counts, never a row about a child); who may see which
// jurisdiction's report is decided by src/reports/report-scope.ts, and every report is audited.
const ALLOWED = [/^src\/policy\//, /^src\/db\//, /^src\/backup\//, /^src\/testing\//, /^src\/reports\//, /\.test\.tsx?$/];
// A capability's queries of child data live in its folder, in modules that work through a Door
// (they import it); routes, CLI commands, the server and the web app never name a child table.
const NEVER = [/^src\/web\//, /^src\/server\//, /^src\/cli\//, /-routes\.ts$/, /-cli\.ts$/];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the policy layer is the only door to child data', () => {
  it('no module outside src/policy names a child table in a query', () => {
    const offenders: string[] = [];
    for (const file of files('src')) {
      const rel = file.split(path.sep).join('/');
      if (ALLOWED.some((re) => re.test(rel))) continue;
      const text = fs.readFileSync(file, 'utf8');
      const throughDoor = /-reach\.ts$/.test(rel) || /from '(\.\.\/)+policy\/door\.ts'|from '\.\/door\.ts'/.test(text) && !NEVER.some((re) => re.test(rel));
      if (throughDoor) continue;
      for (const table of CHILD_TABLES) {
        const re = new RegExp(`(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)\\(\\s*['"\`]${table}\\b|\\b(FROM|JOIN|INTO|UPDATE)\\s+${table}\\b`);
        if (re.test(text)) offenders.push(`${rel} (${table})`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
