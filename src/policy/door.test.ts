import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childDataTables } from './guard.ts';

/**
 * The second net behind the guard on the application's handle (src/policy/guard.ts): a static
 * check that child-data tables are named only where child data may be queried. The tables are
 * the ones the migrations mark 'child data' (the guard's own list; guard.test.ts holds it to the
 * schema).
 *
 * Who may name a child table: the work below the application (src/db, src/backup, src/testing,
 * test files and their fixtures), src/policy, src/reports (aggregates only, read in a Door's
 * transaction: src/reports/report-service.ts), and a capability's modules that work through a
 * Door (they import src/policy/door.ts, or compile reach: *-reach.ts). Routes, CLI commands,
 * the server, the web app and every other module never name one, not even in a variable.
 */
const TABLES = [...childDataTables()];
const BELOW = [/^src\/db\//, /^src\/backup\//, /^src\/testing\//, /^src\/policy\//, /^src\/reports\//, /\.test\.tsx?$/, /-fixtures?\.ts$/];
const NEVER = [/^src\/web\//, /^src\/server\//, /^src\/cli\//, /-routes\.ts$/, /-cli\.ts$/];
const THROUGH_DOOR = /from '(\.\.\/)+policy\/door\.ts'/;

const alt = TABLES.join('|');
/** A child table in a query call, in `sql.table`/`sql.id`, or after a keyword in SQL text. */
const NAMED = new RegExp(`(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|with|\\w*Join|sql\\.table|sql\\.id)\\(\\s*['"\`](${alt})\\b|\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+"?(${alt})\\b`, 'i');
/** A string that is a child table's name (or the name with an alias), wherever it is held. */
const HELD = new RegExp(`(['"\`])(${alt})(\\s+as\\s+\\w+)?\\1`);
/** A query whose table this check cannot read: a variable, an expression. */
const RUNS_QUERIES = /\b(selectFrom|insertInto|updateTable|deleteFrom|mergeInto)\(|\bsql(<[^>]*>)?`|\bsql\.(raw|table|id)\(/;
const VARIABLE_TABLE = /\b(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|sql\.table|sql\.id|sql\.raw)\(\s*[\w$.[\]]+\s*[,)]/;

/** What one module does wrong, by its path and text. */
function offences(rel: string, text: string): string[] {
  const found: string[] = [];
  if (/\bunguardedHandle\b/.test(text) && !/^src\/policy\/(door|guard)\.ts$|^src\/testing\/|\.test\.tsx?$/.test(rel)) found.push('takes the unguarded handle (only the Door and tests may)');
  if (/\bdatabase\.owner\b/.test(text) && !BELOW.some((re) => re.test(rel)) && !/^src\/cli\/|-cli\.ts$/.test(rel)) found.push('uses the owner connection (only migrations, backup and the CLI may)');
  if (BELOW.some((re) => re.test(rel))) return found;
  const throughDoor = !NEVER.some((re) => re.test(rel)) && (/-reach\.ts$/.test(rel) || THROUGH_DOOR.test(text));
  if (throughDoor) return found;
  const named = NAMED.exec(text);
  if (named) found.push(`names the child table ${named[2] ?? named[4]} in a query`);
  const held = HELD.exec(text);
  if (!named && held && RUNS_QUERIES.test(text)) found.push(`holds the child table name ${held[2]} and runs queries`);
  const variable = VARIABLE_TABLE.exec(text);
  if (variable && !/\(\s*['"`(]/.test(variable[0])) found.push(`queries a table held in a variable (${variable[0].trim()})`);
  return found;
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('child data is queried only where a Door is at work (the static net)', () => {
  it('the table list comes from the migrations', () => {
    expect(TABLES).toContain('children');
    expect(TABLES).toContain('bulk_access');
    expect(TABLES).not.toContain('users');
  });

  it('no module outside the allowed ones names a child table, holds its name or queries a table in a variable', () => {
    const all = files('src').flatMap((file) => {
      const rel = file.split(path.sep).join('/');
      return offences(rel, fs.readFileSync(file, 'utf8')).map((o) => `${rel}: ${o}`);
    });
    expect(all).toEqual([]);
  });

  it('catches a breach (deliberate ones, in modules that must not hold child-data queries)', () => {
    const route = 'src/signals/signals-routes.ts';
    const door = "import { openDoor } from '../policy/door.ts';\n";
    expect(offences(route, `${door}await app.database.db.selectFrom('signals').selectAll().execute();`)).toEqual(['names the child table signals in a query']);
    expect(offences('src/users/users-service.ts', "await db.selectFrom('users').innerJoin('children as c', 'c.owner_id', 'users.id').execute();")).toEqual(['names the child table children in a query']);
    expect(offences('src/server/app.ts', 'await sql`SELECT count(*) FROM case_events`.execute(db);')).toEqual(['names the child table case_events in a query']);
    // A table name held in a variable, in the module or outside it.
    expect(offences('src/auth/sessions.ts', "const t = 'children';\nawait db.selectFrom(t).selectAll().execute();")).toEqual([
      'holds the child table name children and runs queries',
      'queries a table held in a variable (selectFrom(t))',
    ]);
    expect(offences('src/cli/main.ts', 'await database.db.deleteFrom(TABLE).execute();')).toEqual(['queries a table held in a variable (deleteFrom(TABLE))']);
    expect(offences('src/users/users-routes.ts', 'await sql`SELECT 1 FROM ${sql.table(name)}`.execute(app.database.db);')).toEqual(['queries a table held in a variable (sql.table(name))']);
    // The back doors around the guard.
    expect(offences(route, 'const raw = unguardedHandle(app.database.db);')).toEqual(['takes the unguarded handle (only the Door and tests may)']);
    expect(offences(route, "await app.database.owner.selectFrom('users').execute();")).toEqual(['uses the owner connection (only migrations, backup and the CLI may)']);
    // The same in a module that works through a Door, and names that are not queries, pass.
    expect(offences('src/signals/signal-records.ts', `${door}const t = 'signals';\nawait tx.selectFrom(t).selectAll().execute();`)).toEqual([]);
    expect(offences(route, "const tags = ['signals'];\nopenDoor(app.database.db, actor);")).toEqual([]);
  });
});
