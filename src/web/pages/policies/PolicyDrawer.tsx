import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App as AntApp,
  Button,
  Descriptions,
  Drawer,
  Empty,
  List,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { del, get, post } from '../../api/client'
import type { Page } from '../../api/types'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { AttachmentsPanel } from '../projects/AttachmentsPanel'
import { PolicyFormModal } from './PolicyFormModal'
import { ApplicationTag, PolicyStatusTag, Reasons, useWan, validText } from './policy-ui'
import type { ApplicationRow, PolicyDetail } from './types'

interface Matches {
  items: Array<{
    enterpriseId: number
    enterpriseName: string
    reasons: string[]
    accounts: number
    notified: boolean
  }>
}

/** One policy for the staff: text, conditions, the qualifying enterprises and why, notices, documents, applications. */
export function PolicyDrawer({
  id,
  onClose,
  onOpenApplication,
}: {
  id: number | null
  onClose: () => void
  onOpenApplication: (id: number) => void
}) {
  const { t } = useTranslation()
  const { message, modal } = AntApp.useApp()
  const qc = useQueryClient()
  const wan = useWan()
  const [editing, setEditing] = useState(false)
  const detail = useQuery({
    queryKey: ['policies', 'detail', id],
    queryFn: () => get<PolicyDetail>(`/api/policies/${id}`),
    enabled: !!id,
  })
  const matches = useQuery({
    queryKey: ['policies', 'matches', id],
    queryFn: () => get<Matches>(`/api/policies/${id}/matches`),
    enabled: !!id,
  })
  const apps = useQuery({
    queryKey: ['policies', 'applications', { policyId: id }],
    queryFn: () => get<Page<ApplicationRow>>('/api/policy-applications', { policyId: id, pageSize: 50 }),
    enabled: !!id,
  })
  const p = detail.data
  const refresh = () => qc.invalidateQueries({ queryKey: ['policies'] })

  async function act(run: () => Promise<string>) {
    try {
      message.success(await run())
    } catch (e) {
      message.error(errorMessage(e))
    }
    void refresh()
  }

  const publish = () =>
    act(async () => {
      const r = await post<{ notifiedEnterprises: number; notifiedUsers: number }>(
        `/api/policies/${p!.id}/publish`,
        {
          version: p!.version,
        },
      )
      return t('policies.published', { enterprises: r.notifiedEnterprises, people: r.notifiedUsers })
    })
  const notify = () =>
    act(async () => {
      const r = await post<{ notifiedEnterprises: number; notifiedUsers: number }>(
        `/api/policies/${p!.id}/notify`,
      )
      return t('policies.notified', { enterprises: r.notifiedEnterprises, people: r.notifiedUsers })
    })
  const withdraw = () =>
    modal.confirm({
      title: t('policies.withdrawConfirm'),
      onOk: () =>
        act(async () => {
          await post(`/api/policies/${p!.id}/withdraw`, { version: p!.version })
          return t('policies.withdrawn')
        }),
    })
  const remove = () =>
    act(async () => {
      await del(`/api/policies/${p!.id}`, { version: p!.version })
      onClose()
      return t('policies.deleted')
    })

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={640}
      title={p?.title ?? t('policies.detail')}
      extra={
        p && (
          <Space wrap>
            {p.canEdit && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
            {p.canPublish && (
              <Button type="primary" onClick={publish}>
                {t('policies.publish')}
              </Button>
            )}
            {p.canNotify && <Button onClick={notify}>{t('policies.notify')}</Button>}
            {p.canWithdraw && (
              <Button danger onClick={withdraw}>
                {t('policies.withdraw')}
              </Button>
            )}
            {p.canDelete && (
              <Popconfirm title={t('policies.deleteConfirm')} onConfirm={remove}>
                <Button danger>{t('common.delete')}</Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {p && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('policies.field.status')}>
              <PolicyStatusTag p={p} />
            </Descriptions.Item>
            <Descriptions.Item label={t('policies.field.docNumber')}>{p.docNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('policies.field.issuer')}>
              {p.issuer}（{p.levelLabel}）
            </Descriptions.Item>
            <Descriptions.Item label={t('policies.field.benefitKind')}>
              <Tag color="blue">{p.benefitLabel}</Tag>
              {p.benefitText}
              {p.maxAmount && ` · ${t('policies.maxAmount', { amount: wan(p.maxAmount) })}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('policies.field.validity')}>
              {validText(p, t('policies.longTerm'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('policies.field.conditions')}>
              {p.conditions.join('；')}
            </Descriptions.Item>
            {p.summary && (
              <Descriptions.Item label={t('policies.field.summary')}>{p.summary}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('policies.field.contact')}>
              {[p.contactName, p.contactPhone].filter(Boolean).join(' ') || '—'}
            </Descriptions.Item>
            {p.publishedAt && (
              <Descriptions.Item label={t('policies.field.publishedAt')}>
                {formatDateTime(p.publishedAt)} · {t('policies.notifiedCount', { n: p.notifiedEnterprises })}
              </Descriptions.Item>
            )}
          </Descriptions>

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('policies.matchesTitle', { n: matches.data?.items.length ?? 0 })}
          </Typography.Title>
          {p.status !== 'published' && (
            <Typography.Paragraph type="secondary">{t('policies.matchesPreview')}</Typography.Paragraph>
          )}
          <List
            size="small"
            bordered
            loading={matches.isLoading}
            locale={{ emptyText: <Empty description={t('policies.noMatches')} /> }}
            dataSource={matches.data?.items ?? []}
            renderItem={(m) => (
              <List.Item key={m.enterpriseId}>
                <div style={{ width: '100%' }}>
                  <Space style={{ marginBottom: 4 }}>
                    <Typography.Link href={`/enterprises/${m.enterpriseId}`}>
                      {m.enterpriseName}
                    </Typography.Link>
                    {m.notified ? (
                      <Tag color="green">{t('policies.wasNotified')}</Tag>
                    ) : m.accounts === 0 ? (
                      <Tag>{t('policies.noAccount')}</Tag>
                    ) : null}
                  </Space>
                  <Reasons reasons={m.reasons} />
                </div>
              </List.Item>
            )}
          />

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('policies.applicationsTitle', { n: apps.data?.total ?? 0 })}
          </Typography.Title>
          <List
            size="small"
            bordered
            dataSource={apps.data?.items ?? []}
            locale={{ emptyText: t('policies.noApplications') }}
            renderItem={(a) => (
              <List.Item
                key={a.id}
                actions={[
                  <Button key="o" type="link" size="small" onClick={() => onOpenApplication(a.id)}>
                    {t('policies.view')}
                  </Button>,
                ]}
              >
                <Space wrap>
                  <span>{a.code}</span>
                  <span>{a.enterprise.name}</span>
                  <ApplicationTag status={a.status} label={a.statusLabel} />
                  <span>
                    {t('policies.app.requested')} {wan(a.amountRequested)}
                  </span>
                </Space>
              </List.Item>
            )}
          />

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('policies.documents')}
          </Typography.Title>
          <AttachmentsPanel ownerType="policy" ownerId={p.id} canWrite={p.canEdit} />
          <PolicyFormModal
            open={editing}
            policy={p}
            onClose={() => setEditing(false)}
            onSaved={() => void refresh()}
          />
        </>
      )}
    </Drawer>
  )
}
