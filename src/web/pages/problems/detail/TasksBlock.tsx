import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import {
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, del, patch } from '../../../api/client'
import type { ProblemDetail, ProblemTask } from '../../../api/types'
import { errorMessage } from '../../../lib/form-errors'
import { TASK_STATUSES } from './labels'
import { useShowConflict } from './step-form'
import { TaskModal } from './TaskModal'

const STATUS_COLOR = { todo: 'default', doing: 'processing', done: 'success' } as const

/**
 * 任务清单 of one problem: the concrete measures with owner department, person, due date and status.
 * The lead unit (and the supervision office) add, edit, move the status and delete while handling.
 */
export function TasksBlock({ problem: p, onChanged }: { problem: ProblemDetail; onChanged: () => void }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const showConflict = useShowConflict()
  const phone = Grid.useBreakpoint().md === false
  const canEdit = p.actions.includes('tasks')
  const [editing, setEditing] = useState<ProblemTask | 'new' | null>(null)
  const [busyId, setBusyId] = useState<number | null>(null)

  async function run(task: ProblemTask, fn: () => Promise<unknown>, ok: string) {
    setBusyId(task.id)
    try {
      await fn()
      message.success(ok)
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) showConflict(e)
      else message.error(errorMessage(e))
    } finally {
      setBusyId(null)
      onChanged()
    }
  }
  const setStatus = (task: ProblemTask, status: ProblemTask['status']) =>
    run(
      task,
      () => patch(`/api/problems/tasks/${task.id}`, { status, version: task.version }),
      t('problemDetail.tasks.statusSaved', { status: t(`problemDetail.taskStatus.${status}`) }),
    )
  const remove = (task: ProblemTask) =>
    run(
      task,
      () => del(`/api/problems/tasks/${task.id}`, { version: task.version }),
      t('problemDetail.tasks.deleted', { title: task.title }),
    )

  const statusCell = (task: ProblemTask) =>
    canEdit ? (
      <Select
        size="small"
        value={task.status}
        loading={busyId === task.id}
        disabled={busyId === task.id}
        aria-label={t('problemDetail.tasks.statusOf', { title: task.title })}
        style={{ width: 96 }}
        onChange={(v) => setStatus(task, v)}
        options={TASK_STATUSES.map((s) => ({ value: s, label: t(`problemDetail.taskStatus.${s}`) }))}
      />
    ) : (
      <Tag color={STATUS_COLOR[task.status]} style={{ marginInlineEnd: 0 }}>
        {t(`problemDetail.taskStatus.${task.status}`)}
      </Tag>
    )
  const due = (task: ProblemTask) =>
    task.dueDate ? (
      <Space size={4} wrap>
        <Typography.Text type={task.overdue ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {task.dueDate}
        </Typography.Text>
        {task.overdue && (
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {t('problemDetail.tasks.overdue')}
          </Tag>
        )}
      </Space>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    )
  const rowActions = (task: ProblemTask) => (
    <Space size={4}>
      <Button
        type="link"
        size="small"
        icon={<EditOutlined />}
        onClick={() => setEditing(task)}
        style={{ paddingInline: 4 }}
      >
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={t('problemDetail.tasks.deleteConfirm', { title: task.title })}
        okText={t('problemDetail.tasks.deleteOk')}
        okButtonProps={{ danger: true }}
        onConfirm={() => remove(task)}
      >
        <Button type="link" size="small" danger icon={<DeleteOutlined />} style={{ paddingInline: 4 }}>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    </Space>
  )

  const columns: ColumnsType<ProblemTask> = [
    { title: '#', key: 'n', width: 44, render: (_, __, i) => i + 1 },
    {
      title: t('problemDetail.tasks.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <div>
          <Typography.Text delete={r.status === 'done'} style={{ wordBreak: 'break-word' }}>
            {v}
          </Typography.Text>
          {r.note && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('problemDetail.tasks.note')}：{r.note}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: `${t('problemDetail.tasks.ownerDepartment')} / ${t('problemDetail.tasks.ownerUser')}`,
      key: 'owner',
      width: 150,
      render: (_, r) =>
        r.ownerDepartment || r.ownerUser ? (
          <div>
            <div>{r.ownerDepartment?.name ?? '—'}</div>
            {r.ownerUser && <Typography.Text type="secondary">{r.ownerUser.name}</Typography.Text>}
          </div>
        ) : (
          <Typography.Text type="secondary">{t('problemDetail.tasks.noOwner')}</Typography.Text>
        ),
    },
    { title: t('problemDetail.tasks.dueDate'), key: 'due', width: 112, render: (_, r) => due(r) },
    { title: t('problemDetail.tasks.status'), key: 'status', width: 112, render: (_, r) => statusCell(r) },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_: unknown, r: ProblemTask) => rowActions(r),
          },
        ]
      : []),
  ]

  const done = p.tasks.filter((x) => x.status === 'done').length
  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={p.leadUnit ? t('problemDetail.tasks.empty') : t('problemDetail.tasks.emptyUntriaged')}
    />
  )

  return (
    <Card
      size="small"
      title={
        <Space wrap size={8}>
          {t('problemDetail.tasks.block')}
          {p.tasks.length > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('problemDetail.tasks.progress', { done, total: p.tasks.length })}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        canEdit && (
          <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('problemDetail.tasks.add')}
          </Button>
        )
      }
    >
      {!p.tasks.length ? (
        empty
      ) : phone ? (
        <Flex vertical>
          {p.tasks.map((task, i) => (
            <Flex
              key={task.id}
              vertical
              gap={4}
              style={{ padding: '10px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}
            >
              <Typography.Text strong delete={task.status === 'done'} style={{ wordBreak: 'break-word' }}>
                {i + 1}. {task.title}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {[task.ownerDepartment?.name, task.ownerUser?.name].filter(Boolean).join(' / ') ||
                  t('problemDetail.tasks.noOwner')}
              </Typography.Text>
              {task.note && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('problemDetail.tasks.note')}：{task.note}
                </Typography.Text>
              )}
              <Flex gap={8} align="center" wrap>
                {statusCell(task)}
                {due(task)}
                {canEdit && <span style={{ marginInlineStart: 'auto' }}>{rowActions(task)}</span>}
              </Flex>
            </Flex>
          ))}
        </Flex>
      ) : (
        <Table<ProblemTask>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.tasks}
          columns={columns}
          scroll={{ x: 680 }}
        />
      )}
      {editing && (
        <TaskModal
          problem={p}
          task={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={onChanged}
        />
      )}
    </Card>
  )
}
