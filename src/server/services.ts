import type { Deps } from './context.ts'
import { createAuditService } from './modules/audit/audit.service.ts'
import { createAuthService } from './modules/auth/auth.service.ts'
import { createDepartmentsService } from './modules/departments/departments.service.ts'
import { createDictionariesService } from './modules/dictionaries/dictionaries.service.ts'
import { createReferenceService } from './modules/reference/reference.service.ts'
import { createRolesService } from './modules/roles/roles.service.ts'
import { createSettingsService } from './modules/settings/settings.service.ts'
import { createUsersService } from './modules/users/users.service.ts'

/** Wires every domain service once; modules reach each other only through these. */
export function buildServices(deps: Deps) {
  const audit = createAuditService(deps)
  const settings = createSettingsService(deps, audit)
  const auth = createAuthService(deps, audit, settings)
  const departments = createDepartmentsService(deps, audit)
  const roles = createRolesService(deps, audit)
  const users = createUsersService(deps, audit, departments, roles)
  const dictionaries = createDictionariesService(deps, audit)
  const reference = createReferenceService(deps)
  return { clock: deps.clock, audit, settings, auth, departments, roles, users, dictionaries, reference }
}

export type Services = ReturnType<typeof buildServices>
