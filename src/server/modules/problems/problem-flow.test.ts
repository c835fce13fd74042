import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUserWithRole, auditActions } from '../../../../test/factories.ts'
import { errorOf } from '../../../../test/harness.ts'
import { accept, detail, type Kit, png, report, SEWER, setupKit, upload } from './problems.test-kit.ts'

let k: Kit
beforeAll(async () => {
  k = await setupKit()
  // An independent call-back officer of the supervision office (回访专员), and a department user who may call back.
  for (const [username, department] of [
    ['a_visitor', '甲督查室'],
    ['a_eco_cb', '甲生态环境分局'],
  ] as const)
    await addUserWithRole(k.t, {
      username,
      displayName: username === 'a_visitor' ? '回访专员' : '分局回访员',
      department,
      role: {
        code: `cb_${username}`,
        name: `回访（${username}）`,
        dataScope: 'zone',
        permissions: ['problem:read', 'problem:callback', 'problem:handle'],
      },
    })
})
afterAll(() => k.t.close())

/** Beijing end of day as the API returns it. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString()

async function triaged(body: Record<string, unknown> = {}) {
  const ent = await k.as('a_ent')
  const p = await report(ent)
  const sup = await k.as('a_sup')
  return accept(sup, p, {
    type: 'onsite',
    category: 'water',
    leadDepartmentId: k.eco,
    responsibleUserId: k.users.a_handler,
    ...body,
  })
}

async function resolved(body: Record<string, unknown> = {}) {
  const p = await triaged(body)
  const handler = await k.as('a_handler')
  const res = await handler.post(`/api/problems/${p.id}/resolve`, {
    resolution: '已协调住建部门完成管网接驳，污水已正常排入园区污水处理厂。',
    noEvidenceReason: '管网在地下，现场已由企业确认',
    version: p.version,
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

describe('the closed loop, start to finish', () => {
  it('report → receive → accept → reply → task → resolve → the enterprise confirms → closed', async () => {
    k.t.clock.set('2026-11-24T09:00:00+08:00')
    const ent = await k.as('a_ent')
    let p = await report(ent, { ...SEWER, source: 'hotline', enterpriseId: k.other })
    // an enterprise reports for itself: the enterprise, the source and the reporter are forced
    expect(p).toMatchObject({
      code: 'WT-2026-0001',
      status: 'submitted',
      statusLabel: '待受理',
      source: 'enterprise',
      enterprise: { id: k.jinqi, name: '内蒙古金旗牛业有限公司' },
      reporter: '甲企业',
      reporterUserId: k.users.a_ent,
      firstReceiver: null,
      acceptDueAt: endOf('2026-11-25'),
      due: { kind: 'accept', date: '2026-11-25', daysLeft: 1, overdue: false },
    })
    expect(p.actions).toEqual(['withdraw'])

    // 首问责任制: the first staff member to take it owns it until triage
    const officer = await k.as('a_officer')
    expect((await detail(officer, p.id)).actions).toEqual(['receive'])
    let res = await officer.post(`/api/problems/${p.id}/receive`, { version: p.version })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p.firstReceiver).toEqual({ id: k.users.a_officer, name: '甲专员' })
    const sup = await k.as('a_sup')
    res = await sup.post(`/api/problems/${p.id}/receive`, { version: p.version })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).message).toBe('该问题已由 甲专员 接收（首问责任人）')
    expect((await detail(sup, p.id)).actions).toEqual(['accept', 'supervise'])

    // triage: default deadline for 眼前事 = 3 working days, first reply within 2
    p = await accept(sup, p, {
      type: 'onsite',
      category: 'water',
      leadDepartmentId: k.eco,
      coDepartmentIds: [k.supDept],
      responsibleLeaderId: k.users.a_leader,
      responsibleUserId: k.users.a_handler,
      note: '请尽快对接',
    })
    expect(p).toMatchObject({
      status: 'accepted',
      type: 'onsite',
      leadUnit: { id: k.eco, name: '甲生态环境分局' },
      coUnits: [{ id: k.supDept, name: '甲督查室' }],
      responsibleLeader: { id: k.users.a_leader, name: '甲领导' },
      responsibleUser: { id: k.users.a_handler, name: '甲经办' },
      firstReceiver: { id: k.users.a_officer, name: '甲专员' },
      deadlineDays: 3,
      deadlineAt: endOf('2026-11-27'),
      replyDueAt: endOf('2026-11-26'),
      due: { kind: 'deadline', daysLeft: 3, overdue: false },
      light: 'green',
    })

    // the lead department handles it
    const handler = await k.as('a_handler')
    expect((await detail(handler, p.id)).actions).toEqual([
      'reply',
      'tasks',
      'resolve',
      'return',
      'extension',
    ])
    res = await handler.post(`/api/problems/${p.id}/reply`, {
      text: '已联系住建局现场勘查',
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p.status).toBe('in_progress')
    expect(p.firstReplyAt).toBe(k.t.clock.now().toISOString())

    res = await handler.post(`/api/problems/${p.id}/tasks`, {
      title: '完成管网接驳施工',
      ownerDepartmentId: k.waste,
      ownerUserId: k.users.a_waste,
      dueDate: '2026-11-26',
    })
    expect(res.statusCode, res.body).toBe(201)
    const task = res.json()
    expect(task).toMatchObject({
      status: 'todo',
      ownerDepartment: { name: '甲固废科' },
      ownerUser: { name: '甲固废经办' },
    })
    // the section below the lead department works its task
    const waste = await k.as('a_waste')
    res = await waste.patch(`/api/problems/tasks/${task.id}`, { status: 'done', version: task.version })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'done', statusLabel: '已完成' })
    expect(res.json().doneAt).toBeTruthy()

    // resolving needs evidence: a photo of this problem, or a reason why there is none
    p = await detail(handler, p.id)
    res = await handler.post(`/api/problems/${p.id}/resolve`, { resolution: '已解决', version: p.version })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'resolution' })
    res = await handler.post(`/api/problems/${p.id}/resolve`, {
      resolution: '管网已接通，污水已排入园区污水处理厂。',
      version: p.version,
    })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'attachmentIds' })
    const photo = await upload(handler, 'problem', p.id, '接通现场.png', await png())
    expect(photo.statusCode, photo.body).toBe(201)
    res = await handler.post(`/api/problems/${p.id}/resolve`, {
      resolution: '管网已接通，污水已排入园区污水处理厂。',
      attachmentIds: [photo.json().id],
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p).toMatchObject({
      status: 'resolved',
      statusLabel: '已办结待确认',
      resolvedBy: { id: k.users.a_handler, name: '甲经办' },
      evidence: { attachmentIds: [photo.json().id], files: ['接通现场.png'] },
      confirmDueAt: endOf('2026-12-01'),
      attachmentCount: 1,
    })
    expect(p.actions).toEqual([])
    // the evidence is frozen while the enterprise judges it
    const del = await handler.delete(`/api/attachments/${photo.json().id}`)
    expect(del.statusCode).toBe(403)
    expect((await upload(handler, 'problem', p.id, '补充.png', await png())).statusCode).toBe(403)

    // the enterprise confirms
    expect((await detail(ent, p.id)).actions).toEqual(['confirm'])
    res = await ent.post(`/api/problems/${p.id}/confirm`, {
      satisfaction: 'satisfied',
      comment: '非常及时',
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p).toMatchObject({ status: 'closed', closeMethod: 'confirmed', satisfaction: 'satisfied' })
    expect(p.closedAt).toBeTruthy()

    // every step is on the timeline (newest first) and in the audit log
    const timeline = (await ent.get(`/api/problems/${p.id}/timeline`)).json()
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toEqual([
      'confirmed',
      'resolved',
      'task.updated',
      'task.created',
      'reply',
      'accepted',
      'received',
      'created',
    ])
    expect(timeline.items[5].summary).toContain('牵头单位：甲生态环境分局')
    expect(timeline.items[5].actorName).toBe('甲督查')
    expect(await auditActions(k.t, 'problem', p.id)).toEqual([
      'problem.create',
      'problem.receive',
      'problem.accept',
      'problem.reply',
      'problem.task.create',
      'problem.task.update',
      'problem.resolve',
      'problem.confirm',
    ])
    // closed is final: nothing more to do, and stepping back is refused
    res = await handler.post(`/api/problems/${p.id}/reply`, { text: '补充', version: p.version })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res)).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '该问题当前为「已销号」，不能答复',
    })
  })
})

describe('reopen, return, extension', () => {
  it('not satisfied reopens with the reason (required), and the next resolution can close it', async () => {
    k.t.clock.set('2026-11-24T09:00:00+08:00')
    let p = await resolved()
    const ent = await k.as('a_ent')
    let res = await ent.post(`/api/problems/${p.id}/confirm`, {
      satisfaction: 'unsatisfied',
      version: p.version,
    })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('comment')
    res = await ent.post(`/api/problems/${p.id}/confirm`, {
      satisfaction: 'unsatisfied',
      comment: '雨天仍有倒灌',
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p).toMatchObject({
      status: 'in_progress',
      reopenCount: 1,
      satisfaction: 'unsatisfied',
      resolvedAt: null,
    })
    expect(p.timeline[0]).toMatchObject({
      kind: 'reopened',
      summary: '企业评价不满意：雨天仍有倒灌，重新办理',
    })
    const handler = await k.as('a_handler')
    res = await handler.post(`/api/problems/${p.id}/resolve`, {
      resolution: '加装止回阀，雨天倒灌问题已处理。',
      noEvidenceReason: '企业现场确认',
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    res = await ent.post(`/api/problems/${p.id}/confirm`, { satisfaction: 'basic', version: p.version })
    expect(res.json()).toMatchObject({ status: 'closed', satisfaction: 'basic', reopenCount: 1 })
  })

  it('a department returns a wrong assignment (reason required); it goes back to triage and is routed again', async () => {
    k.t.clock.set('2026-11-24T09:00:00+08:00')
    let p = await triaged({ coDepartmentIds: [k.supDept] })
    const handler = await k.as('a_handler')
    let res = await handler.post(`/api/problems/${p.id}/return`, { reason: '', version: p.version })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'reason' })
    res = await handler.post(`/api/problems/${p.id}/return`, {
      reason: '属供排水公司职责，非本局',
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p).toMatchObject({
      status: 'returned',
      leadUnit: null,
      coUnits: [],
      responsibleUser: null,
      deadlineAt: null,
      acceptDueAt: endOf('2026-11-25'),
    })
    expect(p.timeline[0].summary).toBe('退回重新分办（原牵头单位：甲生态环境分局）：属供排水公司职责，非本局')
    // no longer the department's: it cannot see it any more
    expect((await handler.get(`/api/problems/${p.id}`)).statusCode).toBe(404)
    // the supervision office routes it again
    const sup = await k.as('a_sup')
    p = await accept(sup, p, { type: 'common', category: 'water', leadDepartmentId: k.waste })
    expect(p).toMatchObject({ status: 'accepted', leadUnit: { name: '甲固废科' }, deadlineDays: 15 })
    // the section's parent department sees it again (lead unit below it)
    expect((await handler.get(`/api/problems/${p.id}`)).statusCode).toBe(200)
  })

  it('an approved extension moves the deadline by working days across a holiday (yellow); a refusal needs a note', async () => {
    // Thursday before the 2026 Mid-Autumn (25–27 Sep) and National Day (1–7 Oct) holidays
    k.t.clock.set('2026-09-24T10:00:00+08:00')
    let p = await triaged()
    expect(p.deadlineAt).toBe(endOf('2026-09-30')) // 28, 29, 30 Sep
    const handler = await k.as('a_handler')
    let res = await handler.post(`/api/problems/${p.id}/extension`, {
      days: 2,
      reason: '',
      version: p.version,
    })
    expect(errorOf(res).field).toBe('reason')
    res = await handler.post(`/api/problems/${p.id}/extension`, {
      days: 2,
      reason: '需等待供电公司停电窗口',
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p.extensions).toMatchObject([{ days: 2, status: 'pending', requestedBy: '甲经办' }])
    expect(p.actions).not.toContain('extension')
    res = await handler.post(`/api/problems/${p.id}/extension`, {
      days: 1,
      reason: '再来一次',
      version: p.version,
    })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).message).toContain('待审批')
    // a handler cannot decide; the supervision office can
    const xid = p.extensions[0].id
    expect((await handler.post(`/api/problems/extensions/${xid}/decide`, { approve: true })).statusCode).toBe(
      403,
    )
    const sup = await k.as('a_sup')
    expect((await detail(sup, p.id)).actions).toContain('decideExtension')
    res = await sup.post(`/api/problems/extensions/${xid}/decide`, { approve: true, note: '同意' })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p).toMatchObject({
      deadlineAt: endOf('2026-10-09'),
      deadlineDays: 5,
      extended: true,
      light: 'yellow',
    })
    expect(p.extensions[0]).toMatchObject({ status: 'approved', decidedBy: '甲督查', decisionNote: '同意' })
    expect(p.timeline[0].summary).toBe('同意延期 2 个工作日，办结时限由 2026-09-30 调整为 2026-10-09：同意')
    res = await sup.post(`/api/problems/extensions/${xid}/decide`, { approve: false, note: '再议' })
    expect(res.statusCode).toBe(409)

    // a second request, refused: a note is required, and the deadline stays
    res = await handler.post(`/api/problems/${p.id}/extension`, {
      days: 3,
      reason: '设备未到货',
      version: p.version,
    })
    p = res.json()
    const second = p.extensions.find((x: { status: string }) => x.status === 'pending').id
    res = await sup.post(`/api/problems/extensions/${second}/decide`, { approve: false })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('note')
    res = await sup.post(`/api/problems/extensions/${second}/decide`, { approve: false, note: '请按期办结' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ deadlineAt: endOf('2026-10-09'), deadlineDays: 5 })
    expect(res.json().timeline[0].summary).toBe('不同意延期（3 个工作日）：请按期办结')
    expect((await sup.post('/api/problems/extensions/999999/decide', { approve: true })).statusCode).toBe(404)
  })
})

describe('call-back closure (回访) and withdrawal', () => {
  it('only after the confirmation wait, and only by someone independent of the handling', async () => {
    k.t.clock.set('2026-11-24T09:00:00+08:00')
    // the supervision office handles it itself: it is the responsible person and the resolver
    const p0 = await triaged({ responsibleUserId: k.users.a_sup })
    let sup = await k.as('a_sup')
    let res = await sup.post(`/api/problems/${p0.id}/resolve`, {
      resolution: '已现场协调，问题已解决，企业口头认可。',
      noEvidenceReason: '现场协调无书面材料',
      version: p0.version,
    })
    const p = res.json()
    expect(p.confirmDueAt).toBe(endOf('2026-12-01'))
    let visitor = await k.as('a_visitor')
    res = await visitor.post(`/api/problems/${p.id}/callback`, {
      result: '电话回访，企业满意',
      satisfaction: 'satisfied',
      version: p.version,
    })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res)).toMatchObject({ code: 'INVALID_TRANSITION' })
    expect(errorOf(res).message).toContain('未到')
    // a plain handler has no call-back permission at all
    const handler = await k.as('a_handler')
    expect(
      (
        await handler.post(`/api/problems/${p.id}/callback`, {
          result: '满意',
          satisfaction: 'satisfied',
          version: p.version,
        })
      ).statusCode,
    ).toBe(403)

    // the enterprise does not answer within 5 working days
    k.t.clock.set('2026-12-02T09:00:00+08:00')
    sup = await k.as('a_sup')
    res = await sup.post(`/api/problems/${p.id}/callback`, {
      result: '电话回访，企业满意',
      satisfaction: 'satisfied',
      version: p.version,
    })
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).message).toContain('办理人以外')
    const ecoCb = await k.as('a_eco_cb')
    res = await ecoCb.post(`/api/problems/${p.id}/callback`, {
      result: '电话回访，企业满意',
      satisfaction: 'satisfied',
      version: p.version,
    })
    expect(res.statusCode).toBe(403) // in the lead department
    visitor = await k.as('a_visitor')
    expect((await detail(visitor, p.id)).actions).toEqual(['callback'])
    res = await visitor.post(`/api/problems/${p.id}/callback`, {
      result: '',
      satisfaction: 'satisfied',
      version: p.version,
    })
    expect(errorOf(res).field).toBe('result')
    res = await visitor.post(`/api/problems/${p.id}/callback`, {
      result: '电话回访企业负责人，表示满意',
      satisfaction: 'satisfied',
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'closed', closeMethod: 'callback', satisfaction: 'satisfied' })
    expect(res.json().timeline[0]).toMatchObject({ kind: 'callback', actorName: '回访专员' })
  })

  it('the enterprise withdraws before resolution; another enterprise cannot even see it', async () => {
    k.t.clock.set('2026-11-24T09:00:00+08:00')
    const ent = await k.as('a_ent')
    const p = await report(ent)
    const ent2 = await k.as('a_ent2')
    expect(
      (await ent2.post(`/api/problems/${p.id}/withdraw`, { reason: '不需要了', version: p.version }))
        .statusCode,
    ).toBe(404)
    const sup = await k.as('a_sup')
    // staff cannot withdraw an enterprise's problem
    expect(
      (await sup.post(`/api/problems/${p.id}/withdraw`, { reason: '不需要了', version: p.version }))
        .statusCode,
    ).toBe(403)
    let res = await ent.post(`/api/problems/${p.id}/withdraw`, { reason: '', version: p.version })
    expect(errorOf(res).field).toBe('reason')
    res = await ent.post(`/api/problems/${p.id}/withdraw`, { reason: '已自行解决', version: p.version })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'withdrawn', closeMethod: 'withdrawn', actions: [] })
    res = await ent.post(`/api/problems/${p.id}/withdraw`, {
      reason: '再撤一次',
      version: res.json().version,
    })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).message).toBe('该问题当前为「已撤回」，不能撤回')
  })
})

describe('illegal transitions and stale versions', () => {
  it('409 INVALID_TRANSITION with a clear Chinese message; 409 VERSION_CONFLICT on a stale version', async () => {
    k.t.clock.set('2026-11-24T09:00:00+08:00')
    const p = await resolved()
    const handler = await k.as('a_handler')
    let res = await handler.post(`/api/problems/${p.id}/return`, { reason: '不归我们管', version: p.version })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res)).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '该问题当前为「已办结待确认」，不能退回',
    })
    const sup = await k.as('a_sup')
    res = await sup.post(`/api/problems/${p.id}/accept`, {
      type: 'onsite',
      category: 'water',
      leadDepartmentId: k.eco,
      version: p.version,
    })
    expect(errorOf(res).message).toBe('该问题当前为「已办结待确认」，不能受理分办')
    res = await handler.post(`/api/problems/${p.id}/extension`, {
      days: 1,
      reason: '再等等',
      version: p.version,
    })
    expect(errorOf(res).message).toBe('该问题当前为「已办结待确认」，不能申请延期')

    const ent = await k.as('a_ent')
    const fresh = await report(ent)
    res = await ent.post(`/api/problems/${fresh.id}/confirm`, {
      satisfaction: 'satisfied',
      version: fresh.version,
    })
    expect(errorOf(res).message).toBe('该问题当前为「待受理」，不能确认评价')
    res = await sup.post(`/api/problems/${fresh.id}/supervision`, { level: 'listed', version: fresh.version })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ supervisionLevel: 'listed' })
    expect(res.json().timeline[0].summary).toBe('督办级别：一般督办 → 挂牌督办')
    // the version the first change was based on is stale now
    res = await sup.post(`/api/problems/${fresh.id}/supervision`, { level: 'key', version: fresh.version })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).code).toBe('VERSION_CONFLICT')
  })
})

describe('working-day deadlines (官方放假与调休)', () => {
  it('counts across Spring Festival and National Day, and make-up working weekends count', async () => {
    // Thursday 12 Feb 2026: 13 Feb (Fri), 14 Feb (Sat, 调休上班), then 15–23 Feb off, 24 Feb
    k.t.clock.set('2026-02-12T15:00:00+08:00')
    let p = await triaged({ deadlineDays: 3 })
    expect(p.deadlineAt).toBe(endOf('2026-02-24'))
    expect(p.replyDueAt).toBe(endOf('2026-02-14'))
    expect(p.code).toMatch(/^WT-2026-\d{4}$/) // numbered per zone and year
    // the acceptance clock of a report on the eve of the holiday
    const ent = await k.as('a_ent')
    const r = await report(ent)
    expect(r.acceptDueAt).toBe(endOf('2026-02-13'))

    // Tuesday 29 Sep 2026: 30 Sep, then 1–7 Oct off, 8 and 9 Oct
    k.t.clock.set('2026-09-29T10:00:00+08:00')
    p = await triaged()
    expect(p.deadlineAt).toBe(endOf('2026-10-09'))
    // Friday 18 Sep 2026: the next working day is Sunday 20 Sep (国庆节调休)
    k.t.clock.set('2026-09-18T10:00:00+08:00')
    p = await triaged({ deadlineDays: 1 })
    expect(p.deadlineAt).toBe(endOf('2026-09-20'))
    // a long-term problem may exceed the maximum; others may not
    k.t.clock.set('2026-11-24T09:00:00+08:00')
    const sup = await k.as('a_sup')
    const q = await report(await k.as('a_ent'))
    let res = await sup.post(`/api/problems/${q.id}/accept`, {
      type: 'onsite',
      category: 'water',
      leadDepartmentId: k.eco,
      deadlineDays: 30,
      version: q.version,
    })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({
      field: 'deadlineDays',
      message: '办结时限不能超过 25 个工作日（长远事除外）',
    })
    res = await sup.post(`/api/problems/${q.id}/accept`, {
      type: 'longterm',
      category: 'land',
      leadDepartmentId: k.eco,
      deadlineDays: 60,
      version: q.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ deadlineDays: 60, type: 'longterm' })
    // overdue: working days late, shown as negative days left
    k.t.clock.set('2026-12-03T09:00:00+08:00')
    const late = await detail(await k.as('a_sup'), p.id)
    expect(late.due).toMatchObject({ kind: 'deadline', overdue: true })
    expect(late.due.daysLeft).toBeLessThan(0)
  })
})
