import { FilterOutlined } from '@ant-design/icons'
import { Badge, Button, Checkbox, DatePicker, Flex, Grid, Select, Tag } from 'antd'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../../api/auth'
import { DepartmentTreeSelect } from '../../../components/DepartmentTreeSelect'
import { FilterBar } from '../../../components/FilterBar'
import { ZoneSelect } from '../../../components/ZoneSelect'
import { dayjs } from '../../../lib/format'
import { isEnterpriseUser } from '../../enterprises/EnterprisesPage'
import { PROBLEM_STATUSES } from '../problem-ui'
import { activeFilterCount, type ProblemFilterParams, useDictLabels, useRefName } from './filters'

const TYPES = ['onsite', 'common', 'longterm'] as const
const LEVELS = ['normal', 'key', 'listed'] as const
const LIGHTS = ['red', 'yellow', 'green'] as const

/**
 * The filter bar of the ledger and of the 三个清单: keyword, status, light, type, category, source,
 * lead unit, supervision level, zone (users above zones), overdue only, mine, common only and the
 * registration dates. `children` adds filters of one view (the task status of the task list). On
 * phones only the keyword box shows, the rest folds under a 筛选 button.
 */
export function ProblemFilterBar({
  params,
  update,
  reset,
  onRefresh,
  children,
  extraActive = [],
}: {
  params: ProblemFilterParams
  update: (patch: Partial<ProblemFilterParams>) => void
  reset: () => void
  onRefresh: () => unknown
  children?: ReactNode
  /** values of the view's own filters, counted on the phone's 筛选 button */
  extraActive?: unknown[]
}) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const screens = Grid.useBreakpoint()
  const phone = !screens.md
  const [open, setOpen] = useState(false)
  const aboveZones = !!me && !me.zone
  const enterpriseUser = isEnterpriseUser(me)
  const categories = useDictLabels('problem_category')
  const sources = useDictLabels('problem_source')
  const enterpriseName = useRefName('enterprises', params.enterpriseId)
  const projectName = useRefName('projects', params.projectId)
  const w = (n: number) => (phone ? '100%' : n)
  const count = activeFilterCount(params, extraActive)

  const filters = (
    <>
      {aboveZones && (
        <ZoneSelect
          aria-label={t('problems.filter.zone')}
          placeholder={t('problems.filter.zone')}
          allowClear
          style={{ width: w(150) }}
          value={params.zoneId}
          onChange={(v) => update({ zoneId: v })}
        />
      )}
      <Select
        aria-label={t('problems.filter.status')}
        placeholder={t('problems.filter.status')}
        allowClear
        style={{ width: w(150) }}
        value={params.status || undefined}
        onChange={(v) => update({ status: v ?? '' })}
        popupMatchSelectWidth={false}
        options={[
          { value: 'open', label: t('problems.filter.statusOpen') },
          ...PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`problems.status.${s}`) })),
        ]}
      />
      <Select
        aria-label={t('problems.filter.light')}
        placeholder={t('problems.filter.light')}
        allowClear
        style={{ width: w(110) }}
        value={params.light || undefined}
        onChange={(v) => update({ light: v ?? '' })}
        options={LIGHTS.map((l) => ({ value: l, label: t(`common.light.${l}`) }))}
      />
      <Select
        aria-label={t('problems.filter.type')}
        placeholder={t('problems.filter.type')}
        allowClear
        style={{ width: w(110) }}
        value={params.type || undefined}
        onChange={(v) => update({ type: v ?? '' })}
        options={TYPES.map((x) => ({ value: x, label: t(`problems.type.${x}`) }))}
      />
      <Select
        aria-label={t('problems.filter.category')}
        placeholder={t('problems.filter.category')}
        allowClear
        style={{ width: w(120) }}
        loading={categories.loading}
        value={params.category || undefined}
        onChange={(v) => update({ category: v ?? '' })}
        options={categories.options}
      />
      <Select
        aria-label={t('problems.filter.source')}
        placeholder={t('problems.filter.source')}
        allowClear
        style={{ width: w(120) }}
        loading={sources.loading}
        value={params.source || undefined}
        onChange={(v) => update({ source: v ?? '' })}
        options={sources.options}
      />
      {!enterpriseUser && (
        <DepartmentTreeSelect
          aria-label={t('problems.filter.department')}
          placeholder={t('problems.filter.department')}
          value={params.departmentId}
          onChange={(v) => update({ departmentId: v })}
          style={{ width: w(180) }}
        />
      )}
      <Select
        aria-label={t('problems.filter.supervision')}
        placeholder={t('problems.filter.supervision')}
        allowClear
        style={{ width: w(120) }}
        value={params.supervisionLevel || undefined}
        onChange={(v) => update({ supervisionLevel: v ?? '' })}
        options={LEVELS.map((x) => ({ value: x, label: t(`problems.level.${x}`) }))}
      />
      <DatePicker.RangePicker
        aria-label={t('problems.filter.received')}
        placeholder={[t('problems.filter.receivedFrom'), t('problems.filter.receivedTo')]}
        style={{ width: w(250) }}
        value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
        allowEmpty={[true, true]}
        onChange={(v) =>
          update({ from: v?.[0]?.format('YYYY-MM-DD') ?? '', to: v?.[1]?.format('YYYY-MM-DD') ?? '' })
        }
      />
      {children}
      <Flex gap={12} wrap align="center" style={{ minHeight: 32 }}>
        <UrlCheckbox value={params.overdue} onChange={(v) => update({ overdue: v })}>
          {t('problems.filter.overdue')}
        </UrlCheckbox>
        {!enterpriseUser && (
          <UrlCheckbox value={params.mine} onChange={(v) => update({ mine: v })}>
            {t('problems.filter.mine')}
          </UrlCheckbox>
        )}
        {!enterpriseUser && can(me, 'problem:triage') && (
          <UrlCheckbox value={params.isCommon} onChange={(v) => update({ isCommon: v })}>
            {t('problems.filter.isCommon')}
          </UrlCheckbox>
        )}
      </Flex>
      {params.enterpriseId && (
        <Tag
          closable={{ 'aria-label': t('problems.filter.removeEnterprise') }}
          color="blue"
          style={{ alignSelf: 'center', marginInlineEnd: 0 }}
          onClose={() => update({ enterpriseId: undefined })}
        >
          {t('problems.filter.enterprise', { name: enterpriseName ?? `#${params.enterpriseId}` })}
        </Tag>
      )}
      {params.projectId && (
        <Tag
          closable={{ 'aria-label': t('problems.filter.removeProject') }}
          color="blue"
          style={{ alignSelf: 'center', marginInlineEnd: 0 }}
          onClose={() => update({ projectId: undefined })}
        >
          {t('problems.filter.project', { name: projectName ?? `#${params.projectId}` })}
        </Tag>
      )}
    </>
  )

  return (
    <>
      <FilterBar
        search={{
          value: params.keyword,
          placeholder: t('problems.filter.keyword'),
          width: phone ? undefined : 240,
          onSearch: (keyword) => update({ keyword }),
        }}
        onReset={() => {
          setOpen(false)
          reset()
        }}
        onRefresh={onRefresh}
      >
        {phone ? (
          <Badge count={count} size="small">
            <Button icon={<FilterOutlined />} aria-expanded={open} onClick={() => setOpen(!open)}>
              {t('problems.filter.more')}
            </Button>
          </Badge>
        ) : (
          filters
        )}
      </FilterBar>
      {phone && open && (
        <Flex vertical gap={8} style={{ marginTop: -8, marginBottom: 16 }}>
          {filters}
        </Flex>
      )}
    </>
  )
}

/**
 * A checkbox whose value lives in the URL: it shows the click at once (the URL follows in a
 * transition), and follows the URL when it changes otherwise (reset, back button).
 */
function UrlCheckbox({
  value,
  onChange,
  children,
}: {
  value: boolean
  onChange: (v: boolean) => void
  children: ReactNode
}) {
  const [checked, setChecked] = useState(value)
  useEffect(() => setChecked(value), [value])
  return (
    <Checkbox
      checked={checked}
      onChange={(e) => {
        setChecked(e.target.checked)
        onChange(e.target.checked)
      }}
    >
      {children}
    </Checkbox>
  )
}
