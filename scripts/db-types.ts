/**
 * `npm run db:types`: migrates an empty in-memory PGlite database, introspects it and writes
 * Kysely's types of the schema to src/db/generated (src/db/generate-types.ts). Run it after adding
 * a migration; src/db/generate-types.test.ts fails until the files match the migrations.
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../src/db/database.ts';
import { GENERATED_DIR, generateSchemaTypes, readGeneratedTypes, writeGeneratedTypes } from '../src/db/generate-types.ts';
import { migrate } from '../src/db/migrate.ts';

const database = wrapPglite(await PGlite.create(), 'embedded PGlite in memory');
try {
  await migrate(database);
  const files = await generateSchemaTypes(database.owner);
  const before = readGeneratedTypes();
  writeGeneratedTypes(files);
  const changed = [...files].filter(([file, text]) => before.get(file) !== text).map(([file]) => file);
  const removed = [...before.keys()].filter((file) => !files.has(file));
  const where = path.relative(process.cwd(), GENERATED_DIR);
  console.log(
    changed.length + removed.length === 0
      ? `${where}: ${files.size} files, unchanged.`
      : `${where}: ${[...changed.map((f) => `wrote ${f}`), ...removed.map((f) => `removed ${f}`)].join(', ')}.`,
  );
} finally {
  await database.close();
}
