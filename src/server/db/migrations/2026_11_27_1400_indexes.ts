import type { Kysely } from 'kysely'
import { runStatements } from '../sql-helpers.ts'

// Indexes for the hot reads at province scale (10⁵ projects, 10⁶ problems, 10⁷ events), found with
// EXPLAIN (ANALYZE, BUFFERS) on generated data — see docs/BENCHMARKS.md for the plans before and
// after. Each one leads with zone_id when it serves zone-scoped queries (Citus: the distribution
// column), or carries it for the per-person look-ups that cross zones.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    // the problem ledger's default order (newest first) inside a zone; the board's "received today"
    `create index problems_zone_received_idx on problems (zone_id, received_at desc nulls last, id desc)`,
    // the same order across zones, with zone_id carried: for scopes that are an OR of several arms
    // (a zone plus the problems one handles elsewhere), newest first stops after a page of matches
    `create index problems_received_idx on problems (received_at desc nulls last, id desc) include (zone_id)`,
    // the daily board's open problems, by deadline
    `create index problems_zone_open_idx on problems (zone_id, deadline_at, id)
      where status in ('submitted','returned','accepted','in_progress','resolved')`,
    // problemScope's personal arms (首问, responsible, leader, reporter): each arm of the OR an index
    `create index problems_first_receiver_idx on problems (first_receiver_id, zone_id)`,
    `create index problems_responsible_user_idx on problems (responsible_user_id, zone_id)`,
    `create index problems_responsible_leader_idx on problems (responsible_leader_id, zone_id)`,
    `create index problems_reporter_idx on problems (reporter_user_id, zone_id) where reporter_user_id is not null`,
    `create index problem_tasks_owner_user_idx on problem_tasks (owner_user_id, zone_id)`,
    // 责任追究 figures over a period, per zone
    `create index problem_overdue_zone_day_idx on problem_overdue_days (zone_id, day)`,
    // the board's reminders and escalations of a day (a small partial index of a 10⁷-row table)
    `create index events_supervision_idx on events (zone_id, at desc) where kind in ('remind','escalate')`,

    // Citus rule (every unique key of a tenant table includes zone_id): the natural keys that did
    // not. A project, a problem never changes zone, so the keys mean the same thing; zone_id goes
    // last so that the per-project look-ups (year-to-date sums, "this problem's days") keep their index.
    `alter table project_monthly_reports drop constraint project_monthly_reports_project_id_year_month_key`,
    `alter table project_monthly_reports add constraint project_monthly_reports_project_month_zone_key
      unique (project_id, year, month, zone_id)`,
    `alter table project_weekly_progress drop constraint project_weekly_progress_project_id_week_start_key`,
    `alter table project_weekly_progress add constraint project_weekly_progress_project_week_zone_key
      unique (project_id, week_start, zone_id)`,
    `drop index open311_requests_problem_uq`,
    `create unique index open311_requests_problem_uq on open311_requests (problem_id, zone_id)`,
    `alter table problem_overdue_days drop constraint problem_overdue_days_pkey`,
    `alter table problem_overdue_days add primary key (problem_id, day, zone_id)`,
  ])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `alter table problem_overdue_days drop constraint problem_overdue_days_pkey`,
    `alter table problem_overdue_days add primary key (problem_id, day)`,
    `drop index open311_requests_problem_uq`,
    `create unique index open311_requests_problem_uq on open311_requests (problem_id)`,
    `alter table project_weekly_progress drop constraint project_weekly_progress_project_week_zone_key`,
    `alter table project_weekly_progress add constraint project_weekly_progress_project_id_week_start_key
      unique (project_id, week_start)`,
    `alter table project_monthly_reports drop constraint project_monthly_reports_project_month_zone_key`,
    `alter table project_monthly_reports add constraint project_monthly_reports_project_id_year_month_key
      unique (project_id, year, month)`,
    `drop index if exists events_supervision_idx`,
    `drop index if exists problem_overdue_zone_day_idx`,
    `drop index if exists problem_tasks_owner_user_idx`,
    `drop index if exists problems_reporter_idx`,
    `drop index if exists problems_responsible_leader_idx`,
    `drop index if exists problems_responsible_user_idx`,
    `drop index if exists problems_first_receiver_idx`,
    `drop index if exists problems_zone_open_idx`,
    `drop index if exists problems_zone_received_idx`,
    `drop index if exists problems_received_idx`,
  ])
}
