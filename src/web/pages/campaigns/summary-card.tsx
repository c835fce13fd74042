import { CopyOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Card, Input, Skeleton } from 'antd'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import { errorMessage } from '../../lib/form-errors'
import { copyText } from '../profile/copy-text'

/** 每日调度: the campaign's text of the day, ready to paste into the work group. */
export function SummaryCard({ id }: { id: number }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const summary = useQuery({
    queryKey: ['campaigns', id, 'summary'],
    queryFn: () => get<{ asOf: string; text: string }>(`/api/campaigns/${id}/summary`),
  })
  async function copy() {
    if (!summary.data) return
    if (await copyText(summary.data.text)) message.success(t('campaigns.copied'))
    else message.error(t('campaigns.copyFailed'))
  }
  return (
    <Card
      size="small"
      title={t('campaigns.summaryTitle')}
      extra={
        <Button size="small" type="primary" icon={<CopyOutlined />} onClick={copy} disabled={!summary.data}>
          {t('campaigns.copy')}
        </Button>
      }
      style={{ height: '100%' }}
    >
      {summary.isError ? (
        <Alert type="error" showIcon title={errorMessage(summary.error)} />
      ) : summary.isLoading ? (
        <Skeleton active />
      ) : (
        <Input.TextArea
          readOnly
          value={summary.data?.text}
          autoSize={{ minRows: 6, maxRows: 16 }}
          style={{ fontSize: 14, lineHeight: 1.7 }}
          aria-label={t('campaigns.summaryTitle')}
        />
      )}
    </Card>
  )
}
