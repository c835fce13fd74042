import { GiftOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can } from '../../api/auth'
import { get } from '../../api/client'
import type { Me } from '../../api/types'
import type { MatchedPolicy } from './types'

/** On the enterprise portal's home: how many support policies it may still apply for, one tap away. */
export function PolicyHint({ me }: { me: Me & { enterprise: { id: number } } }) {
  const { t } = useTranslation()
  const allowed = can(me, 'policy:apply')
  const q = useQuery({
    queryKey: ['policies', 'for-enterprise', me.enterprise.id],
    queryFn: () => get<{ items: MatchedPolicy[] }>('/api/policies/for-enterprise'),
    enabled: allowed,
  })
  const open = (q.data?.items ?? []).filter((p) => !p.application).length
  if (!allowed || !open) return null
  return (
    <Alert
      type="success"
      showIcon
      icon={<GiftOutlined />}
      style={{ marginBottom: 12 }}
      title={t('policies.portal.hint', { n: open })}
      action={<Link to="/portal/policies">{t('policies.portal.hintAction')}</Link>}
    />
  )
}
