import { Select, type SelectProps } from 'antd'
import { useZones } from '../api/queries'

/**
 * The zones (开发区) the user can see, as a select: for users above zones (city level) on forms
 * and filters. The list loads when the select is shown.
 */
export function ZoneSelect(props: Omit<SelectProps<number>, 'options'>) {
  const zones = useZones(true)
  return (
    <Select<number>
      showSearch
      optionFilterProp="label"
      loading={zones.isLoading}
      {...props}
      options={(zones.data?.items ?? []).map((z) => ({ value: z.id, label: z.name }))}
    />
  )
}
