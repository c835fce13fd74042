import { readFileSync } from 'node:fs'
import type { Db } from '../../db/database.ts'

interface RegionJson {
  code: string
  name: string
  level: number
  kind: 'province' | 'city' | 'county' | 'zone'
  parent: string | null
}
interface IndustryJson {
  code: string
  name: string
  level: number
  parent: string | null
}

const load = <T>(file: string): T[] =>
  JSON.parse(readFileSync(new URL(`../../db/reference/${file}`, import.meta.url), 'utf8'))

/** Loads GB/T 2260 regions and GB/T 4754-2017 industries; reference tables are replaced wholesale when they change. */
export async function seedReferenceData(db: Db) {
  const regions = load<RegionJson>('regions.json')
  const industries = load<IndustryJson>('industries.json')
  const [{ n: rn }] = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .execute()
  if (Number(rn) !== regions.length) {
    await db.deleteFrom('regions').execute()
    for (let i = 0; i < regions.length; i += 500) {
      await db
        .insertInto('regions')
        .values(
          regions.slice(i, i + 500).map((r) => ({
            code: r.code,
            name: r.name,
            level: r.level,
            kind: r.kind,
            parent_code: r.parent,
          })),
        )
        .execute()
    }
  }
  const [{ n: inn }] = await db
    .selectFrom('industries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .execute()
  if (Number(inn) !== industries.length) {
    await db.deleteFrom('industries').execute()
    await db
      .insertInto('industries')
      .values(industries.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parent })))
      .execute()
  }
}
