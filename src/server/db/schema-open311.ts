import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

// Tables of migration 2026_11_26_1200_open311 (SPEC §8: Open311 GeoReport v2 intake).

export interface Open311KeysTable {
  id: Generated<number>
  zone_id: number
  name: string
  /** the problem source (dictionary problem_source) given to problems posted with this key */
  source: string
  /** sha-256 of the key; the key itself is shown once, when created */
  key_hash: string
  /** its last four characters, so admins can tell keys apart */
  key_hint: string
  enabled: Generated<boolean>
  created_by: number | null
  created_at: Timestamp
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
  revoked_by: number | null
}

export interface Open311RequestsTable {
  token: string
  zone_id: number
  key_id: number
  problem_id: number
  created_at: Timestamp
}

export interface Open311Tables {
  open311_keys: Open311KeysTable
  open311_requests: Open311RequestsTable
}
