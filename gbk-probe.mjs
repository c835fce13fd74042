import { PGlite } from '@electric-sql/pglite'

const db = await PGlite.create()
for (const q of [
  `select convert_to('甲','GBK') as x`,
  `select n from (values ('乙'),('甲')) v(n) order by convert_to(n,'GBK')`,
  `select n from (values ('乙'),('甲')) v(n) order by n`,
  `select * from pg_collation where collprovider='i' limit 3`,
]) {
  try {
    const r = await db.query(q)
    console.log(q, JSON.stringify(r.rows))
  } catch (e) {
    console.log('ERR', q, e.message)
  }
}
await db.close()
