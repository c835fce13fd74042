import type { Deps } from '../../context.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import type { ProblemsService } from './problems.service.ts'

// SCAFFOLD — replaced by the module's implementation.
export function createCommonProblemsService(
  _deps: Deps,
  _s: { audit: AuditService; events: EventsService; problems: ProblemsService; projects: ProjectsService },
) {
  return {}
}
export type CommonProblemsService = ReturnType<typeof createCommonProblemsService>
