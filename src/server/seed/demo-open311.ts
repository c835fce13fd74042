import type { Db } from '../db/database.ts'
import type { PostInput } from '../modules/open311/open311.service.ts'
import type { Services } from '../services.ts'

/**
 * The 12345 hotline connected through Open311: its key (made by the system administrator) and
 * two enterprise calls it passed on today, waiting in the ledger for the supervision office.
 */
export async function seedDemoOpen311(services: Services, db: Db) {
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'sysadmin')
    .executeTakeFirst()
  const actor = admin && (await services.auth.loadActor(admin.id))
  if (!actor?.zoneId) return { requests: 0 }
  const key = await services.open311.createKey(
    { actor, ip: null, requestId: null },
    { name: '12345 政务服务便民热线', source: 'hotline' },
  )
  const calls: PostInput[] = [
    {
      service_code: 'road',
      description: '园区纬三路与经五路交叉口路灯连续三晚不亮，夜班货车进出中轩生化厂区有安全隐患。',
      address_string: '达拉特经济开发区纬三路与经五路交叉口',
      last_name: '高',
      first_name: '女士',
      attribute: { title: '纬三路路灯不亮影响夜间运输', enterprise_name: '内蒙古中轩生化科技有限公司' },
    },
    {
      service_code: 'labor',
      description: '企业扩产需招聘 60 名操作工，希望人社部门组织专场招聘会并落实稳岗补贴。',
      lat: 40.3862,
      long: 110.0431,
      last_name: '王',
      first_name: '经理',
      attribute: { title: '扩产用工缺口 60 人' },
    },
  ]
  for (const c of calls) await services.open311.post(key.apiKey, c)
  return { requests: calls.length }
}
