import { DatePicker, Form, Input, Modal, Radio } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { patch, post } from '../../../api/client'
import type { ProblemDetail, ProblemTask } from '../../../api/types'
import { DepartmentTreeSelect } from '../../../components/DepartmentTreeSelect'
import { UserSelect } from '../../../components/UserSelect'
import { dayjs, formatDate } from '../../../lib/format'
import { TASK_STATUSES } from './labels'
import { EnterSubmit, useStepSubmit } from './step-form'

interface Values {
  title: string
  ownerDepartmentId?: number
  ownerUserId?: number
  dueDate?: Dayjs | null
  status: ProblemTask['status']
  note: string
}

/** A measure of the task list (任务清单): what, owner department and person, due date, status, note. */
export function TaskModal({
  problem: p,
  task,
  onClose,
  onDone,
}: {
  problem: ProblemDetail
  /** null: a new task */
  task: ProblemTask | null
  onClose: () => void
  onDone: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      const body = {
        title: v.title.trim(),
        ownerDepartmentId: v.ownerDepartmentId ?? null,
        ownerUserId: v.ownerUserId ?? null,
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        status: v.status,
        note: v.note?.trim() || null,
      }
      if (task) {
        await patch(`/api/problems/tasks/${task.id}`, { ...body, version: task.version })
        return t('problemDetail.tasks.saved')
      }
      await post(`/api/problems/${p.id}/tasks`, body)
      return t('problemDetail.tasks.added')
    },
  })
  const lbl = (k: string) => t(`problemDetail.tasks.${k}`)
  return (
    <Modal
      open
      title={task ? lbl('editTitle') : lbl('addTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          title: task?.title ?? '',
          ownerDepartmentId: task ? (task.ownerDepartment?.id ?? undefined) : (p.leadUnit?.id ?? undefined),
          ownerUserId: task ? (task.ownerUser?.id ?? undefined) : (p.responsibleUser?.id ?? undefined),
          dueDate: task?.dueDate ? dayjs(task.dueDate) : null,
          status: task?.status ?? 'todo',
          note: task?.note ?? '',
        }}
      >
        <Form.Item
          name="title"
          label={lbl('title')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: lbl('title') }) },
          ]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="ownerDepartmentId" label={lbl('ownerDepartment')}>
          <DepartmentTreeSelect style={{ width: '100%' }} disableKinds={['city', 'zone']} />
        </Form.Item>
        <Form.Item name="ownerUserId" label={lbl('ownerUser')}>
          <UserSelect
            showDepartment
            known={[task?.ownerUser, task ? null : p.responsibleUser].filter(
              (u): u is { id: number; name: string } => !!u,
            )}
          />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={lbl('dueDate')}
          extra={
            p.deadlineAt ? t('problemDetail.tasks.dueHelp', { date: formatDate(p.deadlineAt) }) : undefined
          }
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="status" label={lbl('status')}>
          <Radio.Group
            optionType="button"
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`problemDetail.taskStatus.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={lbl('note')}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <EnterSubmit />
      </Form>
    </Modal>
  )
}
