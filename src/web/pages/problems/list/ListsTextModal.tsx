import { CopyOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Flex, Input, Modal, Select, Skeleton, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../../../api/client'
import { errorMessage } from '../../../lib/form-errors'
import { copyText } from '../../profile/copy-text'

const LIMITS = [20, 50, 100, 200]

/**
 * 复制清单文本: the three lists of the filtered problems as the text for the work group
 * (GET /api/problems/lists-text), copied to the clipboard as soon as it is loaded and shown so the
 * user sees what will be posted.
 */
export function ListsTextModal({
  query,
  onClose,
}: {
  query: Record<string, string | number | boolean | undefined>
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [limit, setLimit] = useState(50)
  const [copied, setCopied] = useState<boolean | null>(null)
  const autoCopied = useRef(false)
  const text = useQuery({
    queryKey: ['problems', 'lists-text', query, limit],
    queryFn: () => get<{ text: string; count: number }>('/api/problems/lists-text', { ...query, limit }),
    placeholderData: keepPreviousData,
  })

  useEffect(() => {
    if (!text.data || autoCopied.current) return
    autoCopied.current = true
    void copyText(text.data.text).then(setCopied)
  }, [text.data])

  async function copy() {
    if (!text.data) return
    const ok = await copyText(text.data.text)
    setCopied(ok)
    if (ok) message.success(t('problems.lists.copied'))
    else message.error(t('problems.lists.copyFailed'))
  }

  return (
    <Modal
      open
      title={t('problems.lists.textTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={760}
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button type="primary" icon={<CopyOutlined />} onClick={copy} disabled={!text.data}>
            {t('problems.lists.copy')}
          </Button>
        </Flex>
      }
    >
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('problems.lists.textIntro')}</Typography.Text>
        <Flex align="center" gap={6} style={{ whiteSpace: 'nowrap' }}>
          <span>{t('problems.lists.limit')}</span>
          <Select
            aria-label={t('problems.lists.limit')}
            size="small"
            value={limit}
            onChange={(v) => {
              autoCopied.current = false
              setLimit(v)
            }}
            options={LIMITS.map((n) => ({ value: n, label: t('problems.lists.limitValue', { n }) }))}
            style={{ width: 100 }}
          />
        </Flex>
      </Flex>
      {copied !== null && !text.isFetching && (
        <Alert
          type={copied ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={copied ? t('problems.lists.autoCopied') : t('problems.lists.autoCopyFailed')}
        />
      )}
      {text.isError ? (
        <Alert type="error" showIcon title={errorMessage(text.error)} />
      ) : !text.data ? (
        <Skeleton active />
      ) : (
        <Input.TextArea
          readOnly
          value={text.data.text}
          autoSize={{ minRows: 8, maxRows: 20 }}
          style={{ fontSize: 14, lineHeight: 1.7 }}
          aria-label={t('problems.lists.textTitle')}
        />
      )}
    </Modal>
  )
}
