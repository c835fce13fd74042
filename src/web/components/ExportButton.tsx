import { DownloadOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { downloadUrl } from '../api/client'

/**
 * "导出 Excel" for a list: downloads `path` (the list's `…/export.xlsx`) with the list's filters and
 * sort; the page is dropped, the export has every row.
 */
export function ExportButton({ path, query }: { path: string; query?: Parameters<typeof downloadUrl>[1] }) {
  const { t } = useTranslation()
  return (
    <Button
      icon={<DownloadOutlined />}
      onClick={() => downloadUrl(path, { ...query, page: undefined, pageSize: undefined })}
    >
      {t('common.export')}
    </Button>
  )
}
