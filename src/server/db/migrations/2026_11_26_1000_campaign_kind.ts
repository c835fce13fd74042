import type { Kysely } from 'kysely'
import { runStatements } from '../sql-helpers.ts'

// A campaign is a 百日攻坚 (a hundred-day push, the zone's main drive) or a 专项行动 (a themed
// action: 问题清零、入企走访…); the list and the summary text name the kind.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `alter table campaigns add column kind text not null default 'hundred_days'
      check (kind in ('hundred_days','special'))`,
    `create index campaigns_zone_dates_idx on campaigns (zone_id, starts_on, ends_on)`,
  ])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `drop index if exists campaigns_zone_dates_idx`,
    `alter table campaigns drop column if exists kind`,
  ])
}
