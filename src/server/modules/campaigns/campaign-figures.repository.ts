import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { type CampaignEvents, emptyEvents } from './campaign-figures.ts'

// Read-only aggregates over other modules' tables (projects, milestones, monthly reports,
// problems, visits) for a set of campaigns: one query per figure family, whatever the number of
// campaigns or projects — going through the projects / problems / visits services per project
// would be one round trip per project per day. Nothing here writes outside the campaign tables.

const BJ = sql.raw(`'Asia/Shanghai'`)

/**
 * Who takes part: participating projects, their enterprises and participating departments (with
 * the sections under them). A campaign with no participant at all counts the whole zone.
 */
const noParticipants = sql`(not exists (select 1 from campaign_projects x where x.campaign_id = c.id)
  and not exists (select 1 from campaign_departments x where x.campaign_id = c.id))`

export async function eventsOf(db: Db, ids: number[]): Promise<Map<number, CampaignEvents>> {
  const out = new Map<number, CampaignEvents>(ids.map((id) => [id, emptyEvents()]))
  if (!ids.length) return out
  const list = sql.join(ids)
  // 开工: the 开工 milestone done, or the stage moved into 开工在建 or later — the stage change sets
  // actual_start_date (to the date given). A project entered directly in a started stage has
  // neither and does not count: its start is not known to fall inside the campaign.
  const started = sql<{ campaign_id: number; day: string }>`
    select cp.campaign_id, s.day::text as day
    from campaign_projects cp
    join campaigns c on c.id = cp.campaign_id
    join projects p on p.id = cp.project_id
    cross join lateral (select least(
      (select min(m.actual_date) from milestones m where m.project_id = p.id and m.name = '开工'),
      p.actual_start_date
    ) as day) s
    where cp.campaign_id in (${list}) and s.day between c.starts_on and c.ends_on`.execute(db)
  // Monthly reports of the months overlapping the campaign, counted from the day they came in.
  const investment = sql<{ campaign_id: number; day: string; month_start: string; completed: string }>`
    select cp.campaign_id, (r.submitted_at at time zone ${BJ})::date::text as day,
      make_date(r.year, r.month, 1)::text as month_start, r.completed::text as completed
    from campaign_projects cp
    join campaigns c on c.id = cp.campaign_id
    join project_monthly_reports r on r.project_id = cp.project_id
    where cp.campaign_id in (${list})
      and make_date(r.year, r.month, 1) <= c.ends_on
      and (make_date(r.year, r.month, 1) + interval '1 month')::date > c.starts_on`.execute(db)
  const problems = sql<{ campaign_id: number; day: string; n: number }>`
    select c.id as campaign_id, (pr.closed_at at time zone ${BJ})::date::text as day, count(*)::int as n
    from campaigns c
    join problems pr on pr.zone_id = c.zone_id
    where c.id in (${list}) and pr.status = 'closed' and pr.closed_at is not null
      and (pr.closed_at at time zone ${BJ})::date between c.starts_on and c.ends_on
      and (${noParticipants}
        or exists (select 1 from campaign_departments cd
          join departments d on d.id = cd.department_id
          join departments ld on ld.id = pr.lead_department_id
          where cd.campaign_id = c.id and ld.path like d.path || '%')
        or exists (select 1 from campaign_projects cp join projects p on p.id = cp.project_id
          where cp.campaign_id = c.id and (p.id = pr.project_id or p.enterprise_id = pr.enterprise_id)))
    group by 1, 2`.execute(db)
  const visits = sql<{ campaign_id: number; day: string; n: number }>`
    select c.id as campaign_id, v.visit_date::text as day, count(*)::int as n
    from campaigns c
    join visits v on v.zone_id = c.zone_id
    where c.id in (${list}) and v.visit_date between c.starts_on and c.ends_on
      and (not exists (select 1 from campaign_projects x where x.campaign_id = c.id)
        or exists (select 1 from visit_projects vp join campaign_projects cp on cp.project_id = vp.project_id
          where vp.visit_id = v.id and cp.campaign_id = c.id)
        or exists (select 1 from visit_enterprises ve
          join projects p on p.enterprise_id = ve.enterprise_id
          join campaign_projects cp on cp.project_id = p.id
          where ve.visit_id = v.id and cp.campaign_id = c.id))
    group by 1, 2`.execute(db)
  const [s, i, p, v] = await Promise.all([started, investment, problems, visits])
  for (const r of s.rows) out.get(r.campaign_id)?.started.push(r.day)
  for (const r of i.rows)
    out.get(r.campaign_id)?.investment.push({ day: r.day, monthStart: r.month_start, completed: r.completed })
  for (const r of p.rows) out.get(r.campaign_id)?.problems.push({ day: r.day, n: Number(r.n) })
  for (const r of v.rows) out.get(r.campaign_id)?.visits.push({ day: r.day, n: Number(r.n) })
  return out
}

/** Open problems of the campaign's participants (or zone) whose deadline falls on `day`: 今日到期. */
export async function problemsDueOn(db: Db, campaignId: number, day: string) {
  const { rows } = await sql<{
    id: number
    code: string
    title: string
    lead_department_name: string | null
  }>`
    select pr.id, pr.code, pr.title, ld.name as lead_department_name
    from campaigns c
    join problems pr on pr.zone_id = c.zone_id
    left join departments ld on ld.id = pr.lead_department_id
    where c.id = ${campaignId} and pr.status in ('accepted','in_progress')
      and (pr.deadline_at at time zone ${BJ})::date = ${day}::date
      and (${noParticipants}
        or exists (select 1 from campaign_departments cd join departments d on d.id = cd.department_id
          where cd.campaign_id = c.id and ld.path like d.path || '%')
        or exists (select 1 from campaign_projects cp join projects p on p.id = cp.project_id
          where cp.campaign_id = c.id and (p.id = pr.project_id or p.enterprise_id = pr.enterprise_id)))
    order by pr.deadline_at, pr.id`.execute(db)
  return rows
}
