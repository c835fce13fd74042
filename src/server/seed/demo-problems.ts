import type { Clock } from '../clock.ts'
import type { AnyCtx, SystemCtx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { addDays, beijingDate } from '../lib/time.ts'
import { addWorkingDays, isWorkingDay, type WorkCalendar } from '../lib/working-days.ts'
import { setPublicProject } from '../modules/problems/common.repository.ts'
import type { Services } from '../services.ts'
import {
  type By,
  DEMO_PROBLEMS,
  type DemoProblem,
  type DemoStep,
  DLT_LEAD,
  EVERYDAY,
  type When,
} from './demo-problems-data.ts'

const ZONE_NAMES: Record<string, string> = {
  dlt: '达拉特经济开发区',
  tl: '通辽经济技术开发区',
  ly: '耒阳经济开发区',
  yd: '颜店镇工业园区',
  fx: '肥乡区',
}

/** Deterministic pseudo-random numbers (the demo is the same every time it is loaded). */
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Working days before (or after, '+N') today, or an absolute Beijing time. */
function resolveWhen(cal: WorkCalendar, today: string, w: When): Date {
  const rel = w.match(/^([+-])(\d+)(?: (\d\d:\d\d))?$/)
  if (!rel) return new Date(`${w.length === 10 ? `${w}T18:00` : w.replace(' ', 'T')}:00+08:00`)
  const n = Number(rel[2])
  const day = rel[1] === '+' ? addWorkingDays(cal, today, n) : subtractWorkingDays(cal, today, n)
  return new Date(`${day}T${rel[3] ?? '18:00'}:00+08:00`)
}

function subtractWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  let d = date
  let left = n
  while (left > 0) {
    d = addDays(d, -1)
    if (isWorkingDay(cal, d)) left--
  }
  return d
}

/**
 * Loads the problems of the seed articles and a zone's everyday problems, step by step through the
 * problem service (each step placed at its time), then runs one 督办 pass so lights, reminders and
 * escalations are what the nightly job would have left.
 */
export async function seedDemoProblems(services: Services, db: Db, clock: Clock) {
  const now = clock.now()
  const today = beijingDate(now)
  const cal = await services.calendar.calendar()
  const when = (w: When) => {
    const at = resolveWhen(cal, today, w)
    return new Date(Math.min(at.getTime(), now.getTime()))
  }
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
  )
  const actors = new Map<string, AnyCtx>()
  async function ctxOf(by: By): Promise<AnyCtx> {
    const cached = actors.get(by)
    if (cached) return cached
    const id = users.get(by)
    const actor = id ? await services.auth.loadActor(id) : null
    const ctx: AnyCtx = actor
      ? { actor, ip: null, requestId: null }
      : ({ actor: null, ip: null, requestId: null, label: by } satisfies SystemCtx)
    actors.set(by, ctx)
    return ctx
  }
  const zoneIds = new Map<string, number>()
  for (const [key, name] of Object.entries(ZONE_NAMES)) {
    const z = await db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirst()
    if (z) zoneIds.set(key, z.id)
  }
  const deptIn = async (zone: string, name: string) => {
    const zoneId = zoneIds.get(zone)!
    const rows = await db
      .selectFrom('departments')
      .select(['id', 'zone_id'])
      .where('name', '=', name)
      .execute()
    const d = rows.find((r) => r.zone_id === zoneId) ?? rows.find((r) => r.zone_id == null) ?? rows[0]
    if (!d) throw new Error(`演示数据：找不到部门 ${name}`)
    return d.id
  }
  const idOf = async (table: 'enterprises' | 'projects', name: string | undefined) => {
    if (!name) return null
    const r = await db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst()
    if (!r) throw new Error(`演示数据：找不到 ${name}`)
    return r.id
  }
  const version = async (id: number) =>
    (await db.selectFrom('problems').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

  const ids = new Map<string, number>()

  async function load(p: DemoProblem) {
    const zoneId = zoneIds.get(p.zone)!
    const reporter = await ctxOf(p.by)
    const enterpriseId = await idOf('enterprises', p.enterprise)
    const atReceived = when(p.at)
    const enterpriseReport = p.source === 'enterprise'
    const projectId = await idOf('projects', p.project)
    const { id } = await db.transaction().execute((trx) =>
      services.problems.createInternal(trx, reporter, {
        zoneId,
        title: p.title,
        description: p.description,
        category: p.category,
        source: p.source,
        enterpriseId,
        projectId,
        address: p.address ?? null,
        reporterUserId: enterpriseReport ? (reporter.actor?.id ?? null) : null,
        reporterName: p.reporter?.name ?? (reporter.actor ? reporter.actor.displayName : p.by),
        reporterPhone: p.reporter?.phone ?? null,
        firstReceiverId: enterpriseReport ? null : (reporter.actor?.id ?? null),
        rectifyDeadline: p.rectifyDeadline ? beijingDate(resolveWhen(cal, today, p.rectifyDeadline)) : null,
        at: atReceived,
      }),
    )
    ids.set(p.key, id)
    for (const s of p.steps) {
      try {
        await step(p, id, s)
      } catch (err) {
        throw new Error(`演示问题 ${p.key} 的「${s.do}」步骤失败：${(err as Error).message}`)
      }
    }
  }

  async function step(p: DemoProblem, id: number, s: DemoStep) {
    const svc = services.problems
    const ctx = await ctxOf(s.by)
    const at = { at: when(s.at) }
    switch (s.do) {
      case 'receive':
        await svc.receive(ctx, id, {}, at)
        break
      case 'accept':
        await svc.accept(
          ctx,
          id,
          {
            type: s.type,
            category: p.category,
            leadDepartmentId: await deptIn(p.zone, s.lead),
            coDepartmentIds: await Promise.all((s.co ?? []).map((c) => deptIn(p.zone, c))),
            responsibleLeaderId: s.leader ? (users.get(s.leader) ?? null) : null,
            responsibleUserId: s.person ? (users.get(s.person) ?? null) : null,
            deadlineDays: s.days,
            supervisionLevel: s.level,
            note: s.note,
          },
          at,
        )
        break
      case 'reply':
        await svc.reply(ctx, id, { text: s.text }, at)
        break
      case 'task':
        await svc.createTask(
          ctx,
          id,
          {
            title: s.title,
            ownerDepartmentId: await deptIn(p.zone, s.dept),
            dueDate: beijingDate(resolveWhen(cal, today, s.due)),
            status: s.status,
          },
          at,
        )
        break
      case 'resolve':
        await svc.resolve(
          ctx,
          id,
          { resolution: s.text, noEvidenceReason: s.evidence ?? '现场核实，办理情况已在办理记录中说明' },
          at,
        )
        break
      case 'confirm':
        await svc.confirm(ctx, id, { satisfaction: s.satisfaction, comment: s.comment }, at)
        break
      case 'callback':
        await svc.callback(ctx, id, { result: s.result, satisfaction: s.satisfaction }, at)
        break
      case 'return':
        await svc.returnProblem(ctx, id, { reason: s.reason }, at)
        break
      case 'extension':
        await svc.requestExtension(ctx, id, { days: s.days, reason: s.reason }, at)
        break
      case 'decide': {
        const ext = await db
          .selectFrom('problem_extensions')
          .select('id')
          .where('problem_id', '=', id)
          .where('status', '=', 'pending')
          .executeTakeFirstOrThrow()
        await svc.decideExtension(ctx, ext.id, { approve: s.approve, note: s.note }, at)
        break
      }
      case 'withdraw':
        await svc.withdraw(ctx, id, { reason: s.reason }, at)
        break
      case 'level':
        await svc.setSupervision(ctx, id, { level: s.level, version: await version(id) }, at)
        break
    }
  }

  for (const p of DEMO_PROBLEMS) await load(p)
  for (const p of everydayProblems()) await load(p)

  // 耒阳's park road: two enterprises' reports merged into one common problem, which the city had
  // already made a road project (立项 in October, 开工 in November).
  const ly = await ctxOf('ly_supervisor')
  const common = await services.commons.merge(ly, {
    problemIds: [ids.get('xiandao-road')!, ids.get('jinkai-road')!],
    title: '园区道路窄、承载力不足，大货车通行困难',
    description:
      '园区道路宽 6 米、承载力不足，先导新材料、金凯循环等企业的重载货车通行困难，需新建改造园区道路。',
    category: 'road',
  })
  await services.problems.accept(ly, common.id, {
    type: 'common',
    category: 'road',
    leadDepartmentId: await deptIn('ly', '市发展和改革局'),
    deadlineDays: 25,
    note: '共性事立项办：竹市至大市循环经济产业园公路工程已立项开工，建成后各企业问题随之销号',
  })
  const road = (await idOf('projects', '耒阳市竹市至大市循环经济产业园公路工程项目'))!
  await db.transaction().execute(async (trx) => {
    await setPublicProject(trx, common.id, road, now)
    await services.events.record(trx, ly, {
      zoneId: zoneIds.get('ly')!,
      subjectType: 'problem',
      subjectId: common.id,
      kind: 'common_promoted',
      summary: '关联公共项目：耒阳市竹市至大市循环经济产业园公路工程项目（总投资 19842 万元，11 月开工）',
      data: { projectId: road },
    })
  })

  const escalation = await services.supervision.runEscalation(now)
  const count = await db
    .selectFrom('problems')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return { problems: Number(count.n), escalation }
}

/**
 * 达拉特's everyday problems over the last three months: most closed and rated, some in progress,
 * a few overdue, as a zone's ledger looks. Deterministic.
 */
function everydayProblems(): DemoProblem[] {
  const rand = rng(5)
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]
  const enterprises = [
    '内蒙古蒙泰铝业有限公司',
    '内蒙古华宇新材料有限公司',
    '鄂尔多斯青能氢能科技有限公司',
    '内蒙古光储能源科技有限公司',
    '内蒙古煤化烯烃有限公司',
    '鄂尔多斯云谷数据科技有限公司',
    '内蒙古拓金生物基材料有限公司',
    '内蒙古稀土功能材料有限公司',
    '内蒙古动力电池回收利用有限公司',
    '内蒙古精密铸造有限公司',
    '达拉特旗工业气体有限公司',
    '内蒙古光伏支架制造有限公司',
    '达拉特旗建能兴辉新型建材有限公司',
    '鄂尔多斯碳纤维科技有限公司',
  ]
  const handlerOf = (lead: string) => (lead === '生态环境分局' ? 'handler' : `${lead} 经办人`)
  const sources = ['enterprise', 'enterprise', 'enterprise', 'visit', 'weekly', 'hotline', 'onsite']
  const out: DemoProblem[] = []
  const categories = Object.keys(EVERYDAY)
  for (let i = 0; i < 48; i++) {
    const category = categories[i % categories.length]
    const [title, description] = pick(EVERYDAY[category])
    const enterprise = pick(enterprises)
    const age = 2 + Math.floor(rand() ** 1.6 * 60) // working days ago, skewed to recent
    const source = pick(sources)
    const lead = DLT_LEAD[category]
    const handler = handlerOf(lead)
    const type = rand() < 0.45 ? 'onsite' : 'longterm'
    const days = type === 'onsite' ? 3 : rand() < 0.7 ? 15 : 25
    const steps: DemoProblem['steps'] = []
    const d = (n: number, time: string) => `-${Math.max(age - n, 0)} ${time}`
    steps.push({
      do: 'accept',
      by: 'supervisor',
      at: d(rand() < 0.9 ? 0 : 1, '16:00'),
      type,
      lead,
      days,
      leader: pick(['director', 'li_wenhua', 'gao_jianping', 'ma_chunmei']),
    })
    steps.push({ do: 'reply', by: handler, at: d(1, '11:00'), text: '已联系企业了解情况，正在协调办理。' })
    // How long it took: mostly within the deadline; about one in six runs late.
    const late = rand() < 0.17
    const took = late ? days + 1 + Math.floor(rand() * 6) : 1 + Math.floor(rand() * days)
    if (took < age) {
      steps.push({
        do: 'resolve',
        by: handler,
        at: d(took, '17:00'),
        text: `${title}已协调解决，办理结果已告知企业并留存记录。`,
      })
      const confirmAfter = took + 1 + Math.floor(rand() * 2)
      if (confirmAfter < age) {
        const r = rand()
        steps.push({
          do: 'confirm',
          by: enterprise,
          at: d(confirmAfter, '10:00'),
          satisfaction: r < 0.82 ? 'satisfied' : 'basic',
          comment: r < 0.82 ? '办理及时，满意。' : undefined,
        })
      }
    }
    out.push({
      key: `everyday-${i}`,
      zone: 'dlt',
      enterprise,
      title,
      description,
      category,
      source,
      by: source === 'enterprise' ? enterprise : pick(['officer', 'zhao_min', 'sun_hao']),
      at: `-${age} ${pick(['09:10', '10:20', '14:30', '15:45'])}`,
      steps,
    })
  }
  // A few arrived today and yesterday and wait for triage (the daily board's 新增).
  for (const [i, category] of ['power', 'permit', 'water'].entries()) {
    const [title, description] = EVERYDAY[category][0]
    const enterprise = enterprises[i + 3]
    out.push({
      key: `new-${i}`,
      zone: 'dlt',
      enterprise,
      title,
      description,
      category,
      source: 'enterprise',
      by: enterprise,
      at: `-${i === 2 ? 1 : 0} ${['08:15', '09:05', '16:30'][i]}`,
      steps: [],
    })
  }
  return out
}
