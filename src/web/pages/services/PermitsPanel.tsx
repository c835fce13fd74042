import {
  AlertOutlined,
  CheckOutlined,
  EditOutlined,
  PlusOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PERMIT_STATUS_LABEL, PERMIT_STATUSES, type PermitStatus } from '../../../shared/service'
import { can, useMe } from '../../api/auth'
import { del, get, patch, post } from '../../api/client'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { PhoneCardList } from '../../components/PhoneCardList'
import { UserSelect } from '../../components/UserSelect'
import { errorMessage } from '../../lib/form-errors'
import { dayjs } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'
import type { Permit, ProjectPermits, SignToStart } from './types'

const dateOf = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null)
const dayOf = (s: string | null) => (s ? dayjs(s) : null)
const future = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day')
const OPEN: PermitStatus[] = ['not_started', 'preparing', 'submitted', 'accepted']

/** The status tag of a permit: late ones in red with how many working days over the limit. */
export function PermitStatusTag({ p }: { p: Permit }) {
  const { t } = useTranslation()
  if (p.late)
    return (
      <Tag color="error" style={{ marginInlineEnd: 0 }}>
        {t('services.permit.lateTag', { n: p.lateDays })}
      </Tag>
    )
  return (
    <Tag color={PERMIT_STATUS_LABEL[p.status].color} style={{ marginInlineEnd: 0 }}>
      {p.statusLabel}
    </Tag>
  )
}

/** 签约到开工: the months from signing to start of construction, when both are known. */
export function SignToStartText({ s }: { s: SignToStart }) {
  const { t } = useTranslation()
  if (s.days == null)
    return (
      <Typography.Text type="secondary">
        {t('services.signToStart.unknown', { signed: s.signedOn ?? '—', started: s.startedOn ?? '—' })}
      </Typography.Text>
    )
  return (
    <span>
      {t('services.signToStart.value', {
        signed: s.signedOn,
        started: s.startedOn,
        days: s.days,
        months: s.months,
      })}
    </span>
  )
}

type Mode = { kind: 'edit'; permit: Permit } | { kind: 'approve'; permit: Permit } | { kind: 'new' }

/** Add or edit a permit, or record its approval (批复). */
function PermitModal({
  projectId,
  mode,
  onClose,
  onSaved,
}: {
  projectId: number
  mode: Mode
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const p = mode.kind === 'new' ? null : mode.permit
  const approving = mode.kind === 'approve'
  const status = Form.useWatch('status', form) as PermitStatus | undefined
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    onSaved,
    action: async (v) => {
      if (approving && p) {
        await patch(`/api/permits/${p.id}`, {
          status: 'approved',
          approvedOn: dateOf(v.approvedOn),
          ...(p.acceptedOn ? {} : { acceptedOn: dateOf(v.acceptedOn) }),
          version: p.version,
        })
        return p.milestone
          ? t('services.permit.approvedMilestone', { name: p.name, milestone: p.milestone })
          : t('services.permit.approved', { name: p.name })
      }
      const body = {
        name: v.name.trim(),
        status: v.status,
        agentUserId: v.agentUserId ?? null,
        departmentId: v.departmentId ?? null,
        ...(v.departmentId ? {} : { departmentName: v.departmentName?.trim() || null }),
        submittedOn: dateOf(v.submittedOn),
        acceptedOn: dateOf(v.acceptedOn),
        approvedOn: v.status === 'approved' ? dateOf(v.approvedOn) : null,
        timeLimitDays: v.timeLimitDays ?? null,
        note: v.note?.trim() || null,
      }
      if (p) await patch(`/api/permits/${p.id}`, { ...body, version: p.version })
      else await post(`/api/projects/${projectId}/permits`, body)
      return undefined
    },
  })
  const title = approving
    ? t('services.permit.approveTitle', { name: p?.name })
    : p
      ? t('services.permit.edit', { name: p.name })
      : t('services.permit.add')
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          approving
            ? { approvedOn: dayjs(), acceptedOn: dayOf(p?.acceptedOn ?? null) }
            : p
              ? {
                  ...p,
                  agentUserId: p.agent?.id,
                  departmentName: p.departmentId ? undefined : p.departmentName,
                  submittedOn: dayOf(p.submittedOn),
                  acceptedOn: dayOf(p.acceptedOn),
                  approvedOn: dayOf(p.approvedOn),
                }
              : { status: 'not_started' }
        }
      >
        {approving ? (
          <>
            {p?.milestone && (
              <Alert
                style={{ marginBottom: 12 }}
                type="info"
                showIcon
                title={t('services.permit.approveHint', { milestone: p.milestone })}
              />
            )}
            {!p?.acceptedOn && (
              <Form.Item
                name="acceptedOn"
                label={t('services.permit.acceptedOn')}
                rules={[
                  {
                    required: true,
                    message: t('common.required', { field: t('services.permit.acceptedOn') }),
                  },
                ]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={future} />
              </Form.Item>
            )}
            <Form.Item
              name="approvedOn"
              label={t('services.permit.approvedOn')}
              rules={[
                { required: true, message: t('common.required', { field: t('services.permit.approvedOn') }) },
              ]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={future} autoFocus />
            </Form.Item>
          </>
        ) : (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="name"
                label={t('services.permit.name')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('common.required', { field: t('services.permit.name') }),
                  },
                ]}
              >
                <Input maxLength={60} autoFocus />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="status" label={t('services.permit.status')}>
                <Select
                  options={PERMIT_STATUSES.map((s) => ({ value: s, label: PERMIT_STATUS_LABEL[s].zh }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="agentUserId" label={t('services.permit.agent')}>
                <UserSelect showDepartment known={p?.agent ? [p.agent] : []} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="timeLimitDays" label={t('services.permit.limit')}>
                <InputNumber min={0} max={365} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="departmentId" label={t('services.permit.department')}>
                <DepartmentTreeSelect disableKinds={['city', 'zone']} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="departmentName" label={t('services.permit.departmentText')}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="submittedOn" label={t('services.permit.submittedOn')}>
                <DatePicker style={{ width: '100%' }} disabledDate={future} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="acceptedOn" label={t('services.permit.acceptedOn')}>
                <DatePicker style={{ width: '100%' }} disabledDate={future} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="approvedOn" label={t('services.permit.approvedOn')}>
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={future}
                  disabled={status !== 'approved'}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="note" label={t('services.permit.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </Modal>
  )
}

/**
 * 帮办代办 tab of the project page: the permit checklist (status, due date from the legal time
 * limit, days taken, late ones in red), the signing → start figure, "从模板生成" when empty, and
 * the actions (办理, 批复, 不适用, 反映问题, 删除). Phones get one card per permit.
 */
export function PermitsPanel({ projectId, onChanged }: { projectId: number; onChanged: () => void }) {
  const { t } = useTranslation()
  const { message, modal } = AntApp.useApp()
  const { data: me } = useMe()
  const screens = Grid.useBreakpoint()
  const qc = useQueryClient()
  const [mode, setMode] = useState<Mode | null>(null)
  const canManage = can(me, 'service:manage')
  const q = useQuery({
    queryKey: ['permits', 'project', projectId],
    queryFn: () => get<ProjectPermits>(`/api/projects/${projectId}/permits`),
  })
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['permits'] })
    onChanged()
  }

  async function run(action: () => Promise<unknown>, ok: string) {
    try {
      await action()
      message.success(ok)
    } catch (e) {
      message.error(errorMessage(e))
    }
    refresh()
  }

  async function raise(p: Permit) {
    try {
      const r = await post<{ problem: { id: number; code: string } }>(`/api/permits/${p.id}/problem`, {
        version: p.version,
      })
      modal.success({
        title: t('services.permit.raised', { code: r.problem.code }),
        content: <Link to={`/problems/${r.problem.id}`}>{t('services.permit.openProblem')}</Link>,
      })
    } catch (e) {
      message.error(errorMessage(e))
    }
    refresh()
  }

  if (q.isError) return <Alert type="error" title={errorMessage(q.error)} />
  const data = q.data
  const items = data?.items ?? []

  const actions = (p: Permit) =>
    canManage && (
      <Space size={0} wrap>
        {OPEN.includes(p.status) && (
          <Button
            type="link"
            size="small"
            icon={<CheckOutlined />}
            onClick={() => setMode({ kind: 'approve', permit: p })}
          >
            {t('services.permit.approve')}
          </Button>
        )}
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setMode({ kind: 'edit', permit: p })}
        >
          {t('services.permit.handle')}
        </Button>
        {OPEN.includes(p.status) && !p.problem && (
          <Popconfirm title={t('services.permit.raiseConfirm', { name: p.name })} onConfirm={() => raise(p)}>
            <Button type="link" size="small" icon={<AlertOutlined />}>
              {t('services.permit.raise')}
            </Button>
          </Popconfirm>
        )}
        {p.status === 'not_started' && (
          <Button
            type="link"
            size="small"
            onClick={() =>
              run(
                () => patch(`/api/permits/${p.id}`, { status: 'not_applicable', version: p.version }),
                t('services.permit.markedNa', { name: p.name }),
              )
            }
          >
            {t('services.permit.notApplicable')}
          </Button>
        )}
        <Popconfirm
          title={t('services.permit.deleteConfirm', { name: p.name })}
          onConfirm={() =>
            run(() => del(`/api/permits/${p.id}`, { version: p.version }), t('services.deleted'))
          }
        >
          <Button type="link" size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      </Space>
    )

  const columns: ColumnsType<Permit> = [
    {
      title: t('services.permit.name'),
      dataIndex: 'name',
      width: 130,
      render: (v: string, p) => (
        <>
          {v}
          {p.milestone && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('services.permit.milestoneOf', { name: p.milestone })}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('services.permit.status'),
      key: 'status',
      width: 120,
      render: (_, p) => <PermitStatusTag p={p} />,
    },
    {
      title: t('services.permit.department'),
      dataIndex: 'departmentName',
      width: 140,
      render: (v) => v ?? '—',
    },
    { title: t('services.permit.agent'), key: 'agent', width: 90, render: (_, p) => p.agent?.name ?? '—' },
    { title: t('services.permit.acceptedOn'), dataIndex: 'acceptedOn', width: 105, render: (v) => v ?? '—' },
    {
      title: t('services.permit.limit'),
      dataIndex: 'timeLimitDays',
      width: 90,
      render: (v: number | null) => (v == null ? '—' : t('services.permit.days', { n: v })),
    },
    {
      title: t('services.permit.dueDate'),
      dataIndex: 'dueDate',
      width: 105,
      render: (v: string | null, p) =>
        v ? <Typography.Text type={p.late ? 'danger' : undefined}>{v}</Typography.Text> : '—',
    },
    { title: t('services.permit.approvedOn'), dataIndex: 'approvedOn', width: 105, render: (v) => v ?? '—' },
    {
      title: t('services.permit.taken'),
      key: 'taken',
      width: 120,
      render: (_, p) =>
        p.daysTaken
          ? t('services.permit.takenValue', { w: p.daysTaken.working, c: p.daysTaken.calendar })
          : p.elapsedWorkingDays != null
            ? t('services.permit.elapsed', { n: p.elapsedWorkingDays })
            : '—',
    },
    {
      title: t('services.permit.problem'),
      key: 'problem',
      width: 130,
      render: (_, p) =>
        p.problem ? (
          <Link to={`/problems/${p.problem.id}`}>
            {p.problem.code} · {p.problem.statusLabel}
          </Link>
        ) : (
          '—'
        ),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 260,
            render: (_: unknown, p: Permit) => actions(p),
          },
        ]
      : []),
  ]

  const header = data && (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
      <Space wrap size={24}>
        <Statistic
          title={t('services.permit.approvedCount')}
          value={`${data.summary.approved} / ${data.summary.total}`}
        />
        <Statistic
          title={t('services.permit.lateCount')}
          value={data.summary.late}
          styles={{ content: { color: data.summary.late ? '#cf1322' : undefined } }}
        />
        <div>
          <Typography.Text type="secondary">{t('services.signToStart.title')}</Typography.Text>
          <div>
            <SignToStartText s={data.signToStart} />
          </div>
        </div>
      </Space>
      {canManage && items.length > 0 && (
        <Button icon={<PlusOutlined />} onClick={() => setMode({ kind: 'new' })}>
          {t('services.permit.add')}
        </Button>
      )}
    </Flex>
  )

  return (
    <>
      {header}
      {!q.isFetching && data && items.length === 0 ? (
        <Empty description={t('services.permit.empty')}>
          {canManage && (
            <Space>
              <Button
                type="primary"
                icon={<ThunderboltOutlined />}
                onClick={() =>
                  run(
                    () => post(`/api/projects/${projectId}/permits/from-template`, { agentUserId: me?.id }),
                    t('services.permit.generated'),
                  )
                }
              >
                {t('services.permit.generate')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setMode({ kind: 'new' })}>
                {t('services.permit.add')}
              </Button>
            </Space>
          )}
        </Empty>
      ) : screens.md ? (
        <Table<Permit>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(p) => ({
            style: p.late
              ? { background: '#fff1f0' }
              : p.status === 'not_applicable'
                ? { color: '#8c8c8c' }
                : undefined,
          })}
        />
      ) : (
        <PhoneCardList<Permit>
          query={q as never}
          params={{ page: 1, pageSize: 1000 }}
          update={() => {}}
          empty={t('services.permit.empty')}
          card={(p) => (
            <Card
              key={p.id}
              size="small"
              style={{ marginBottom: 8, borderColor: p.late ? '#ffa39e' : undefined }}
            >
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{p.name}</Typography.Text>
                <PermitStatusTag p={p} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[p.departmentName, p.agent?.name].filter(Boolean).join(' · ')}
              </Typography.Text>
              <div style={{ fontSize: 13 }}>
                {p.acceptedOn && `${t('services.permit.acceptedOn')} ${p.acceptedOn}`}
                {p.dueDate && (
                  <Typography.Text type={p.late ? 'danger' : undefined}>
                    {' · '}
                    {t('services.permit.dueDate')} {p.dueDate}
                  </Typography.Text>
                )}
                {p.approvedOn && ` · ${t('services.permit.approvedOn')} ${p.approvedOn}`}
                {p.daysTaken &&
                  ` · ${t('services.permit.takenValue', { w: p.daysTaken.working, c: p.daysTaken.calendar })}`}
              </div>
              {p.problem && (
                <Link to={`/problems/${p.problem.id}`}>
                  {p.problem.code} · {p.problem.statusLabel}
                </Link>
              )}
              {actions(p)}
            </Card>
          )}
        />
      )}
      {mode && (
        <PermitModal projectId={projectId} mode={mode} onClose={() => setMode(null)} onSaved={refresh} />
      )}
    </>
  )
}
