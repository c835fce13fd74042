import { Card, Col, Row, Statistic } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ImportSummary } from '../../../api/types'

/** The four counts of a dry run or an import: created, updated, rejected, warnings. */
export function SummaryStats({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation()
  const items = [
    { key: 'created', value: summary.created, color: '#389e0d' },
    { key: 'updated', value: summary.updated, color: '#1677ff' },
    { key: 'unchanged', value: summary.unchanged, color: undefined },
    { key: 'rejected', value: summary.rejected, color: summary.rejected ? '#cf1322' : undefined },
    { key: 'warnings', value: summary.warnings, color: summary.warnings ? '#d48806' : undefined },
  ]
  return (
    <Row gutter={[12, 12]}>
      {items.map((i) => (
        <Col key={i.key} xs={12} sm={8} lg={{ flex: '20%' }}>
          <Card size="small">
            <Statistic
              title={t(`imports.count.${i.key}`)}
              value={i.value}
              styles={{ content: { color: i.color } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  )
}
