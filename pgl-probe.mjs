import { PGlite, types } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'

const t0 = Date.now()
const db = await PGlite.create({ extensions: { pg_trgm } })
console.log('create ms', Date.now() - t0)
await db.exec('create extension if not exists pg_trgm')
const r = await db.query(
  `select 1::int8 as a, '2026-01-02'::date as d, 1.50::numeric(18,2) as n, now() as t, array['a','b'] as arr, '{"x":1}'::jsonb as j, similarity('屠宰加工','肉牛屠宰加工项目') as s, version() v`,
)
console.log(r.rows, types.INT8, types.DATE, types.NUMERIC)
const t1 = Date.now()
const dump = await db.dumpDataDir('none')
console.log('dump ms', Date.now() - t1, dump.size)
const t2 = Date.now()
const db2 = await PGlite.create({ loadDataDir: dump, extensions: { pg_trgm } })
console.log('load ms', Date.now() - t2)
const t3 = Date.now()
const c = await db2.clone?.()
console.log('clone ms', Date.now() - t3, !!c)
