import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUserWithRole, deptId, insertProject } from '../../../../test/factories.ts'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { accept, detail, type Kit, png, report, SEWER, setupKit, upload } from './problems.test-kit.ts'

let k: Kit
let sup: Agent
let ent: Agent
/** a triaged problem of zone 甲 (lead: 甲生态环境分局) with one task */
let triaged: { id: number; version: number }
let taskId: number
let extensionId: number

beforeAll(async () => {
  k = await setupKit()
  sup = await k.as('a_sup')
  ent = await k.as('a_ent')
  const p = await report(ent)
  const a = await accept(sup, p, { type: 'onsite', category: 'water', leadDepartmentId: k.eco })
  const handler = await k.as('a_handler')
  const task = (await handler.post(`/api/problems/${a.id}/tasks`, { title: '现场勘查' })).json()
  taskId = task.id
  const x = (
    await handler.post(`/api/problems/${a.id}/extension`, { days: 1, reason: '等待材料', version: a.version })
  ).json()
  extensionId = x.extensions[0].id
  triaged = { id: x.id, version: x.version }
})
afterAll(() => k.t.close())

const BAD = 999999

describe('problems: guards on every endpoint', () => {
  it('401 without a session', async () => {
    const anon = k.t.agent()
    const id = triaged.id
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/problems'],
      ['GET', '/api/problems/export.xlsx'],
      ['GET', `/api/problems/${id}`],
      ['GET', `/api/problems/${id}/timeline`],
      ['GET', `/api/problems/${id}/tasks`],
      ['GET', `/api/problems/${id}/lists-text`],
      ['GET', '/api/problems/lists-text'],
      ['POST', '/api/problems', SEWER],
      ['POST', `/api/problems/${id}/receive`, { version: 1 }],
      ['POST', `/api/problems/${id}/accept`, {}],
      ['POST', `/api/problems/${id}/reply`, {}],
      ['POST', `/api/problems/${id}/tasks`, {}],
      ['PATCH', `/api/problems/tasks/${taskId}`, {}],
      ['DELETE', `/api/problems/tasks/${taskId}?version=1`],
      ['POST', `/api/problems/${id}/resolve`, {}],
      ['POST', `/api/problems/${id}/return`, {}],
      ['POST', `/api/problems/${id}/extension`, {}],
      ['POST', `/api/problems/extensions/${extensionId}/decide`, {}],
      ['POST', `/api/problems/${id}/confirm`, {}],
      ['POST', `/api/problems/${id}/callback`, {}],
      ['POST', `/api/problems/${id}/withdraw`, {}],
      ['POST', `/api/problems/${id}/supervision`, {}],
    ]
    for (const [method, url, body] of calls) {
      const res = await anon.request(method as 'GET', url, body)
      expect(res.statusCode, `${method} ${url}`).toBe(401)
    }
  })

  it('403 without the permission (a leader reads only; no role at all cannot read)', async () => {
    const nobody = await k.as('norole')
    expect((await nobody.get('/api/problems')).statusCode).toBe(403)
    expect((await nobody.get(`/api/problems/${triaged.id}`)).statusCode).toBe(403)
    const leader = await k.as('a_leader')
    expect((await leader.get(`/api/problems/${triaged.id}`)).statusCode).toBe(200)
    const v = triaged.version
    const writes: Array<[string, string, unknown?]> = [
      ['POST', '/api/problems', SEWER],
      ['POST', `/api/problems/${triaged.id}/receive`, { version: v }],
      [
        'POST',
        `/api/problems/${triaged.id}/accept`,
        { type: 'onsite', category: 'water', leadDepartmentId: k.eco, version: v },
      ],
      ['POST', `/api/problems/${triaged.id}/reply`, { text: '进展', version: v }],
      ['POST', `/api/problems/${triaged.id}/tasks`, { title: '任务' }],
      ['PATCH', `/api/problems/tasks/${taskId}`, { status: 'doing', version: 1 }],
      ['DELETE', `/api/problems/tasks/${taskId}?version=1`],
      [
        'POST',
        `/api/problems/${triaged.id}/resolve`,
        { resolution: '已经全部处理完毕，企业认可', noEvidenceReason: '无材料说明', version: v },
      ],
      ['POST', `/api/problems/${triaged.id}/return`, { reason: '退回', version: v }],
      ['POST', `/api/problems/${triaged.id}/extension`, { days: 1, reason: '延期', version: v }],
      ['POST', `/api/problems/extensions/${extensionId}/decide`, { approve: true }],
      ['POST', `/api/problems/${triaged.id}/confirm`, { satisfaction: 'satisfied', version: v }],
      [
        'POST',
        `/api/problems/${triaged.id}/callback`,
        { result: '回访', satisfaction: 'satisfied', version: v },
      ],
      ['POST', `/api/problems/${triaged.id}/withdraw`, { reason: '撤回', version: v }],
      ['POST', `/api/problems/${triaged.id}/supervision`, { level: 'key', version: v }],
    ]
    for (const [method, url, body] of writes) {
      const res = await leader.request(method as 'POST', url, body)
      expect(res.statusCode, `${method} ${url}`).toBe(403)
    }
    // holding a permission is not enough when the role in this problem is wrong
    const officer = await k.as('a_officer') // handle permission, but not a unit of this problem
    let res = await officer.post(`/api/problems/${triaged.id}/reply`, { text: '进展', version: v })
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).message).toBe('只有牵头单位、配合单位、责任人或督查室可以办理该问题')
    res = await ent.post(`/api/problems/${triaged.id}/receive`, { version: v })
    expect(res.statusCode).toBe(403) // enterprise accounts do not receive
    res = await sup.post(`/api/problems/${triaged.id}/confirm`, { satisfaction: 'satisfied', version: v })
    expect(res.statusCode).toBe(403) // only the enterprise rates
  })

  it('404 for a problem of another zone, and for one that does not exist', async () => {
    const bSup = await k.as('b_sup') // every problem permission, zone 乙
    const v = triaged.version
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/problems/${triaged.id}`],
      ['GET', `/api/problems/${triaged.id}/timeline`],
      ['GET', `/api/problems/${triaged.id}/tasks`],
      ['GET', `/api/problems/${triaged.id}/lists-text`],
      ['POST', `/api/problems/${triaged.id}/receive`, { version: v }],
      [
        'POST',
        `/api/problems/${triaged.id}/accept`,
        { type: 'onsite', category: 'water', leadDepartmentId: k.eco, version: v },
      ],
      ['POST', `/api/problems/${triaged.id}/reply`, { text: '进展', version: v }],
      ['POST', `/api/problems/${triaged.id}/tasks`, { title: '任务' }],
      ['PATCH', `/api/problems/tasks/${taskId}`, { status: 'doing', version: 1 }],
      ['DELETE', `/api/problems/tasks/${taskId}?version=1`],
      [
        'POST',
        `/api/problems/${triaged.id}/resolve`,
        { resolution: '已经全部处理完毕，企业认可', noEvidenceReason: '无材料说明', version: v },
      ],
      ['POST', `/api/problems/${triaged.id}/return`, { reason: '退回', version: v }],
      ['POST', `/api/problems/${triaged.id}/extension`, { days: 1, reason: '延期', version: v }],
      ['POST', `/api/problems/extensions/${extensionId}/decide`, { approve: true }],
      ['POST', `/api/problems/${triaged.id}/confirm`, { satisfaction: 'satisfied', version: v }],
      [
        'POST',
        `/api/problems/${triaged.id}/callback`,
        { result: '回访', satisfaction: 'satisfied', version: v },
      ],
      ['POST', `/api/problems/${triaged.id}/withdraw`, { reason: '撤回', version: v }],
      ['POST', `/api/problems/${triaged.id}/supervision`, { level: 'key', version: v }],
      ['GET', `/api/problems/${BAD}`],
      ['PATCH', `/api/problems/tasks/${BAD}`, { status: 'doing', version: 1 }],
    ]
    for (const [method, url, body] of calls) {
      const res = await bSup.request(method as 'GET', url, body)
      expect(res.statusCode, `${method} ${url}`).toBe(404)
    }
    expect((await bSup.get('/api/problems')).json().total).toBe(0)
  })

  it('400 naming the field', async () => {
    const check = async (res: { statusCode: number; json(): unknown; body: string }, field: string) => {
      expect(res.statusCode, res.body).toBe(400)
      expect(errorOf(res as never).field).toBe(field)
    }
    await check(await sup.post('/api/problems', { ...SEWER, title: '', source: 'hotline' }), 'title')
    await check(await sup.post('/api/problems', { ...SEWER, description: '' }), 'description')
    await check(await sup.post('/api/problems', SEWER), 'source') // staff must say where it came from
    await check(await sup.post('/api/problems', { ...SEWER, source: 'bogus' }), 'source')
    await check(
      await sup.post('/api/problems', { ...SEWER, source: 'hotline', category: 'bogus' }),
      'category',
    )
    await check(await sup.post('/api/problems', { ...SEWER, source: 'inspection' }), 'rectifyDeadline')
    await check(
      await sup.post('/api/problems', { ...SEWER, source: 'inspection', rectifyDeadline: '2026-02-30' }),
      'rectifyDeadline',
    )
    await check(
      await sup.post('/api/problems', { ...SEWER, source: 'hotline', reporterPhone: 'abc' }),
      'reporterPhone',
    )
    await check((await sup.get('/api/problems?status=bogus')) as never, 'status')
    await check((await sup.get('/api/problems?receivedFrom=2026-1-1')) as never, 'receivedFrom')
    const v = triaged.version
    const id = triaged.id
    await check(await sup.post(`/api/problems/${id}/reply`, { text: '', version: v }), 'text')
    await check(await sup.post(`/api/problems/${id}/reply`, { text: '进展' }), 'version')
    await check(await sup.post(`/api/problems/${id}/tasks`, { title: '' }), 'title')
    await check(
      await sup.post(`/api/problems/${id}/tasks`, { title: '测试', dueDate: '2026-13-01' }),
      'dueDate',
    )
    await check(
      await sup.patch(`/api/problems/tasks/${taskId}`, { status: 'finished', version: 1 }),
      'status',
    )
    await check(
      await sup.post(`/api/problems/${id}/resolve`, { resolution: '太短', version: v }),
      'resolution',
    )
    await check(await sup.post(`/api/problems/${id}/return`, { version: v }), 'reason')
    await check(
      await sup.post(`/api/problems/${id}/extension`, { days: 0, reason: '延期', version: v }),
      'days',
    )
    await check(await sup.post(`/api/problems/extensions/${extensionId}/decide`, {}), 'approve')
    await check(
      await ent.post(`/api/problems/${id}/confirm`, { satisfaction: 'great', version: v }),
      'satisfaction',
    )
    await check(
      await sup.post(`/api/problems/${id}/callback`, { satisfaction: 'satisfied', version: v }),
      'result',
    )
    await check(await sup.post(`/api/problems/${id}/supervision`, { level: 'top', version: v }), 'level')
  })
})

describe('problems: intake', () => {
  it('staff entry: source, 首问 = the person entering it, hotline caller kept, search by segmented words', async () => {
    const officer = await k.as('a_officer')
    const p = await report(officer, {
      title: '园区道路破损严重',
      description: '园区主干道大型货车碾压后路面塌陷，影响原料运输。',
      category: 'road',
      source: 'hotline',
      enterpriseId: k.other,
      reporterName: '王经理',
      reporterPhone: '13800001111',
      address: '经三路与纬二路交叉口',
    })
    expect(p).toMatchObject({
      source: 'hotline',
      status: 'submitted',
      enterprise: { id: k.other, name: '鄂尔多斯市新能源有限公司' },
      reporter: '王经理',
      reporterPhone: '13800001111',
      firstReceiver: { id: k.users.a_officer, name: '甲专员' },
      address: '经三路与纬二路交叉口',
    })
    expect(p.code).toMatch(/^WT-2026-\d{4}$/)
    const found = (await sup.get('/api/problems?keyword=路面')).json()
    expect(found.items.map((x: { id: number }) => x.id)).toContain(p.id)
    // an enterprise of another zone is refused
    const bEnt = (
      await k.t.database.db
        .insertInto('enterprises')
        .values({
          zone_id: (
            await k.t.database.db
              .selectFrom('departments')
              .select('id')
              .where('name', '=', '乙开发区')
              .executeTakeFirstOrThrow()
          ).id,
          name: '乙企业',
          contacts: '[]',
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const res = await sup.post('/api/problems', { ...SEWER, source: 'visit', enterpriseId: bEnt })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'enterpriseId', message: '企业不存在或不属于本开发区' })
  })

  it('inspection findings carry a rectification deadline', async () => {
    const p = await report(sup, {
      title: '危化品仓库消防通道堵塞',
      description: '隐患排查发现仓库东侧消防通道堆放杂物。',
      category: 'other',
      source: 'inspection',
      rectifyDeadline: '2026-11-30',
    })
    expect(p).toMatchObject({ source: 'inspection', rectifyDeadline: '2026-11-30' })
  })

  it('an enterprise reports for itself with a project of its own and photos; not for another enterprise', async () => {
    const zoneA = (
      await k.t.database.db
        .selectFrom('departments')
        .select('id')
        .where('name', '=', '甲开发区')
        .executeTakeFirstOrThrow()
    ).id
    const own = await insertProject(k.t, {
      zoneId: zoneA,
      code: 'XM-T-1',
      name: '屠宰加工项目',
      enterpriseId: k.jinqi,
    })
    const others = await insertProject(k.t, {
      zoneId: zoneA,
      code: 'XM-T-2',
      name: '光伏项目',
      enterpriseId: k.other,
    })
    let res = await ent.post('/api/problems', { ...SEWER, projectId: others })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'projectId', message: '项目不存在或不属于本企业' })
    const p = await report(ent, { ...SEWER, projectId: own, address: '厂区东门' })
    expect(p.project).toEqual({ id: own, name: '屠宰加工项目', code: 'XM-T-1' })
    // photos: the reporter uploads; another enterprise cannot see them; the handler department can
    const photo = await upload(ent, 'problem', p.id, '现场.png', await png())
    expect(photo.statusCode, photo.body).toBe(201)
    const ent2 = await k.as('a_ent2')
    expect((await ent2.get(`/api/attachments?ownerType=problem&ownerId=${p.id}`)).statusCode).toBe(404)
    expect((await upload(ent2, 'problem', p.id, 'x.png', await png())).statusCode).toBe(404)
    expect((await sup.get(`/api/attachments?ownerType=problem&ownerId=${p.id}`)).json().items).toHaveLength(1)
    expect((await detail(sup, p.id)).attachmentCount).toBe(1)
    // an enterprise account not linked to an enterprise cannot report
    await k.t.database.db
      .updateTable('users')
      .set({ enterprise_id: null })
      .where('username', '=', 'a_ent2')
      .execute()
    res = await ent2.post('/api/problems', SEWER)
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('enterpriseId')
    await k.t.database.db
      .updateTable('users')
      .set({ enterprise_id: k.other })
      .where('username', '=', 'a_ent2')
      .execute()
  })

  it('a user above the zones names the zone (400 without it)', async () => {
    await addUserWithRole(k.t, {
      username: 'city_sup',
      displayName: '市督查',
      department: '测试市',
      role: {
        code: 'city_sup',
        name: '市督查',
        dataScope: 'all',
        permissions: ['problem:report', 'problem:read'],
      },
    })
    const city = await k.as('city_sup')
    let res = await city.post('/api/problems', { ...SEWER, source: 'visit' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'zoneId', message: '请选择问题所属开发区' })
    const zoneA = (
      await k.t.database.db
        .selectFrom('departments')
        .select('id')
        .where('name', '=', '甲开发区')
        .executeTakeFirstOrThrow()
    ).id
    res = await city.post('/api/problems', { ...SEWER, source: 'visit', zoneId: zoneA })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ zoneName: '甲开发区' })
  })
})

describe('problems: who sees what', () => {
  it('an enterprise sees only its own problems; a department only those routed to it', async () => {
    const mine = (await ent.get('/api/problems?pageSize=200')).json()
    expect(mine.total).toBeGreaterThan(0)
    expect(mine.items.every((p: { enterprise: { id: number } }) => p.enterprise?.id === k.jinqi)).toBe(true)
    const ent2 = await k.as('a_ent2')
    const theirs = (await ent2.get('/api/problems?pageSize=200')).json()
    expect(theirs.items.every((p: { enterprise: { id: number } }) => p.enterprise?.id === k.other)).toBe(true)
    expect((await ent2.get(`/api/problems/${triaged.id}`)).statusCode).toBe(404)

    // the handler sees only problems whose lead or co unit (or a task) is its department
    const handler = await k.as('a_handler')
    const routed = (await handler.get('/api/problems?pageSize=200')).json()
    expect(routed.items.map((p: { id: number }) => p.id)).toEqual([triaged.id])
    // the officer of the supervision office sees the zone
    const all = (await sup.get('/api/problems?pageSize=200')).json()
    expect(all.total).toBeGreaterThan(routed.total)
    // 'mine': the first receiver's own
    const officer = await k.as('a_officer')
    const own = (await officer.get('/api/problems?mine=true')).json()
    expect(
      own.items.every(
        (p: { firstReceiver: { id: number } | null }) => p.firstReceiver?.id === k.users.a_officer,
      ),
    ).toBe(true)
  })

  it('filters: status, open, department subtree, category, source, dates, overdue; sort; export matches the list', async () => {
    const q = async (qs: string) => (await sup.get(`/api/problems?pageSize=200&${qs}`)).json()
    expect((await q('status=accepted')).items.map((p: { id: number }) => p.id)).toEqual([triaged.id])
    const open = await q('status=open')
    expect(open.items.every((p: { status: string }) => !['closed', 'withdrawn'].includes(p.status))).toBe(
      true,
    )
    expect((await q(`departmentId=${k.eco}`)).items.map((p: { id: number }) => p.id)).toEqual([triaged.id])
    expect((await q('category=road')).items).toHaveLength(1)
    expect((await q('source=inspection')).items).toHaveLength(1)
    expect((await q('receivedFrom=2026-11-24&receivedTo=2026-11-24')).total).toBe(open.total)
    expect((await q('receivedFrom=2026-11-25')).total).toBe(0)
    expect((await q('overdue=true')).total).toBe(0)
    const byCode = await q('sort=code')
    const codes = byCode.items.map((p: { code: string }) => p.code)
    expect(codes).toEqual([...codes].sort())
    // two working days later every untriaged report is late for acceptance
    k.t.clock.set('2026-11-26T09:00:00+08:00')
    const s2 = await k.as('a_sup')
    const late = (await s2.get('/api/problems?overdue=true&pageSize=200')).json()
    expect(late.total).toBeGreaterThan(0)
    expect(late.items.every((p: { due: { overdue: boolean } }) => p.due.overdue)).toBe(true)

    const res = await s2.get('/api/problems/export.xlsx?status=open&sort=code')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.name).toBe('问题台账')
    expect(ws.getRow(1).getCell(1).value).toBe('编号')
    const list = (await s2.get('/api/problems?status=open&sort=code&pageSize=200')).json()
    const exported = []
    for (let i = 2; i <= ws.rowCount; i++) exported.push(ws.getRow(i).getCell(1).value)
    expect(exported).toEqual(list.items.map((p: { code: string }) => p.code))
    k.t.clock.set('2026-11-24T09:00:00+08:00')
  })
})

describe('problems: tasks', () => {
  it('lists, edits (with version), deletes; the task owner department sees the problem', async () => {
    const handler = await k.as('a_handler')
    let res = await handler.get(`/api/problems/${triaged.id}/tasks`)
    expect(res.json().items.map((t: { title: string }) => t.title)).toEqual(['现场勘查'])
    const t1 = res.json().items[0]
    res = await handler.patch(`/api/problems/tasks/${taskId}`, {
      ownerDepartmentId: k.supDept,
      dueDate: '2026-11-20',
      status: 'doing',
      version: t1.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      status: 'doing',
      overdue: true,
      ownerDepartment: { name: '甲督查室' },
    })
    res = await handler.patch(`/api/problems/tasks/${taskId}`, { status: 'done', version: t1.version })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).code).toBe('VERSION_CONFLICT')
    // an owner department of another zone is refused
    const bEco = (
      await k.t.database.db
        .selectFrom('departments')
        .select('id')
        .where('name', '=', '乙生态环境分局')
        .executeTakeFirstOrThrow()
    ).id
    res = await handler.post(`/api/problems/${triaged.id}/tasks`, {
      title: '跨区任务',
      ownerDepartmentId: bEco,
    })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('ownerDepartmentId')
    res = await handler.post(`/api/problems/${triaged.id}/tasks`, { title: '临时任务' })
    const tmp = res.json()
    res = await handler.delete(`/api/problems/tasks/${tmp.id}?version=${tmp.version + 1}`)
    expect(res.statusCode).toBe(409)
    res = await handler.delete(`/api/problems/tasks/${tmp.id}?version=${tmp.version}`)
    expect(res.statusCode).toBe(200)
    const d = await detail(handler, triaged.id)
    expect(d.tasks.map((t: { title: string }) => t.title)).toEqual(['现场勘查'])
    expect(d.timeline.map((e: { kind: string }) => e.kind).slice(0, 3)).toEqual([
      'task.deleted',
      'task.created',
      'task.updated',
    ])
  })
})

// Runs last: it adds a problem the filter tests above do not expect.
describe('problems: units above the zone', () => {
  it('a city department may lead a zone problem (耒阳市发改局 for the zone); not one of another zone', async () => {
    const admin = await k.as('sysadmin')
    const city = await deptId(k.t, '测试市')
    const created = await admin.post('/api/departments', {
      parentId: city,
      kind: 'department',
      name: '测试市发改局',
    })
    expect(created.statusCode, created.body).toBe(201)
    const other = await deptId(k.t, '乙生态环境分局')
    const p = await report(ent, { ...SEWER, title: '二期投产后电力缺口' })
    const wrong = await sup.post(`/api/problems/${p.id}/accept`, {
      version: p.version,
      type: 'longterm',
      category: 'power',
      leadDepartmentId: other,
    })
    expect(wrong.statusCode).toBe(400)
    expect(errorOf(wrong).field).toBe('leadDepartmentId')
    const ok = await accept(sup, p, {
      type: 'longterm',
      category: 'power',
      leadDepartmentId: created.json().id,
    })
    expect(ok.leadUnit.name).toBe('测试市发改局')
  })

  it('the enterprise page (一企一清单) counts its problems and the open ones', async () => {
    const o = (await sup.get(`/api/enterprises/${k.jinqi}/overview`)).json()
    const rows = await k.t.database.db
      .selectFrom('problems')
      .select('status')
      .where('enterprise_id', '=', k.jinqi)
      .execute()
    const open = ['submitted', 'returned', 'accepted', 'in_progress', 'resolved']
    expect(o.counts.problems).toBeGreaterThan(0)
    expect(o.counts.problems).toBe(rows.filter((r) => r.status !== 'withdrawn').length)
    expect(o.counts.openProblems).toBe(rows.filter((r) => open.includes(r.status)).length)
  })
})
