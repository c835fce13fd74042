import { Flex, Typography } from 'antd'
import type { ReactNode } from 'react'

/** Title row of a page, with its actions on the right (wrapping under the title on phones). */
export function PageHeader({
  title,
  extra,
  subtitle,
}: {
  title: ReactNode
  extra?: ReactNode
  subtitle?: ReactNode
}) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  )
}
