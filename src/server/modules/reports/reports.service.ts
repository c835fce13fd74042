import type { Deps } from '../../context.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { EventsService } from '../events/events.service.ts'

// SCAFFOLD — replaced by the module's implementation.
export function createReportsService(_deps: Deps, _s: { audit: AuditService; events: EventsService }) {
  return {}
}
export type ReportsService = ReturnType<typeof createReportsService>
