import { FileOutlined, UploadOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  Progress,
  Typography,
  Upload,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { uploadAttachment } from '../../../../api/attachments'
import { get, post } from '../../../../api/client'
import type { AttachmentItem } from '../../../../api/types'
import { formatDateTime } from '../../../../lib/format'
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES } from '../../../projects/AttachmentsPanel'
import { StepModal, useStepSubmit } from '../step-form'
import type { StepModalProps } from './types'

interface Values {
  resolution: string
  attachmentIds: number[]
  noEvidence: boolean
  noEvidenceReason: string
}

/**
 * 办结: what was done (at least 10 characters) and the evidence — files of this problem (uploaded
 * here or earlier), or, only when there is truly none, the reason why. The enterprise is then asked
 * to confirm.
 */
export function ResolveModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const noEvidence = Form.useWatch('noEvidence', form)
  const key = ['attachments', 'problem', p.id]
  const files = useQuery({
    queryKey: key,
    queryFn: () =>
      get<{ items: AttachmentItem[] }>('/api/attachments', { ownerType: 'problem', ownerId: p.id }),
  })
  const [uploading, setUploading] = useState<Record<string, number>>({})
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      const ids = v.noEvidence ? [] : (v.attachmentIds ?? [])
      await post(`/api/problems/${p.id}/resolve`, {
        resolution: v.resolution.trim(),
        attachmentIds: ids.length ? ids : undefined,
        noEvidenceReason: v.noEvidence ? v.noEvidenceReason.trim() : undefined,
        version: p.version,
      })
      return t('problemDetail.resolve.done')
    },
  })

  function upload(file: File) {
    setUploading((u) => ({ ...u, [file.name]: 0 }))
    uploadAttachment('problem', p.id, file, (n) => setUploading((u) => ({ ...u, [file.name]: n })))
      .then(async (a) => {
        message.success(t('projects.files.uploaded', { name: file.name }))
        await qc.invalidateQueries({ queryKey: key })
        form.setFieldValue('attachmentIds', [...(form.getFieldValue('attachmentIds') ?? []), a.id])
        form.setFieldValue('noEvidence', false)
        void form.validateFields(['attachmentIds']).catch(() => undefined)
      })
      .catch((e: Error) => message.error(`${file.name}：${e.message}`))
      .finally(() =>
        setUploading((u) => {
          const { [file.name]: _, ...rest } = u
          return rest
        }),
      )
  }

  const resolution = t('problemDetail.resolve.resolution')
  const evidence = t('problemDetail.resolve.evidence')
  const reason = t('problemDetail.resolve.noEvidenceReason')
  const items = files.data?.items ?? []
  const openTasks = p.tasks.filter((x) => x.status !== 'done').length
  return (
    <StepModal
      title={t('problemDetail.resolve.title')}
      okText={t('problemDetail.resolve.ok')}
      okDisabled={Object.keys(uploading).length > 0}
      width={640}
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('problemDetail.resolve.intro')}</Typography.Paragraph>
      {openTasks > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('problemDetail.resolve.openTasks', { n: openTasks })}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ resolution: '', attachmentIds: [], noEvidence: false, noEvidenceReason: '' }}
        onFinish={submit}
      >
        <Form.Item
          name="resolution"
          label={resolution}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: resolution }) },
            {
              validator: (_, v: string) =>
                !v?.trim() || v.trim().length >= 10
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('problemDetail.resolve.resolutionMin'))),
            },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount autoFocus />
        </Form.Item>
        <Form.Item
          name="attachmentIds"
          label={evidence}
          dependencies={['noEvidence']}
          extra={t('problemDetail.resolve.evidenceHelp')}
          rules={[
            {
              validator: (_, v: number[]) =>
                form.getFieldValue('noEvidence') || (v ?? []).length
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('problemDetail.resolve.evidenceRequired'))),
            },
          ]}
        >
          <Checkbox.Group disabled={!!noEvidence} style={{ width: '100%' }}>
            <Flex vertical gap={6} style={{ width: '100%' }}>
              {items.map((a) => (
                <Checkbox key={a.id} value={a.id}>
                  <Flex gap={8} align="center">
                    {a.hasThumbnail ? (
                      <img
                        src={`/api/attachments/${a.id}/thumbnail`}
                        alt=""
                        width={32}
                        height={32}
                        style={{ objectFit: 'cover', borderRadius: 4 }}
                      />
                    ) : (
                      <FileOutlined style={{ fontSize: 24, color: '#8c8c8c', width: 32 }} />
                    )}
                    <span style={{ wordBreak: 'break-all' }}>
                      {a.filename}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {' '}
                        · {a.uploadedBy ?? ''} · {formatDateTime(a.uploadedAt)}
                      </Typography.Text>
                    </span>
                  </Flex>
                </Checkbox>
              ))}
              {!items.length && !files.isLoading && (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t('problemDetail.resolve.noFiles')}
                />
              )}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        <Upload
          multiple
          accept={ATTACHMENT_ACCEPT}
          showUploadList={false}
          disabled={!!noEvidence}
          beforeUpload={(file) => {
            if (file.size > ATTACHMENT_MAX_BYTES)
              message.error(t('projects.files.tooLarge', { name: file.name }))
            else upload(file)
            return false
          }}
        >
          <Button icon={<UploadOutlined />} disabled={!!noEvidence}>
            {t('problemDetail.resolve.upload')}
          </Button>
        </Upload>
        {Object.entries(uploading).map(([name, n]) => (
          <div key={name} style={{ marginTop: 8 }}>
            <Typography.Text>{name}</Typography.Text>
            <Progress percent={n} size="small" status="active" />
          </div>
        ))}
        <Form.Item name="noEvidence" valuePropName="checked" style={{ margin: '16px 0 8px' }}>
          <Checkbox
            onChange={() =>
              setTimeout(() => void form.validateFields(['attachmentIds']).catch(() => undefined))
            }
          >
            {t('problemDetail.resolve.noEvidence')}
          </Checkbox>
        </Form.Item>
        {noEvidence && (
          <Form.Item
            name="noEvidenceReason"
            label={reason}
            extra={t('problemDetail.resolve.noEvidenceHelp')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: reason }) },
              {
                validator: (_, v: string) =>
                  !v?.trim() || v.trim().length >= 4
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('problemDetail.minChars', { field: reason, n: 4 }))),
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </StepModal>
  )
}
