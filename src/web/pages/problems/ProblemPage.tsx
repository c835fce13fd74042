import { PictureOutlined } from '@ant-design/icons'
import { Button, Card, Col, Flex, Result, Row, Skeleton, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { useMe } from '../../api/auth'
import { ApiError } from '../../api/client'
import type { Me, ProblemDetail } from '../../api/types'
import { errorMessage } from '../../lib/form-errors'
import { AttachmentsPanel } from '../projects/AttachmentsPanel'
import { ActionBar } from './detail/ActionBar'
import { ClosureBlock } from './detail/ClosureBlock'
import { CommonBlock, MergedNotice } from './detail/CommonBlock'
import { ExtensionsBlock } from './detail/ExtensionsBlock'
import { ProblemHeader } from './detail/ProblemHeader'
import { ProblemInfo } from './detail/ProblemInfo'
import { ResponsibilityBlock } from './detail/ResponsibilityBlock'
import { TasksBlock } from './detail/TasksBlock'
import { TimelineBlock } from './detail/TimelineBlock'
import { useProblem, useProblemRefresh } from './detail/use-problem'
import { isOpen } from './problem-ui'

/**
 * Who may add files: while the problem is open, anyone with a step to take on it (the lead unit, the
 * supervision office, the reporting enterprise) or its 首问责任人 — the server checks the same.
 */
function canAddFiles(p: ProblemDetail, me: Me | null | undefined) {
  if (!isOpen(p.status)) return false
  return p.actions.some((a) => a !== 'receive') || (!!me && p.firstReceiver?.id === me.id)
}

/**
 * 问题详情 — the closed loop of one problem (SPEC §4): header with the light and the running clock,
 * the actions the server allows, and the 三个清单 (问题 / 任务 / 责任) with extensions, closure,
 * common problem, files and the timeline.
 */
export default function ProblemPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const problemId = Number(useParams().id)
  const { data: me } = useMe()
  const q = useProblem(problemId)
  const refresh = useProblemRefresh(problemId)

  if (q.isError || !(problemId > 0)) {
    const notFound = !(problemId > 0) || (q.error instanceof ApiError && q.error.status === 404)
    // Seen a moment ago, gone now: a step (e.g. 退回) took it out of this user's scope.
    const movedAway = notFound && !!q.data
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={
          movedAway
            ? t('problemDetail.movedAway')
            : notFound
              ? t('problemDetail.notFound')
              : t('common.loadFailed')
        }
        subTitle={movedAway ? t('problemDetail.movedAwayHelp') : notFound ? undefined : errorMessage(q.error)}
        extra={
          <Space wrap>
            <Button type={notFound ? 'primary' : 'default'} onClick={() => navigate('/problems')}>
              {t('problemDetail.backToList')}
            </Button>
            {!notFound && (
              <Button type="primary" onClick={() => q.refetch()}>
                {t('common.retry')}
              </Button>
            )}
          </Space>
        }
      />
    )
  }
  const p = q.data
  if (!p) return <Skeleton active paragraph={{ rows: 12 }} />

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={12}>
        <ProblemHeader problem={p} />
        <ActionBar problem={p} onDone={refresh} />
      </Flex>
      <MergedNotice problem={p} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <ProblemInfo problem={p} showZone={!!me && !me.zone} />
            <ClosureBlock problem={p} />
            <ResponsibilityBlock problem={p} />
            <TasksBlock problem={p} onChanged={refresh} />
            <ExtensionsBlock items={p.extensions} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card
              size="small"
              title={
                <Space>
                  <PictureOutlined />
                  {t('problemDetail.files.block')}
                </Space>
              }
            >
              <AttachmentsPanel ownerType="problem" ownerId={p.id} canWrite={canAddFiles(p, me)} />
            </Card>
            <TimelineBlock problemId={p.id} />
          </Flex>
        </Col>
      </Row>
      <CommonBlock problem={p} onChanged={refresh} />
    </Flex>
  )
}
