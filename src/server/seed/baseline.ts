import type { Clock } from '../clock.ts'
import type { Db } from '../db/database.ts'
import { seedOfficialCalendar } from '../modules/calendar/calendar.service.ts'
import { seedBuiltinDictionaries } from '../modules/dictionaries/dictionaries.service.ts'
import { seedReferenceData } from '../modules/reference/reference-data.ts'
import { syncBuiltinRoles } from '../modules/roles/roles.service.ts'

/** What every database needs before anyone signs in: built-in roles, dictionaries, reference data. Idempotent. */
export async function ensureBaseline(db: Db, clock: Clock) {
  await db.transaction().execute(async (trx) => {
    await syncBuiltinRoles(trx, clock)
    await seedBuiltinDictionaries(trx, clock.now())
    await seedReferenceData(trx)
    await seedOfficialCalendar(trx, clock.now())
  })
}
