import type { AnyCtx, Deps } from '../../context.ts'
import type { AdmissionService } from '../admission/admission.service.ts'
import type { AttachmentsService } from '../attachments/attachments.service.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { LightsService } from '../lights/lights.service.ts'
import type { ReportsService } from '../reports/reports.service.ts'

// SCAFFOLD — replaced by the module's implementation.
export function createProjectsService(
  _deps: Deps,
  _s: {
    audit: AuditService
    events: EventsService
    lights: LightsService
    admission: AdmissionService
    reports: ReportsService
    attachments: AttachmentsService
  },
) {
  return {
    async recomputeAll(_ctx: AnyCtx): Promise<number> {
      return 0
    },
  }
}
export type ProjectsService = ReturnType<typeof createProjectsService>
