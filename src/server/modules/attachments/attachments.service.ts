import type { Deps } from '../../context.ts'
import type { AuditService } from '../audit/audit.service.ts'

// SCAFFOLD — replaced by the module's implementation.
export function createAttachmentsService(_deps: Deps, _s: { audit: AuditService }) {
  return {}
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>
