import { DeleteOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Dropdown, Input, Modal, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'

const KEY = 'qd.projects.savedFilters'

interface Saved {
  name: string
  query: string
}

function load(): Saved[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]')
    return Array.isArray(v)
      ? v.filter((x) => typeof x?.name === 'string' && typeof x?.query === 'string')
      : []
  } catch {
    return []
  }
}

function store(list: Saved[]) {
  localStorage.setItem(KEY, JSON.stringify(list))
}

/** The current URL query (filters and sort, without the page) kept under a name in this browser. */
export function SavedFilters() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [search, setSearch] = useSearchParams()
  const [list, setList] = useState<Saved[]>(load)
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')

  const current = () => {
    const q = new URLSearchParams(search)
    q.delete('page')
    return q.toString()
  }

  function save() {
    const n = name.trim()
    if (!n) return
    const next = [...list.filter((x) => x.name !== n), { name: n, query: current() }]
    store(next)
    setList(next)
    setNaming(false)
    setName('')
    message.success(t('projects.saved.savedAs', { name: n }))
  }

  function remove(n: string) {
    const next = list.filter((x) => x.name !== n)
    store(next)
    setList(next)
  }

  return (
    <>
      <Space.Compact>
        <Dropdown
          trigger={['click']}
          menu={{
            items: list.length
              ? list.map((s) => ({
                  key: s.name,
                  label: (
                    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                      <span>{s.name}</span>
                      <DeleteOutlined
                        aria-label={t('projects.saved.delete', { name: s.name })}
                        onClick={(e) => {
                          e.stopPropagation()
                          remove(s.name)
                        }}
                      />
                    </Space>
                  ),
                  onClick: () => setSearch(new URLSearchParams(s.query), { replace: true }),
                }))
              : [{ key: 'none', disabled: true, label: t('projects.saved.none') }],
          }}
        >
          <Button icon={<FilterOutlined />}>{t('projects.saved.title')}</Button>
        </Dropdown>
        <Button
          icon={<SaveOutlined />}
          onClick={() => setNaming(true)}
          aria-label={t('projects.saved.save')}
          title={t('projects.saved.save')}
        />
      </Space.Compact>
      {naming && (
        <Modal
          open
          title={t('projects.saved.save')}
          onCancel={() => setNaming(false)}
          onOk={save}
          okButtonProps={{ disabled: !name.trim() }}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">{t('projects.saved.help')}</Typography.Paragraph>
          <Input
            autoFocus
            value={name}
            maxLength={30}
            onChange={(e) => setName(e.target.value)}
            onPressEnter={save}
            placeholder={t('projects.saved.namePlaceholder')}
          />
        </Modal>
      )}
    </>
  )
}
