import type { Deps } from '../../context.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CalendarService } from '../calendar/calendar.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { DeadlineSettingsService } from './deadline-settings.ts'
import type { ProblemsService } from './problems.service.ts'

// SCAFFOLD — replaced by the module's implementation.
export function createSupervisionService(
  _deps: Deps,
  _s: {
    audit: AuditService
    events: EventsService
    calendar: CalendarService
    deadlines: DeadlineSettingsService
    problems: ProblemsService
  },
) {
  return {}
}
export type SupervisionService = ReturnType<typeof createSupervisionService>
