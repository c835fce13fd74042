import type { Db } from '../../db/database.ts'
import { likeEscape } from '../../db/sql-helpers.ts'

export async function regions(db: Db, f: { parent?: string; keyword?: string; level?: number }) {
  let q = db.selectFrom('regions').selectAll()
  if (f.parent) q = q.where('parent_code', '=', f.parent)
  else if (!f.keyword && !f.level) q = q.where('parent_code', 'is', null)
  if (f.level) q = q.where('level', '=', f.level)
  if (f.keyword) q = q.where('name', 'like', `%${likeEscape(f.keyword)}%`)
  return q.orderBy('code').limit(500).execute()
}

export async function regionChain(db: Db, code: string) {
  const out: Array<{ code: string; name: string }> = []
  let current: string | null = code
  while (current && out.length < 5) {
    const row = await db
      .selectFrom('regions')
      .select(['code', 'name', 'parent_code'])
      .where('code', '=', current)
      .executeTakeFirst()
    if (!row) break
    out.unshift({ code: row.code, name: row.name })
    current = row.parent_code
  }
  return out
}

export async function industries(db: Db, f: { parent?: string; level?: number; keyword?: string }) {
  let q = db.selectFrom('industries').selectAll()
  if (f.parent) q = q.where('parent_code', '=', f.parent)
  if (f.level) q = q.where('level', '=', f.level)
  if (f.keyword) q = q.where('name', 'like', `%${likeEscape(f.keyword)}%`)
  return q.orderBy('level').orderBy('code').execute()
}
