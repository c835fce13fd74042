import { ALL_PERMISSIONS, PERMISSIONS, triadOf } from '../../../shared/permissions.ts'
import type { Clock } from '../../clock.ts'
import type { Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { DataScope } from '../../db/schema.ts'
import { AppError, found, versionConflict } from '../../errors.ts'
import { pageOf } from '../../lib/pagination.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { BUILTIN_ROLES } from './builtin-roles.ts'
import * as repo from './roles.repository.ts'

export function presentRole(r: repo.RoleRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    builtin: r.builtin,
    triad: r.triad,
    dataScope: r.data_scope,
    permissions: r.permissions ?? [],
    customDepartmentIds: r.custom_department_ids ?? [],
    userCount: Number(r.user_count ?? 0),
    version: r.version,
  }
}

/** Creates or refreshes the built-in roles from code; run at every start and when seeding. */
export async function syncBuiltinRoles(db: Db, clock: Clock) {
  for (const b of BUILTIN_ROLES) {
    const found = await repo.findByCode(db, b.code)
    const id =
      found?.id ??
      (await repo.insert(db, {
        code: b.code,
        name: b.name,
        description: b.description,
        data_scope: b.dataScope,
        triad: b.triad,
        builtin: true,
        at: clock.now(),
      }))
    if (found) {
      await db
        .updateTable('roles')
        .set({
          name: b.name,
          description: b.description,
          data_scope: b.dataScope,
          triad: b.triad,
          builtin: true,
        })
        .where('id', '=', id)
        .execute()
    }
    await repo.replacePermissions(db, id, b.permissions)
  }
}

export function createRolesService(deps: Deps, audit: AuditService) {
  const { db, clock } = deps

  function checkPermissions(perms: string[]) {
    const unknown = perms.filter((p) => !(p in PERMISSIONS))
    if (unknown.length)
      throw new AppError('VALIDATION', `未知的权限：${unknown.join('、')}`, { field: 'permissions' })
    const triad = perms.filter((p) => triadOf(p))
    if (triad.length) {
      throw new AppError(
        'VALIDATION',
        `三员权限只能通过内置的系统/安全/审计管理员角色授予：${triad.map((p) => PERMISSIONS[p as keyof typeof PERMISSIONS].zh).join('、')}`,
        {
          field: 'permissions',
        },
      )
    }
  }

  async function checkCustomDepartments(scope: DataScope, ids: number[]) {
    if (scope !== 'custom') return []
    if (!ids.length)
      throw new AppError('VALIDATION', '自定义数据范围至少选择一个部门', { field: 'customDepartmentIds' })
    const existing = new Set(await repo.existingDepartmentIds(db, ids))
    const missing = ids.filter((id) => !existing.has(id))
    if (missing.length)
      throw new AppError('VALIDATION', `部门不存在：${missing.join('、')}`, { field: 'customDepartmentIds' })
    return ids
  }

  async function get(id: number) {
    const r = found(await repo.findById(db, id), '角色')
    return presentRole(r)
  }

  async function list(q: { keyword?: string; builtin?: boolean; page?: number; pageSize?: number }) {
    const p = pageOf(q)
    const { items, total } = await repo.list(db, q, p)
    return { items: items.map(presentRole), total, page: p.page, pageSize: p.pageSize }
  }

  function catalogue() {
    return ALL_PERMISSIONS.map((key) => ({
      key,
      zh: PERMISSIONS[key].zh,
      en: PERMISSIONS[key].en,
      triad: triadOf(key) ?? null,
    }))
  }

  async function create(
    ctx: Ctx,
    input: {
      code: string
      name: string
      description?: string | null
      permissions: string[]
      dataScope: DataScope
      customDepartmentIds?: number[]
    },
  ) {
    authorize(ctx.actor, 'role:manage')
    checkPermissions(input.permissions)
    const depts = await checkCustomDepartments(input.dataScope, input.customDepartmentIds ?? [])
    return db.transaction().execute(async (trx) => {
      if (await repo.codeTaken(trx, input.code))
        throw new AppError('DUPLICATE', `角色编码 ${input.code} 已存在`, { field: 'code' })
      const id = await repo.insert(trx, {
        code: input.code,
        name: input.name.trim(),
        description: input.description?.trim() || null,
        data_scope: input.dataScope,
        triad: null,
        builtin: false,
        at: clock.now(),
      })
      await repo.replacePermissions(trx, id, input.permissions)
      await repo.replaceDepartments(trx, id, depts)
      const after = presentRole((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'role.create',
        targetType: 'role',
        targetId: id,
        summary: `新建角色「${after.name}」`,
        after,
      })
      return after
    })
  }

  async function update(
    ctx: Ctx,
    id: number,
    input: {
      name?: string
      description?: string | null
      permissions?: string[]
      dataScope?: DataScope
      customDepartmentIds?: number[]
      version: number
    },
  ) {
    authorize(ctx.actor, 'role:manage')
    return db.transaction().execute(async (trx) => {
      const row = found(await repo.findById(trx, id), '角色')
      const before = presentRole(row)
      if (before.builtin)
        throw new AppError('CONFLICT', '内置角色不可修改；如需调整，请复制为自定义角色后修改')
      if (before.version !== input.version) throw versionConflict()
      if (input.permissions) checkPermissions(input.permissions)
      const scope = input.dataScope ?? (before.dataScope as DataScope)
      const depts = await checkCustomDepartments(
        scope,
        input.customDepartmentIds ?? before.customDepartmentIds,
      )
      const changes: Record<string, unknown> = {}
      if (input.name !== undefined) changes.name = input.name.trim()
      if (input.description !== undefined) changes.description = input.description?.trim() || null
      if (input.dataScope !== undefined) changes.data_scope = input.dataScope
      if (!(await repo.update(trx, id, input.version, changes, clock.now()))) throw versionConflict()
      if (input.permissions) await repo.replacePermissions(trx, id, input.permissions)
      await repo.replaceDepartments(trx, id, depts)
      const after = presentRole((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'role.update',
        targetType: 'role',
        targetId: id,
        summary: `修改角色「${after.name}」`,
        before,
        after,
      })
      return after
    })
  }

  async function remove(ctx: Ctx, id: number, version: number) {
    authorize(ctx.actor, 'role:manage')
    await db.transaction().execute(async (trx) => {
      const row = found(await repo.findById(trx, id), '角色')
      const before = presentRole(row)
      if (before.builtin) throw new AppError('CONFLICT', '内置角色不可删除')
      if (before.version !== version) throw versionConflict()
      if (before.userCount > 0)
        throw new AppError('CONFLICT', `该角色仍授予了 ${before.userCount} 名用户，请先收回后再删除`)
      await repo.remove(trx, id)
      await audit.record(trx, ctx, {
        action: 'role.delete',
        targetType: 'role',
        targetId: id,
        summary: `删除角色「${before.name}」`,
        before,
      })
    })
  }

  /** Resolves role ids for assignment and enforces 三员分立: at most one triad role per account. */
  async function resolveForAssignment(db2: Db, roleIds: number[]) {
    const roles = await repo.findByIds(db2, roleIds)
    const missing = roleIds.filter((id) => !roles.some((r) => r.id === id))
    if (missing.length)
      throw new AppError('VALIDATION', `角色不存在：${missing.join('、')}`, { field: 'roleIds' })
    const triads = roles.filter((r) => r.triad)
    if (triads.length > 1) {
      throw new AppError(
        'TRIAD_CONFLICT',
        `三员分立：同一账号不能同时担任${triads.map((r) => r.name).join('和')}`,
        { field: 'roleIds' },
      )
    }
    return roles.map(presentRole)
  }

  return { get, list, catalogue, create, update, remove, resolveForAssignment }
}

export type RolesService = ReturnType<typeof createRolesService>
