import { Type } from 'typebox'

// Request-schema pieces every module uses (titles name the field in Chinese validation messages).

/** `/:id` of a record. */
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, title: '编号' }) })

/** The version an edit or delete was based on: a stale one is 409 VERSION_CONFLICT. */
export const Version = Type.Integer({ minimum: 1, title: '版本号' })
export const VersionBody = Type.Object({ version: Version })
export const VersionQuery = Type.Object({ version: Version })

/**
 * 'YYYY-MM-DD' between 1900 and 2099 with a real month and a day 01–31 (whether the day exists, e.g.
 * 02-30, is checked by the service: isRealDate). The year range keeps day-by-day loops (working days,
 * daily snapshots) bounded: a date in year 9999 once kept the daily board busy for minutes.
 */
export const DATE_PATTERN = '^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'

/** Money in 万元, not negative, up to two decimals, as a string. */
export const MONEY_PATTERN = '^[0-9]{1,16}(\\.[0-9]{1,2})?$'

/**
 * A longitude (max 180) or latitude (max 90), or null. One schema typed number-or-null: in a Union,
 * the validator's coerceTypes turns a null tried against Number into 0 — a point at 0°, 0°.
 */
export const Coordinate = (title: string, max: number) =>
  Type.Unsafe<number | null>({ type: ['number', 'null'], minimum: -max, maximum: max, title })
