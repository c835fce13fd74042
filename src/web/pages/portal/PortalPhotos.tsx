import { CameraOutlined, FileOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Empty, Flex, Image, Progress, Tag, Typography } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { uploadAttachment } from '../../api/attachments'
import { get } from '../../api/client'
import type { AttachmentItem } from '../../api/types'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { PHOTO_ACCEPT, photoProblem, withPhotoName } from '../../lib/photos'

/**
 * 照片 of a problem in the portal: the enterprise's own photos and the handler's evidence (marked),
 * with a preview; while the problem is open the enterprise can add more.
 */
export function PortalPhotos({
  problemId,
  evidenceIds,
  canAdd,
}: {
  problemId: number
  evidenceIds: number[]
  canAdd: boolean
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const key = ['attachments', 'problem', problemId]
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      get<{ items: AttachmentItem[] }>('/api/attachments', { ownerType: 'problem', ownerId: problemId }),
  })
  const input = useRef<HTMLInputElement>(null)
  const [uploading, setUploading] = useState<{ name: string; percent: number } | null>(null)

  async function add(files: FileList | null) {
    for (const [i, raw] of [...(files ?? [])].entries()) {
      const problem = photoProblem(raw)
      if (problem) {
        message.error(t(`common.photos.${problem}`, { name: raw.name }))
        continue
      }
      const f = withPhotoName(raw, i)
      setUploading({ name: f.name, percent: 0 })
      try {
        await uploadAttachment('problem', problemId, f, (percent) => setUploading({ name: f.name, percent }))
        message.success(t('portal.detail.photoUploaded', { name: f.name }))
      } catch (e) {
        message.error(`${f.name}：${errorMessage(e)}`)
      }
    }
    setUploading(null)
    void qc.invalidateQueries({ queryKey: key })
    void qc.invalidateQueries({ queryKey: ['problems', problemId] })
  }

  const items = list.data?.items ?? []
  const images = items.filter((a) => a.hasThumbnail)
  const files = items.filter((a) => !a.hasThumbnail)

  return (
    <Card
      size="small"
      title={`${t('portal.detail.photos')}${items.length ? `（${items.length}）` : ''}`}
      style={{ marginBottom: 12 }}
      extra={
        canAdd && (
          <Button
            size="small"
            icon={<CameraOutlined />}
            onClick={() => input.current?.click()}
            loading={!!uploading}
          >
            {t('portal.detail.addPhotos')}
          </Button>
        )
      }
    >
      {canAdd && (
        <input
          ref={input}
          type="file"
          accept={PHOTO_ACCEPT}
          multiple
          style={{ display: 'none' }}
          aria-label={t('portal.detail.addPhotos')}
          onChange={(e) => {
            void add(e.target.files)
            e.target.value = ''
          }}
        />
      )}
      {uploading && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {uploading.name}
          </Typography.Text>
          <Progress percent={uploading.percent} size="small" status="active" />
        </div>
      )}
      {!items.length && !list.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.detail.photosEmpty')} />
      ) : (
        <>
          <Image.PreviewGroup>
            <Flex wrap gap={8}>
              {images.map((a) => (
                <div key={a.id} style={{ position: 'relative' }}>
                  <Image
                    width={88}
                    height={88}
                    style={{ objectFit: 'cover', borderRadius: 6 }}
                    src={`/api/attachments/${a.id}/thumbnail`}
                    preview={{ src: `/api/attachments/${a.id}/download?inline=true` }}
                    alt={a.filename}
                    title={`${a.filename} · ${a.uploadedBy ?? ''} · ${formatDateTime(a.uploadedAt)}`}
                  />
                  {evidenceIds.includes(a.id) && (
                    <Tag
                      color="purple"
                      style={{
                        position: 'absolute',
                        left: 4,
                        bottom: 4,
                        margin: 0,
                        fontSize: 11,
                        lineHeight: '16px',
                      }}
                    >
                      {t('portal.detail.evidence')}
                    </Tag>
                  )}
                </div>
              ))}
            </Flex>
          </Image.PreviewGroup>
          {files.length > 0 && (
            <Flex vertical gap={4} style={{ marginTop: images.length ? 8 : 0 }}>
              {files.map((a) => (
                <a
                  key={a.id}
                  href={`/api/attachments/${a.id}/download`}
                  aria-label={t('portal.detail.download', { name: a.filename })}
                  style={{ wordBreak: 'break-all' }}
                >
                  <FileOutlined /> {a.filename}
                  {evidenceIds.includes(a.id) && (
                    <Tag color="purple" style={{ marginInlineStart: 6 }}>
                      {t('portal.detail.evidence')}
                    </Tag>
                  )}
                </a>
              ))}
            </Flex>
          )}
        </>
      )}
    </Card>
  )
}
