import type { Migration } from 'kysely/migration'
import * as foundation from './2026_11_24_1200_foundation.ts'

/** Every migration in order; a static list so migrations load the same way in the server, CLI and tests. */
export const migrations: Record<string, Migration> = {
  '2026_11_24_1200_foundation': foundation,
}
