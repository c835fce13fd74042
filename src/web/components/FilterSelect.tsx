import { Select } from 'antd'

/**
 * One filter of a list: a clearable select whose label is its placeholder; '' when cleared, so the
 * list's URL parameter simply goes away.
 */
export function FilterSelect({
  label,
  value,
  onChange,
  options,
  width = 120,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  options: Array<{ value: string; label: string }>
  width?: number
}) {
  return (
    <Select
      aria-label={label}
      placeholder={label}
      allowClear
      style={{ width }}
      value={value || undefined}
      onChange={(v) => onChange(v ?? '')}
      options={options}
    />
  )
}
