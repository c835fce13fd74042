import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Badge, Button, Card, Col, Row, Segmented, Switch, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPrefs,
} from '../../../shared/notifications'
import { get, post, put } from '../../api/client'
import { ListTable } from '../../components/ListTable'
import type { NotificationItem } from '../../components/NotificationBell'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'

const DEFAULTS = { page: 1, pageSize: 20, unread: false }

/** 我的通知: everything that reached me, read or not, and which kinds I want in the app. */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const { params, update } = useListParams(DEFAULTS)
  const query = { page: params.page, pageSize: params.pageSize, unread: params.unread || undefined }
  const list = useQuery({
    queryKey: ['notifications', 'list', query],
    queryFn: () =>
      get<{ items: NotificationItem[]; total: number; unread: number }>('/api/notifications', query),
    placeholderData: keepPreviousData,
  })
  const prefs = useQuery({
    queryKey: ['notifications', 'prefs'],
    queryFn: () => get<NotificationPrefs>('/api/notifications/preferences'),
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] })
  const lang = i18n.language === 'en' ? 'en' : 'zh'

  async function open(n: NotificationItem) {
    if (!n.readAt) await post(`/api/notifications/${n.id}/read`, {}).catch(() => {})
    void refresh()
    if (n.link) navigate(n.link)
  }

  async function toggle(kind: NotificationKind, channel: 'inApp' | 'email', on: boolean) {
    try {
      qc.setQueryData(
        ['notifications', 'prefs'],
        await put<NotificationPrefs>('/api/notifications/preferences', { [kind]: { [channel]: on } }),
      )
      message.success(t('notifications.prefsSaved'))
    } catch (e) {
      message.error(errorMessage(e))
    }
  }

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={
          <Button
            disabled={!list.data?.unread}
            onClick={async () => {
              await post('/api/notifications/read-all', {})
              void refresh()
            }}
          >
            {t('notifications.readAll')}
          </Button>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card>
            <Segmented
              style={{ marginBottom: 12 }}
              value={params.unread ? 'unread' : 'all'}
              onChange={(v) => update({ unread: v === 'unread' })}
              options={[
                { value: 'all', label: t('notifications.filterAll') },
                { value: 'unread', label: t('notifications.filterUnread', { n: list.data?.unread ?? 0 }) },
              ]}
            />
            <ListTable<NotificationItem>
              query={list}
              params={params}
              update={update}
              empty={t('notifications.empty')}
              size="small"
              showHeader={false}
              onRow={(n) => ({ onClick: () => open(n), style: { cursor: 'pointer' } })}
              columns={[
                {
                  key: 'n',
                  render: (_, n) => (
                    <>
                      <Badge status={n.readAt ? 'default' : 'processing'} />
                      <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                      <div>
                        <Typography.Text type="secondary">{n.body}</Typography.Text>
                      </div>
                    </>
                  ),
                },
                { key: 'at', width: 150, render: (_, n) => formatDateTime(n.createdAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('notifications.prefs')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey="kind"
              loading={prefs.isLoading}
              dataSource={(Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).map((kind) => ({ kind }))}
              columns={[
                {
                  title: t('notifications.kind'),
                  key: 'kind',
                  render: (_, r) => NOTIFICATION_KINDS[r.kind][lang],
                },
                {
                  title: t('notifications.inApp'),
                  key: 'inApp',
                  width: 80,
                  render: (_, r) => (
                    <Switch
                      size="small"
                      aria-label={NOTIFICATION_KINDS[r.kind][lang]}
                      checked={prefs.data?.[r.kind]?.inApp ?? true}
                      onChange={(on) => toggle(r.kind, 'inApp', on)}
                    />
                  ),
                },
                {
                  title: t('notifications.email'),
                  key: 'email',
                  width: 80,
                  render: (_, r) => (
                    <Switch
                      size="small"
                      aria-label={`${NOTIFICATION_KINDS[r.kind][lang]} ${t('notifications.email')}`}
                      checked={prefs.data?.[r.kind]?.email ?? false}
                      onChange={(on) => toggle(r.kind, 'email', on)}
                    />
                  ),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              {t('notifications.emailHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </>
  )
}
