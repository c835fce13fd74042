import { type Page, pageOf } from './pagination.ts'
import { MAX_EXPORT_ROWS } from './spreadsheet.ts'

type Window = { offset: number; pageSize: number }

/**
 * The service half of a list and its export (see list-routes.ts): one parser of the query into
 * filter and sort, one fetch (the repository's scoped query, which also authorises if it must), one
 * presenter. `list` answers a page; `exportRows` every row (up to MAX_EXPORT_ROWS), same filter,
 * same order.
 */
export function pagedList<A, Q, F, S, R, T>(spec: {
  args: (q: Q) => { filter: F; sort: S }
  fetch: (actor: A, filter: F, sort: S, window: Window) => Promise<{ items: R[]; total: number }>
  present: (rows: R[]) => T[] | Promise<T[]>
}) {
  async function list(actor: A, q: Q & { page?: number; pageSize?: number }): Promise<Page<T>> {
    const p = pageOf(q)
    const { filter, sort } = spec.args(q)
    const { items, total } = await spec.fetch(actor, filter, sort, p)
    return { items: await spec.present(items), total, page: p.page, pageSize: p.pageSize }
  }
  async function exportRows(actor: A, q: Q): Promise<T[]> {
    const { filter, sort } = spec.args(q)
    const { items } = await spec.fetch(actor, filter, sort, { offset: 0, pageSize: MAX_EXPORT_ROWS })
    return spec.present(items)
  }
  return { list, exportRows }
}
