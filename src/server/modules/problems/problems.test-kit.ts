import sharp from 'sharp'
import { expect } from 'vitest'
import {
  addUserWithRole,
  deptId,
  linkEnterpriseUser,
  makeEnterprise,
  userId,
} from '../../../../test/factories.ts'
import { type Agent, createTestApp, type TestApp } from '../../../../test/harness.ts'

// Shared set-up of the problem-loop API tests (not a test file itself).

export interface Kit {
  t: TestApp
  /** 内蒙古金旗牛业 (a_ent's enterprise) and another enterprise of zone 甲 (a_ent2's) */
  jinqi: number
  other: number
  eco: number
  waste: number
  supDept: number
  users: Record<'a_sup' | 'a_officer' | 'a_handler' | 'a_waste' | 'a_leader' | 'a_ent' | 'a_ent2', number>
  /** a fresh signed-in agent (sessions expire when a test moves the clock by days) */
  as(username: string): Promise<Agent>
}

export async function setupKit(): Promise<Kit> {
  const t = await createTestApp()
  const jinqi = await makeEnterprise(t, '甲开发区', '内蒙古金旗牛业有限公司')
  const other = await makeEnterprise(t, '甲开发区', '鄂尔多斯市新能源有限公司')
  await linkEnterpriseUser(t, 'a_ent', jinqi)
  await addUserWithRole(t, {
    username: 'a_ent2',
    displayName: '新能源企业',
    department: '甲入驻企业',
    role: {
      code: 'ent2',
      name: '企业联系人（测试）',
      dataScope: 'self',
      permissions: ['problem:report', 'problem:read'],
    },
  })
  await linkEnterpriseUser(t, 'a_ent2', other)
  const names = ['a_sup', 'a_officer', 'a_handler', 'a_waste', 'a_leader', 'a_ent', 'a_ent2'] as const
  const users = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await userId(t, n)] as const)),
  ) as Kit['users']
  return {
    t,
    jinqi,
    other,
    eco: await deptId(t, '甲生态环境分局'),
    waste: await deptId(t, '甲固废科'),
    supDept: await deptId(t, '甲督查室'),
    users,
    as: (u) => t.as(u),
  }
}

export const SEWER = {
  title: '污水管网未接通',
  description: '屠宰加工项目投产在即，厂区污水管网尚未接入园区污水处理厂，需协调接通。',
  category: 'water',
}

/** POST /api/problems, expecting 201. */
export async function report(agent: Agent, body: Record<string, unknown> = SEWER) {
  const res = await agent.post('/api/problems', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

/** Triage by the supervision office, expecting 200. */
export async function accept(
  agent: Agent,
  p: { id: number; version: number },
  body: Record<string, unknown>,
) {
  const res = await agent.post(`/api/problems/${p.id}/accept`, { version: p.version, ...body })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

export async function detail(agent: Agent, id: number) {
  const res = await agent.get(`/api/problems/${id}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

export async function png() {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7bd5' } })
    .png()
    .toBuffer()
}

/** multipart upload of one file to /api/attachments. */
export async function upload(agent: Agent, ownerType: string, ownerId: number, name: string, data: Buffer) {
  const boundary = `----qd${Math.random().toString(16).slice(2)}`
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="ownerType"\r\n\r\n${ownerType}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="ownerId"\r\n\r\n${ownerId}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return agent.post('/api/attachments', payload, {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  })
}
