import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
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
  Input,
  Pagination,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import {
  SERVICE_KIND_LABEL,
  SERVICE_KINDS,
  SERVICE_PHASE_LABEL,
  SERVICE_PHASES,
  type ServiceKind,
  type ServicePhase,
} from '../../../shared/service'
import { can, useMe } from '../../api/auth'
import { del, get, post } from '../../api/client'
import type { Page } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { UserSelect } from '../../components/UserSelect'
import { applyFieldError, errorMessage } from '../../lib/form-errors'
import { dayjs } from '../../lib/format'
import type { ServiceRecord } from './types'

const PAGE_SIZE = 10
const PHASE_COLOR: Record<ServicePhase, string> = { pre: 'blue', during: 'orange', post: 'green' }
const kindOptions = SERVICE_KINDS.map((k) => ({ value: k, label: SERVICE_KIND_LABEL[k].zh }))
const phaseOptions = SERVICE_PHASES.map((k) => ({ value: k, label: SERVICE_PHASE_LABEL[k].zh }))

/** The add-contact form: a plain form (Tab moves through it, Enter in a field saves). */
function AddContact({
  enterpriseId,
  projects,
  onSaved,
}: {
  enterpriseId: number
  projects: Array<{ id: number; code: string; name: string }>
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  async function save(v: any) {
    setBusy(true)
    try {
      await post('/api/service-records', {
        enterpriseId,
        projectId: v.projectId ?? null,
        kind: v.kind,
        phase: v.phase ?? null,
        contactDate: v.contactDate.format('YYYY-MM-DD'),
        officerUserId: v.officerUserId ?? null,
        summary: v.summary.trim(),
        followUp: v.followUp?.trim() || null,
      })
      message.success(t('services.record.saved'))
      form.resetFields(['summary', 'followUp'])
      onSaved()
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card size="small" title={t('services.record.add')} style={{ marginBottom: 12 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ kind: 'visit', contactDate: dayjs() }}
      >
        <Row gutter={12}>
          <Col xs={12} md={4}>
            <Form.Item name="contactDate" label={t('services.record.date')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="kind" label={t('services.record.kind')}>
              <Select options={kindOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="phase"
              label={t('services.record.phase')}
              tooltip={t('services.record.phaseHint')}
            >
              <Select allowClear placeholder={t('services.record.phaseAuto')} options={phaseOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="projectId" label={t('services.record.project')}>
              <Select
                allowClear
                options={projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item name="officerUserId" label={t('services.record.officer')}>
              <UserSelect placeholder={t('services.record.officerSelf')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="summary"
              label={t('services.record.summary')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('services.record.summary') }),
                },
              ]}
            >
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="followUp" label={t('services.record.followUp')}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit" loading={busy} icon={<PlusOutlined />} block>
                {t('services.record.save')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  )
}

/**
 * 服务记录 of the 一企一清单 page: every contact with the enterprise, newest first, filtered by phase
 * (产前 / 产中 / 产后) and kind, with the add form for those who record them.
 */
export function ServiceRecordPanel({
  enterpriseId,
  projects,
}: {
  enterpriseId: number
  projects: Array<{ id: number; code: string; name: string }>
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const [phase, setPhase] = useState<ServicePhase | undefined>()
  const [kind, setKind] = useState<ServiceKind | undefined>()
  const [page, setPage] = useState(1)
  const query = { enterpriseId, phase, kind, page, pageSize: PAGE_SIZE }
  const list = useQuery({
    queryKey: ['service-records', query],
    queryFn: () => get<Page<ServiceRecord>>('/api/service-records', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['service-records'] })
  const canManage = can(me, 'service:manage')
  const items = list.data?.items ?? []

  async function remove(r: ServiceRecord) {
    try {
      await del(`/api/service-records/${r.id}`, { version: r.version })
      message.success(t('services.deleted'))
    } catch (e) {
      message.error(errorMessage(e))
    }
    void refresh()
  }

  return (
    <div>
      {canManage && (
        <AddContact enterpriseId={enterpriseId} projects={projects} onSaved={() => void refresh()} />
      )}
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            aria-label={t('services.record.filterPhase')}
            placeholder={t('services.record.phase')}
            allowClear
            style={{ width: 110 }}
            value={phase}
            onChange={(v) => {
              setPhase(v)
              setPage(1)
            }}
            options={phaseOptions}
          />
          <Select
            aria-label={t('services.record.filterKind')}
            placeholder={t('services.record.kind')}
            allowClear
            style={{ width: 110 }}
            value={kind}
            onChange={(v) => {
              setKind(v)
              setPage(1)
            }}
            options={kindOptions}
          />
          <Typography.Text type="secondary">
            {t('services.record.count', { n: list.data?.total ?? 0 })}
          </Typography.Text>
        </Space>
        <ExportButton path="/api/service-records/export.xlsx" query={{ enterpriseId, phase, kind }} />
      </Flex>
      {list.isError && <Alert type="error" title={errorMessage(list.error)} />}
      <Spin spinning={list.isFetching}>
        {items.length ? (
          <Timeline
            items={items.map((r) => ({
              key: r.id,
              color: PHASE_COLOR[r.phase],
              children: (
                <div>
                  <Flex justify="space-between" gap={8} wrap>
                    <span>
                      <Typography.Text strong>{r.contactDate}</Typography.Text>{' '}
                      <Tag color={PHASE_COLOR[r.phase]}>{r.phaseLabel}</Tag>
                      <Tag>{r.kindLabel}</Tag>
                      <Typography.Text type="secondary">{r.officer.name}</Typography.Text>
                    </span>
                    {canManage && r.source === 'manual' && (
                      <Popconfirm title={t('services.record.deleteConfirm')} onConfirm={() => remove(r)}>
                        <Button type="link" size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Flex>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</div>
                  {(r.project || r.permit) && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.project && (
                        <Link to={`/projects/${r.project.id}`}>{`${r.project.code} ${r.project.name}`}</Link>
                      )}
                      {r.permit && ` · ${t('services.record.permit', { name: r.permit.name })}`}
                    </Typography.Text>
                  )}
                  {r.followUp && (
                    <div>
                      <Typography.Text type="secondary">{t('services.record.followUp')}：</Typography.Text>
                      {r.followUp}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        ) : (
          !list.isFetching && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('services.record.empty')} />
          )
        )}
      </Spin>
      {(list.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          size="small"
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data?.total}
          onChange={setPage}
        />
      )}
    </div>
  )
}
