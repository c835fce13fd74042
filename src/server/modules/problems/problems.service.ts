import type { Deps } from '../../context.ts'
import type { AttachmentsService } from '../attachments/attachments.service.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CalendarService } from '../calendar/calendar.service.ts'
import type { DepartmentsService } from '../departments/departments.service.ts'
import type { EnterprisesService } from '../enterprises/enterprises.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import type { DeadlineSettingsService } from './deadline-settings.ts'

// SCAFFOLD — replaced by the module's implementation.
export function createProblemsService(
  _deps: Deps,
  _s: {
    audit: AuditService
    events: EventsService
    calendar: CalendarService
    deadlines: DeadlineSettingsService
    projects: ProjectsService
    enterprises: EnterprisesService
    attachments: AttachmentsService
    departments: DepartmentsService
  },
) {
  return {}
}
export type ProblemsService = ReturnType<typeof createProblemsService>
