import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import { type RawBuilder, sql } from 'kysely'

// Chinese full-text search that works the same on PGlite and PostgreSQL: the text is segmented here
// with jieba (search mode, so 屠宰加工项目 yields 屠宰 / 加工 / 项目), and stored as a 'simple'
// tsvector. Names are also indexed with pg_trgm for partial matches.
let jieba: Jieba | null = null
const segmenter = () => {
  jieba ??= Jieba.withDict(dict)
  return jieba
}

const NOISE = /^[\s\p{P}\p{S}]+$/u

export function tokens(text: string): string[] {
  const seen = new Set<string>()
  for (const t of segmenter().cutForSearch(text.toLowerCase(), true)) {
    const w = t.trim()
    if (w && !NOISE.test(w)) seen.add(w)
  }
  return [...seen]
}

/** The words to index for some pieces of text (nulls skipped), for `to_tsvector('simple', …)`. */
export function searchText(...parts: Array<string | null | undefined>): string {
  return tokens(parts.filter(Boolean).join(' ')).join(' ')
}

/** The tsvector to store for some pieces of text (nulls skipped). */
export function searchVector(...parts: Array<string | null | undefined>): RawBuilder<unknown> {
  return sql`to_tsvector('simple', ${searchText(...parts)})`
}

/** A tsquery matching rows that contain every word of the user's keyword, or null for an empty one. */
export function searchQuery(keyword: string): RawBuilder<unknown> | null {
  // Search mode on the keyword too, but require only the longest pieces (屠宰加工 → 屠宰 & 加工).
  const words = segmenter()
    .cut(keyword.toLowerCase(), true)
    .map((w) => w.trim())
    .filter((w) => w && !NOISE.test(w))
  if (!words.length) return null
  const q = words.map((w) => `'${w.replace(/'/g, "''")}'`).join(' & ')
  return sql`to_tsquery('simple', ${q})`
}
