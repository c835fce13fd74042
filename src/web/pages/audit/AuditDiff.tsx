import { Descriptions, Flex, Switch, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FIELD_LABELS } from '../../../shared/field-labels'
import type { AuditEntry } from '../../api/types'

interface Row {
  field: string
  before: unknown
  after: unknown
  changed: boolean
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function rowsOf(before: unknown, after: unknown): Row[] {
  if (!isObject(before) && !isObject(after)) {
    if (before === undefined && after === undefined) return []
    if (before === null && after === null) return []
    return [{ field: '', before, after, changed: !same(before, after) }]
  }
  const b = isObject(before) ? before : {}
  const a = isObject(after) ? after : {}
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return keys.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: !same(b[field], a[field]),
  }))
}

function Value({ v }: { v: unknown }) {
  const { t } = useTranslation()
  if (v === undefined || v === null || v === '') return <Typography.Text type="secondary">—</Typography.Text>
  if (typeof v === 'boolean') return <>{v ? t('common.yes') : t('common.no')}</>
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object'))
    return <>{v.length ? v.join('、') : <Typography.Text type="secondary">[]</Typography.Text>}</>
  if (typeof v === 'object') {
    return (
      <Typography.Text
        style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
      >
        {JSON.stringify(v, null, 1)}
      </Typography.Text>
    )
  }
  return <span style={{ wordBreak: 'break-all' }}>{String(v)}</span>
}

/** Before/after of one log entry, field by field, with the entry's hash. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation()
  const rows = rowsOf(entry.before, entry.after)
  const both = isObject(entry.before) && isObject(entry.after)
  const [onlyChanged, setOnlyChanged] = useState(both)
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows
  const label = (f: string) =>
    t(`audit.fields.${f}`, { defaultValue: i18n.language === 'en' ? f : (FIELD_LABELS[f] ?? f) })

  return (
    <Flex vertical gap={12} style={{ padding: '4px 0' }}>
      {rows.length ? (
        <>
          {both && (
            <Flex gap={8} align="center">
              <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
              <Typography.Text type="secondary">
                {t('audit.onlyChanged', {
                  changed: rows.filter((r) => r.changed).length,
                  total: rows.length,
                })}
              </Typography.Text>
            </Flex>
          )}
          <Table<Row>
            size="small"
            rowKey="field"
            pagination={false}
            bordered
            dataSource={shown}
            scroll={{ x: 560 }}
            onRow={(r) => ({
              style: r.changed && both ? { background: 'rgba(250, 173, 20, 0.08)' } : undefined,
            })}
            columns={[
              {
                title: t('audit.field'),
                dataIndex: 'field',
                width: 180,
                render: (f: string) =>
                  f ? (
                    <div>
                      <div>{label(f)}</div>
                      {label(f) !== f && (
                        <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                          {f}
                        </Typography.Text>
                      )}
                    </div>
                  ) : (
                    '—'
                  ),
              },
              { title: t('audit.before'), dataIndex: 'before', render: (v: unknown) => <Value v={v} /> },
              { title: t('audit.after'), dataIndex: 'after', render: (v: unknown) => <Value v={v} /> },
            ]}
          />
        </>
      ) : (
        <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>
      )}
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'hash',
            label: t('audit.hash'),
            children: (
              <Typography.Text
                copyable
                style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}
              >
                {entry.hash}
              </Typography.Text>
            ),
          },
          { key: 'id', label: t('audit.entryId'), children: entry.id },
          ...(entry.requestId
            ? [
                {
                  key: 'req',
                  label: t('audit.requestId'),
                  children: <Typography.Text style={{ fontSize: 12 }}>{entry.requestId}</Typography.Text>,
                },
              ]
            : []),
        ]}
      />
    </Flex>
  )
}
