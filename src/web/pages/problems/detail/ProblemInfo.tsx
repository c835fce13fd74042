import { useQuery } from '@tanstack/react-query'
import { Card, Descriptions, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../../api/auth'
import { get } from '../../../api/client'
import type { ProblemDetail } from '../../../api/types'
import { formatDateTime } from '../../../lib/format'
import { DictTag } from '../../projects/project-ui'

/** 问题清单 entry of one problem: what, who raised it, enterprise, project, source, category, where. */
export function ProblemInfo({ problem: p, showZone }: { problem: ProblemDetail; showZone: boolean }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  // 帮办代办: the permit this problem was raised from, if any (404 when none).
  const permit = useQuery({
    queryKey: ['permits', 'by-problem', p.id],
    queryFn: () =>
      get<{ id: number; name: string; statusLabel: string; project: { id: number } }>(
        `/api/permits/by-problem/${p.id}`,
      ).catch(() => null),
    enabled: p.source === 'service' && can(me, 'service:read'),
  })
  const lbl = (k: string) => t(`problemDetail.info.${k}`)
  const none = <Typography.Text type="secondary">—</Typography.Text>
  const where = [
    p.address,
    p.lng != null && p.lat != null ? `(${p.lng.toFixed(6)}, ${p.lat.toFixed(6)})` : null,
  ]
    .filter(Boolean)
    .join(' ')
  const items = [
    {
      key: 'description',
      label: lbl('description'),
      span: 'filled' as const,
      children: (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {p.description}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'enterprise',
      label: lbl('enterprise'),
      children: p.enterprise ? <Link to={`/enterprises/${p.enterprise.id}`}>{p.enterprise.name}</Link> : none,
    },
    {
      key: 'project',
      label: lbl('project'),
      children: p.project ? (
        <Link to={`/projects/${p.project.id}`}>
          {p.project.code} {p.project.name}
        </Link>
      ) : (
        none
      ),
    },
    { key: 'source', label: lbl('source'), children: <DictTag type="problem_source" code={p.source} /> },
    {
      key: 'category',
      label: lbl('category'),
      children: <DictTag type="problem_category" code={p.category} />,
    },
    {
      key: 'type',
      label: lbl('type'),
      children: p.type ? t(`problems.type.${p.type}`) : lbl('typeUntriaged'),
    },
    {
      key: 'reporter',
      label: lbl('reporter'),
      children: p.reporterName ? (
        <span>
          {p.reporterName}
          {p.reporterPhone && (
            <>
              {' · '}
              <a href={`tel:${p.reporterPhone}`}>{p.reporterPhone}</a>
            </>
          )}
        </span>
      ) : (
        (p.reporter ?? none)
      ),
    },
    { key: 'received', label: lbl('receivedAt'), children: formatDateTime(p.receivedAt) },
    { key: 'where', label: lbl('location'), children: where || none },
    ...(p.rectifyDeadline
      ? [{ key: 'rectify', label: lbl('rectifyDeadline'), children: p.rectifyDeadline }]
      : []),
    ...(showZone ? [{ key: 'zone', label: lbl('zone'), children: p.zoneName }] : []),
    ...(permit.data
      ? [
          {
            key: 'permit',
            label: t('services.permit.fromPermit'),
            children: (
              <Link to={`/projects/${permit.data.project.id}`}>
                {permit.data.name}（{permit.data.statusLabel}）
              </Link>
            ),
          },
        ]
      : []),
  ]
  return (
    <Card size="small" title={lbl('block')}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />
    </Card>
  )
}
