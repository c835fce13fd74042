import { KeyOutlined, UserOutlined } from '@ant-design/icons'
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/auth'
import { PageHeader } from '../../components/PageHeader'
import { dayjs, formatDate } from '../../lib/format'
import { ChangePasswordForm } from '../auth/ChangePasswordForm'
import { TotpCard } from './TotpCard'

/** 个人中心: who I am, change my password, two-factor authentication. */
export default function ProfilePage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  if (!me) return null
  const days = me.passwordExpiresAt ? dayjs(me.passwordExpiresAt).diff(dayjs(), 'day') : null
  const dash = <Typography.Text type="secondary">—</Typography.Text>

  return (
    <>
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Flex vertical gap={16}>
            <Card
              title={
                <Flex gap={8} align="center">
                  <UserOutlined />
                  {t('profile.info')}
                </Flex>
              }
            >
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'name', label: t('profile.displayName'), children: me.displayName },
                  { key: 'username', label: t('profile.username'), children: me.username },
                  {
                    key: 'dept',
                    label: t('profile.department'),
                    children: me.department.pathNames.join(' / ') || me.department.name,
                  },
                  { key: 'zone', label: t('profile.zone'), children: me.zone?.name ?? dash },
                  {
                    key: 'roles',
                    label: t('profile.roles'),
                    children: me.roles.length ? (
                      <Flex gap={4} wrap>
                        {me.roles.map((r) => (
                          <Tag key={r.id} color={r.triad ? 'volcano' : 'blue'} style={{ marginInlineEnd: 0 }}>
                            {r.name}
                          </Tag>
                        ))}
                      </Flex>
                    ) : (
                      <Typography.Text type="warning">{t('profile.noRoles')}</Typography.Text>
                    ),
                  },
                  {
                    key: 'expires',
                    label: t('profile.passwordExpires'),
                    children:
                      me.passwordExpiresAt && days !== null ? (
                        <span>
                          {formatDate(me.passwordExpiresAt)}{' '}
                          <Typography.Text type={days <= 14 ? 'warning' : 'secondary'}>
                            {days >= 0 ? t('profile.daysLeft', { days }) : t('profile.expired')}
                          </Typography.Text>
                        </span>
                      ) : (
                        t('profile.neverExpires')
                      ),
                  },
                  {
                    key: 'idle',
                    label: t('profile.idle'),
                    children: t('profile.idleValue', { minutes: me.idleMinutes }),
                  },
                ]}
              />
            </Card>
            <TotpCard me={me} />
          </Flex>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={
              <Flex gap={8} align="center">
                <KeyOutlined />
                {t('profile.changePassword')}
              </Flex>
            }
          >
            <div style={{ maxWidth: 420 }}>
              <ChangePasswordForm username={me.username} />
            </div>
          </Card>
        </Col>
      </Row>
    </>
  )
}
