import { CheckOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons'
import {
  App as AntApp,
  Button,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { del, patch, post } from '../../api/client'
import type { ProjectDetail, ProjectMilestone } from '../../api/types'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { UserSelect } from '../../components/UserSelect'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, TZ } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { AttachmentsPanel } from './AttachmentsPanel'

const DAY = 86_400_000
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`)
const todayStr = () => dayjs().tz(TZ).format('YYYY-MM-DD')

const STATUS_COLOR: Record<ProjectMilestone['status'], string> = {
  done: 'success',
  overdue: 'error',
  pending: 'processing',
  unplanned: 'default',
}

/**
 * The work plan as a Gantt-style chart: each milestone's planned stretch (from the milestone before it)
 * as a bar, the actual date as a dot (green on time, orange late), an overdue stretch in red up to
 * today, and a line for today.
 */
export function MilestoneGantt({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const today = todayStr()
  const items = project.milestones
  const range = useMemo(() => {
    const dates = [
      ...items.flatMap((m) => [m.plannedDate, m.actualDate]),
      project.startDate,
      project.endDate,
      today,
    ].filter((d): d is string => !!d)
    if (!dates.length) return null
    const min = Math.min(...dates.map(ms))
    const max = Math.max(...dates.map(ms))
    const pad = Math.max(15 * DAY, (max - min) * 0.03)
    return { from: min - pad, to: max + pad }
  }, [items, project.startDate, project.endDate, today])
  if (!range || !items.some((m) => m.plannedDate || m.actualDate))
    return <Typography.Text type="secondary">{t('projects.milestones.noDates')}</Typography.Text>
  const pos = (d: string) => `${(((ms(d) - range.from) / (range.to - range.from)) * 100).toFixed(2)}%`
  const width = (a: string, b: string) =>
    `${Math.max(0.6, ((ms(b) - ms(a)) / (range.to - range.from)) * 100).toFixed(2)}%`
  // Month ticks (at most ~12 labels).
  const ticks: string[] = []
  const first = dayjs(range.from).utc().startOf('month').add(1, 'month')
  const months = Math.ceil((range.to - range.from) / (30 * DAY))
  const step = Math.max(1, Math.ceil(months / (screens.md ? 10 : 4)))
  for (let d = first; d.valueOf() < range.to; d = d.add(step, 'month')) ticks.push(d.format('YYYY-MM-DD'))

  let prev: string | null = project.startDate
  return (
    <div role="img" aria-label={t('projects.milestones.ganttLabel')} style={{ fontSize: 12 }}>
      <div style={{ display: 'flex' }}>
        <div style={{ width: 96, flex: 'none' }} />
        <div style={{ position: 'relative', flex: 1, height: 18, borderBottom: '1px solid #f0f0f0' }}>
          {ticks.map((d) => (
            <span
              key={d}
              style={{ position: 'absolute', left: pos(d), color: '#8c8c8c', transform: 'translateX(-50%)' }}
            >
              {d.slice(2, 7).replace('-', '/')}
            </span>
          ))}
        </div>
      </div>
      {items.map((m) => {
        const start = prev && m.plannedDate && prev < m.plannedDate ? prev : null
        if (m.plannedDate) prev = m.plannedDate
        const late = m.actualDate && m.plannedDate && m.actualDate > m.plannedDate
        return (
          <div key={m.id} style={{ display: 'flex', alignItems: 'center', height: 24 }}>
            <div
              style={{
                width: 96,
                flex: 'none',
                paddingRight: 6,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
              title={m.name}
            >
              {m.name}
            </div>
            <div style={{ position: 'relative', flex: 1, height: 24 }}>
              {ticks.map((d) => (
                <span
                  key={d}
                  style={{
                    position: 'absolute',
                    left: pos(d),
                    top: 0,
                    bottom: 0,
                    borderLeft: '1px dashed #f0f0f0',
                  }}
                />
              ))}
              {m.plannedDate && (
                <Tooltip title={`${t('projects.milestones.planned')} ${m.plannedDate}`}>
                  <span
                    style={{
                      position: 'absolute',
                      top: 7,
                      height: 10,
                      borderRadius: 3,
                      background: m.status === 'done' ? '#b7eb8f' : '#91caff',
                      left: start ? pos(start) : `calc(${pos(m.plannedDate)} - 4px)`,
                      width: start ? width(start, m.plannedDate) : 8,
                    }}
                  />
                </Tooltip>
              )}
              {m.status === 'overdue' && m.plannedDate && (
                <Tooltip title={t('projects.milestones.overdueDays', { n: m.lateDays })}>
                  <span
                    style={{
                      position: 'absolute',
                      top: 7,
                      height: 10,
                      background: '#ff4d4f',
                      borderRadius: 3,
                      left: pos(m.plannedDate),
                      width: width(m.plannedDate, today),
                    }}
                  />
                </Tooltip>
              )}
              {m.actualDate && (
                <Tooltip
                  title={`${t('projects.milestones.actual')} ${m.actualDate}${late ? ` · ${t('projects.milestones.lateDays', { n: m.lateDays })}` : ''}`}
                >
                  <span
                    style={{
                      position: 'absolute',
                      top: 5,
                      width: 14,
                      height: 14,
                      borderRadius: 7,
                      border: '2px solid #fff',
                      background: late ? '#fa8c16' : '#52c41a',
                      left: `calc(${pos(m.actualDate)} - 7px)`,
                    }}
                  />
                </Tooltip>
              )}
            </div>
          </div>
        )
      })}
      <div style={{ display: 'flex' }}>
        <div style={{ width: 96, flex: 'none' }} />
        <div style={{ position: 'relative', flex: 1, height: 18 }}>
          <span
            style={{
              position: 'absolute',
              left: pos(today),
              transform: 'translateX(-50%)',
              color: '#cf1322',
            }}
          >
            ▲ {t('projects.milestones.today')}
          </span>
        </div>
      </div>
      <Flex gap={16} wrap style={{ marginTop: 4, color: '#595959' }}>
        <Legend color="#91caff" text={t('projects.milestones.legendPlanned')} />
        <Legend color="#ff4d4f" text={t('projects.milestones.legendOverdue')} />
        <Legend color="#52c41a" round text={t('projects.milestones.legendOnTime')} />
        <Legend color="#fa8c16" round text={t('projects.milestones.legendLate')} />
      </Flex>
    </div>
  )
}

function Legend({ color, text, round }: { color: string; text: string; round?: boolean }) {
  return (
    <span>
      <span
        style={{
          display: 'inline-block',
          width: round ? 10 : 16,
          height: 10,
          borderRadius: round ? 5 : 2,
          background: color,
          marginRight: 4,
          verticalAlign: 'middle',
        }}
      />
      {text}
    </span>
  )
}

/** Add or edit a milestone; recording the actual date is an event (and may clear a light). */
export function MilestoneModal({
  project,
  milestone,
  onClose,
  onSaved,
}: {
  project: ProjectDetail
  milestone: ProjectMilestone | null
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const date = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null)
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    onSaved,
    action: async (v) => {
      const body = {
        name: v.name.trim(),
        plannedDate: date(v.plannedDate),
        ownerUserId: v.ownerUserId ?? null,
        ownerDepartmentId: v.ownerDepartmentId ?? null,
        note: v.note?.trim() || null,
        ...(v.sort != null ? { sort: v.sort } : {}),
      }
      if (milestone)
        await patch(`/api/projects/milestones/${milestone.id}`, {
          ...body,
          actualDate: date(v.actualDate),
          version: milestone.version,
        })
      else await post(`/api/projects/${project.id}/milestones`, body)
      return undefined
    },
  })
  return (
    <Modal
      open
      title={milestone ? t('projects.milestones.edit') : t('projects.milestones.add')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          milestone
            ? {
                ...milestone,
                plannedDate: milestone.plannedDate ? dayjs(milestone.plannedDate) : null,
                actualDate: milestone.actualDate ? dayjs(milestone.actualDate) : null,
              }
            : { name: '', plannedDate: null }
        }
      >
        <Form.Item
          name="name"
          label={t('projects.milestones.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('projects.milestones.name') }),
            },
          ]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="plannedDate" label={t('projects.milestones.planned')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {milestone && (
            <Col xs={24} sm={12}>
              <Form.Item name="actualDate" label={t('projects.milestones.actual')}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="ownerUserId" label={t('projects.milestones.ownerUser')}>
              <UserSelect
                showDepartment
                known={
                  milestone?.ownerUserId
                    ? [{ id: milestone.ownerUserId, name: milestone.ownerUserName ?? '' }]
                    : []
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerDepartmentId" label={t('projects.milestones.ownerDepartment')}>
              <DepartmentTreeSelect disableKinds={['city', 'zone']} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="sort" label={t('projects.milestones.sort')}>
              <InputNumber min={0} max={10000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('projects.milestones.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** The milestones as a table: status, dates, owner, evidence; edit, record the actual date, delete. */
export function MilestoneTable({
  project,
  canManage,
  onChanged,
}: {
  project: ProjectDetail
  canManage: boolean
  onChanged: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [editing, setEditing] = useState<ProjectMilestone | 'new' | null>(null)
  const [evidence, setEvidence] = useState<ProjectMilestone | null>(null)

  async function done(m: ProjectMilestone) {
    try {
      await patch(`/api/projects/milestones/${m.id}`, { actualDate: todayStr(), version: m.version })
      message.success(t('projects.milestones.doneToday', { name: m.name }))
    } catch (e) {
      message.error(errorMessage(e))
    }
    onChanged()
  }
  async function remove(m: ProjectMilestone) {
    try {
      await del(`/api/projects/milestones/${m.id}`, { version: m.version })
    } catch (e) {
      message.error(errorMessage(e))
    }
    onChanged()
  }

  const columns: ColumnsType<ProjectMilestone> = [
    { title: t('projects.milestones.name'), dataIndex: 'name', width: 120 },
    {
      title: t('projects.milestones.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: ProjectMilestone['status'], m) => (
        <Tag color={STATUS_COLOR[s]} style={{ marginInlineEnd: 0 }}>
          {s === 'overdue'
            ? t('projects.milestones.overdueDays', { n: m.lateDays })
            : s === 'done' && m.lateDays
              ? t('projects.milestones.doneLate', { n: m.lateDays })
              : t(`projects.milestones.statusName.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('projects.milestones.planned'),
      dataIndex: 'plannedDate',
      width: 105,
      render: (v) => v ?? '—',
    },
    { title: t('projects.milestones.actual'), dataIndex: 'actualDate', width: 105, render: (v) => v ?? '—' },
    {
      title: t('projects.milestones.owner'),
      key: 'owner',
      width: 160,
      render: (_, m) => [m.ownerUserName, m.ownerDepartmentName].filter(Boolean).join(' · ') || '—',
    },
    {
      title: t('projects.milestones.evidence'),
      dataIndex: 'attachmentCount',
      width: 80,
      render: (n: number, m) => (
        <Button type="link" size="small" icon={<PaperClipOutlined />} onClick={() => setEvidence(m)}>
          {n}
        </Button>
      ),
    },
    {
      title: t('projects.milestones.note'),
      dataIndex: 'note',
      width: 160,
      ellipsis: true,
      responsive: ['lg'],
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 210,
            render: (_: unknown, m: ProjectMilestone) => (
              <Space size={0} wrap>
                {!m.actualDate && (
                  <Popconfirm
                    title={t('projects.milestones.doneConfirm', { name: m.name, date: todayStr() })}
                    onConfirm={() => done(m)}
                  >
                    <Button type="link" size="small" icon={<CheckOutlined />}>
                      {t('projects.milestones.markDone')}
                    </Button>
                  </Popconfirm>
                )}
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(m)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('projects.milestones.deleteConfirm', { name: m.name })}
                  onConfirm={() => remove(m)}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ]

  return (
    <>
      <Table<ProjectMilestone>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={project.milestones}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(m) => ({ style: m.status === 'overdue' ? { background: '#fff1f0' } : undefined })}
        footer={
          canManage
            ? () => (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('projects.milestones.add')}
                </Button>
              )
            : undefined
        }
      />
      {editing && (
        <MilestoneModal
          project={project}
          milestone={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={onChanged}
        />
      )}
      <Drawer
        open={!!evidence}
        size="large"
        title={evidence ? t('projects.milestones.evidenceOf', { name: evidence.name }) : ''}
        onClose={() => {
          setEvidence(null)
          onChanged()
        }}
        destroyOnHidden
      >
        {evidence && <AttachmentsPanel ownerType="milestone" ownerId={evidence.id} canWrite={canManage} />}
      </Drawer>
    </>
  )
}
