import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { accept, type Kit, report, SEWER, setupKit } from './problems.test-kit.ts'

let k: Kit
let sup: Agent
let sewer: { id: number; code: string }
let road: { id: number; code: string }

async function sheet(agent: Agent, url: string) {
  const res = await agent.get(url)
  expect(res.statusCode, res.body).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const rows: unknown[][] = []
  for (let i = 1; i <= ws.rowCount; i++) rows.push((ws.getRow(i).values as unknown[]).slice(1))
  return { name: ws.name, rows }
}

beforeAll(async () => {
  k = await setupKit()
  sup = await k.as('a_sup')
  const ent = await k.as('a_ent')
  // 金旗牛业's sewer problem: triaged with two measures
  let p = await report(ent)
  p = await accept(sup, p, {
    type: 'onsite',
    category: 'water',
    leadDepartmentId: k.eco,
    coDepartmentIds: [k.supDept],
    responsibleLeaderId: k.users.a_leader,
    responsibleUserId: k.users.a_handler,
  })
  const handler = await k.as('a_handler')
  await handler.post(`/api/problems/${p.id}/tasks`, {
    title: '勘查管网走向',
    ownerDepartmentId: k.eco,
    ownerUserId: k.users.a_handler,
    dueDate: '2026-11-25',
  })
  await handler.post(`/api/problems/${p.id}/tasks`, {
    title: '完成接驳施工',
    ownerDepartmentId: k.waste,
    ownerUserId: k.users.a_waste,
    dueDate: '2026-11-27',
    status: 'doing',
  })
  sewer = p
  // another enterprise's road problem, not triaged
  road = await report(sup, {
    title: '园区道路破损',
    description: '主干道路面塌陷',
    category: 'road',
    source: 'visit',
    enterpriseId: k.other,
  })
})
afterAll(() => k.t.close())

describe('三个清单: three views of the same data', () => {
  it('401 / 403 / 400 on every list', async () => {
    const nobody = await k.as('norole')
    for (const path of ['problems', 'tasks', 'responsibilities']) {
      expect((await k.t.agent().get(`/api/problems/lists/${path}`)).statusCode).toBe(401)
      expect((await k.t.agent().get(`/api/problems/lists/${path}/export.xlsx`)).statusCode).toBe(401)
      expect((await nobody.get(`/api/problems/lists/${path}`)).statusCode).toBe(403)
      const res = await sup.get(`/api/problems/lists/${path}?light=purple`)
      expect(res.statusCode).toBe(400)
      expect(errorOf(res).field).toBe('light')
    }
    expect(errorOf(await sup.get('/api/problems/lists/tasks?taskStatus=later')).field).toBe('taskStatus')
    expect((await nobody.get('/api/problems/lists-text')).statusCode).toBe(403)
    expect(errorOf(await sup.get('/api/problems/lists-text?limit=0')).field).toBe('limit')
  })

  it('the problem list, the task list and the responsibility list, with the same filters', async () => {
    const problems = (await sup.get('/api/problems/lists/problems?sort=code')).json()
    expect(problems.items.map((p: { code: string }) => p.code)).toEqual([sewer.code, road.code])
    expect(problems.items[0]).toMatchObject({
      title: SEWER.title,
      reporter: '甲企业',
      enterprise: { name: '内蒙古金旗牛业有限公司' },
      category: 'water',
      status: 'accepted',
    })
    const tasks = (await sup.get('/api/problems/lists/tasks')).json()
    expect(tasks.items.map((t: { title: string }) => t.title)).toEqual(['勘查管网走向', '完成接驳施工'])
    expect(tasks.items[1]).toMatchObject({
      problemCode: sewer.code,
      ownerDepartment: { name: '甲固废科' },
      ownerUser: { name: '甲固废经办' },
      dueDate: '2026-11-27',
      status: 'doing',
      enterprise: { name: '内蒙古金旗牛业有限公司' },
    })
    expect((await sup.get('/api/problems/lists/tasks?taskStatus=doing')).json().total).toBe(1)
    const resp = (await sup.get(`/api/problems/lists/responsibilities?departmentId=${k.eco}`)).json()
    expect(resp.items).toHaveLength(1)
    expect(resp.items[0]).toMatchObject({
      leadUnit: { name: '甲生态环境分局' },
      coUnits: [{ name: '甲督查室' }],
      responsibleLeader: { name: '甲领导' },
      responsibleUser: { name: '甲经办' },
      deadlineDays: 3,
    })
    // same filters narrow every view alike
    expect((await sup.get('/api/problems/lists/problems?category=road')).json().total).toBe(1)
    expect((await sup.get('/api/problems/lists/tasks?category=road')).json().total).toBe(0)
    expect((await sup.get(`/api/problems/lists/tasks?enterpriseId=${k.jinqi}`)).json().total).toBe(2)

    // the enterprise sees its own lists only
    const ent2 = await k.as('a_ent2')
    expect((await ent2.get('/api/problems/lists/tasks')).json().total).toBe(0)
    expect(
      (await ent2.get('/api/problems/lists/problems')).json().items.map((p: { id: number }) => p.id),
    ).toEqual([road.id])
  })

  it('each list exports to Excel with the rows of the list', async () => {
    const p = await sheet(sup, '/api/problems/lists/problems/export.xlsx?sort=code')
    expect(p.name).toBe('问题清单')
    expect(p.rows[0]).toEqual(['编号', '问题', '反映人', '企业', '项目', '类别', '来源', '状态', '登记时间'])
    expect(p.rows.slice(1).map((r) => r[0])).toEqual([sewer.code, road.code])
    expect(p.rows[1].slice(0, 8)).toEqual([
      sewer.code,
      SEWER.title,
      '甲企业',
      '内蒙古金旗牛业有限公司',
      undefined, // no project: an empty cell
      '供水排水',
      '企业反映',
      '已受理',
    ])
    const t = await sheet(sup, '/api/problems/lists/tasks/export.xlsx')
    expect(t.name).toBe('任务清单')
    expect(t.rows.slice(1).map((r) => r[3])).toEqual(['勘查管网走向', '完成接驳施工'])
    expect(t.rows[2].slice(4, 8)).toEqual(['甲固废科', '甲固废经办', '2026-11-27', '进行中'])
    const r = await sheet(sup, `/api/problems/lists/responsibilities/export.xlsx?departmentId=${k.eco}`)
    expect(r.name).toBe('责任清单')
    expect(r.rows[1].slice(0, 8)).toEqual([
      sewer.code,
      SEWER.title,
      '甲生态环境分局',
      '甲督查室',
      '甲领导',
      '甲经办',
      3,
      '2026-11-27',
    ])
    expect(r.rows).toHaveLength(2)
  })

  it('posts as text to the work group: one problem, or a set (today’s new ones)', async () => {
    const one = (await sup.get(`/api/problems/${sewer.id}/lists-text`)).json()
    expect(one.text).toContain('【问题清单】')
    expect(one.text).toContain(`编号：${sewer.code}`)
    expect(one.text).toContain('反映：内蒙古金旗牛业有限公司 · 甲企业（企业反映，2026-11-24）')
    expect(one.text).toContain(
      '【任务清单】\n1. 勘查管网走向（甲生态环境分局 / 甲经办，2026-11-25 前，未开始）',
    )
    expect(one.text).toContain('2. 完成接驳施工（甲固废科 / 甲固废经办，2026-11-27 前，进行中）')
    expect(one.text).toContain(
      '【责任清单】\n牵头单位：甲生态环境分局\n配合单位：甲督查室\n责任领导：甲领导\n责任人：甲经办',
    )
    expect(one.text).toContain('办结时限：3 个工作日，2026-11-27 前，剩余 3 个工作日')

    const set = (
      await sup.get('/api/problems/lists-text?receivedFrom=2026-11-24&receivedTo=2026-11-24&sort=code')
    ).json()
    expect(set.count).toBe(2)
    expect(set.text.split('\n')[0]).toBe('三个清单（共 2 件，截至 2026-11-24 09:00）')
    expect(set.text).toContain(`1. ${sewer.code} ${SEWER.title} — 内蒙古金旗牛业有限公司 · 供水排水 · 已受理`)
    expect(set.text).toContain(`2. ${road.code} 园区道路破损 — 鄂尔多斯市新能源有限公司 · 道路交通 · 待受理`)
    expect(set.text).toContain(`2. ${road.code}：牵头 待分办`)
    const none = (await sup.get('/api/problems/lists-text?receivedFrom=2026-11-25')).json()
    expect(none).toMatchObject({ count: 0 })
    expect(none.text).toContain('没有符合条件的问题')
    // out of scope: 404 for one, nothing for a set
    const bSup = await k.as('b_sup')
    expect((await bSup.get(`/api/problems/${sewer.id}/lists-text`)).statusCode).toBe(404)
    expect((await bSup.get('/api/problems/lists-text')).json().count).toBe(0)
  })
})
