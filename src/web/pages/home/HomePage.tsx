import { Alert, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMe } from '../../api/auth'
import { dayjs, formatDate } from '../../lib/format'
import { NAV, visibleNav } from '../../nav'
import { MyDueCard } from './MyDueCard'

export function HomePage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  if (!me) return null
  const days = me.passwordExpiresAt ? dayjs(me.passwordExpiresAt).diff(dayjs(), 'day') : null
  const shortcuts = visibleNav(NAV, me.permissions)
    .flatMap((n) => n.children ?? [n])
    .filter((n) => n.path && n.path !== '/')

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('home.greeting', { name: me.displayName })}
      </Typography.Title>
      {days !== null && days <= 14 && (
        <Alert
          type="warning"
          showIcon
          title={t('home.passwordSoon', { days })}
          action={<Link to="/profile">{t('home.changePassword')}</Link>}
        />
      )}
      <MyDueCard />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('home.shortcuts')}>
            <Row gutter={[12, 12]}>
              {shortcuts.map((s) => (
                <Col key={s.key} xs={12} sm={8}>
                  <Link to={s.path!}>
                    <Card size="small" hoverable>
                      <Space>
                        {s.icon}
                        {t(s.label)}
                      </Space>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('home.security')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('home.department')}>
                {me.department.pathNames.join(' / ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('home.roles')}>
                {me.roles.length ? (
                  me.roles.map((r) => <Tag key={r.id}>{r.name}</Tag>)
                ) : (
                  <Typography.Text type="warning">{t('home.noRoles')}</Typography.Text>
                )}
              </Descriptions.Item>
            </Descriptions>
            {me.passwordExpiresAt && days !== null && (
              <Typography.Paragraph type="secondary">
                {t('home.passwordExpires', { date: formatDate(me.passwordExpiresAt), days })}
              </Typography.Paragraph>
            )}
            <Typography.Paragraph type={me.totpEnabled ? 'success' : 'secondary'} style={{ marginBottom: 0 }}>
              {me.totpEnabled ? t('home.totpOn') : t('home.totpOff')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </Space>
  )
}
