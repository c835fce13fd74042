import { CheckCircleTwoTone } from '@ant-design/icons'
import { Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '../../lib/format'
import type { ApplicationStatus, PolicyRow } from './types'

export const APPLICATION_COLOR: Record<ApplicationStatus, string> = {
  submitted: 'blue',
  accepted: 'geekblue',
  returned: 'orange',
  approved: 'cyan',
  rejected: 'default',
  partly_paid: 'lime',
  paid: 'green',
}

export function ApplicationTag({ status, label }: { status: ApplicationStatus; label: string }) {
  return <Tag color={APPLICATION_COLOR[status]}>{label}</Tag>
}

export function PolicyStatusTag({ p }: { p: Pick<PolicyRow, 'status' | 'statusLabel' | 'validity'> }) {
  const { t } = useTranslation()
  return (
    <Space size={4}>
      <Tag color={p.status === 'published' ? 'green' : p.status === 'draft' ? 'default' : 'red'}>
        {p.statusLabel}
      </Tag>
      {p.validity !== 'valid' && (
        <Tag color={p.validity === 'expired' ? 'red' : 'gold'}>{t(`policies.validity.${p.validity}`)}</Tag>
      )}
    </Space>
  )
}

/** 万元 amounts as the screens show them (亿元 from 10 000 万元). */
export function useWan() {
  const { t } = useTranslation()
  return (v: string | null | undefined) => formatMoney(v, t)
}

export function validText(p: Pick<PolicyRow, 'validFrom' | 'validTo'>, longTerm: string) {
  return `${p.validFrom} ~ ${p.validTo ?? longTerm}`
}

/** Why an enterprise qualifies: one line per condition met. */
export function Reasons({ reasons }: { reasons: string[] }) {
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="policy-reasons">
      {reasons.map((r) => (
        <li key={r} style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}>
          <CheckCircleTwoTone twoToneColor="#52c41a" />
          <Typography.Text>{r}</Typography.Text>
        </li>
      ))}
    </ul>
  )
}
