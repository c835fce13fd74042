import type { Clock } from '../clock.ts'
import type { Deps, SystemCtx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { hashPassword } from '../lib/password-hash.ts'
import { createAuditService } from '../modules/audit/audit.service.ts'
import * as deptRepo from '../modules/departments/departments.repository.ts'
import * as userRepo from '../modules/users/users.repository.ts'
import { DEMO_ORG, DEMO_PASSWORD, DEMO_USERS, type OrgNode } from './demo-org.ts'

/** True when the database already holds people (the demo is only loaded into an empty database). */
export async function hasUsers(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').limit(1).executeTakeFirst())
}

/** Loads the demo organisation and accounts; returns how many users were created. */
export async function seedDemo(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
): Promise<{ departments: number; users: number }> {
  const { db, clock } = deps
  const audit = createAuditService({ db, clock })
  const ctx: SystemCtx = { actor: null, ip: null, requestId: null, label: '演示数据' }
  const hash = await hashPassword(DEMO_PASSWORD, deps.config.scryptCost)
  return db.transaction().execute(async (trx) => {
    const ids = new Map<string, { id: number; path: string; depth: number; zone_id: number | null }>()
    let departments = 0
    const insertTree = async (nodes: OrgNode[], parentKey: string | null) => {
      for (const [i, n] of nodes.entries()) {
        const parent = parentKey ? ids.get(parentKey)! : null
        const id = await deptRepo.insert(trx, {
          parent,
          kind: n.kind,
          name: n.name,
          short_name: n.shortName ?? null,
          code: n.code ?? null,
          sort: (i + 1) * 10,
          region_code: n.regionCode ?? null,
          phone: null,
          at: clock.now(),
        })
        const row = (await deptRepo.findById(trx, id))!
        ids.set(n.key, { id, path: row.path, depth: row.depth, zone_id: row.zone_id })
        departments++
        if (n.children) await insertTree(n.children, n.key)
      }
    }
    await insertTree(DEMO_ORG, null)

    const roles = await trx.selectFrom('roles').select(['id', 'code']).execute()
    const roleId = new Map(roles.map((r) => [r.code, r.id]))
    for (const u of DEMO_USERS) {
      const dept = ids.get(u.dept)
      if (!dept) throw new Error(`demo user ${u.username}: unknown department ${u.dept}`)
      const id = await userRepo.insert(trx, {
        username: u.username,
        display_name: u.displayName,
        department_id: dept.id,
        zone_id: dept.zone_id,
        title: u.title,
        phone: u.phone ?? null,
        email: null,
        password_hash: hash,
        must_change_password: false,
        at: clock.now(),
      })
      await userRepo.replaceRoles(
        trx,
        id,
        u.roles.map((c) => roleId.get(c)!),
      )
    }
    await audit.record(trx, ctx, {
      action: 'demo.seed',
      targetType: 'system',
      summary: `载入演示数据：${departments} 个机构，${DEMO_USERS.length} 个账号`,
    })
    return { departments, users: DEMO_USERS.length }
  })
}

export type { Clock }
