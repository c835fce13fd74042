import { DatePicker } from 'antd'
import { useTranslation } from 'react-i18next'
import { dayjs } from '../../lib/format'

const DAY = 'YYYY-MM-DD'

/** "YYYY-MM-DD" days (Beijing) from the URL → the ISO instants the log APIs take: start of the first day to end of the last. */
export function rangeQuery(from: string, to: string) {
  return {
    from: from ? new Date(`${from}T00:00:00.000+08:00`).toISOString() : undefined,
    to: to ? new Date(`${to}T23:59:59.999+08:00`).toISOString() : undefined,
  }
}

/** A day range picker whose value is kept as two "YYYY-MM-DD" strings (Beijing days). */
export function DateRangeFilter({
  from,
  to,
  onChange,
}: {
  from: string
  to: string
  onChange: (from: string, to: string) => void
}) {
  const { t } = useTranslation()
  const today = dayjs().tz('Asia/Shanghai')
  return (
    <DatePicker.RangePicker
      value={from && to ? [dayjs(from), dayjs(to)] : null}
      onChange={(v) => onChange(v?.[0]?.format(DAY) ?? '', v?.[1]?.format(DAY) ?? '')}
      placeholder={[t('audit.from'), t('audit.to')]}
      allowClear
      inputReadOnly
      disabledDate={(d) => d.isAfter(today, 'day')}
      presets={[
        { label: t('audit.today'), value: [today.startOf('day'), today] },
        { label: t('audit.last7'), value: [today.subtract(6, 'day'), today] },
        { label: t('audit.last30'), value: [today.subtract(29, 'day'), today] },
        { label: t('audit.last180'), value: [today.subtract(179, 'day'), today] },
      ]}
      style={{ width: 260 }}
    />
  )
}
