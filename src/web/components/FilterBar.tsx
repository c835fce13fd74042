import { ReloadOutlined } from '@ant-design/icons'
import { Button, Flex, Input } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The filters above a list, followed by its Reset and Refresh buttons. With `search`, a keyword box
 * comes first: what is typed is applied (trimmed) on Enter, and Reset clears it with the filters.
 */
export function FilterBar({
  children,
  onReset,
  onRefresh,
  search,
}: {
  children?: ReactNode
  onReset: () => void
  onRefresh: () => unknown
  search?: { value: string; onSearch: (keyword: string) => void; placeholder?: string; width?: number }
}) {
  const { t } = useTranslation()
  const [text, setText] = useState(search?.value ?? '')
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      {search && (
        <Input.Search
          placeholder={search.placeholder}
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => search.onSearch(v.trim())}
          style={{ width: search.width }}
        />
      )}
      {children}
      <Button
        onClick={() => {
          setText('')
          onReset()
        }}
      >
        {t('common.reset')}
      </Button>
      <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
    </Flex>
  )
}
