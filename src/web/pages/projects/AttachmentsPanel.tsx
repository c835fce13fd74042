import { DeleteOutlined, DownloadOutlined, FileOutlined, InboxOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Empty, Image, List, Popconfirm, Progress, Typography, Upload } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { uploadAttachment } from '../../api/attachments'
import { del, get } from '../../api/client'
import type { AttachmentItem } from '../../api/types'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'

export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.zip,.txt'
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024

function size(n: number) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  if (n >= 1024) return `${Math.round(n / 1024)} KB`
  return `${n} B`
}

/** Photos and documents of a project, a milestone or a problem: upload with progress, thumbnails, download, delete. */
export function AttachmentsPanel({
  ownerType,
  ownerId,
  canWrite,
}: {
  ownerType: 'project' | 'milestone' | 'problem' | 'visit' | 'policy' | 'policy_application'
  ownerId: number
  canWrite: boolean
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const key = ['attachments', ownerType, ownerId]
  const list = useQuery({
    queryKey: key,
    queryFn: () => get<{ items: AttachmentItem[] }>('/api/attachments', { ownerType, ownerId }),
  })
  const [uploading, setUploading] = useState<Record<string, number>>({})
  const refresh = () => qc.invalidateQueries({ queryKey: key })

  async function remove(a: AttachmentItem) {
    try {
      await del(`/api/attachments/${a.id}`)
      message.success(t('projects.files.deleted', { name: a.filename }))
    } catch (e) {
      message.error(errorMessage(e))
    }
    void refresh()
  }

  const items = list.data?.items ?? []
  return (
    <div>
      {canWrite && (
        <Upload.Dragger
          multiple
          accept={ATTACHMENT_ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            if (file.size > ATTACHMENT_MAX_BYTES) {
              message.error(t('projects.files.tooLarge', { name: file.name }))
              return Upload.LIST_IGNORE
            }
            return true
          }}
          customRequest={({ file, onSuccess, onError }) => {
            const f = file as File
            setUploading((u) => ({ ...u, [f.name]: 0 }))
            uploadAttachment(ownerType, ownerId, f, (p) => setUploading((u) => ({ ...u, [f.name]: p })))
              .then((r) => {
                onSuccess?.(r)
                message.success(t('projects.files.uploaded', { name: f.name }))
              })
              .catch((e: Error) => {
                onError?.(e)
                message.error(`${f.name}：${e.message}`)
              })
              .finally(() => {
                setUploading((u) => {
                  const { [f.name]: _, ...rest } = u
                  return rest
                })
                void refresh()
              })
          }}
          style={{ marginBottom: 12 }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('projects.files.drop')}</p>
          <p className="ant-upload-hint">{t('projects.files.hint')}</p>
        </Upload.Dragger>
      )}
      {Object.entries(uploading).map(([name, p]) => (
        <div key={name} style={{ marginBottom: 8 }}>
          <Typography.Text>{name}</Typography.Text>
          <Progress percent={p} size="small" status="active" />
        </div>
      ))}
      {items.length === 0 && !list.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.files.empty')} />
      ) : (
        <Image.PreviewGroup>
          <List<AttachmentItem>
            loading={list.isLoading}
            dataSource={items}
            renderItem={(a) => (
              <List.Item
                actions={[
                  <Button
                    key="dl"
                    type="link"
                    size="small"
                    icon={<DownloadOutlined />}
                    href={`/api/attachments/${a.id}/download`}
                    aria-label={t('projects.files.download')}
                  />,
                  ...(canWrite
                    ? [
                        <Popconfirm
                          key="rm"
                          title={t('projects.files.deleteConfirm', { name: a.filename })}
                          onConfirm={() => remove(a)}
                        >
                          <Button
                            type="link"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('common.delete')}
                          />
                        </Popconfirm>,
                      ]
                    : []),
                ]}
              >
                <List.Item.Meta
                  avatar={
                    a.hasThumbnail ? (
                      <Image
                        width={56}
                        height={56}
                        style={{ objectFit: 'cover', borderRadius: 4 }}
                        src={`/api/attachments/${a.id}/thumbnail`}
                        preview={{ src: `/api/attachments/${a.id}/download?inline=true` }}
                        alt={a.filename}
                      />
                    ) : (
                      <FileOutlined
                        style={{ fontSize: 40, color: '#8c8c8c', width: 56, textAlign: 'center' }}
                      />
                    )
                  }
                  title={
                    <a href={`/api/attachments/${a.id}/download`} style={{ wordBreak: 'break-all' }}>
                      {a.filename}
                    </a>
                  }
                  description={`${size(a.size)} · ${a.uploadedBy ?? ''} · ${formatDateTime(a.uploadedAt)}`}
                />
              </List.Item>
            )}
          />
        </Image.PreviewGroup>
      )}
    </div>
  )
}
