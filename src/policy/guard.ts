import { type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, Kysely, type QueryCompiler, type TransactionSettings } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Migration, listMigrations } from '../db/migrate.ts';

/**
 * The one door, enforced where queries run. The application's query handle (`Database.db`, what
 * routes and services receive) refuses, on the connection, any query that touches a table holding
 * child data; the Door alone runs its transactions on the unguarded handle over the same
 * connections. Which tables hold child data, the migrations say (COMMENT ON TABLE … IS 'child
 * data', migration 0012; src/policy/guard.test.ts holds the marks to the schema).
 */

/** The tables the migrations mark 'child data' (the last comment on a table counts; a dropped table is gone). */
export function childDataTables(migrations: Migration[] = listMigrations()): ReadonlySet<string> {
  const marks = new Map<string, boolean>();
  // A comment marks a table; a dropped table is no table at all. In the order the migrations say them.
  const said = /COMMENT\s+ON\s+TABLE\s+(?:public\.)?"?(\w+)"?\s+IS\s+(NULL|'(?:[^']|'')*')|DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:public\.)?"?(\w+)"?/gi;
  for (const m of migrations) {
    for (const [, table, text, dropped] of m.sql.matchAll(said)) {
      if (dropped) marks.delete(dropped.toLowerCase());
      else marks.set(table!.toLowerCase(), /^'child data\b/i.test(text!));
    }
  }
  return new Set([...marks].filter(([, child]) => child).map(([table]) => table));
}

export class ChildDataOutsideDoor extends Error {
  constructor(readonly table: string) {
    super(`Child data is reached only through a Door (src/policy/door.ts): a query outside a Door's transaction touches the table ${table}`);
    this.name = 'ChildDataOutsideDoor';
  }
}

type Node = { readonly kind?: string; readonly [key: string]: unknown };

/**
 * The first child-data table a query names: as an identifier (a table, a qualified column, a
 * `sql.table` or `sql.id`), or as a word anywhere in raw SQL text (conservative: a raw query that
 * says a child table's name is refused even where the word is not a table).
 */
export function childTableIn(node: unknown, tables: ReadonlySet<string>, words: RegExp): string | null {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = childTableIn(item, tables, words);
      if (found) return found;
    }
    return null;
  }
  if (node === null || typeof node !== 'object') return null;
  const n = node as Node;
  if (n.kind === 'IdentifierNode' && tables.has(String(n.name))) return String(n.name);
  if (n.kind === 'RawNode') {
    for (const fragment of n.sqlFragments as string[]) {
      const word = words.exec(fragment);
      if (word) return word[1]!.toLowerCase();
    }
  }
  if (n.kind === 'ValueNode' || n.kind === 'ValueListNode' || n.kind === 'PrimitiveValueListNode') return null;
  for (const value of Object.values(n)) {
    const found = childTableIn(value, tables, words);
    if (found) return found;
  }
  return null;
}

function wordsOf(tables: ReadonlySet<string>): RegExp {
  return new RegExp(`(?<![\\w$])(${[...tables].join('|') || '(?!)'})(?![\\w$])`, 'i');
}

/** A connection that checks every query before it runs. */
class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly check: (query: CompiledQuery) => void,
  ) {}
  executeQuery<R>(query: CompiledQuery) {
    this.check(query);
    return this.inner.executeQuery<R>(query);
  }
  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
    this.check(query);
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** The driver of the guarded handle: the unguarded handle's driver, with its connections checked. */
class GuardedDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, GuardedConnection>();
  constructor(
    private readonly inner: Driver,
    private readonly check: (query: CompiledQuery) => void,
  ) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection() {
    const connection = await this.inner.acquireConnection();
    let guarded = this.wrapped.get(connection);
    if (!guarded) this.wrapped.set(connection, (guarded = new GuardedConnection(connection, this.check)));
    return guarded;
  }
  beginTransaction(c: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction((c as GuardedConnection).inner, settings);
  }
  commitTransaction(c: DatabaseConnection) {
    return this.inner.commitTransaction((c as GuardedConnection).inner);
  }
  rollbackTransaction(c: DatabaseConnection) {
    return this.inner.rollbackTransaction((c as GuardedConnection).inner);
  }
  releaseConnection(c: DatabaseConnection) {
    return this.inner.releaseConnection((c as GuardedConnection).inner);
  }
  savepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.savepoint!((c as GuardedConnection).inner, name, compile);
  }
  rollbackToSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.rollbackToSavepoint!((c as GuardedConnection).inner, name, compile);
  }
  releaseSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.releaseSavepoint!((c as GuardedConnection).inner, name, compile);
  }
  /** The connections belong to the unguarded handle, which ends them. */
  async destroy() {}
}

const unguardedOf = new WeakMap<Kysely<DB>, Kysely<DB>>();
let marked: ReadonlySet<string> | undefined;

/**
 * The application's handle over `dialect`, guarded, and the unguarded handle over the same driver
 * (one pool: on PGlite both must take turns at its one session). The unguarded one is for the
 * Door and for the work below the application (migrations, backup, test set-up).
 */
export function guardedHandles(dialect: Dialect, tables: ReadonlySet<string> = (marked ??= childDataTables())): { db: Kysely<DB>; unguarded: Kysely<DB> } {
  const driver = dialect.createDriver();
  const words = wordsOf(tables);
  const check = (query: CompiledQuery) => {
    const table = childTableIn(query.query, tables, words);
    if (table) throw new ChildDataOutsideDoor(table);
  };
  const over = (d: Driver): Dialect => ({
    createDriver: () => d,
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  });
  const unguarded = new Kysely<DB>({ dialect: over(driver) });
  const db = new Kysely<DB>({ dialect: over(new GuardedDriver(driver, check)) });
  unguardedOf.set(db, unguarded);
  return { db, unguarded };
}

/**
 * The unguarded handle behind an application's handle (a handle that is not guarded is its own).
 * Only the Door (src/policy/door.ts) and test set-up (src/testing) call it: the static check in
 * src/policy/door.test.ts holds them to that.
 */
export function unguardedHandle(db: Kysely<DB>): Kysely<DB> {
  return unguardedOf.get(db) ?? db;
}
