import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

// Tables of migration 2026_11_26_1300_notifications (SPEC §8: the notification centre).

export interface NotificationsTable {
  /** bigint, kept as a string by both drivers */
  id: Generated<string>
  user_id: number
  zone_id: number | null
  kind: string
  title: string
  body: string | null
  /** where a click goes in the web app, e.g. /problems/12 */
  link: string | null
  subject_type: string | null
  subject_id: number | null
  created_at: Timestamp
  read_at: Timestamp | null
}

export interface NotificationPrefsTable {
  user_id: number
  prefs: ColumnType<Record<string, { inApp: boolean; email: boolean }>, unknown, unknown>
  updated_at: Timestamp
}

export interface NotificationTables {
  notifications: NotificationsTable
  notification_prefs: NotificationPrefsTable
}
