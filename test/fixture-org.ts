import type { Clock } from '../src/server/clock.ts'
import type { Db } from '../src/server/db/database.ts'
import { hashPassword } from '../src/server/lib/password-hash.ts'
import * as deptRepo from '../src/server/modules/departments/departments.repository.ts'
import * as userRepo from '../src/server/modules/users/users.repository.ts'

export const TEST_PASSWORD = 'Test@2026x'
export const TEST_SCRYPT_COST = 1024

/** Departments of the test fixture, by key: two zones under one city, so scope rules can be seen. */
export const FIXTURE_DEPTS = [
  { key: 'city', parent: null, kind: 'city', name: '测试市' },
  { key: 'a', parent: 'city', kind: 'zone', name: '甲开发区' },
  { key: 'a-it', parent: 'a', kind: 'department', name: '甲信息中心' },
  { key: 'a-leaders', parent: 'a', kind: 'department', name: '甲领导班子' },
  { key: 'a-sup', parent: 'a', kind: 'department', name: '甲督查室' },
  { key: 'a-eco', parent: 'a', kind: 'department', name: '甲生态环境分局' },
  { key: 'a-eco-waste', parent: 'a-eco', kind: 'section', name: '甲固废科' },
  { key: 'a-ent', parent: 'a', kind: 'department', name: '甲入驻企业' },
  { key: 'b', parent: 'city', kind: 'zone', name: '乙开发区' },
  { key: 'b-sup', parent: 'b', kind: 'department', name: '乙督查室' },
  { key: 'b-eco', parent: 'b', kind: 'department', name: '乙生态环境分局' },
] as const

export type FixtureDept = (typeof FIXTURE_DEPTS)[number]['key']

export const FIXTURE_USERS: Array<{ username: string; name: string; dept: FixtureDept; roles: string[] }> = [
  { username: 'sysadmin', name: '系统管理员', dept: 'a-it', roles: ['sysadmin'] },
  { username: 'secadmin', name: '安全管理员', dept: 'a-it', roles: ['secadmin'] },
  { username: 'auditadmin', name: '审计管理员', dept: 'a-it', roles: ['auditadmin'] },
  { username: 'a_leader', name: '甲领导', dept: 'a-leaders', roles: ['leader'] },
  { username: 'a_sup', name: '甲督查', dept: 'a-sup', roles: ['supervisor'] },
  { username: 'a_officer', name: '甲专员', dept: 'a-sup', roles: ['officer'] },
  { username: 'a_handler', name: '甲经办', dept: 'a-eco', roles: ['handler'] },
  { username: 'a_waste', name: '甲固废经办', dept: 'a-eco-waste', roles: ['handler'] },
  { username: 'a_ent', name: '甲企业', dept: 'a-ent', roles: ['enterprise'] },
  { username: 'b_sup', name: '乙督查', dept: 'b-sup', roles: ['supervisor'] },
  { username: 'b_handler', name: '乙经办', dept: 'b-eco', roles: ['handler'] },
  { username: 'norole', name: '无角色', dept: 'a-eco', roles: [] },
]

export async function seedFixtureOrg(db: Db, clock: Clock) {
  const ids = new Map<string, { id: number; path: string; depth: number; zone_id: number | null }>()
  for (const d of FIXTURE_DEPTS) {
    const parent = d.parent ? ids.get(d.parent)! : null
    const id = await deptRepo.insert(db, {
      parent,
      kind: d.kind,
      name: d.name,
      short_name: null,
      code: null,
      sort: 0,
      region_code: null,
      phone: null,
      at: clock.now(),
    })
    const row = (await deptRepo.findById(db, id))!
    ids.set(d.key, { id, path: row.path, depth: row.depth, zone_id: row.zone_id })
  }
  const hash = await hashPassword(TEST_PASSWORD, TEST_SCRYPT_COST)
  const roles = new Map(
    (await db.selectFrom('roles').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
  )
  for (const u of FIXTURE_USERS) {
    const dept = ids.get(u.dept)!
    const id = await userRepo.insert(db, {
      username: u.username,
      display_name: u.name,
      department_id: dept.id,
      zone_id: dept.zone_id,
      title: null,
      phone: null,
      email: null,
      password_hash: hash,
      must_change_password: false,
      at: clock.now(),
    })
    await userRepo.replaceRoles(
      db,
      id,
      u.roles.map((c) => roles.get(c)!),
    )
  }
}
