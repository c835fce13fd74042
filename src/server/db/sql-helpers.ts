import { type Kysely, type RawBuilder, sql } from 'kysely'

/** Runs DDL one statement at a time: PGlite's extended protocol takes a single statement per query. */
export async function runStatements(db: Kysely<any>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

/** A jsonb parameter. pg would turn a JS array into a PostgreSQL array literal, so serialise explicitly. */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`${JSON.stringify(value)}::jsonb`
}

/** Escapes LIKE wildcards in user input. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
