import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  EnvironmentOutlined,
  MessageOutlined,
  PlusOutlined,
} from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, del, get, patch } from '../../api/client'
import type { ProblemStatus } from '../../api/types'
import { EventTimeline } from '../../components/EventTimeline'
import { LightDot } from '../../components/LightDot'
import { UserSelect } from '../../components/UserSelect'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, formatDateTime, TZ } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { StatusTag } from '../problems/problem-ui'
import { AttachmentsPanel } from '../projects/AttachmentsPanel'
import type { Suggestion, VisitDetail } from './types'
import {
  AdoptionTag,
  EnterprisesSelect,
  KindTag,
  ProblemModal,
  ProjectsSelect,
  ReplyModal,
  SuggestionModal,
  useDictOptions,
} from './visit-ui'

type Dialog =
  | { kind: 'edit' }
  | { kind: 'problem' }
  | { kind: 'suggestion'; suggestion: Suggestion | null }
  | { kind: 'reply'; suggestion: Suggestion }
  | null

/** 修改走访: the record's fields and who / what was visited (problems and suggestions are kept). */
function VisitEditModal({
  v,
  onClose,
  onSaved,
}: {
  v: VisitDetail
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const kinds = useDictOptions('visit_kind')
  const [form] = Form.useForm()
  const { submit, busy } = useModalSubmit({
    form,
    action: async (x) => {
      await patch(`/api/visits/${v.id}`, {
        kind: x.kind,
        visitDate: x.visitDate.format('YYYY-MM-DD'),
        place: x.place.trim(),
        summary: x.summary.trim(),
        leaderIds: x.leaderIds,
        enterpriseIds: x.enterpriseIds ?? [],
        projectIds: x.projectIds ?? [],
        participants: x.participants?.trim() || null,
        notes: x.notes?.trim() || null,
        version: v.version,
      })
      return undefined
    },
    onSaved,
    onClose,
  })
  return (
    <Modal
      open
      title={t('visits.edit.title')}
      okText={t('common.save')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: v.kind,
          visitDate: dayjs(v.visitDate),
          place: v.place,
          summary: v.summary,
          leaderIds: v.leaders.map((l) => l.id),
          enterpriseIds: v.enterprises.map((e) => e.id),
          projectIds: v.projects.map((p) => p.id),
          participants: v.participants ?? '',
          notes: v.notes ?? '',
        }}
      >
        <Form.Item
          name="kind"
          label={t('visits.field.kind')}
          rules={[{ required: true, message: t('visits.rule.kind') }]}
        >
          <Radio.Group optionType="button" buttonStyle="solid" options={kinds} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="visitDate"
              label={t('visits.field.visitDate')}
              rules={[{ required: true, message: t('visits.rule.visitDate') }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().tz(TZ), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="place"
              label={t('visits.field.place')}
              rules={[{ required: true, whitespace: true, message: t('visits.rule.place') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="summary"
          label={t('visits.field.summary')}
          rules={[{ required: true, whitespace: true, message: t('visits.rule.summary') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="leaderIds"
          label={t('visits.field.leaders')}
          rules={[{ required: true, type: 'array', min: 1, message: t('visits.rule.leaders') }]}
        >
          <UserSelect<number[]> mode="multiple" known={v.leaders} />
        </Form.Item>
        <Form.Item name="enterpriseIds" label={t('visits.field.enterprises')}>
          <EnterprisesSelect known={v.enterprises} />
        </Form.Item>
        <Form.Item name="projectIds" label={t('visits.field.projects')}>
          <ProjectsSelect known={v.projects} />
        </Form.Item>
        <Form.Item name="participants" label={t('visits.field.participants')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="notes" label={t('visits.field.notes')}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function SuggestionItem({
  s,
  canEdit,
  onReply,
  onEdit,
  onDeleted,
}: {
  s: Suggestion
  canEdit: boolean
  onReply: () => void
  onEdit: () => void
  onDeleted: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const meta: ReactNode[] = [
    s.leader && t('visits.suggestion.by', { name: s.leader.name }),
    s.department
      ? t('visits.suggestion.to', { name: s.department.name })
      : t('visits.suggestion.noDepartment'),
    s.enterprise?.name,
  ].filter(Boolean)
  return (
    <div style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', flex: 1 }}>
          {s.content}
        </Typography.Paragraph>
        <AdoptionTag adoption={s.adoption} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {meta.join(' · ')}
      </Typography.Text>
      {s.reply && (
        <div style={{ background: '#f6ffed', borderRadius: 4, padding: '6px 10px', marginTop: 6 }}>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{s.reply}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('visits.suggestion.repliedBy', {
              name: s.repliedBy?.name ?? '—',
              at: formatDateTime(s.repliedAt),
            })}
          </Typography.Text>
        </div>
      )}
      {(s.canReply || (canEdit && s.canEdit)) && (
        <Space size={4} wrap style={{ marginTop: 6 }}>
          {s.canReply && (
            <Button
              size="small"
              type={s.adoption === 'pending' ? 'primary' : 'default'}
              icon={<MessageOutlined />}
              onClick={onReply}
            >
              {s.adoption === 'pending' ? t('visits.reply.action') : t('visits.reply.change')}
            </Button>
          )}
          {canEdit && s.canEdit && (
            <>
              <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('visits.suggestion.deleteConfirm')}
                onConfirm={async () => {
                  try {
                    await del(`/api/suggestions/${s.id}`, { version: s.version })
                    message.success(t('visits.suggestion.deleted'))
                    onDeleted()
                  } catch (e) {
                    message.error(errorMessage(e))
                  }
                }}
              >
                <Button size="small" danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      )}
    </div>
  )
}

/** 走访详情: who went where, what was found (problems in the loop) and suggested (with replies), photos, timeline. */
export default function VisitPage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const { id } = useParams()
  const visitId = Number(id)
  const navigate = useNavigate()
  const qc = useQueryClient()
  const [dialog, setDialog] = useState<Dialog>(null)
  const q = useQuery({
    queryKey: ['visits', visitId],
    queryFn: () => get<VisitDetail>(`/api/visits/${visitId}`),
    enabled: Number.isInteger(visitId) && visitId > 0,
  })
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['visits'] })
    void qc.invalidateQueries({ queryKey: ['suggestions'] })
  }

  if (q.isError) {
    const notFound = q.error instanceof ApiError && q.error.status === 404
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('visits.notFound') : t('common.loadFailed')}
        subTitle={errorMessage(q.error)}
        extra={<Button onClick={() => navigate('/visits')}>{t('visits.backToList')}</Button>}
      />
    )
  }
  const v = q.data
  if (!v) return <Skeleton active paragraph={{ rows: 10 }} />
  const dash = (x: ReactNode) => x || '—'

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={8} style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Link to="/visits">
            <ArrowLeftOutlined /> {t('visits.backToList')}
          </Link>
          <Typography.Title level={4} style={{ margin: '4px 0' }}>
            {v.summary}
          </Typography.Title>
          <Space wrap size={[8, 4]}>
            <Typography.Text type="secondary" copyable>
              {v.code}
            </Typography.Text>
            <KindTag kind={v.kind} label={v.kindLabel} />
            <span>{v.visitDate}</span>
            <span>
              <EnvironmentOutlined /> {v.place}
            </span>
          </Space>
        </div>
        {v.canEdit && (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
              {t('common.edit')}
            </Button>
            {v.problemCount === 0 && v.suggestions.every((s) => s.adoption === 'pending') && (
              <Popconfirm
                title={t('visits.deleteConfirm')}
                onConfirm={async () => {
                  try {
                    await del(`/api/visits/${v.id}`, { version: v.version })
                    message.success(t('visits.deleted', { code: v.code }))
                    refresh()
                    navigate('/visits')
                  } catch (e) {
                    message.error(errorMessage(e))
                  }
                }}
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Flex>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('visits.detail.basics')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} styles={{ label: { width: 96 } }}>
              <Descriptions.Item label={t('visits.field.leaders')}>
                {v.leaders.map((l) => (l.title ? `${l.name}（${l.title}）` : l.name)).join('、')}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.field.enterprises')}>
                {v.enterprises.length
                  ? v.enterprises.map((e, i) => (
                      <span key={e.id}>
                        {i > 0 && '、'}
                        <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
                      </span>
                    ))
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.field.projects')}>
                {v.projects.length
                  ? v.projects.map((p, i) => (
                      <span key={p.id}>
                        {i > 0 && '、'}
                        <Link to={`/projects/${p.id}`}>{p.name}</Link>
                      </span>
                    ))
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.field.participants')}>
                {dash(v.participants)}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.field.location')}>
                {v.lng != null && v.lat != null ? `${v.lng.toFixed(6)}, ${v.lat.toFixed(6)}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.field.createdBy')}>
                {v.createdBy?.name ?? '—'} · {formatDateTime(v.createdAt)}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 12 }}>
              {t('visits.field.notes')}
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {v.notes || <Typography.Text type="secondary">{t('visits.detail.noNotes')}</Typography.Text>}
            </Typography.Paragraph>
          </Card>

          <Card
            size="small"
            title={t('visits.detail.problems', { n: v.problems.length })}
            extra={
              v.canEdit && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'problem' })}>
                  {t('visits.problem.add')}
                </Button>
              )
            }
            style={{ marginBottom: 16 }}
          >
            {v.problems.length ? (
              v.problems.map((p) => (
                <div key={p.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <Flex justify="space-between" gap={8} align="start">
                    <Link to={`/problems/${p.id}`} style={{ flex: 1 }}>
                      <Typography.Text strong>{p.title}</Typography.Text>
                    </Link>
                    <StatusTag status={p.status as ProblemStatus} />
                  </Flex>
                  <Space size={8} wrap style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.code}
                    </Typography.Text>
                    <LightDot light={p.light} />
                    {p.category && <Tag>{p.category}</Tag>}
                    {p.enterprise && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.enterprise.name}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.leadUnit
                        ? t('visits.problem.lead', { name: p.leadUnit.name })
                        : t('visits.problem.untriaged')}
                    </Typography.Text>
                  </Space>
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.detail.noProblems')} />
            )}
          </Card>

          <Card
            size="small"
            title={t('visits.detail.suggestions', { n: v.suggestions.length, adopted: v.adoptedCount })}
            extra={
              v.canEdit && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog({ kind: 'suggestion', suggestion: null })}
                >
                  {t('visits.suggestion.add')}
                </Button>
              )
            }
            style={{ marginBottom: 16 }}
          >
            {v.suggestions.length ? (
              v.suggestions.map((s) => (
                <SuggestionItem
                  key={s.id}
                  s={s}
                  canEdit={v.canEdit}
                  onReply={() => setDialog({ kind: 'reply', suggestion: s })}
                  onEdit={() => setDialog({ kind: 'suggestion', suggestion: s })}
                  onDeleted={refresh}
                />
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.detail.noSuggestions')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={t('visits.detail.photos', { n: v.photoCount })}
            style={{ marginBottom: 16 }}
          >
            <AttachmentsPanel ownerType="visit" ownerId={v.id} canWrite={v.canEdit} />
          </Card>
          <Card size="small" title={t('visits.detail.timeline')}>
            <EventTimeline items={v.timeline} emptyText={t('visits.detail.noTimeline')} />
          </Card>
        </Col>
      </Row>

      {dialog?.kind === 'edit' && <VisitEditModal v={v} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'problem' && (
        <ProblemModal
          visitId={v.id}
          enterprises={v.enterprises}
          onClose={() => setDialog(null)}
          onSaved={refresh}
        />
      )}
      {dialog?.kind === 'suggestion' && (
        <SuggestionModal
          visitId={v.id}
          suggestion={dialog.suggestion}
          leaders={v.leaders}
          enterprises={v.enterprises}
          onClose={() => setDialog(null)}
          onSaved={refresh}
        />
      )}
      {dialog?.kind === 'reply' && (
        <ReplyModal suggestion={dialog.suggestion} onClose={() => setDialog(null)} onSaved={refresh} />
      )}
    </>
  )
}
