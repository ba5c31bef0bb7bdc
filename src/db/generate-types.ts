import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import {
  type ExportStatementNode,
  type ImportStatementNode,
  type ObjectExpressionNode,
  type PropertyNode,
  PostgresDialect,
  RawExpressionNode,
  TypeScriptSerializer,
  transform,
} from 'kysely-codegen';

/**
 * Kysely's types of the migrated schema (src/db/generated), generated from a migrated database by
 * kysely-codegen: `npm run db:types` writes them, src/db/generate-types.test.ts fails when the
 * checked-in files differ from what the migrations give. Never edit the generated files.
 *
 * What the driver returns (src/db/database.ts) decides the column types: a date stays an ISO
 * string, bigint and numeric become numbers, timestamps Dates, jsonb the parsed object (written as
 * JSON text). A text column whose CHECK allows only a list of values gets the union of those values.
 * Each column's SQL type and default follow as a comment, so the files describe the whole schema.
 */
export const GENERATED_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'generated');

/** Which file holds which tables. A new table goes into one of these (or a new group). */
export const TABLE_GROUPS: Record<string, { holds: string; tables: string[] }> = {
  'accounts.ts': {
    holds: 'organisations, user accounts, sessions, sign-in throttling, role grants, idempotency keys',
    tables: ['organisations', 'users', 'sessions', 'login_throttle', 'role_grants', 'idempotency_keys'],
  },
  'notifications.ts': {
    holds: 'notifications in the app, the e-mail outbox and the daily digests (no child data)',
    tables: ['notifications', 'mail_outbox', 'digest_runs'],
  },
  'second-factor.ts': {
    holds: 'second factors (sealed TOTP secrets, recovery codes) and sign-ins with the identity provider under way',
    tables: ['second_factors', 'recovery_codes', 'oidc_logins'],
  },
  'reference-audit.ts': {
    holds: 'jurisdictions, the audit log and its heads, signing keys, applied migrations',
    tables: ['jurisdictions', 'audit_log', 'audit_heads', 'signing_keys', 'schema_migrations'],
  },
  'children.ts': {
    holds: 'children and who may reach them',
    tables: ['children', 'child_access', 'bulk_access'],
  },
  'signals-meetings.ts': {
    holds: 'signals, coordination meetings and their action items',
    tables: ['signals', 'signal_children', 'meetings', 'meeting_children', 'meeting_participants', 'action_items'],
  },
  'report-aggregates.ts': {
    holds: 'the monitoring report\'s aggregates, kept in step with signals, their children and meetings by triggers',
    tables: ['report_signal_days', 'report_meeting_days', 'report_child_counts'],
  },
  'break-glass.ts': {
    holds: 'emergency (break-glass) access grants and their reviews',
    tables: ['break_glass_grants'],
  },
  'police-intakes.ts': {
    holds: 'intakes of the police-station team',
    tables: ['police_intakes'],
  },
  'cases.ts': {
    holds: 'cases, their timeline, decisions, risk levels and transfers (within the country and across borders)',
    tables: ['cases', 'case_signals', 'case_events', 'case_decisions', 'case_risk_levels', 'case_transfers', 'cross_border_referrals',
      'case_legal_holds'],
  },
  'case-work.ts': {
    holds: 'the work on a case: assessments, plans, contacts, referrals and placements',
    tables: [
      'assessments', 'plans', 'plan_goals', 'plan_actions', 'plan_reviews', 'contacts', 'referrals', 'referral_services', 'placements',
    ],
  },
  'institutions.ts': {
    holds: 'residential care institutions: residents, DI assessments and care plans, transitions and their follow-ups',
    tables: ['institution_residents', 'di_assessments', 'di_care_plans', 'di_plan_steps', 'di_transitions', 'di_follow_ups'],
  },
  'attachments.ts': {
    holds: 'files attached to a child, a case, a referral, a meeting or a contact, and their encrypted content',
    tables: ['attachments', 'attachment_contents'],
  },
  'prevention.ts': {
    holds: 'prevention and awareness activities and the children they reached, counted per age group and sex (no child data)',
    tables: ['prevention_activities', 'prevention_reach'],
  },
  'boards.ts': {
    holds: 'child consultation boards: members by pseudonym, meetings and attendance, the views raised and their responses, advocacy actions',
    tables: ['consultation_boards', 'board_members', 'board_meetings', 'board_attendance', 'board_views', 'board_responses', 'board_advocacy'],
  },
  'trainings.ts': {
    holds: 'the trainings register: modules, sessions, participants, attendance, certificates and training needs (no child data)',
    tables: ['training_modules', 'training_sessions', 'training_participants', 'training_attendance', 'training_certificates', 'training_needs'],
  },
  'shelters.ts': {
    holds: 'shelter admissions and their reintegration plan steps (a placement of kind emergency_shelter names its admission)',
    tables: ['shelter_admissions', 'shelter_plan_steps'],
  },
  'feedback.ts': {
    holds: 'the child\'s feedback kiosks, their one-time visits, the children\'s anonymous answers and the unit\'s "you said, we did" notes',
    tables: ['kiosks', 'kiosk_visits', 'kiosk_answers', 'kiosk_notes'],
  },
};

export const HEADER = '// generated by npm run db:types from the migrations — do not edit';
export const MAX_LINES = 400;

const COLUMNS_FILE = 'columns.ts';
/** A jsonb column: read as the parsed object, written as JSON text. */
const JSON_DOCUMENT = { name: 'JsonDocument', type: 'ColumnType<Record<string, unknown>, string, string>' };

/** The CHECK constraints of one text column that allow only a list of values: `CHECK ((c = ANY (ARRAY['a'::text, …])))`. */
const CHECK_ANY = /^CHECK \(\((\w+) = ANY \(ARRAY\[(.+)\]\)\)\)$/;
const CHECK_ONE = /^CHECK \(\((\w+) = ('(?:[^']|'')*'::text)\)\)$/;
const TEXT_LITERAL = /'((?:[^']|'')*)'::text/g;

type ColumnFacts = { sqlType: string; default: string | null; allowed: string[] | null };

/** Per `table.column`: the SQL type, the default expression and the values a CHECK allows. */
async function columnFacts(db: Kysely<any>): Promise<Map<string, ColumnFacts>> {
  const columns = await sql<{ key: string; sql_type: string; default_expr: string | null }>`
    SELECT c.relname || '.' || a.attname AS key, format_type(a.atttypid, a.atttypmod) AS sql_type,
      pg_get_expr(d.adbin, d.adrelid) AS default_expr
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'p') AND a.attnum > 0 AND NOT a.attisdropped`.execute(db);
  const checks = await sql<{ key: string; def: string }>`
    SELECT c.relname || '.' || a.attname AS key, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
    WHERE n.nspname = 'public' AND k.contype = 'c' AND cardinality(k.conkey) = 1
    ORDER BY k.conname`.execute(db);
  const facts = new Map<string, ColumnFacts>();
  for (const r of columns.rows) facts.set(r.key, { sqlType: r.sql_type, default: r.default_expr, allowed: null });
  for (const { key, def } of checks.rows) {
    const m = CHECK_ANY.exec(def) ?? CHECK_ONE.exec(def);
    const fact = facts.get(key);
    if (!m || !fact || `${key.split('.')[0]}.${m[1]}` !== key) continue;
    const values = [...(m[2] ?? '').matchAll(TEXT_LITERAL)].map((v) => (v[1] ?? '').replaceAll("''", "'"));
    fact.allowed = fact.allowed ? fact.allowed.filter((v) => values.includes(v)) : values;
  }
  return facts;
}

/** kysely-codegen's serializer, keeping the columns in the table's order, each with its SQL type as a trailing comment. */
class SchemaSerializer extends TypeScriptSerializer {
  override serializeObjectExpression(node: ObjectExpressionNode): string {
    if (node.properties.length === 0) return '{}';
    return `{\n${node.properties.map((p) => `  ${this.serializeProperty(p)}`).join('')}}`;
  }

  override serializeProperty(node: PropertyNode): string {
    const comment = node.comment ? ` // ${node.comment.replace(/\s+/g, ' ')}` : '';
    return `${this.serializeKey(node.key)}: ${this.serializeExpression(node.value)};${comment}\n`;
  }
}

type Statement = ImportStatementNode | ExportStatementNode;

function declaredName(node: Statement): string | null {
  return node.type === 'ExportStatement' ? node.argument.id.name : null;
}

function fileText(holds: string, imports: string[], body: string[]): string {
  const head = [HEADER, `// ${holds}`, ''];
  if (imports.length > 0) head.push(...imports, '');
  return `${[...head, body.join('\n\n')].join('\n')}\n`;
}

/** The generated files (name → text) for the schema of `db`, a migrated database. */
export async function generateSchemaTypes(db: Kysely<any>): Promise<Map<string, string>> {
  const dialect = new PostgresDialect({ dateParser: 'string', numericParser: 'number', domains: false });
  Object.assign(dialect.adapter.definitions, { [JSON_DOCUMENT.name]: new RawExpressionNode(JSON_DOCUMENT.type) });
  const metadata = await dialect.introspector.introspect({ db });
  const facts = await columnFacts(db);
  for (const table of metadata.tables) {
    for (const column of table.columns) {
      const fact = facts.get(`${table.name}.${column.name}`);
      if (!fact) continue;
      column.comment = fact.default === null ? fact.sqlType : `${fact.sqlType} default ${fact.default}`;
      if (fact.allowed && !column.isArray && column.dataType === 'text') column.enumValues = fact.allowed;
    }
  }
  const nodes = transform({
    dialect,
    metadata,
    typeMapping: { int8: 'number', json: JSON_DOCUMENT.name, jsonb: JSON_DOCUMENT.name },
  }) as Statement[];
  const serializer = new SchemaSerializer();

  const groupOf = new Map<string, string>();
  for (const [file, group] of Object.entries(TABLE_GROUPS)) for (const t of group.tables) groupOf.set(t, file);
  const tableNames = new Set(metadata.tables.map((t) => t.name));
  const ungrouped = [...tableNames].filter((t) => !groupOf.has(t)).sort();
  if (ungrouped.length > 0) {
    throw new Error(`Table(s) ${ungrouped.join(', ')} belong to no group: add them to TABLE_GROUPS in src/db/generate-types.ts.`);
  }
  const gone = [...groupOf.keys()].filter((t) => !tableNames.has(t)).sort();
  if (gone.length > 0) throw new Error(`TABLE_GROUPS names table(s) ${gone.join(', ')}, which the migrations do not create.`);
  const dbNode = nodes.find((n) => declaredName(n) === 'DB');
  const dbBody = dbNode?.type === 'ExportStatement' && dbNode.argument.type === 'InterfaceDeclaration' ? dbNode.argument.body : null;
  // table name → interface name, as kysely-codegen named it in its DB interface
  const interfaceOf = new Map((dbBody?.properties ?? []).map((p) => [p.key, serializer.serializeExpression(p.value)]));

  const shared: string[] = [];
  const sharedNames: string[] = [];
  const kyselyImports = new Set<string>();
  const perFile = new Map<string, string[]>();
  for (const node of nodes) {
    const name = declaredName(node);
    if (node.type === 'ImportStatement') {
      if (node.moduleName === 'kysely') for (const clause of node.imports) kyselyImports.add(clause.name);
    } else if (name === 'DB') {
      continue;
    } else if (node.argument.type === 'InterfaceDeclaration') {
      const table = [...interfaceOf].find(([, i]) => i === name)?.[0];
      const file = table ? groupOf.get(table) : undefined;
      if (!file) throw new Error(`No table for the generated interface ${name}.`);
      perFile.set(file, [...(perFile.get(file) ?? []), serializer.serializeExportStatement(node)]);
    } else if (name) {
      shared.push(serializer.serializeExportStatement(node));
      sharedNames.push(name);
    }
  }

  const files = new Map<string, string>();
  const uses = (texts: string[], name: string) => texts.some((t) => new RegExp(`\\b${name}\\b`).test(t));
  const importLine = (names: string[], from: string) => `import type { ${names.join(', ')} } from '${from}';`;
  const kyselyIn = (texts: string[]) => [...kyselyImports].filter((n) => uses(texts, n)).sort();

  const sharedKysely = kyselyIn(shared);
  files.set(COLUMNS_FILE, fileText('column types shared by the tables', sharedKysely.length ? [importLine(sharedKysely, 'kysely')] : [], shared));
  for (const [file, group] of Object.entries(TABLE_GROUPS)) {
    const body = perFile.get(file) ?? [];
    const imports: string[] = [];
    const fromKysely = kyselyIn(body);
    if (fromKysely.length) imports.push(importLine(fromKysely, 'kysely'));
    const fromShared = sharedNames.filter((n) => uses(body, n)).sort();
    if (fromShared.length) imports.push(importLine(fromShared, `./${COLUMNS_FILE}`));
    files.set(file, fileText(group.holds, imports, body));
  }

  const index: string[] = [];
  for (const file of Object.keys(TABLE_GROUPS)) index.push(`export type * from './${file}';`);
  for (const [file, group] of Object.entries(TABLE_GROUPS)) {
    index.push(importLine(group.tables.map((t) => interfaceOf.get(t) ?? t).sort(), `./${file}`));
  }
  const dbLines = [...tableNames].sort().map((t) => `  ${t}: ${interfaceOf.get(t)};`);
  files.set('index.ts', fileText('the database: every table by its name', [], [index.join('\n'), `export interface DB {\n${dbLines.join('\n')}\n}`]));

  for (const [file, text] of files) {
    const lines = text.split('\n').length - 1;
    if (lines > MAX_LINES) throw new Error(`${file} would have ${lines} lines (over ${MAX_LINES}): split its group in TABLE_GROUPS.`);
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The checked-in generated files (name → text). */
export function readGeneratedTypes(dir = GENERATED_DIR): Map<string, string> {
  if (!fs.existsSync(dir)) return new Map();
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  return new Map(names.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

/** Writes the generated files and removes generated files that are no longer produced. */
export function writeGeneratedTypes(files: Map<string, string>, dir = GENERATED_DIR): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const old of readGeneratedTypes(dir).keys()) if (!files.has(old)) fs.rmSync(path.join(dir, old));
  for (const [file, text] of files) fs.writeFileSync(path.join(dir, file), text);
}
