import type { ColumnType, Generated } from 'kysely'
import type { PermitStatus, ServiceKind, ServicePhase } from '../../shared/service.ts'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type DateStr = ColumnType<string, string, string>

// Tables of migrations 2026_11_27_1000_permits and 2026_11_27_1010_service_records
// (帮办代办 and the service record, SPEC §2 保姆式服务).

export interface PermitsTable {
  id: Generated<number>
  zone_id: number
  project_id: number
  /** the template item it came from (permit-templates.ts), null when added by hand */
  template_key: string | null
  name: string
  sort: Generated<number>
  /** 帮办员 */
  agent_user_id: number | null
  /** approving department of the organisation, or … */
  department_id: number | null
  /** … its name as free text (a bureau outside the platform) */
  department_name: string | null
  status: Generated<PermitStatus>
  submitted_on: DateStr | null
  accepted_on: DateStr | null
  approved_on: DateStr | null
  /** 法定时限 in working days */
  time_limit_days: number | null
  /** accepted_on + time_limit_days working days (work calendar), stored when either changes */
  due_date: DateStr | null
  note: string | null
  /** the problem raised when the permit got stuck */
  problem_id: number | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface ServiceRecordsTable {
  id: Generated<number>
  zone_id: number
  enterprise_id: number
  project_id: number | null
  permit_id: number | null
  kind: ServiceKind
  phase: ServicePhase
  contact_date: DateStr
  officer_user_id: number
  summary: string
  follow_up: string | null
  /** 'permit': recorded automatically when a permit was approved */
  source: Generated<'manual' | 'permit' | 'policy'>
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface ServiceTables {
  permits: PermitsTable
  service_records: ServiceRecordsTable
}
