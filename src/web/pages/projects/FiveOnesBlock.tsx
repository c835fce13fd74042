import { Button, Card, Col, Row, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { FiveOnesCode, ProjectDetail } from '../../api/types'
import { FiveOnesFlag, OkMark } from './project-ui'

/** Which card edits what: 项目 → responsible units, … 一抓到底 → the weekly progress tab. */
export type FiveOnesAction = 'units' | 'leader' | 'team' | 'plan' | 'followup'

/**
 * 五个一 as one block of five cards: 项目 (with its responsible units), 包联领导, 工作专班,
 * 工作方案 (milestones) and 一抓到底 (weekly follow-up) — green ✓ or red ✗ with what is missing.
 */
export function FiveOnesBlock({
  project,
  canManage,
  onAction,
}: {
  project: ProjectDetail
  canManage: boolean
  onAction: (a: FiveOnesAction) => void
}) {
  const { t } = useTranslation()
  const applies = project.fiveOnes.some((f) => f.applies)
  const order: FiveOnesCode[] = ['units', 'leader', 'team', 'plan', 'followup']
  return (
    <Card
      size="small"
      title={t('projects.fiveOnes.title')}
      extra={
        applies ? (
          <FiveOnesFlag missing={project.fiveOnesMissing} isKey />
        ) : (
          <Typography.Text type="secondary">{t('projects.fiveOnes.notApplicable')}</Typography.Text>
        )
      }
      style={{ marginBottom: 16 }}
    >
      <Row gutter={[12, 12]}>
        {order.map((code) => {
          const f = project.fiveOnes.find((x) => x.code === code)
          if (!f) return null
          const bad = f.applies && !f.ok
          const editable = code === 'followup' || code === 'plan' || canManage
          return (
            <Col key={code} flex="1 1 180px">
              <div
                style={{
                  border: `1px solid ${bad ? '#ffccc7' : '#d9f7be'}`,
                  background: bad ? '#fff2f0' : '#f6ffed',
                  borderRadius: 8,
                  padding: 12,
                  height: '100%',
                  display: 'flex',
                  flexDirection: 'column',
                  gap: 6,
                }}
              >
                <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <OkMark ok={!bad} />
                  <Typography.Text strong>{t(`projects.fiveOnes.card.${code}`)}</Typography.Text>
                </div>
                <Typography.Text type={bad ? 'danger' : undefined} style={{ flex: 1 }}>
                  {f.text}
                </Typography.Text>
                {editable && (
                  <div>
                    <Button size="small" type={bad ? 'primary' : 'default'} onClick={() => onAction(code)}>
                      {t(`projects.fiveOnes.action.${code}`)}
                    </Button>
                  </div>
                )}
              </div>
            </Col>
          )
        })}
      </Row>
    </Card>
  )
}
