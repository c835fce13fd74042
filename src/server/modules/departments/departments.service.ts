import type { Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { DepartmentKind } from '../../db/schema.ts'
import { AppError, found, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { sortOf } from '../../lib/pagination.ts'
import type { Actor } from '../../policies/index.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import * as repo from './departments.repository.ts'
import { DEPARTMENT_SORTS } from './departments.schema.ts'

/** Which kinds of node may sit under which: city → zone → department → section. */
const ALLOWED_PARENTS: Record<DepartmentKind, Array<DepartmentKind | null>> = {
  city: [null, 'city'],
  zone: [null, 'city'],
  department: ['city', 'zone', 'department'],
  section: ['department', 'section'],
}
const KIND_LABEL: Record<DepartmentKind, string> = {
  city: '市/县',
  zone: '开发区/园区',
  department: '部门',
  section: '科室',
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findById>>>

export function present(r: Row) {
  return {
    id: r.id,
    parentId: r.parent_id,
    zoneId: r.zone_id,
    kind: r.kind,
    name: r.name,
    shortName: r.short_name,
    code: r.code,
    path: r.path,
    depth: r.depth,
    sort: r.sort,
    regionCode: r.region_code,
    phone: r.phone,
    enabled: r.enabled,
    headUserId: r.head_user_id ?? null,
    headUserName: r.head_user_name ?? null,
    userCount: Number(r.user_count ?? 0),
    version: r.version,
  }
}

export function createDepartmentsService(deps: Deps, audit: AuditService) {
  const { db, clock } = deps

  async function get(actor: Actor, id: number) {
    const row = found(await repo.findById(db, id, actor), '部门')
    const [pathNames, history] = await Promise.all([repo.namesOfPath(db, row.path), repo.nameHistory(db, id)])
    return {
      ...present(row),
      pathNames,
      nameHistory: history.map((h) => ({
        oldName: h.old_name,
        newName: h.new_name,
        changedAt: new Date(h.changed_at).toISOString(),
        changedBy: h.changed_by_name,
      })),
    }
  }

  /** A department the actor may see, or null. */
  async function findVisible(actor: Actor, id: number, trx: Db = db) {
    const row = await repo.findById(trx, id, actor)
    return row ? present(row) : null
  }

  async function tree(actor: Actor, includeDisabled = false) {
    return (await repo.listVisible(db, actor, includeDisabled)).map(present)
  }

  function listArgs(q: {
    keyword?: string
    kind?: DepartmentKind
    parentId?: number
    enabled?: boolean
    sort?: string
  }) {
    const s = sortOf(q.sort, DEPARTMENT_SORTS, 'sort')
    return {
      filter: { keyword: q.keyword, kind: q.kind, parentId: q.parentId, enabled: q.enabled },
      sort: { field: s.field.replace('-', '') as 'sort' | 'name' | 'id', dir: s.dir },
    }
  }

  const { list, exportRows } = pagedList({
    args: listArgs,
    fetch: (actor: Actor, filter, sort, window) => repo.list(db, actor, filter, sort, window),
    present: (rows) => rows.map(present),
  })

  /** Department names along the path, for "通辽市 / 通辽经济技术开发区 / 督查室" displays. */
  async function pathNames(path: string) {
    return repo.namesOfPath(db, path)
  }

  // Inside a transaction every query must use it: PGlite has one connection, a second would wait forever.
  async function loadParent(actor: Actor, parentId: number | null, kind: DepartmentKind, trx: Db = db) {
    const parent = parentId === null ? null : await repo.findById(trx, parentId, actor)
    if (parentId !== null && !parent)
      throw new AppError('VALIDATION', '上级部门不存在或无权访问', { field: 'parentId' })
    if (parent && !parent.enabled) throw new AppError('VALIDATION', '上级部门已停用', { field: 'parentId' })
    if (!ALLOWED_PARENTS[kind].includes(parent?.kind ?? null)) {
      const allowed = ALLOWED_PARENTS[kind].map((k) => (k ? KIND_LABEL[k] : '顶级')).join('、')
      throw new AppError('VALIDATION', `${KIND_LABEL[kind]}的上级只能是：${allowed}`, { field: 'parentId' })
    }
    if (parentId === null && !actor.scope.all)
      throw new AppError('FORBIDDEN', '只有全部数据范围的管理员可以创建顶级机构')
    return parent
  }

  async function create(
    ctx: Ctx,
    input: {
      parentId: number | null
      kind: DepartmentKind
      name: string
      shortName?: string | null
      code?: string | null
      sort?: number
      regionCode?: string | null
      phone?: string | null
    },
  ) {
    authorize(ctx.actor, 'org:manage')
    const name = input.name.trim()
    if (!name) throw new AppError('VALIDATION', '名称不能为空', { field: 'name' })
    const parent = await loadParent(ctx.actor, input.parentId, input.kind)
    return db.transaction().execute(async (trx) => {
      if (await repo.siblingNameTaken(trx, input.parentId, name)) {
        throw new AppError('DUPLICATE', `同一上级下已有名为「${name}」的机构`, { field: 'name' })
      }
      if (input.code && (await repo.codeTaken(trx, input.code)))
        throw new AppError('DUPLICATE', `编码 ${input.code} 已被使用`, { field: 'code' })
      const id = await repo.insert(trx, {
        parent: parent
          ? { id: parent.id, path: parent.path, depth: parent.depth, zone_id: parent.zone_id }
          : null,
        kind: input.kind,
        name,
        short_name: input.shortName?.trim() || null,
        code: input.code || null,
        sort: input.sort ?? 0,
        region_code: input.regionCode ?? parent?.region_code ?? null,
        phone: input.phone || null,
        at: clock.now(),
      })
      const created = (await repo.findById(trx, id))!
      await audit.record(trx, ctx, {
        action: 'department.create',
        targetType: 'department',
        targetId: id,
        zoneId: created.zone_id,
        summary: `新建${KIND_LABEL[input.kind]}「${name}」`,
        after: present(created),
      })
      return present(created)
    })
  }

  async function update(
    ctx: Ctx,
    id: number,
    input: {
      name?: string
      shortName?: string | null
      code?: string | null
      sort?: number
      regionCode?: string | null
      phone?: string | null
      headUserId?: number | null
      version: number
    },
  ) {
    authorize(ctx.actor, 'org:manage')
    return db.transaction().execute(async (trx) => {
      const before = found(await repo.findById(trx, id, ctx.actor), '部门')
      if (before.version !== input.version) throw versionConflict()
      const name = input.name?.trim()
      if (input.name !== undefined && !name)
        throw new AppError('VALIDATION', '名称不能为空', { field: 'name' })
      const changes: Record<string, unknown> = {}
      if (name !== undefined && name !== before.name) {
        if (await repo.siblingNameTaken(trx, before.parent_id, name, id)) {
          throw new AppError('DUPLICATE', `同一上级下已有名为「${name}」的机构`, { field: 'name' })
        }
        changes.name = name
      }
      if (input.code !== undefined && input.code !== before.code) {
        if (input.code && (await repo.codeTaken(trx, input.code, id)))
          throw new AppError('DUPLICATE', `编码 ${input.code} 已被使用`, { field: 'code' })
        changes.code = input.code || null
      }
      if (input.shortName !== undefined) changes.short_name = input.shortName?.trim() || null
      if (input.sort !== undefined) changes.sort = input.sort
      if (input.regionCode !== undefined) changes.region_code = input.regionCode
      if (input.phone !== undefined) changes.phone = input.phone || null
      if (input.headUserId !== undefined && input.headUserId !== before.head_user_id) {
        if (input.headUserId !== null) {
          const head = await repo.findHeadCandidate(trx, input.headUserId)
          if (!head?.enabled || head.enterprise_id !== null)
            throw new AppError('VALIDATION', '部门负责人应是启用的工作人员账号', { field: 'headUserId' })
          if (before.zone_id !== null && head.zone_id !== before.zone_id)
            throw new AppError('VALIDATION', '部门负责人应是本开发区的工作人员', { field: 'headUserId' })
        }
        changes.head_user_id = input.headUserId
      }
      if (!(await repo.update(trx, id, input.version, changes, clock.now()))) throw versionConflict()
      if (changes.name)
        await repo.addNameHistory(trx, id, before.name, String(changes.name), clock.now(), ctx.actor.id)
      const after = (await repo.findById(trx, id))!
      await audit.record(trx, ctx, {
        action: changes.name ? 'department.rename' : 'department.update',
        targetType: 'department',
        targetId: id,
        zoneId: after.zone_id,
        summary: changes.name
          ? `机构更名：「${before.name}」→「${after.name}」`
          : `修改机构「${after.name}」`,
        before: present(before),
        after: present(after),
      })
      return present(after)
    })
  }

  async function move(ctx: Ctx, id: number, input: { parentId: number | null; version: number }) {
    authorize(ctx.actor, 'org:manage')
    return db.transaction().execute(async (trx) => {
      const node = found(await repo.findById(trx, id, ctx.actor), '部门')
      if (node.version !== input.version) throw versionConflict()
      if (input.parentId === node.parent_id) return present(node)
      const parent = await loadParent(ctx.actor, input.parentId, node.kind, trx)
      if (parent?.path.startsWith(node.path)) {
        throw new AppError('VALIDATION', '不能把机构移到它自己或它的下级之下', { field: 'parentId' })
      }
      // Records of later modules belong to a zone; a department stays inside its zone.
      if (node.kind !== 'zone' && node.kind !== 'city' && (parent?.zone_id ?? null) !== node.zone_id) {
        throw new AppError('VALIDATION', '部门只能在本开发区（县）内调整上级', { field: 'parentId' })
      }
      if (await repo.siblingNameTaken(trx, input.parentId, node.name, id)) {
        throw new AppError('DUPLICATE', `新的上级下已有名为「${node.name}」的机构`, { field: 'parentId' })
      }
      if (!(await repo.update(trx, id, input.version, { parent_id: input.parentId }, clock.now())))
        throw versionConflict()
      const newPath = `${parent?.path ?? '/'}${id}/`
      await repo.moveSubtree(trx, node.path, newPath, (parent?.depth ?? 0) + 1 - node.depth)
      const after = (await repo.findById(trx, id))!
      const names = await repo.namesOfPath(trx, after.path)
      await audit.record(trx, ctx, {
        action: 'department.move',
        targetType: 'department',
        targetId: id,
        zoneId: after.zone_id,
        summary: `调整「${node.name}」的上级为「${names.slice(0, -1).join(' / ') || '顶级'}」`,
        before: present(node),
        after: present(after),
      })
      return present(after)
    })
  }

  async function setEnabled(ctx: Ctx, id: number, enabled: boolean, version: number) {
    authorize(ctx.actor, 'org:manage')
    return db.transaction().execute(async (trx) => {
      const node = found(await repo.findById(trx, id, ctx.actor), '部门')
      if (node.version !== version) throw versionConflict()
      if (node.enabled === enabled) return present(node)
      if (!enabled) {
        const children = await repo.countEnabledChildren(trx, id)
        if (children)
          throw new AppError('CONFLICT', `该机构下还有 ${children} 个启用的下级机构，请先停用或调整它们`)
        const users = await repo.countEnabledUsersUnder(trx, node.path)
        if (users)
          throw new AppError('CONFLICT', `该机构下还有 ${users} 名启用的用户，请先调整或停用这些用户`)
      } else if (node.parent_id) {
        const parent = await repo.findById(trx, node.parent_id)
        if (parent && !parent.enabled) throw new AppError('CONFLICT', '上级机构已停用，请先启用上级机构')
      }
      if (!(await repo.update(trx, id, version, { enabled }, clock.now()))) throw versionConflict()
      const after = (await repo.findById(trx, id))!
      await audit.record(trx, ctx, {
        action: enabled ? 'department.enable' : 'department.disable',
        targetType: 'department',
        targetId: id,
        zoneId: after.zone_id,
        summary: `${enabled ? '启用' : '停用'}机构「${node.name}」`,
        before: present(node),
        after: present(after),
      })
      return present(after)
    })
  }

  return { get, findVisible, tree, list, exportRows, pathNames, create, update, move, setEnabled }
}

export type DepartmentsService = ReturnType<typeof createDepartmentsService>
