import { type Expression, type SqlBool, sql } from 'kysely';

/** `text` with LIKE's wildcards and its escape character escaped, so it matches only itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE '%text%'` with the text taken literally (its % _ \ escaped, ESCAPE given). */
export function containsLiteral(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
}
