import type { Deps } from '../../context.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { EnterprisesService } from '../enterprises/enterprises.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import type { ReportsService } from '../reports/reports.service.ts'

// SCAFFOLD — replaced by the module's implementation.
export function createImportsService(
  _deps: Deps,
  _s: {
    audit: AuditService
    events: EventsService
    projects: ProjectsService
    enterprises: EnterprisesService
    reports: ReportsService
  },
) {
  return {}
}
export type ImportsService = ReturnType<typeof createImportsService>
