import { ApartmentOutlined, EditOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import { get, post } from '../../api/client'
import type { Department, DepartmentDetail } from '../../api/types'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { KindTag } from './kinds'

export function useDepartmentDetail(id: number | undefined) {
  return useQuery({
    queryKey: ['departments', 'detail', id],
    queryFn: () => get<DepartmentDetail>(`/api/departments/${id}`),
    enabled: !!id,
  })
}

/** Details of one department: where it sits, its fields, its direct children and its former names. */
export function DepartmentDetailCard({
  id,
  depts,
  manage,
  onSelect,
  onCreateChild,
  onEdit,
  onMove,
  onChanged,
}: {
  id: number | undefined
  depts: Department[]
  manage: boolean
  onSelect: (id: number) => void
  onCreateChild: (parent: Department) => void
  onEdit: (d: DepartmentDetail) => void
  onMove: (d: DepartmentDetail) => void
  onChanged: () => Promise<unknown>
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const detail = useDepartmentDetail(id)
  const d = detail.data

  if (!id) {
    return (
      <Card>
        <Empty description={t('org.pickOne')} />
      </Card>
    )
  }
  if (detail.isError) {
    return (
      <Card>
        <Result status="warning" title={errorMessage(detail.error)} />
      </Card>
    )
  }
  if (!d) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    )
  }

  async function toggle(target: DepartmentDetail) {
    try {
      await post(`/api/departments/${target.id}/${target.enabled ? 'disable' : 'enable'}`, {
        version: target.version,
      })
      message.success(
        target.enabled
          ? t('org.disabledOk', { name: target.name })
          : t('org.enabledOk', { name: target.name }),
      )
    } catch (e) {
      message.error(errorMessage(e))
    }
    await onChanged()
  }

  const children = depts.filter((c) => c.parentId === d.id)
  const dash = <Typography.Text type="secondary">—</Typography.Text>

  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap style={{ paddingBlock: 8 }}>
          <ApartmentOutlined />
          <span style={{ whiteSpace: 'normal' }}>{d.name}</span>
          <KindTag kind={d.kind} />
          {!d.enabled && <Tag style={{ marginInlineEnd: 0 }}>{t('common.disabled')}</Tag>}
        </Flex>
      }
    >
      {manage && (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          {d.enabled && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => onCreateChild(d)}>
              {t('org.createChild')}
            </Button>
          )}
          <Button icon={<EditOutlined />} onClick={() => onEdit(d)}>
            {t('org.editOrRename')}
          </Button>
          <Button icon={<SwapOutlined />} onClick={() => onMove(d)}>
            {t('org.move')}
          </Button>
          <Popconfirm
            title={t('common.confirmTitle')}
            description={
              <div style={{ maxWidth: 300 }}>
                {d.enabled
                  ? t('org.confirmDisable', { name: d.name })
                  : t('org.confirmEnable', { name: d.name })}
              </div>
            }
            onConfirm={() => toggle(d)}
          >
            <Button danger={d.enabled}>{d.enabled ? t('common.disable') : t('common.enable')}</Button>
          </Popconfirm>
        </Flex>
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'path',
            label: t('org.fullPath'),
            span: { xs: 1, sm: 2 },
            children: d.pathNames.join(' / '),
          },
          { key: 'kind', label: t('org.kind'), children: t(`org.kinds.${d.kind}`) },
          {
            key: 'status',
            label: t('common.status'),
            children: d.enabled ? (
              <Tag color="green">{t('common.enabled')}</Tag>
            ) : (
              <Tag>{t('common.disabled')}</Tag>
            ),
          },
          { key: 'shortName', label: t('org.shortName'), children: d.shortName || dash },
          { key: 'code', label: t('org.code'), children: d.code || dash },
          { key: 'regionCode', label: t('org.regionCode'), children: d.regionCode || dash },
          { key: 'phone', label: t('org.phone'), children: d.phone || dash },
          { key: 'head', label: t('org.head'), children: d.headUserName || dash },
          { key: 'users', label: t('org.userCount'), children: d.userCount },
          { key: 'sort', label: t('org.sort'), children: d.sort },
          { key: 'id', label: t('org.id'), children: d.id },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('org.children')}（{children.length}）
      </Typography.Title>
      {children.length ? (
        <Flex gap={8} wrap>
          {children.map((c) => (
            <Button
              key={c.id}
              size="small"
              onClick={() => onSelect(c.id)}
              style={{ opacity: c.enabled ? 1 : 0.55 }}
            >
              {c.name}
              {!c.enabled && <Typography.Text type="secondary">（{t('common.disabled')}）</Typography.Text>}
            </Button>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('org.noChildren')}</Typography.Text>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('org.nameHistory')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('org.nameHistoryHint')}
      </Typography.Paragraph>
      {d.nameHistory.length ? (
        <Timeline
          items={d.nameHistory.map((h, i) => ({
            key: `${h.changedAt}-${i}`,
            color: i === 0 ? 'blue' : 'gray',
            content: (
              <div>
                <div>
                  「{h.oldName}」 → 「{h.newName}」
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(h.changedAt)} · {h.changedBy ?? t('org.system')}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      ) : (
        <Typography.Text type="secondary">{t('org.noHistory')}</Typography.Text>
      )}
    </Card>
  )
}
