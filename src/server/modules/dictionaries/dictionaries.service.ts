import type { Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { DictItem } from '../../db/schema.ts'
import { AppError, found, versionConflict } from '../../errors.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { BUILTIN_DICTIONARIES } from './builtin-dictionaries.ts'
import * as repo from './dictionaries.repository.ts'

export function presentItem(i: DictItem) {
  return {
    id: i.id,
    typeCode: i.type_code,
    code: i.code,
    label: i.label,
    labelEn: i.label_en,
    color: i.color,
    sort: i.sort,
    enabled: i.enabled,
    version: i.version,
  }
}

/** Adds shipped dictionary types and any missing items; never overwrites what an administrator edited. */
export async function seedBuiltinDictionaries(db: Db, at: Date) {
  for (const [ti, t] of BUILTIN_DICTIONARIES.entries()) {
    await db
      .insertInto('dict_types')
      .values({
        code: t.code,
        name: t.name,
        name_en: t.nameEn,
        description: t.description,
        builtin: true,
        sort: ti,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
    await db
      .insertInto('dict_items')
      .values(
        t.items.map(([code, label, labelEn, color], i) => ({
          type_code: t.code,
          code,
          label,
          label_en: labelEn,
          color,
          sort: (i + 1) * 10,
          created_at: at,
          updated_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['type_code', 'code']).doNothing())
      .execute()
  }
}

export function createDictionariesService(deps: Deps, audit: AuditService) {
  const { db, clock } = deps

  async function types() {
    return (await repo.listTypes(db)).map((t) => ({
      code: t.code,
      name: t.name,
      nameEn: t.name_en,
      description: t.description,
      builtin: t.builtin,
      itemCount: Number(t.item_count ?? 0),
    }))
  }

  async function requireType(type: string) {
    return found(await repo.findType(db, type), '字典类型')
  }

  async function items(type: string, includeDisabled: boolean) {
    await requireType(type)
    return (await repo.listItems(db, type, includeDisabled)).map(presentItem)
  }

  async function createItem(
    ctx: Ctx,
    type: string,
    input: {
      code: string
      label: string
      labelEn?: string | null
      color?: string | null
      sort?: number
      enabled?: boolean
    },
  ) {
    authorize(ctx.actor, 'dict:manage')
    const t = await requireType(type)
    return db.transaction().execute(async (trx) => {
      if (await repo.itemCodeTaken(trx, type, input.code))
        throw new AppError('DUPLICATE', `「${t.name}」中已有编码 ${input.code}`, { field: 'code' })
      const id = await repo.insertItem(trx, {
        type_code: type,
        code: input.code,
        label: input.label.trim(),
        label_en: input.labelEn?.trim() || null,
        color: input.color ?? null,
        sort: input.sort ?? 0,
        enabled: input.enabled ?? true,
        at: clock.now(),
      })
      const after = presentItem((await repo.findItem(trx, type, id))!)
      await audit.record(trx, ctx, {
        action: 'dict.item.create',
        targetType: 'dict_item',
        targetId: id,
        summary: `字典「${t.name}」新增「${after.label}」`,
        after,
      })
      return after
    })
  }

  async function updateItem(
    ctx: Ctx,
    type: string,
    id: number,
    input: {
      label?: string
      labelEn?: string | null
      color?: string | null
      sort?: number
      enabled?: boolean
      version: number
    },
  ) {
    authorize(ctx.actor, 'dict:manage')
    const t = await requireType(type)
    return db.transaction().execute(async (trx) => {
      const row = found(await repo.findItem(trx, type, id), '字典项')
      const before = presentItem(row)
      if (before.version !== input.version) throw versionConflict()
      const changes: Record<string, unknown> = {}
      if (input.label !== undefined) changes.label = input.label.trim()
      if (input.labelEn !== undefined) changes.label_en = input.labelEn?.trim() || null
      if (input.color !== undefined) changes.color = input.color
      if (input.sort !== undefined) changes.sort = input.sort
      if (input.enabled !== undefined) changes.enabled = input.enabled
      if (!(await repo.updateItem(trx, id, input.version, changes, clock.now()))) throw versionConflict()
      const after = presentItem((await repo.findItem(trx, type, id))!)
      await audit.record(trx, ctx, {
        action: 'dict.item.update',
        targetType: 'dict_item',
        targetId: id,
        summary: `修改字典「${t.name}」的「${after.label}」`,
        before,
        after,
      })
      return after
    })
  }

  return { types, items, createItem, updateItem }
}

export type DictionariesService = ReturnType<typeof createDictionariesService>
