import { Empty, Flex, Input, Spin, Tag, Tooltip, Tree, Typography, theme } from 'antd'
import type { Key } from 'react'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Department } from '../../api/types'
import { buildTree, type TreeNode } from '../../components/DepartmentTreeSelect'
import { KindTag } from './kinds'

/** Keeps the nodes whose name matches, with their ancestors. */
function filterTree(nodes: TreeNode[], kw: string): TreeNode[] {
  const out: TreeNode[] = []
  for (const n of nodes) {
    const children = n.children ? filterTree(n.children, kw) : []
    if (n.dept.name.includes(kw) || n.dept.shortName?.includes(kw) || children.length) {
      out.push({ ...n, children: children.length ? children : undefined })
    }
  }
  return out
}

function allKeys(nodes: TreeNode[], into: Key[] = []): Key[] {
  for (const n of nodes) {
    if (n.children) {
      into.push(n.key)
      allKeys(n.children, into)
    }
  }
  return into
}

const ancestorIds = (d: Department) =>
  d.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((id) => id !== d.id)

function Highlight({ text, kw }: { text: string; kw: string }) {
  const { token } = theme.useToken()
  if (!kw || !text.includes(kw)) return <>{text}</>
  const i = text.indexOf(kw)
  return (
    <>
      {text.slice(0, i)}
      <span style={{ color: token.colorError }}>{kw}</span>
      {text.slice(i + kw.length)}
    </>
  )
}

/** The department tree with a search box; disabled departments are greyed with a 停用 tag. */
export function DepartmentTreePanel({
  depts,
  loading,
  selectedId,
  onSelect,
  height,
}: {
  depts: Department[]
  loading: boolean
  selectedId?: number
  onSelect: (id: number) => void
  height: number
}) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const [keyword, setKeyword] = useState('')
  const [expanded, setExpanded] = useState<Key[]>([])
  const tree = useMemo(() => buildTree(depts), [depts])
  const kw = keyword.trim()
  const shown = useMemo(() => (kw ? filterTree(tree, kw) : tree), [tree, kw])

  // First load: open the top two levels; and always the way down to the selected department.
  useEffect(() => {
    if (!depts.length) return
    const selected = depts.find((d) => d.id === selectedId)
    const path = selected ? ancestorIds(selected) : []
    setExpanded((prev) => {
      const base = prev.length ? prev : depts.filter((d) => d.depth <= 2).map((d) => d.id)
      return path.every((id) => base.includes(id)) ? base : [...new Set([...base, ...path])]
    })
  }, [depts, selectedId])

  return (
    <Flex vertical gap={12}>
      <Input.Search
        placeholder={t('org.searchTree')}
        allowClear
        value={keyword}
        onChange={(e) => setKeyword(e.target.value)}
      />
      {loading && !depts.length ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : shown.length ? (
        <Tree<TreeNode>
          treeData={shown}
          blockNode
          height={height}
          expandedKeys={kw ? allKeys(shown) : expanded}
          onExpand={(keys) => !kw && setExpanded(keys)}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => keys.length && onSelect(Number(keys[0]))}
          titleRender={(node) => {
            const d = node.dept
            return (
              <Flex gap={6} align="center" style={{ minWidth: 0, paddingBlock: 2 }}>
                <Typography.Text
                  ellipsis
                  style={{ color: d.enabled ? undefined : token.colorTextDisabled, minWidth: 0 }}
                >
                  <Highlight text={d.name} kw={kw} />
                </Typography.Text>
                <KindTag kind={d.kind} small />
                {!d.enabled && (
                  <Tag style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
                    {t('common.disabled')}
                  </Tag>
                )}
                {d.userCount > 0 && (
                  <Tooltip title={t('org.userCountHint')}>
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {t('org.people', { count: d.userCount })}
                    </Typography.Text>
                  </Tooltip>
                )}
              </Flex>
            )
          }}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={kw ? t('org.noMatch') : t('org.emptyTree')}
        />
      )}
    </Flex>
  )
}
