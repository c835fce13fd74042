import type { Deps } from '../../context.ts'
import type { AuditService } from '../audit/audit.service.ts'

// SCAFFOLD — replaced by the module's implementation.
export function createAdmissionService(_deps: Deps, _audit: AuditService) {
  return {}
}
export type AdmissionService = ReturnType<typeof createAdmissionService>
