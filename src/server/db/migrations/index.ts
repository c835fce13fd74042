import type { Migration } from 'kysely/migration'
import * as foundation from './2026_11_24_1200_foundation.ts'
import * as portfolio from './2026_11_24_1500_portfolio.ts'
import * as problems from './2026_11_25_0900_problems.ts'
import * as rhythm from './2026_11_25_1500_rhythm.ts'
import * as campaignKind from './2026_11_26_1000_campaign_kind.ts'
import * as open311 from './2026_11_26_1200_open311.ts'
import * as notifications from './2026_11_26_1300_notifications.ts'
import * as robots from './2026_11_26_1400_robots.ts'
import * as email from './2026_11_26_1500_email.ts'
import * as permits from './2026_11_27_1000_permits.ts'
import * as serviceRecords from './2026_11_27_1010_service_records.ts'
import * as policies from './2026_11_27_1100_policies.ts'
import * as indexes from './2026_11_27_1400_indexes.ts'

/** Every migration in order; a static list so migrations load the same way in the server, CLI and tests. */
export const migrations: Record<string, Migration> = {
  '2026_11_24_1200_foundation': foundation,
  '2026_11_24_1500_portfolio': portfolio,
  '2026_11_25_0900_problems': problems,
  '2026_11_25_1500_rhythm': rhythm,
  '2026_11_26_1000_campaign_kind': campaignKind,
  '2026_11_26_1200_open311': open311,
  '2026_11_26_1300_notifications': notifications,
  '2026_11_26_1400_robots': robots,
  '2026_11_26_1500_email': email,
  '2026_11_27_1000_permits': permits,
  '2026_11_27_1010_service_records': serviceRecords,
  '2026_11_27_1100_policies': policies,
  '2026_11_27_1400_indexes': indexes,
}
