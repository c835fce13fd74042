import { Flex } from 'antd'
import type { ReactNode } from 'react'

/** The sign-in pages' backdrop: the form centred on the app's colours, without the menu shell. */
export function FullPage({ children }: { children: ReactNode }) {
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg,#1d3b6b 0%,#2e5c9a 55%,#e8eef7 55%)',
      }}
    >
      {children}
    </Flex>
  )
}

/**
 * The sign-in pages' panel. Drawn here rather than with Ant Design's Card, which brings tabs,
 * dropdowns and menus (≈ 35 KB gzip) into the first load the sign-in page needs.
 */
export function FullPagePanel({
  title,
  maxWidth = 380,
  children,
}: {
  title: ReactNode
  maxWidth?: number
  children: ReactNode
}) {
  return (
    <section
      style={{
        width: '100%',
        maxWidth,
        background: '#fff',
        borderRadius: 8,
        boxShadow: '0 6px 16px rgba(0,0,0,0.08), 0 3px 6px -4px rgba(0,0,0,0.12)',
      }}
    >
      <h2
        style={{
          margin: 0,
          padding: '16px 24px',
          fontSize: 16,
          fontWeight: 600,
          borderBottom: '1px solid #f0f0f0',
          color: 'rgba(0,0,0,0.88)',
        }}
      >
        {title}
      </h2>
      <div style={{ padding: 24 }}>{children}</div>
    </section>
  )
}
