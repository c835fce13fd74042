import { BellOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { get, post } from '../api/client'
import { formatDateTime } from '../lib/format'

export interface NotificationItem {
  id: string
  kind: string
  title: string
  body: string | null
  link: string | null
  createdAt: string
  readAt: string | null
}

const KEY = ['notifications']

/**
 * The bell in the header: unread count, the latest notifications, and live arrivals over the
 * event stream (a toast that opens the record). The browser reconnects by itself, sending the last id.
 */
export function NotificationBell() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const { notification } = AntApp.useApp()
  const [open, setOpen] = useState(false)
  const count = useQuery({
    queryKey: [...KEY, 'unread'],
    queryFn: () => get<{ unread: number }>('/api/notifications/unread-count'),
    refetchInterval: 5 * 60_000,
  })
  const latest = useQuery({
    queryKey: [...KEY, 'latest'],
    queryFn: () => get<{ items: NotificationItem[] }>('/api/notifications', { pageSize: 8 }),
    enabled: open,
  })

  useEffect(() => {
    const source = new EventSource('/api/notifications/stream')
    source.addEventListener('notification', (e) => {
      const n = JSON.parse((e as MessageEvent).data) as NotificationItem
      void qc.invalidateQueries({ queryKey: KEY })
      notification.info({
        key: n.id,
        message: n.title,
        description: n.body,
        placement: 'topRight',
        onClick: () => n.link && navigate(n.link),
        style: { cursor: n.link ? 'pointer' : undefined },
      })
    })
    return () => source.close()
  }, [qc, navigate, notification])

  async function openItem(n: NotificationItem) {
    setOpen(false)
    if (!n.readAt) await post(`/api/notifications/${n.id}/read`, {}).catch(() => {})
    void qc.invalidateQueries({ queryKey: KEY })
    if (n.link) navigate(n.link)
  }

  const content = (
    <div style={{ width: 340 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={!count.data?.unread}
          onClick={async () => {
            await post('/api/notifications/read-all', {})
            void qc.invalidateQueries({ queryKey: KEY })
          }}
        >
          {t('notifications.readAll')}
        </Button>
      </Flex>
      {latest.data?.items.length ? (
        <List
          size="small"
          dataSource={latest.data.items}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }} onClick={() => openItem(n)}>
              <List.Item.Meta
                title={
                  <Typography.Text strong={!n.readAt} ellipsis>
                    {n.title}
                  </Typography.Text>
                }
                description={
                  <>
                    <Typography.Paragraph
                      type="secondary"
                      ellipsis={{ rows: 2 }}
                      style={{ margin: 0, fontSize: 12 }}
                    >
                      {n.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      )}
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {t('notifications.all')}
        </Link>
      </div>
    </div>
  )

  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" content={content} placement="bottomRight">
      <Button type="text" aria-label={t('notifications.title')} data-testid="notification-bell">
        <Badge count={count.data?.unread ?? 0} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  )
}
