import { ReloadOutlined } from '@ant-design/icons'
import { Button, Flex } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** The filters above a list, followed by its Reset and Refresh buttons. */
export function FilterBar({
  children,
  onReset,
  onRefresh,
}: {
  children: ReactNode
  onReset: () => void
  onRefresh: () => unknown
}) {
  const { t } = useTranslation()
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      {children}
      <Button onClick={onReset}>{t('common.reset')}</Button>
      <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
    </Flex>
  )
}
