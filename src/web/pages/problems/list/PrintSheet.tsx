import { useQuery } from '@tanstack/react-query'
import { App as AntApp } from 'antd'
import { useEffect, useRef } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { get } from '../../../api/client'
import type { Page } from '../../../api/types'
import { errorMessage } from '../../../lib/form-errors'
import { dayjs, TZ } from '../../../lib/format'
import type { ListColumn } from './three-lists'
import './print.css'

/** At most this many rows go on paper; the Excel export has them all. */
export const PRINT_MAX = 1000
const PAGE = 200

/**
 * The printout of a list: fetches every row the filters select (up to PRINT_MAX), renders them as a
 * plain table under `title` outside the app (print.css shows only it on paper), opens the browser's
 * print dialog, and calls `onDone` once it closes (or the load fails).
 */
export function PrintSheet<T extends { id: number }>({
  path,
  query,
  columns,
  title,
  filters,
  onDone,
}: {
  path: string
  query: Record<string, string | number | boolean | undefined>
  columns: ListColumn<T>[]
  title: string
  /** the filters in words, printed under the title */
  filters: string
  onDone: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const printed = useRef(false)
  const finish = useRef(onDone)
  finish.current = onDone
  const rows = useQuery({
    queryKey: ['problems', 'print', path, query],
    queryFn: async () => {
      const items: T[] = []
      let total = 0
      for (let page = 1; items.length < PRINT_MAX; page++) {
        const res = await get<Page<T>>(path, { ...query, page, pageSize: PAGE })
        items.push(...res.items)
        total = res.total
        if (res.items.length < PAGE || items.length >= total) break
      }
      return { items: items.slice(0, PRINT_MAX), total }
    },
    gcTime: 0,
    retry: false,
  })

  useEffect(() => {
    if (!rows.isError) return
    message.error(errorMessage(rows.error))
    finish.current()
  }, [rows.isError, rows.error, message])

  useEffect(() => {
    const done = () => finish.current()
    window.addEventListener('afterprint', done)
    return () => window.removeEventListener('afterprint', done)
  }, [])

  useEffect(() => {
    if (!rows.data || printed.current) return
    printed.current = true
    // Let the sheet render before the dialog takes its snapshot.
    window.setTimeout(() => window.print(), 50)
  }, [rows.data])

  if (!rows.data) return null
  const { items, total } = rows.data
  return createPortal(
    <div className="qd-print-root">
      <h1>{title}</h1>
      <div className="qd-print-meta">
        <span>{filters}</span>
        <span>{t('problems.lists.printCount', { n: total })}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th style={{ width: '2.5em' }}>{t('problems.lists.seq')}</th>
            {columns.map((c) => (
              <th key={c.key}>{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.length ? (
            items.map((r, i) => (
              <tr key={r.id}>
                <td>{i + 1}</td>
                {columns.map((c) => (
                  <td key={c.key} className={c.nowrap ? 'qd-nowrap' : undefined}>
                    {c.text(r)}
                  </td>
                ))}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={columns.length + 1} style={{ textAlign: 'center' }}>
                {t('problems.lists.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="qd-print-foot">
        {total > items.length && `${t('problems.lists.printTruncated', { n: items.length })}　`}
        {t('problems.lists.printedAt', { at: dayjs().tz(TZ).format('YYYY-MM-DD HH:mm') })}
      </div>
    </div>,
    document.body,
  )
}
