import { Alert, Card, Col, Row, Statistic, Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatRate } from '../../lib/format'
import type { CadencePeriodDetail, DepartmentTally, Tally } from './cadence-types'

const rate = (r: Tally) => (r.owed ? formatRate(r.onTime / r.owed) : '—')

/**
 * 季通报: the quarter's roll-up, kept when it closes — its weeks and months summed, per department,
 * with the on-time rate; before its due date, what it will hold and when.
 */
export function RollupPanel({ period }: { period: CadencePeriodDetail }) {
  const { t } = useTranslation()
  const r = period.rollup
  if (!r) {
    return (
      <Alert type="info" showIcon title={t('cadence.rollupLater', { time: formatDateTime(period.dueAt) })} />
    )
  }
  const tallyColumns = <T extends Tally>(): ColumnsType<T> => [
    { title: t('cadence.count.owed'), dataIndex: 'owed', align: 'right', width: 80 },
    { title: t('cadence.count.submitted'), dataIndex: 'onTime', align: 'right', width: 90 },
    { title: t('cadence.count.late'), dataIndex: 'late', align: 'right', width: 90 },
    { title: t('cadence.count.missing'), dataIndex: 'missing', align: 'right', width: 80 },
    { title: t('cadence.onTimeRate'), key: 'rate', align: 'right', width: 90, render: (_, x) => rate(x) },
  ]
  return (
    <>
      <Row gutter={[12, 12]}>
        {(
          [
            ['owed', r.owed],
            ['submitted', r.onTime],
            ['late', r.late],
            ['missing', r.missing],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(`cadence.count.${k}`)} value={v} />
            </Card>
          </Col>
        ))}
      </Row>
      {r.monthly && (
        <Card size="small" title={t('cadence.byMonth')}>
          <Table<Tally & { periodKey: string }>
            rowKey="periodKey"
            size="small"
            pagination={false}
            dataSource={r.monthly}
            scroll={{ x: 520 }}
            columns={[
              { title: t('cadence.month'), dataIndex: 'periodKey', width: 100 },
              ...tallyColumns<Tally & { periodKey: string }>(),
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t('cadence.byDepartment')}>
        <Table<DepartmentTally>
          rowKey={(x) => String(x.departmentId ?? 'none')}
          size="small"
          pagination={false}
          dataSource={r.byDepartment}
          scroll={{ x: 560 }}
          columns={[
            {
              title: t('cadence.col.department'),
              dataIndex: 'departmentName',
              render: (v) => v ?? t('cadence.noDepartment'),
            },
            ...tallyColumns<DepartmentTally>(),
          ]}
        />
      </Card>
    </>
  )
}
