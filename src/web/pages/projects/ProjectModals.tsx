import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, DatePicker, Flex, Form, Input, Modal, Select, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { post, put } from '../../api/client'
import type { ProjectDetail } from '../../api/types'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { UserSelect } from '../../components/UserSelect'
import { dayjs } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { useDictMap } from './project-ui'

interface Props {
  project: ProjectDetail
  onClose: () => void
  onSaved: () => void
}

/** 变更阶段: the new stage, the date it happened (today by default) and a note — an event on the timeline. */
export function StageModal({ project, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const stages = useDictMap('project_stage')
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    onSaved,
    action: async (v) => {
      await post(`/api/projects/${project.id}/stage`, {
        stage: v.stage,
        date: v.date ? v.date.format('YYYY-MM-DD') : undefined,
        note: v.note?.trim() || undefined,
        version: project.version,
      })
      return t('projects.stage.changed')
    },
  })
  return (
    <Modal
      open
      title={t('projects.stage.title')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ stage: undefined, date: dayjs(), note: '' }}>
        <Typography.Paragraph type="secondary">
          {t('projects.stage.current', { stage: stages.map.get(project.stage)?.label ?? project.stage })}
        </Typography.Paragraph>
        <Form.Item
          name="stage"
          label={t('projects.stage.next')}
          rules={[{ required: true, message: t('common.required', { field: t('projects.stage.next') }) }]}
        >
          <Select
            options={stages.items
              .filter((i) => i.enabled && i.code !== project.stage)
              .map((i) => ({ value: i.code, label: i.label }))}
          />
        </Form.Item>
        <Form.Item name="date" label={t('projects.stage.date')} extra={t('projects.stage.dateHelp')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('projects.stage.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 包联领导: one or more leaders of the zone (or above it). */
export function LeadersModal({ project, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    onSaved,
    action: async (v) => {
      await put(`/api/projects/${project.id}/leaders`, { userIds: v.userIds ?? [], version: project.version })
      return undefined
    },
  })
  return (
    <Modal
      open
      title={t('projects.fiveOnes.editLeaders')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ userIds: project.leaderDetails.map((l) => l.id) }}>
        <Form.Item
          name="userIds"
          label={t('projects.fiveOnes.item.leader')}
          extra={t('projects.fiveOnes.leadersHelp')}
        >
          <UserSelect showDepartment mode="multiple" known={project.leaderDetails} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 工作专班: named members with their role (负责人 / 成员 / 项目管家). */
export function TeamModal({ project, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    onSaved,
    action: async (v) => {
      const members = (v.members ?? []).filter((m: { userId?: number }) => m?.userId)
      await put(`/api/projects/${project.id}/team`, { members, version: project.version })
      return undefined
    },
  })
  const roles = ['head', 'member', 'steward'].map((r) => ({ value: r, label: t(`projects.team.role.${r}`) }))
  return (
    <Modal
      open
      width={620}
      title={t('projects.fiveOnes.editTeam')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          members: project.team.length
            ? project.team.map((m) => ({ userId: m.id, role: m.role }))
            : [{ userId: undefined, role: 'head' }],
        }}
      >
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap>
                  <Form.Item
                    name={[f.name, 'userId']}
                    style={{ flex: '1 1 220px', marginBottom: 12 }}
                    rules={[{ required: true, message: t('projects.team.pick') }]}
                  >
                    <UserSelect showDepartment placeholder={t('projects.team.person')} known={project.team} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'role']}
                    style={{ width: 130, marginBottom: 12 }}
                    initialValue="member"
                  >
                    <Select options={roles} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('common.delete')}
                  />
                </Flex>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ role: 'member' })}>
                {t('projects.team.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  )
}

/** 责任单位: the lead department (牵头) and the co-operating ones (配合). */
export function UnitsModal({ project, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    onSaved,
    action: async (v) => {
      await put(`/api/projects/${project.id}/units`, {
        leadDepartmentId: v.leadDepartmentId ?? null,
        coDepartmentIds: v.coDepartmentIds ?? [],
        version: project.version,
      })
      return undefined
    },
  })
  return (
    <Modal
      open
      title={t('projects.fiveOnes.editUnits')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          leadDepartmentId: project.units.lead?.id,
          coDepartmentIds: project.units.co.map((c) => c.id),
        }}
      >
        <Form.Item name="leadDepartmentId" label={t('projects.units.lead')}>
          <DepartmentTreeSelect disableKinds={['city', 'zone']} />
        </Form.Item>
        <Form.Item name="coDepartmentIds" label={t('projects.units.co')}>
          <DepartmentTreeSelect multiple disableKinds={['city', 'zone']} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
