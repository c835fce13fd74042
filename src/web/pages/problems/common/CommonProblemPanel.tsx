import { BuildOutlined, CheckCircleOutlined, DisconnectOutlined, TeamOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../../api/auth'
import { get, post } from '../../../api/client'
import type { CommonProblemDetail } from '../../../api/types'
import { DepartmentTreeSelect } from '../../../components/DepartmentTreeSelect'
import { LightDot } from '../../../components/LightDot'
import { errorMessage } from '../../../lib/form-errors'
import { formatMoney } from '../../../lib/format'
import { useModalSubmit } from '../../../lib/use-modal-submit'

const MONEY = /^(0|[1-9][0-9]{0,15})(\.[0-9]{1,2})?$/
const CAN_PROMOTE = ['submitted', 'returned', 'accepted', 'in_progress']

/**
 * 共性事立项办 on a common problem's page: its source problems (a wrong one can be detached), the
 * enterprises affected, and the 立项 section — the promote form, or the public project with the
 * reminder that every source resolves when it is built.
 */
export function CommonProblemPanel(props: {
  problem: { id: number; isCommon: boolean; publicProjectId: number | null; code: string }
  onChanged: () => void
}) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const { message } = AntApp.useApp()
  const allowed = props.problem.isCommon && can(me, 'problem:triage')
  const key = ['problems', 'common', props.problem.id]
  const q = useQuery({
    queryKey: [...key, props.problem.publicProjectId],
    queryFn: () => get<CommonProblemDetail>(`/api/problems/common/${props.problem.id}`),
    enabled: allowed,
  })
  const [detaching, setDetaching] = useState<number | null>(null)
  if (!allowed) return null
  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />
  const d = q.data
  const changed = async () => {
    await qc.invalidateQueries({ queryKey: ['problems'] })
    props.onChanged()
  }

  async function detach(problemId: number, code: string) {
    setDetaching(problemId)
    try {
      await post(`/api/problems/common/${props.problem.id}/detach`, { problemId })
      message.success(t('commons.panel.detached', { code }))
      await changed()
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setDetaching(null)
    }
  }

  return (
    <Card
      loading={q.isLoading}
      title={
        <Space>
          <TeamOutlined style={{ color: '#1677ff' }} />
          {t('commons.panel.title')}
        </Space>
      }
    >
      {d && (
        <Flex vertical gap={16}>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('commons.panel.sources', { n: d.sources.length })}
            </Typography.Title>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 760 }}
              dataSource={d.sources}
              locale={{ emptyText: t('commons.panel.noSources') }}
              columns={[
                {
                  title: t('commons.panel.code'),
                  dataIndex: 'code',
                  width: 130,
                  render: (code: string, r) => <Link to={`/problems/${r.id}`}>{code}</Link>,
                },
                { title: t('commons.panel.problem'), dataIndex: 'title', ellipsis: true },
                {
                  title: t('commons.panel.enterprise'),
                  dataIndex: 'enterpriseName',
                  width: 180,
                  ellipsis: true,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('commons.panel.status'),
                  dataIndex: 'status',
                  width: 120,
                  render: (s: string) => (
                    <Tag color={s === 'resolved' || s === 'closed' ? 'success' : undefined}>
                      {t(`commons.status.${s}`, { defaultValue: s })}
                    </Tag>
                  ),
                },
                {
                  title: t('commons.panel.light'),
                  dataIndex: 'light',
                  width: 80,
                  render: (l: string) => <LightDot light={l} />,
                },
                {
                  title: t('commons.panel.lead'),
                  dataIndex: 'leadDepartmentName',
                  width: 140,
                  ellipsis: true,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  fixed: 'right',
                  render: (_: unknown, r) => (
                    <Popconfirm
                      title={t('commons.panel.detachConfirm', { code: r.code })}
                      onConfirm={() => detach(r.id, r.code)}
                    >
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<DisconnectOutlined />}
                        loading={detaching === r.id}
                        style={{ paddingInline: 0 }}
                      >
                        {t('commons.panel.detach')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </div>

          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('commons.panel.enterprises', { n: d.enterprises.length })}
            </Typography.Title>
            <Flex gap={8} wrap>
              {d.enterprises.map((e) => (
                <Tag key={e.id} style={{ marginInlineEnd: 0 }}>
                  <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
                  {e.problems > 1 && (
                    <Typography.Text type="secondary">
                      {' '}
                      · {t('commons.panel.problemsOf', { n: e.problems })}
                    </Typography.Text>
                  )}
                </Tag>
              ))}
              {!d.enterprises.length && <Typography.Text type="secondary">—</Typography.Text>}
            </Flex>
          </div>

          {d.project ? (
            <ProjectCard detail={d} />
          ) : CAN_PROMOTE.includes(d.status) ? (
            <PromoteForm detail={d} onDone={changed} />
          ) : (
            <Typography.Text type="secondary">
              {t('commons.panel.cannotPromote', { status: t(`commons.status.${d.status}`) })}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  )
}

function ProjectCard({ detail }: { detail: CommonProblemDetail }) {
  const { t } = useTranslation()
  const p = detail.project!
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Space>
          <BuildOutlined />
          {t('commons.panel.projectTitle')}
        </Space>
      }
      extra={<Link to={`/projects/${p.id}`}>{t('commons.panel.openProject')}</Link>}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'code',
            label: t('commons.panel.code'),
            children: <Link to={`/projects/${p.id}`}>{p.code}</Link>,
          },
          { key: 'name', label: t('commons.panel.projectName'), children: p.name },
          {
            key: 'stage',
            label: t('commons.panel.stage'),
            children: <Tag color={p.built ? 'success' : 'processing'}>{p.stageLabel}</Tag>,
          },
          {
            key: 'light',
            label: t('commons.panel.light'),
            children: <LightDot light={p.light} reasons={p.lightReasons} />,
          },
          {
            key: 'investment',
            label: t('commons.panel.investment'),
            children: formatMoney(p.totalInvestment, t),
          },
          {
            key: 'open',
            label: t('commons.panel.status'),
            children: t('commons.panel.openSources', { n: detail.openSources }),
          },
        ]}
      />
      {p.built ? (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('commons.panel.built')} />
      ) : (
        <Alert type="info" showIcon title={t('commons.panel.projectExplain')} />
      )}
    </Card>
  )
}

function PromoteForm({ detail, onDone }: { detail: CommonProblemDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const { submit, busy } = useModalSubmit({
    form,
    action: async (v) => {
      const res = await post<CommonProblemDetail>(`/api/problems/common/${detail.id}/promote`, {
        name: v.name.trim(),
        leadDepartmentId: v.leadDepartmentId,
        totalInvestment: v.totalInvestment?.trim() || undefined,
        description: v.description?.trim() || undefined,
      })
      await onDone()
      return t('commons.panel.promoted', { code: res.project?.code ?? '' })
    },
  })
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Space>
          <BuildOutlined />
          {t('commons.panel.promoteTitle')}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('commons.panel.promoteIntro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        initialValues={{
          name: `${detail.title.replace(/[，。；,.;！!？?]+$/, '')}${t('commons.panel.projectNameSuffix')}`,
          description: detail.description,
        }}
      >
        <Form.Item
          name="name"
          label={t('commons.panel.projectName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('commons.panel.projectName') }),
            },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="leadDepartmentId"
          label={t('commons.panel.leadDept')}
          rules={[{ required: true, message: t('common.required', { field: t('commons.panel.leadDept') }) }]}
        >
          <DepartmentTreeSelect style={{ width: '100%' }} disableKinds={['city', 'zone']} />
        </Form.Item>
        <Form.Item
          name="totalInvestment"
          label={t('commons.panel.investment')}
          extra={t('commons.panel.investmentHelp')}
          rules={[{ pattern: MONEY, message: t('commons.panel.investmentInvalid') }]}
        >
          <Input suffix={t('common.unitWan')} inputMode="decimal" style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item name="description" label={t('commons.panel.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" icon={<BuildOutlined />} loading={busy} onClick={submit}>
          {t('commons.panel.promote')}
        </Button>
      </Form>
    </Card>
  )
}
