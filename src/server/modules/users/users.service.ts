import { passwordProblem } from '../../../shared/password-policy.ts'
import type { Ctx, Deps } from '../../context.ts'
import { AppError, found, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { sortOf } from '../../lib/pagination.ts'
import { hashPassword } from '../../lib/password-hash.ts'
import { type Actor, authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { destroyUserSessions } from '../auth/session-store.ts'
import type { DepartmentsService } from '../departments/departments.service.ts'
import type { RolesService } from '../roles/roles.service.ts'
import * as repo from './users.repository.ts'
import { USER_SORTS } from './users.schema.ts'

export function createUsersService(
  deps: Deps,
  audit: AuditService,
  departments: DepartmentsService,
  roles: RolesService,
) {
  const { db, clock } = deps

  function present(r: repo.UserRow) {
    const now = clock.now().getTime()
    const lockedUntil = r.locked_until ? new Date(r.locked_until) : null
    const locked = !!lockedUntil && lockedUntil.getTime() > now
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      departmentId: r.department_id,
      departmentName: r.department_name,
      zoneId: r.zone_id,
      enterprise: r.enterprise_id ? { id: r.enterprise_id, name: r.enterprise_name ?? '' } : null,
      title: r.title,
      phone: r.phone,
      email: r.email,
      enabled: r.enabled,
      locked,
      lockedUntil: locked ? lockedUntil!.toISOString() : null,
      mustChangePassword: r.must_change_password,
      totpEnabled: r.totp_enabled,
      lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
      roles: r.roles ?? [],
      version: r.version,
    }
  }
  type Presented = ReturnType<typeof present>

  async function load(actor: Actor, id: number, trx = db) {
    return found(await repo.findById(trx, id, actor), '用户')
  }

  async function get(actor: Actor, id: number) {
    return present(await load(actor, id))
  }

  function listArgs(q: repo.UserFilter & { sort?: string }) {
    const s = sortOf(q.sort, USER_SORTS, 'username')
    return { filter: q, sort: { field: s.field.replace('-', '') as 'username', dir: s.dir } }
  }

  const { list, exportRows } = pagedList({
    args: listArgs,
    fetch: (actor: Actor, filter, sort, window) => repo.list(db, actor, filter, clock.now(), sort, window),
    present: (rows) => rows.map(present),
  })

  async function targetDepartment(actor: Actor, departmentId: number) {
    const dept = await departments.findVisible(actor, departmentId)
    if (!dept) throw new AppError('VALIDATION', '所属部门不存在或无权访问', { field: 'departmentId' })
    if (!dept.enabled) throw new AppError('VALIDATION', '所属部门已停用', { field: 'departmentId' })
    return dept
  }

  function checkPassword(password: string, username: string, field: string) {
    const problem = passwordProblem(password, username)
    if (problem) throw new AppError('PASSWORD_POLICY', problem, { field })
  }

  async function create(
    ctx: Ctx,
    input: {
      username: string
      displayName: string
      departmentId: number
      title?: string | null
      phone?: string | null
      email?: string | null
      password: string
    },
  ): Promise<Presented> {
    authorize(ctx.actor, 'user:manage')
    checkPassword(input.password, input.username, 'password')
    const dept = await targetDepartment(ctx.actor, input.departmentId)
    const hash = await hashPassword(input.password, deps.config.scryptCost)
    return db.transaction().execute(async (trx) => {
      if (await repo.usernameTaken(trx, input.username))
        throw new AppError('DUPLICATE', `用户名 ${input.username} 已被使用`, { field: 'username' })
      const id = await repo.insert(trx, {
        username: input.username,
        display_name: input.displayName.trim(),
        department_id: dept.id,
        zone_id: dept.zoneId,
        title: input.title?.trim() || null,
        phone: input.phone || null,
        email: input.email || null,
        password_hash: hash,
        // An account made by an administrator must choose its own password at first sign-in.
        must_change_password: true,
        at: clock.now(),
      })
      const after = present((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        zoneId: after.zoneId,
        summary: `新建用户 ${after.username}（${after.displayName}）`,
        after,
      })
      return after
    })
  }

  async function update(
    ctx: Ctx,
    id: number,
    input: {
      displayName?: string
      departmentId?: number
      title?: string | null
      phone?: string | null
      email?: string | null
      version: number
    },
  ) {
    authorize(ctx.actor, 'user:manage')
    const dept = input.departmentId ? await targetDepartment(ctx.actor, input.departmentId) : null
    return db.transaction().execute(async (trx) => {
      const before = present(await load(ctx.actor, id, trx))
      if (before.version !== input.version) throw versionConflict()
      const changes: Record<string, unknown> = {}
      if (input.displayName !== undefined) changes.display_name = input.displayName.trim()
      if (dept) Object.assign(changes, { department_id: dept.id, zone_id: dept.zoneId })
      if (input.title !== undefined) changes.title = input.title?.trim() || null
      if (input.phone !== undefined) changes.phone = input.phone || null
      if (input.email !== undefined) changes.email = input.email || null
      if (!(await repo.update(trx, id, input.version, changes, clock.now()))) throw versionConflict()
      const after = present((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        zoneId: after.zoneId,
        summary: `修改用户 ${after.username}`,
        before,
        after,
      })
      return after
    })
  }

  async function setEnabled(ctx: Ctx, id: number, enabled: boolean, version: number) {
    authorize(ctx.actor, 'user:manage')
    if (id === ctx.actor.id && !enabled) throw new AppError('CONFLICT', '不能停用自己的账号')
    return db.transaction().execute(async (trx) => {
      const before = present(await load(ctx.actor, id, trx))
      if (before.version !== version) throw versionConflict()
      if (before.enabled === enabled) return before
      if (enabled) {
        const dept = await departments.findVisible(ctx.actor, before.departmentId, trx)
        if (dept && !dept.enabled) throw new AppError('CONFLICT', '该用户所在部门已停用，请先调整部门')
      }
      if (!(await repo.update(trx, id, version, { enabled }, clock.now()))) throw versionConflict()
      if (!enabled) await destroyUserSessions(trx, id)
      const after = present((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: enabled ? 'user.enable' : 'user.disable',
        targetType: 'user',
        targetId: id,
        zoneId: after.zoneId,
        summary: `${enabled ? '启用' : '停用'}用户 ${after.username}`,
        before,
        after,
      })
      return after
    })
  }

  async function resetPassword(ctx: Ctx, id: number, password: string, version: number) {
    authorize(ctx.actor, 'user:manage')
    const target = present(await load(ctx.actor, id))
    checkPassword(password, target.username, 'password')
    const hash = await hashPassword(password, deps.config.scryptCost)
    return db.transaction().execute(async (trx) => {
      const ok = await repo.update(
        trx,
        id,
        version,
        {
          password_hash: hash,
          password_changed_at: clock.now(),
          must_change_password: true,
          failed_logins: 0,
          locked_until: null,
        },
        clock.now(),
      )
      if (!ok) throw versionConflict()
      await destroyUserSessions(trx, id)
      const after = present((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'user.password.reset',
        targetType: 'user',
        targetId: id,
        zoneId: after.zoneId,
        summary: `重置用户 ${after.username} 的密码`,
      })
      return after
    })
  }

  async function unlock(ctx: Ctx, id: number) {
    authorize(ctx.actor, 'security:manage')
    return db.transaction().execute(async (trx) => {
      const before = present(await load(ctx.actor, id, trx))
      await trx
        .updateTable('users')
        .set({ locked_until: null, failed_logins: 0 })
        .where('id', '=', id)
        .execute()
      const after = present((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'user.unlock',
        targetType: 'user',
        targetId: id,
        zoneId: after.zoneId,
        summary: `解锁用户 ${after.username}`,
        before: { locked: before.locked },
        after: { locked: false },
      })
      return after
    })
  }

  async function assignRoles(ctx: Ctx, id: number, roleIds: number[], version: number) {
    authorize(ctx.actor, 'role:manage')
    if (id === ctx.actor.id) throw new AppError('FORBIDDEN', '不能修改自己的角色')
    return db.transaction().execute(async (trx) => {
      const before = present(await load(ctx.actor, id, trx))
      if (before.version !== version) throw versionConflict()
      const resolved = await roles.resolveForAssignment(trx, roleIds)
      if (!(await repo.update(trx, id, version, {}, clock.now()))) throw versionConflict()
      await repo.replaceRoles(trx, id, roleIds)
      const after = present((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'user.roles.assign',
        targetType: 'user',
        targetId: id,
        zoneId: after.zoneId,
        summary: `为用户 ${after.username} 授予角色：${resolved.map((r) => r.name).join('、') || '（无）'}`,
        before: { roles: before.roles.map((r) => r.code) },
        after: { roles: after.roles.map((r) => r.code) },
      })
      return after
    })
  }

  return { get, list, exportRows, create, update, setEnabled, resetPassword, unlock, assignRoles }
}

export type UsersService = ReturnType<typeof createUsersService>
