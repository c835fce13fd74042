import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUserWithRole, deptId, insertProject, makeEnterprise, userId } from '../../../../test/factories.ts'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import type { ProblemStatus } from '../../db/schema-problems.ts'

// Problems are written straight into the tables here (the problems module has its own tests): each
// with the timestamps that matter to 督办, 日调度 and the figures.

/** End of a Beijing day: how deadlines are stored (23:59:59.999 +08:00). */
const eod = (day: string) => new Date(`${day}T23:59:59.999+08:00`)
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`)

let seq = 0
async function problem(
  t: TestApp,
  p: {
    zone?: string
    title?: string
    status: ProblemStatus
    lead?: string | null
    enterpriseId?: number | null
    projectId?: number | null
    received?: Date
    acceptDue?: Date | null
    accepted?: Date | null
    replyDue?: Date | null
    firstReply?: Date | null
    deadline?: Date | null
    resolved?: Date | null
    confirmDue?: Date | null
    satisfaction?: 'satisfied' | 'basic' | 'unsatisfied' | null
    closeMethod?: 'confirmed' | 'callback' | 'withdrawn' | null
    supervisionLevel?: 'normal' | 'key' | 'listed'
    extended?: boolean
    light?: 'green' | 'yellow' | 'red'
  },
) {
  seq++
  const zoneId = await deptId(t, p.zone ?? '甲开发区')
  const lead = p.lead ? await deptId(t, p.lead) : null
  const now = t.clock.now()
  const code = `WT-2026-${String(seq).padStart(4, '0')}`
  const { id } = await t.database.db
    .insertInto('problems')
    .values({
      zone_id: zoneId,
      code,
      title: p.title ?? `问题${seq}`,
      description: p.title ?? `问题${seq}`,
      source: 'enterprise',
      category: 'water',
      type: p.lead ? 'onsite' : null,
      status: p.status,
      enterprise_id: p.enterpriseId ?? null,
      project_id: p.projectId ?? null,
      received_at: p.received ?? now,
      accept_due_at: p.acceptDue ?? null,
      accepted_at: p.accepted ?? null,
      reply_due_at: p.replyDue ?? null,
      first_reply_at: p.firstReply ?? null,
      deadline_at: p.deadline ?? null,
      resolved_at: p.resolved ?? null,
      confirm_due_at: p.confirmDue ?? null,
      satisfaction: p.satisfaction ?? null,
      close_method: p.closeMethod ?? null,
      supervision_level: p.supervisionLevel ?? 'normal',
      extended: p.extended ?? false,
      light: p.light ?? 'green',
      lead_department_id: lead,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (lead)
    await t.database.db
      .insertInto('problem_units')
      .values({ problem_id: id, department_id: lead, role: 'lead' })
      .execute()
  return { id, code }
}

async function row(t: TestApp, id: number) {
  return t.database.db
    .selectFrom('problems')
    .select(['light', 'escalation_level', 'reminded_at', 'escalated_at', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

async function timeline(t: TestApp, id: number) {
  return t.database.db
    .selectFrom('events')
    .select(['kind', 'summary', 'data'])
    .where('subject_type', '=', 'problem')
    .where('subject_id', '=', id)
    .orderBy('id')
    .execute()
}

async function overdueDays(t: TestApp, id: number) {
  return (
    await t.database.db
      .selectFrom('problem_overdue_days')
      .select(['day', 'department_id'])
      .where('problem_id', '=', id)
      .orderBy('day')
      .execute()
  ).map((r) => r.day)
}

async function setHead(t: TestApp, dept: string, username: string) {
  await t.database.db
    .updateTable('departments')
    .set({ head_user_id: await userId(t, username) })
    .where('id', '=', await deptId(t, dept))
    .execute()
}

async function enterpriseWithLeader(t: TestApp, name: string, leader: string) {
  const id = await makeEnterprise(t, '甲开发区', name)
  await t.database.db
    .updateTable('enterprises')
    .set({ leader_user_id: await userId(t, leader) })
    .where('id', '=', id)
    .execute()
  return id
}

describe('escalation job (督办) with the injected clock', () => {
  let t: TestApp
  const run = () => t.app.services.supervision.runEscalation(t.clock.now())
  beforeAll(async () => {
    t = await createTestApp()
    await setHead(t, '甲生态环境分局', 'a_handler')
  })
  afterAll(() => t.close())

  it('reminds before the due day, escalates over National Day to the head then the 包联 leader, counts working days only', async () => {
    const ent = await enterpriseWithLeader(t, '金旗牛业', 'a_leader')
    // Due Wednesday 30 September 2026; 1–7 October is the National Day holiday, 10 October (Sat) is worked.
    const p = await problem(t, {
      status: 'in_progress',
      lead: '甲生态环境分局',
      enterpriseId: ent,
      received: at('2026-09-20'),
      accepted: at('2026-09-21'),
      deadline: eod('2026-09-30'),
    })
    const before = await row(t, p.id)

    t.clock.set('2026-09-28T10:00:00+08:00') // Monday: due in 2 working days, reminders start 1 day before
    expect((await run()).reminded).toBe(0)
    expect((await row(t, p.id)).light).toBe('yellow') // due within 3 working days

    t.clock.set('2026-09-29T10:00:00+08:00')
    const r1 = await run()
    expect(r1.reminded).toBe(1)
    expect((await run()).reminded).toBe(0) // once a day
    t.clock.set('2026-09-30T10:00:00+08:00')
    expect((await run()).reminded).toBe(1)
    expect((await timeline(t, p.id)).map((e) => e.summary)).toEqual([
      '催办：9月30日到期，还有 1 个工作日，请牵头单位甲生态环境分局抓紧办理',
      '催办：今日（9月30日）到期，请牵头单位甲生态环境分局抓紧办理',
    ])

    // Just after midnight on a holiday: overdue, level 1 to the department head; no working day late yet.
    t.clock.set('2026-10-01T00:05:00+08:00')
    const r2 = await run()
    expect(r2).toMatchObject({ escalated: 1, overdueDays: 0 })
    expect(await row(t, p.id)).toMatchObject({ light: 'red', escalation_level: 1 })
    expect((await timeline(t, p.id)).at(-1)).toMatchObject({
      kind: 'escalate',
      summary: '逾期，升级督办至甲生态环境分局负责人甲经办',
    })

    t.clock.set('2026-10-07T10:00:00+08:00') // still the holiday
    expect(await run()).toMatchObject({ escalated: 0, overdueDays: 0 })
    t.clock.set('2026-10-08T10:00:00+08:00') // Thursday, first working day after: 1 working day late
    expect(await run()).toMatchObject({ escalated: 0, overdueDays: 1 })
    expect((await row(t, p.id)).escalation_level).toBe(1)

    t.clock.set('2026-10-09T10:00:00+08:00') // one more working day: level 2, the enterprise's 包联 leader
    expect(await run()).toMatchObject({ escalated: 1, overdueDays: 1 })
    expect((await timeline(t, p.id)).at(-1)).toMatchObject({
      kind: 'escalate',
      summary: '逾期 2 个工作日，升级督办至包联领导甲领导',
      data: expect.objectContaining({
        level: 2,
        workingDaysLate: 2,
        toUserIds: [await userId(t, 'a_leader')],
      }),
    })
    // Idempotent: the same pass again changes nothing.
    expect(await run()).toMatchObject({ reminded: 0, escalated: 0, overdueDays: 0, lights: 0 })

    t.clock.set('2026-10-12T10:00:00+08:00') // Monday: Saturday 10 Oct was a make-up working day, Sunday not
    await run()
    expect(await overdueDays(t, p.id)).toEqual(['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'])
    const days = await t.database.db
      .selectFrom('problem_overdue_days')
      .select(['department_id'])
      .where('problem_id', '=', p.id)
      .execute()
    expect(new Set(days.map((d) => d.department_id))).toEqual(new Set([await deptId(t, '甲生态环境分局')]))
    expect((await timeline(t, p.id)).filter((e) => e.kind === 'escalate')).toHaveLength(2)
    // System fields: the problem's version is untouched (nobody's edit goes stale).
    expect((await row(t, p.id)).version).toBe(before.version)
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('target_type', '=', 'problem')
      .where('target_id', '=', String(p.id))
      .execute()
    expect(audit).toEqual([
      { action: 'problem.escalate', actor_name: '督办任务' },
      { action: 'problem.escalate', actor_name: '督办任务' },
    ])
  })

  it('over a weekend: level 1 on Saturday, level 2 on Tuesday; 重点 goes to the 包联 leader at once; no reminders at weekends', async () => {
    const plain = await problem(t, {
      status: 'accepted',
      lead: '甲生态环境分局',
      accepted: at('2026-11-16'),
      deadline: eod('2026-11-20'), // Friday
    })
    const proj = await insertProject(t, {
      zoneId: await deptId(t, '甲开发区'),
      code: 'XM-1',
      name: '污水管网',
    })
    await t.database.db
      .insertInto('project_leaders')
      .values({ project_id: proj, user_id: await userId(t, 'a_officer') })
      .execute()
    const key = await problem(t, {
      status: 'in_progress',
      lead: '甲固废科', // no head set
      projectId: proj,
      accepted: at('2026-11-16'),
      deadline: eod('2026-11-20'),
      supervisionLevel: 'key',
    })
    const later = await problem(t, {
      status: 'accepted',
      lead: '甲生态环境分局',
      accepted: at('2026-11-20'),
      deadline: eod('2026-11-23'), // Monday
    })

    t.clock.set('2026-11-21T00:05:00+08:00') // Saturday
    await run()
    expect((await row(t, plain.id)).escalation_level).toBe(1)
    expect((await row(t, key.id)).escalation_level).toBe(2)
    expect((await timeline(t, key.id)).map((e) => e.summary)).toEqual([
      '逾期，升级督办至甲固废科负责人（未设置部门负责人，请在组织机构中设置）',
      '重点督办问题逾期，升级督办至包联领导甲专员',
    ])
    expect(await timeline(t, later.id)).toEqual([]) // due Monday, but no 催办 on a Saturday
    expect((await row(t, later.id)).light).toBe('yellow')

    t.clock.set('2026-11-23T10:00:00+08:00') // Monday: 1 working day late; `later` due today
    await run()
    expect((await row(t, plain.id)).escalation_level).toBe(1)
    expect((await timeline(t, later.id)).map((e) => e.kind)).toEqual(['remind'])
    t.clock.set('2026-11-24T10:00:00+08:00') // Tuesday
    await run()
    expect((await row(t, plain.id)).escalation_level).toBe(2)
    expect(await overdueDays(t, plain.id)).toEqual(['2026-11-23', '2026-11-24'])
    expect(await overdueDays(t, later.id)).toEqual(['2026-11-24'])
    expect((await timeline(t, plain.id)).at(-1)?.summary).toBe(
      '逾期 2 个工作日，升级督办至包联领导（未设置包联领导）',
    )
  })

  it('flags 受理超时 once, starts over after an extension, keeps finished problems green', async () => {
    t.clock.set('2026-11-24T10:00:00+08:00')
    const waiting = await problem(t, {
      status: 'submitted',
      received: at('2026-11-19'),
      acceptDue: eod('2026-11-20'),
    })
    const extended = await problem(t, {
      status: 'in_progress',
      lead: '甲生态环境分局',
      accepted: at('2026-11-02'),
      deadline: eod('2026-11-20'),
    })
    const done = await problem(t, { status: 'closed', light: 'red', resolved: at('2026-11-10') })
    const calm = await problem(t, { status: 'accepted', lead: '甲生态环境分局', deadline: eod('2026-12-31') })
    const r = await run()
    expect(r.acceptOverdue).toBe(1)
    expect(await row(t, waiting.id)).toMatchObject({ light: 'red', escalation_level: 0 })
    expect((await timeline(t, waiting.id)).map((e) => e.summary)).toEqual([
      '受理超时：应于11月20日前受理分办，已超过 2 个工作日，请督查室尽快分办',
    ])
    expect((await row(t, done.id)).light).toBe('green')
    expect((await row(t, calm.id)).light).toBe('green')
    expect((await row(t, extended.id)).escalation_level).toBe(2)
    expect((await run()).acceptOverdue).toBe(0)

    // An approved extension moves the deadline: yellow, and escalation starts over.
    await t.database.db
      .updateTable('problems')
      .set({ deadline_at: eod('2026-12-15'), extended: true })
      .where('id', '=', extended.id)
      .execute()
    await run()
    expect(await row(t, extended.id)).toMatchObject({ light: 'yellow', escalation_level: 0 })
  })

  it('is wired as two pg-boss schedules in Beijing time', async () => {
    const { supervisionJobs } = await import('./supervision.jobs.ts')
    const jobs = supervisionJobs(t.app.services)
    expect(jobs.map((j) => [j.name, j.cron])).toEqual([
      ['supervision-escalation-daytime', '*/30 7-21 * * *'],
      ['supervision-escalation-midnight', '5 0 * * *'],
    ])
    t.clock.set('2026-11-24T10:00:00+08:00')
    expect(await jobs[0]!.run()).toMatchObject({ escalated: 0, reminded: 0 })
  })
})

describe('日调度 board and summary', () => {
  let t: TestApp
  const ids: Record<string, number> = {}
  beforeAll(async () => {
    t = await createTestApp()
    await setHead(t, '甲生态环境分局', 'a_handler')
    const ent = await enterpriseWithLeader(t, '金旗牛业', 'a_leader')
    const eco = '甲生态环境分局'
    const waste = '甲固废科'
    ids.new = (
      await problem(t, {
        title: '厂区门口道路破损',
        status: 'submitted',
        enterpriseId: ent,
        received: at('2026-11-24', '08:30'),
        acceptDue: eod('2026-11-25'),
      })
    ).id
    ids.newDone = (
      await problem(t, {
        title: '现场答复的政策咨询',
        status: 'closed',
        received: at('2026-11-24', '08:40'),
        resolved: at('2026-11-24', '08:50'),
      })
    ).id
    ids.due = (
      await problem(t, {
        title: '排污许可证变更',
        status: 'accepted',
        lead: eco,
        enterpriseId: ent,
        received: at('2026-11-16'),
        accepted: at('2026-11-17'),
        deadline: eod('2026-11-24'),
      })
    ).id
    ids.late2 = (
      await problem(t, {
        title: '污水管网接入',
        status: 'in_progress',
        lead: eco,
        enterpriseId: ent,
        received: at('2026-11-09'),
        accepted: at('2026-11-10'),
        deadline: eod('2026-11-20'),
      })
    ).id
    ids.late1 = (
      await problem(t, {
        title: '危废暂存间验收',
        status: 'accepted',
        lead: waste,
        received: at('2026-11-12'),
        accepted: at('2026-11-13'),
        deadline: eod('2026-11-23'),
      })
    ).id
    ids.pastWait = (
      await problem(t, {
        title: '环评批复',
        status: 'resolved',
        lead: eco,
        received: at('2026-11-02'),
        resolved: at('2026-11-13'),
        confirmDue: eod('2026-11-20'),
      })
    ).id
    ids.waiting = (
      await problem(t, {
        title: '用电增容',
        status: 'resolved',
        lead: eco,
        received: at('2026-11-16'),
        resolved: at('2026-11-23'),
        confirmDue: eod('2026-11-30'),
      })
    ).id
    ids.returned = (
      await problem(t, {
        title: '招工补贴兑现',
        status: 'returned',
        received: at('2026-11-20'),
        acceptDue: eod('2026-11-25'),
      })
    ).id
    ids.acceptLate = (
      await problem(t, {
        title: '消防验收咨询',
        status: 'submitted',
        received: at('2026-11-19'),
        acceptDue: eod('2026-11-20'),
      })
    ).id
    ids.other = (
      await problem(t, {
        zone: '乙开发区',
        title: '乙区逾期问题',
        status: 'accepted',
        lead: '乙生态环境分局',
        received: at('2026-11-02'),
        deadline: eod('2026-11-16'),
      })
    ).id
    await t.database.db
      .insertInto('problem_extensions')
      .values({
        zone_id: await deptId(t, '甲开发区'),
        problem_id: ids.due!,
        requested_by: await userId(t, 'a_handler'),
        requested_at: at('2026-11-23', '16:00'),
        days: 5,
        reason: '需等待省厅审批',
        status: 'pending',
      })
      .execute()
    t.clock.set('2026-11-24T09:00:00+08:00')
    await t.app.services.supervision.runEscalation(t.clock.now())
  })
  afterAll(() => t.close())

  it('401 / 400 / 403, then counts and lists for the day within the zone', async () => {
    expect((await t.agent().get('/api/supervision/daily')).statusCode).toBe(401)
    expect((await t.agent().get('/api/supervision/daily/summary')).statusCode).toBe(401)
    const handler = await t.as('a_handler')
    expect((await handler.get('/api/supervision/daily')).statusCode).toBe(403)
    expect((await handler.get('/api/supervision/daily/summary')).statusCode).toBe(403)
    const sup = await t.as('a_sup')
    for (const bad of ['2026-13-01', '24-11-2026']) {
      const res = await sup.get(`/api/supervision/daily?date=${bad}`)
      expect(res.statusCode).toBe(400)
      expect(errorOf(res).field).toBe('date')
    }
    expect(errorOf(await sup.get('/api/supervision/daily/summary?date=2026-02-30')).field).toBe('date')

    const res = await sup.get('/api/supervision/daily?date=2026-11-24')
    expect(res.statusCode).toBe(200)
    const b = res.json()
    expect(b.counts).toEqual({
      newToday: 2,
      dueToday: 1,
      overdue: 2,
      escalated: 2,
      acceptOverdue: 1,
      awaitingConfirmation: 2,
      pastConfirmWait: 1,
      extensionRequests: 1,
      returned: 1,
    })
    const idsOf = (list: Array<{ id: number }>) => list.map((i) => i.id)
    expect(idsOf(b.newToday).sort()).toEqual([ids.new, ids.newDone].sort())
    expect(idsOf(b.dueToday)).toEqual([ids.due])
    expect(
      b.overdue.map((i: { id: number; workingDaysLate: number; escalationLevel: number }) => [
        i.id,
        i.workingDaysLate,
        i.escalationLevel,
      ]),
    ).toEqual([
      [ids.late2, 2, 2],
      [ids.late1, 1, 1],
    ])
    expect(b.overdue[0]).toMatchObject({
      link: `/problems/${ids.late2}`,
      light: 'red',
      enterpriseName: '金旗牛业',
    })
    expect(b.overdueByDepartment).toEqual([
      { departmentId: await deptId(t, '甲固废科'), name: '甲固废科', count: 1 },
      { departmentId: await deptId(t, '甲生态环境分局'), name: '甲生态环境分局', count: 1 },
    ])
    expect(idsOf(b.acceptOverdue)).toEqual([ids.acceptLate])
    expect(b.awaitingConfirmation.find((i: { id: number }) => i.id === ids.pastWait).pastConfirmWait).toBe(
      true,
    )
    expect(idsOf(b.returned)).toEqual([ids.returned])
    expect(b.listLimit).toBe(200)
    // a big zone: each list shows its worst first, up to the limit; the counts stay exact
    const capped = (await sup.get('/api/supervision/daily?date=2026-11-24&limit=1')).json()
    expect(capped.listLimit).toBe(1)
    expect(capped.counts).toEqual(b.counts)
    expect(capped.overdueByDepartment).toEqual(b.overdueByDepartment)
    expect(idsOf(capped.overdue)).toEqual([ids.late2])
    expect(capped.newToday).toHaveLength(1)
    expect(capped.awaitingConfirmation).toHaveLength(1)
    expect(errorOf(await sup.get('/api/supervision/daily?limit=0')).field).toBe('limit')
    expect(b.extensionRequests).toEqual([
      expect.objectContaining({
        problemId: ids.due,
        days: 5,
        reason: '需等待省厅审批',
        requestedBy: '甲经办',
      }),
    ])
    // Today's 催办 / 督办 records, newest first.
    expect(b.events.map((e: { kind: string }) => e.kind).sort()).toEqual([
      'escalate',
      'escalate',
      'escalate',
      'escalate',
      'remind',
    ])
    // Zone B's overdue problem is not on zone A's board.
    expect(JSON.stringify(b)).not.toContain('乙区逾期问题')
  })

  it('writes the summary for the work group', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.get('/api/supervision/daily/summary?date=2026-11-24')
    expect(res.statusCode).toBe(200)
    const code = async (id: number) =>
      (
        await t.database.db
          .selectFrom('problems')
          .select('code')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).code
    expect(res.json().text).toBe(
      [
        '【日调度】2026年11月24日：新增问题 2 件，今日到期 1 件，逾期 2 件（甲固废科 1 件、甲生态环境分局 1 件），已升级督办 2 件，受理超时 1 件，待企业确认 2 件（其中 1 件已超过等待期，请安排回访），延期申请 1 件待审批，退回待重新分办 1 件。',
        '逾期清单：',
        `1. ${await code(ids.late2!)} 污水管网接入（金旗牛业，牵头：甲生态环境分局）——逾期 2 个工作日，已升级至包联领导`,
        `2. ${await code(ids.late1!)} 危废暂存间验收（牵头：甲固废科）——逾期 1 个工作日，已升级至部门负责人`,
        '今日到期：',
        `1. ${await code(ids.due!)} 排污许可证变更（金旗牛业，牵头：甲生态环境分局）`,
        '延期申请：',
        `1. ${await code(ids.due!)} 排污许可证变更（甲生态环境分局申请延期 5 个工作日）`,
        '受理超时：',
        `1. ${await code(ids.acceptLate!)} 消防验收咨询`,
        '待回访：',
        `1. ${await code(ids.pastWait!)} 环评批复`,
      ].join('\n'),
    )
    // A quiet day in zone B's past.
    const b = await t.as('b_sup')
    expect((await b.get('/api/supervision/daily/summary?date=2026-11-01')).json().text).toBe(
      '【日调度】2026年11月1日：新增问题 0 件，今日到期 0 件，无逾期问题。',
    )
  })

  it('applies the zone scope, and the zoneId filter for users above zones', async () => {
    const b = await t.as('b_sup')
    const bb = (await b.get('/api/supervision/daily?date=2026-11-24')).json()
    expect(bb.overdue.map((i: { id: number }) => i.id)).toEqual([ids.other])
    expect(bb.counts.newToday).toBe(0)
    await addUserWithRole(t, {
      username: 'city_sup',
      displayName: '市督查',
      department: '测试市',
      role: { code: 'city_sup', name: '市督查', dataScope: 'all', permissions: ['supervision:read'] },
    })
    const city = await t.as('city_sup')
    const all = (await city.get('/api/supervision/daily?date=2026-11-24')).json()
    expect(all.counts.overdue).toBe(3)
    const onlyB = (
      await city.get(`/api/supervision/daily?date=2026-11-24&zoneId=${await deptId(t, '乙开发区')}`)
    ).json()
    expect(onlyB.counts.overdue).toBe(1)
  })
})

describe('日调度 board with a limit', () => {
  let t: TestApp
  const late: Record<string, number> = {}
  beforeAll(async () => {
    t = await createTestApp()
    const eco = '甲生态环境分局'
    const waste = '甲固废科'
    const handled = (title: string, lead: string | null, due: string, status: ProblemStatus = 'accepted') =>
      problem(t, { title, status, lead, received: at('2026-11-02'), deadline: eod(due) })
    // Board of Tue 24 Nov: due Fri 20, Sat 21 and Sun 22 are all 2 working days late — a run of
    // equally late rows over three due dates, inserted so that their ids do not follow the deadline.
    late.sun = (await handled('周日到期', eco, '2026-11-22')).id
    late.fri1 = (await handled('周五到期一', waste, '2026-11-20', 'in_progress')).id
    late.sat = (await handled('周六到期', null, '2026-11-21')).id
    late.fri2 = (await handled('周五到期二', eco, '2026-11-20')).id
    late.wed = (await handled('周三到期', '甲信息中心', '2026-11-18')).id
    late.thu = (await handled('周四到期', waste, '2026-11-19', 'in_progress')).id
    late.mon = (await handled('周一到期', eco, '2026-11-23')).id
    // zone B's, on zone A's supervisor's board because they received it first (首问): another part
    // of the scope, merged into the same lists
    late.other = (
      await problem(t, {
        zone: '乙开发区',
        title: '乙区首问',
        status: 'accepted',
        lead: '乙生态环境分局',
        received: at('2026-11-02'),
        deadline: eod('2026-11-21'),
      })
    ).id
    await t.database.db
      .updateTable('problems')
      .set({ first_receiver_id: await userId(t, 'a_sup') })
      .where('id', '=', late.other)
      .execute()
    for (const n of [1, 2, 3]) {
      await handled(`今日到期${n}`, eco, '2026-11-24')
      await problem(t, { title: `今日新增${n}`, status: 'submitted', received: at('2026-11-24', `0${n}:00`) })
      await problem(t, {
        title: `待确认${n}`,
        status: 'resolved',
        lead: waste,
        received: at('2026-11-02'),
        resolved: at('2026-11-13'),
        confirmDue: eod(`2026-11-${18 + n * 2}`),
      })
      await problem(t, {
        title: `受理超时${n}`,
        status: n === 2 ? 'returned' : 'submitted',
        received: at('2026-11-16'),
        acceptDue: eod(`2026-11-${16 + n}`),
      })
    }
    t.clock.set('2026-11-24T09:00:00+08:00')
    await t.app.services.supervision.runEscalation(t.clock.now())
  })
  afterAll(() => t.close())

  it('caps every list to the first rows of the whole list, with exact counts', async () => {
    const sup = await t.as('a_sup')
    const board = async (limit: number) =>
      (await sup.get(`/api/supervision/daily?date=2026-11-24&limit=${limit}`)).json()
    const whole = await board(200)
    expect(whole.counts).toMatchObject({
      newToday: 3,
      dueToday: 3,
      overdue: 8,
      escalated: 8,
      acceptOverdue: 3,
      awaitingConfirmation: 3,
      pastConfirmWait: 2,
      returned: 1,
    })
    const idsOf = (list: Array<{ id: number }>) => list.map((i) => i.id)
    // worst first: most working days late, then id (the run 2 days late by id, whatever the due date)
    expect(idsOf(whole.overdue)).toEqual([
      late.wed,
      late.thu,
      late.sun,
      late.fri1,
      late.sat,
      late.fri2,
      late.other,
      late.mon,
    ])
    expect(whole.overdue.map((i: { workingDaysLate: number }) => i.workingDaysLate)).toEqual([
      4, 3, 2, 2, 2, 2, 2, 1,
    ])
    expect(whole.overdueByDepartment).toEqual([
      { departmentId: await deptId(t, '甲生态环境分局'), name: '甲生态环境分局', count: 3 },
      { departmentId: await deptId(t, '甲固废科'), name: '甲固废科', count: 2 },
      { departmentId: await deptId(t, '乙生态环境分局'), name: '乙生态环境分局', count: 1 },
      { departmentId: null, name: '未确定牵头单位', count: 1 },
      { departmentId: await deptId(t, '甲信息中心'), name: '甲信息中心', count: 1 },
    ])
    // the service without a limit (bulletins, the robots' summary) gives the whole lists too
    const actor = await t.app.services.auth.loadActor(await userId(t, 'a_sup'))
    const unlimited = JSON.parse(
      JSON.stringify(await t.app.services.supervision.board(actor!, { date: '2026-11-24' })),
    )
    expect({ ...unlimited, listLimit: 200 }).toEqual(whole)

    const lists = [
      'newToday',
      'dueToday',
      'overdue',
      'escalated',
      'acceptOverdue',
      'awaitingConfirmation',
      'returned',
    ]
    for (let limit = 1; limit <= 9; limit++) {
      const capped = await board(limit)
      expect(capped.listLimit).toBe(limit)
      expect(capped.counts).toEqual(whole.counts)
      expect(capped.overdueByDepartment).toEqual(whole.overdueByDepartment)
      for (const list of lists)
        expect(capped[list], `${list} limit ${limit}`).toEqual(whole[list].slice(0, limit))
    }
  })
})

describe('department figures (三率)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
    const eco = '甲生态环境分局'
    // F1: on time at every step, satisfied.
    await problem(t, {
      status: 'closed',
      lead: eco,
      received: at('2026-11-02'),
      acceptDue: eod('2026-11-03'),
      accepted: at('2026-11-03'),
      replyDue: eod('2026-11-05'),
      firstReply: at('2026-11-04'),
      deadline: eod('2026-11-10'),
      resolved: at('2026-11-09'),
      satisfaction: 'satisfied',
      closeMethod: 'confirmed',
    })
    // F2: late at every step, basically satisfied.
    await problem(t, {
      status: 'closed',
      lead: eco,
      received: at('2026-11-02'),
      acceptDue: eod('2026-11-03'),
      accepted: at('2026-11-05'),
      replyDue: eod('2026-11-09'),
      firstReply: at('2026-11-10'),
      deadline: eod('2026-11-16'),
      resolved: at('2026-11-18'),
      satisfaction: 'basic',
      closeMethod: 'confirmed',
    })
    // F3: accepted on time, no reply by its due time, overdue and still in progress.
    await problem(t, {
      status: 'in_progress',
      lead: eco,
      received: at('2026-11-10', '09:00'),
      acceptDue: eod('2026-11-11'),
      accepted: at('2026-11-10', '15:00'),
      replyDue: eod('2026-11-12'),
      deadline: eod('2026-11-20'),
    })
    // F4: received yesterday, acceptance not due yet: not counted against anyone.
    await problem(t, { status: 'submitted', received: at('2026-11-23'), acceptDue: eod('2026-11-24') })
    // Outside the period, withdrawn: not counted.
    await problem(t, {
      status: 'closed',
      lead: eco,
      received: at('2026-10-28'),
      accepted: at('2026-10-28'),
      resolved: at('2026-10-30'),
    })
    await problem(t, {
      status: 'withdrawn',
      lead: eco,
      received: at('2026-11-05'),
      accepted: at('2026-11-05'),
    })
    // W1 (固废科): on time, closed by a call-back without a rating.
    await problem(t, {
      status: 'closed',
      lead: '甲固废科',
      received: at('2026-11-03'),
      acceptDue: eod('2026-11-04'),
      accepted: at('2026-11-04'),
      replyDue: eod('2026-11-06'),
      firstReply: at('2026-11-05'),
      deadline: eod('2026-11-18'),
      resolved: at('2026-11-12'),
      closeMethod: 'callback',
    })
    // Zone B.
    await problem(t, {
      zone: '乙开发区',
      status: 'accepted',
      lead: '乙生态环境分局',
      received: at('2026-11-05'),
      acceptDue: eod('2026-11-06'),
      accepted: at('2026-11-06'),
    })
    // The job records F2's late days (filled in after its late resolution) and F3's.
    t.clock.set('2026-11-24T09:00:00+08:00')
    await t.app.services.supervision.runEscalation(t.clock.now())
  })
  afterAll(() => t.close())

  const R = (numerator: number, denominator: number) => ({
    numerator,
    denominator,
    rate: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
  })

  it('401 / 400 / 403', async () => {
    expect((await t.agent().get('/api/supervision/figures')).statusCode).toBe(401)
    expect((await t.agent().get('/api/supervision/figures/export.xlsx')).statusCode).toBe(401)
    const handler = await t.as('a_handler')
    expect((await handler.get('/api/supervision/figures')).statusCode).toBe(403)
    expect((await handler.get('/api/supervision/figures/export.xlsx')).statusCode).toBe(403)
    const sup = await t.as('a_sup')
    const backwards = await sup.get('/api/supervision/figures?from=2026-11-30&to=2026-11-01')
    expect(backwards.statusCode).toBe(400)
    expect(errorOf(backwards).field).toBe('to')
    expect(errorOf(await sup.get('/api/supervision/figures?from=2026-11-31&to=2026-12-01')).field).toBe(
      'from',
    )
    expect(errorOf(await sup.get('/api/supervision/figures?by=person')).field).toBe('by')
    expect(errorOf(await sup.get('/api/supervision/figures?sort=speed')).field).toBe('sort')
  })

  it('computes the rates per lead department with numerators and denominators', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.get(
      '/api/supervision/figures?from=2026-11-01&to=2026-11-30&by=department&sort=name',
    )
    expect(res.statusCode).toBe(200)
    const f = res.json()
    expect(f).toMatchObject({ from: '2026-11-01', to: '2026-11-30', by: 'department' })
    const byName = Object.fromEntries(f.rows.map((r: { name: string }) => [r.name, r]))
    expect(Object.keys(byName).sort()).toEqual(['未分办', '甲固废科', '甲生态环境分局'].sort())
    expect(byName.甲生态环境分局).toEqual({
      key: await deptId(t, '甲生态环境分局'),
      name: '甲生态环境分局',
      received: 3,
      accepted: 3,
      resolved: 2,
      confirmed: 2,
      responseRate: R(2, 3),
      firstReplyRate: R(1, 3),
      onTimeRate: R(1, 2),
      resolutionRate: R(2, 3),
      satisfactionRate: R(2, 2),
      overdueCount: 2,
      overdueDays: 4, // F2: 17, 18 Nov; F3: 23, 24 Nov
      avgResolveDays: 6.5, // F1: 4 working days, F2: 9
    })
    expect(byName.甲固废科).toMatchObject({
      received: 1,
      responseRate: R(1, 1),
      onTimeRate: R(1, 1),
      satisfactionRate: R(0, 0),
      overdueCount: 0,
      avgResolveDays: 6,
    })
    expect(byName.未分办).toMatchObject({ key: null, received: 1, responseRate: R(0, 0) })
    expect(f.total).toMatchObject({
      name: '合计',
      received: 5,
      responseRate: R(3, 4),
      firstReplyRate: R(2, 4),
      onTimeRate: R(2, 3),
      resolutionRate: R(3, 4),
      satisfactionRate: R(2, 2),
      overdueCount: 2,
      overdueDays: 4,
      avgResolveDays: 6.3,
    })
    // Sorted by a rate, rows with nothing to measure last.
    const sorted = (
      await sup.get('/api/supervision/figures?from=2026-11-01&to=2026-11-30&sort=-responseRate')
    ).json()
    expect(sorted.rows.map((r: { name: string }) => r.name)).toEqual(['甲固废科', '甲生态环境分局', '未分办'])
    // The overdue days of a shorter period.
    const week = (await sup.get('/api/supervision/figures?from=2026-11-23&to=2026-11-29')).json()
    expect(week.total).toMatchObject({ received: 1, overdueCount: 1, overdueDays: 2 })
  })

  it('per zone, within scope; exports the same rows', async () => {
    const sup = await t.as('a_sup')
    const zone = (await sup.get('/api/supervision/figures?from=2026-11-01&to=2026-11-30&by=zone')).json()
    expect(zone.rows.map((r: { name: string; received: number }) => [r.name, r.received])).toEqual([
      ['甲开发区', 5],
    ])
    await addUserWithRole(t, {
      username: 'city_sup',
      displayName: '市督查',
      department: '测试市',
      role: { code: 'city_sup', name: '市督查', dataScope: 'all', permissions: ['supervision:read'] },
    })
    const city = await t.as('city_sup')
    const all = (
      await city.get('/api/supervision/figures?from=2026-11-01&to=2026-11-30&by=zone&sort=name')
    ).json()
    expect(all.rows.map((r: { name: string; received: number }) => [r.name, r.received])).toEqual([
      ['甲开发区', 5],
      ['乙开发区', 1],
    ])
    const xlsx = await sup.get('/api/supervision/figures/export.xlsx?from=2026-11-01&to=2026-11-30')
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    expect(xlsx.headers['content-disposition']).toContain(
      encodeURIComponent('部门评价_2026-11-01_2026-11-30.xlsx'),
    )
  })
})

describe('deadline settings (/api/problem-settings)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('reads with problem:read, changes with portfolio:configure, checks categories', async () => {
    expect((await t.agent().get('/api/problem-settings')).statusCode).toBe(401)
    const ent = await t.as('a_ent')
    const s = (await ent.get('/api/problem-settings')).json()
    expect(s).toMatchObject({ acceptDays: 1, firstReplyDays: 2, onsiteDays: 3, commonDays: 15, maxDays: 25 })
    const officer = await t.as('a_officer')
    expect((await officer.put('/api/problem-settings', s)).statusCode).toBe(403)
    const sup = await t.as('a_sup')
    const zero = await sup.put('/api/problem-settings', { ...s, acceptDays: 0 })
    expect(zero.statusCode).toBe(400)
    expect(errorOf(zero).field).toBe('acceptDays')
    const unknown = await sup.put('/api/problem-settings', { ...s, byCategory: { ufo: 5 } })
    expect(unknown.statusCode).toBe(400)
    expect(errorOf(unknown)).toMatchObject({ field: 'byCategory', message: '问题类别「ufo」不在字典中' })
    const tooLong = await sup.put('/api/problem-settings', { ...s, byCategory: { environment: 30 } })
    expect(errorOf(tooLong)).toMatchObject({
      field: 'byCategory',
      message: '类别「环保」的时限不能超过最长时限 25 个工作日',
    })
    const ok = await sup.put('/api/problem-settings', {
      ...s,
      onsiteDays: 2,
      byCategory: { environment: 10 },
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ onsiteDays: 2, byCategory: { environment: 10 } })
    expect(await t.app.services.deadlines.daysFor('common', 'environment')).toBe(10)
    expect((await ent.get('/api/problem-settings')).json().onsiteDays).toBe(2)
  })
})
