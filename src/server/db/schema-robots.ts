import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

// Tables of migrations 2026_11_26_1400_robots and _1500_email (SPEC §8: work-group robots, e-mail).

export type RobotPlatform = 'wecom' | 'dingtalk' | 'feishu'

export interface RobotsTable {
  id: Generated<number>
  zone_id: number
  department_id: number | null
  platform: RobotPlatform
  name: string
  /** the webhook URL (it carries the robot's key), sealed with the app's secret box */
  webhook_sealed: string
  /** host and the key's last characters, to tell robots apart */
  webhook_hint: string
  /** the signing secret (钉钉 加签, 飞书 签名校验), sealed */
  secret_sealed: string | null
  topics: string[]
  /** 钉钉: mobiles to @ in every message */
  mobiles: Generated<string[]>
  enabled: Generated<boolean>
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface RobotDeliveriesTable {
  id: Generated<string>
  robot_id: number
  zone_id: number
  topic: string
  title: string
  body: string
  status: 'pending' | 'sent' | 'failed'
  attempts: Generated<number>
  next_at: Timestamp
  error_code: string | null
  error: string | null
  created_at: Timestamp
  sent_at: Timestamp | null
}

export interface RobotTables {
  robots: RobotsTable
  robot_deliveries: RobotDeliveriesTable
  email_deliveries: EmailDeliveriesTable
}

export interface EmailDeliveriesTable {
  id: Generated<string>
  user_id: number | null
  to_address: string
  subject: string
  body: string
  kind: string
  status: 'pending' | 'sent' | 'failed'
  attempts: Generated<number>
  next_at: Timestamp
  error: string | null
  created_at: Timestamp
  sent_at: Timestamp | null
}
