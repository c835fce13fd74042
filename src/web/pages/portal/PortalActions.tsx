import { StarOutlined, UndoOutlined } from '@ant-design/icons'
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Radio, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, post } from '../../api/client'
import type { ProblemDetail } from '../../api/types'
import { applyFieldError, errorMessage } from '../../lib/form-errors'

type Satisfaction = 'satisfied' | 'basic' | 'unsatisfied'
const SATISFACTIONS: Satisfaction[] = ['satisfied', 'basic', 'unsatisfied']

/**
 * A step's error: a stale version (someone acted meanwhile) or a step no longer allowed reloads the
 * problem with the server's Chinese message; a field error goes next to the field; anything else is a message.
 */
function useStepError(onChanged: () => void) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  return (e: unknown, form?: Parameters<typeof applyFieldError>[0]) => {
    if (e instanceof ApiError && (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_TRANSITION')) {
      message.warning(e.code === 'VERSION_CONFLICT' ? t('common.conflict') : e.message)
      onChanged()
      return
    }
    if (!form || !applyFieldError(form, e)) message.error(errorMessage(e))
  }
}

/**
 * 企业确认: 满意 / 基本满意 close the problem (销号); 不满意 needs the reason and, after a confirmation,
 * sends it back to be handled again.
 */
export function RatingCard({ p, onChanged }: { p: ProblemDetail; onChanged: () => void }) {
  const { t } = useTranslation()
  const { message, modal } = AntApp.useApp()
  const [form] = Form.useForm<{ satisfaction?: Satisfaction; comment?: string }>()
  const satisfaction = Form.useWatch('satisfaction', form)
  const [busy, setBusy] = useState(false)
  const fail = useStepError(onChanged)
  const unsatisfied = satisfaction === 'unsatisfied'

  async function send(v: { satisfaction?: Satisfaction; comment?: string }) {
    setBusy(true)
    try {
      await post(`/api/problems/${p.id}/confirm`, {
        satisfaction: v.satisfaction,
        comment: v.comment?.trim() || undefined,
        version: p.version,
      })
      message.success(v.satisfaction === 'unsatisfied' ? t('portal.rate.reopened') : t('portal.rate.thanks'))
      form.resetFields()
      onChanged()
    } catch (e) {
      fail(e, form)
    } finally {
      setBusy(false)
    }
  }

  function submit(v: { satisfaction?: Satisfaction; comment?: string }) {
    if (v.satisfaction !== 'unsatisfied') return send(v)
    modal.confirm({
      title: t('portal.rate.unsatisfiedTitle'),
      content: t('portal.rate.unsatisfiedText'),
      okText: t('portal.rate.unsatisfiedOk'),
      cancelText: t('common.cancel'),
      onOk: () => send(v),
    })
  }

  return (
    <Card
      title={
        <span>
          <StarOutlined style={{ color: '#faad14' }} /> {t('portal.rate.title')}
        </span>
      }
      style={{ borderColor: '#faad14', marginBottom: 12 }}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('portal.rate.intro')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item
          name="satisfaction"
          label={t('portal.rate.satisfaction')}
          rules={[{ required: true, message: t('portal.rate.satisfactionRule') }]}
        >
          <Radio.Group
            aria-label={t('portal.rate.satisfaction')}
            optionType="button"
            buttonStyle="solid"
            size="large"
            style={{ display: 'flex', width: '100%' }}
            options={SATISFACTIONS.map((s) => ({
              value: s,
              label: t(`problems.satisfaction.${s}`),
              style: { flex: 1, textAlign: 'center' },
            }))}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={unsatisfied ? t('portal.rate.reason') : t('portal.rate.comment')}
          rules={
            unsatisfied ? [{ required: true, whitespace: true, message: t('portal.rate.reasonRule') }] : []
          }
        >
          <Input.TextArea
            autoSize={{ minRows: unsatisfied ? 3 : 2, maxRows: 8 }}
            maxLength={500}
            showCount
            placeholder={
              unsatisfied ? t('portal.rate.reasonPlaceholder') : t('portal.rate.commentPlaceholder')
            }
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t('portal.rate.submit')}
        </Button>
      </Form>
    </Card>
  )
}

/** 撤回 while the problem is still open: a reason, and an explicit confirmation in the dialog. */
export function WithdrawButton({ p, onChanged }: { p: ProblemDetail; onChanged: () => void }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<{ reason: string }>()
  const fail = useStepError(() => {
    setOpen(false)
    onChanged()
  })

  async function submit() {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    try {
      await post(`/api/problems/${p.id}/withdraw`, { reason: v.reason.trim(), version: p.version })
      message.success(t('portal.withdraw.done'))
      setOpen(false)
      form.resetFields()
      onChanged()
    } catch (e) {
      fail(e, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button danger icon={<UndoOutlined />} onClick={() => setOpen(true)}>
        {t('portal.withdraw.button')}
      </Button>
      <Modal
        open={open}
        title={t('portal.withdraw.title')}
        okText={t('portal.withdraw.ok')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('common.cancel')}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('portal.withdraw.warning')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="reason"
            label={t('portal.withdraw.reason')}
            rules={[
              { required: true, whitespace: true, message: t('portal.withdraw.reasonRule') },
              { min: 2, message: t('portal.withdraw.reasonRule') },
            ]}
          >
            <Input.TextArea
              autoFocus
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={500}
              showCount
              placeholder={t('portal.withdraw.reasonPlaceholder')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
