import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Static, TSchema } from 'typebox'
import { responses } from './route-helpers.ts'
import { type Column, sendXlsx, toXlsx } from './spreadsheet.ts'

type Req<Q extends TSchema> = FastifyRequest<{ Querystring: Static<Q> }>
type ByQuery<Q extends TSchema> = string | ((q: Static<Q>) => string)

export interface ListRoutesSpec<Q extends TSchema, T> {
  /** the list's path; its export is `<path>/export.xlsx` */
  path: string
  permission: string
  tags: string[]
  /** filters, sort and page: the export takes the same (and ignores the page) */
  querystring: Q
  summary: string
  /** the list's 200 answer, e.g. PageSchema(Item) */
  response: TSchema
  list: (req: Req<Q>) => Promise<unknown>
  export: {
    summary: string
    /** every row the filters select, in the list's order */
    rows: (req: Req<Q>) => Promise<T[]>
    /** the columns, or a function of the request when they depend on it (labels, the actor) */
    columns: Column<T>[] | ((req: Req<Q>) => Column<T>[] | Promise<Column<T>[]>)
    sheet: ByQuery<Q>
    filename: ByQuery<Q>
  }
}

/**
 * A list and its Excel export: `GET <path>` answers a page, `GET <path>/export.xlsx` the same
 * filters and sort over every row, as one sheet. Both need the same permission.
 */
export function listRoutes<Q extends TSchema, T>(
  app: FastifyInstance<any, any, any, any, any>,
  spec: ListRoutesSpec<Q, T>,
) {
  const { tags, querystring } = spec
  const config = { permission: spec.permission }
  app.get(spec.path, {
    config,
    schema: { tags, summary: spec.summary, querystring, response: responses({ 200: spec.response }) },
    handler: async (req: Req<Q>) => spec.list(req),
  })
  const x = spec.export
  const name = (v: ByQuery<Q>, q: Static<Q>) => (typeof v === 'function' ? v(q) : v)
  app.get(`${spec.path.replace(/\/$/, '')}/export.xlsx`, {
    config,
    schema: { tags, summary: x.summary, querystring },
    handler: async (req: Req<Q>, reply) => {
      const [rows, columns] = await Promise.all([
        x.rows(req),
        typeof x.columns === 'function' ? x.columns(req) : x.columns,
      ])
      const q = req.query as Static<Q>
      return sendXlsx(reply, name(x.filename, q), await toXlsx(name(x.sheet, q), columns, rows))
    },
  })
}
