import { CopyOutlined, SendOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../../api/auth'
import { get, post } from '../../../api/client'
import { errorMessage } from '../../../lib/form-errors'
import { copyText } from '../../profile/copy-text'

/**
 * 复制清单文本: the three lists of this problem as plain text for the work-group chat, copied at once;
 * when the browser refuses (plain http), the text is shown to copy by hand.
 */
export function ListsTextButton({ problemId }: { problemId: number }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [busy, setBusy] = useState(false)
  const [manual, setManual] = useState<string | null>(null)

  async function copy() {
    setBusy(true)
    try {
      const { text } = await get<{ text: string }>(`/api/problems/${problemId}/lists-text`)
      if (await copyText(text)) message.success(t('problemDetail.listsText.copied'))
      else setManual(text)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button icon={<CopyOutlined />} loading={busy} onClick={copy}>
        {t('problemDetail.listsText.button')}
      </Button>
      {manual !== null && (
        <Modal
          open
          title={t('problemDetail.listsText.manualTitle')}
          onCancel={() => setManual(null)}
          footer={<Button onClick={() => setManual(null)}>{t('common.close')}</Button>}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">
            {t('problemDetail.listsText.manualHelp')}
          </Typography.Paragraph>
          <Input.TextArea
            readOnly
            value={manual}
            autoSize={{ minRows: 8, maxRows: 18 }}
            aria-label={t('problemDetail.listsText.manualTitle')}
            onFocus={(e) => e.target.select()}
          />
        </Modal>
      )}
    </>
  )
}

/** 发到工作群: the same text to the work groups of the lead unit and the zone (robots taking 三个清单). */
export function SendListsButton({ problemId }: { problemId: number }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const { data: me } = useMe()
  const [busy, setBusy] = useState(false)
  if (!can(me, 'problem:triage') && !can(me, 'problem:handle')) return null
  async function send() {
    setBusy(true)
    try {
      const { groups } = await post<{ groups: number }>('/api/robots/send-lists', { problemId })
      message.success(t('problemDetail.listsText.sent', { n: groups }))
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button icon={<SendOutlined />} loading={busy} onClick={send}>
      {t('problemDetail.listsText.send')}
    </Button>
  )
}
