import { CopyOutlined, DownloadOutlined, SafetyOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Card, Col, Flex, Form, Input, Modal, Row, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ME_KEY } from '../../api/auth'
import { post } from '../../api/client'
import type { Me, RecoveryCodes, TotpSetup } from '../../api/types'
import { applyFieldError, errorMessage } from '../../lib/form-errors'
import { copyText, saveTextFile } from './copy-text'

/** Shown once, right after enabling: the one-time recovery codes, with copy and save. */
function RecoveryCodesModal({
  codes,
  username,
  onClose,
}: {
  codes: string[]
  username: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const text = codes.join('\n')
  return (
    <Modal
      open
      title={t('profile.recoveryTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Flex gap={8} wrap justify="flex-end">
          <Button
            icon={<CopyOutlined />}
            onClick={async () =>
              (await copyText(text))
                ? message.success(t('common.copied'))
                : message.error(t('profile.copyFailed'))
            }
          >
            {t('profile.copyAll')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              saveTextFile(
                `qingdan-recovery-codes-${username}.txt`,
                `${t('profile.recoveryFileHeader', { username })}\n\n${text}\n`,
              )
            }
          >
            {t('profile.download')}
          </Button>
          <Button type="primary" onClick={onClose}>
            {t('profile.recoverySaved')}
          </Button>
        </Flex>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('profile.recoveryWarning')}
        description={t('profile.recoveryWarningText')}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={[8, 8]}>
        {codes.map((c) => (
          <Col key={c} xs={12}>
            <Typography.Text code style={{ fontSize: 16, letterSpacing: 1 }}>
              {c}
            </Typography.Text>
          </Col>
        ))}
      </Row>
    </Modal>
  )
}

function DisableTotpModal({ onClose, onDone }: { onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  async function submit() {
    // Invalid fields show their own messages.
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    try {
      await post('/api/auth/totp/disable', { password: v.password })
      message.success(t('profile.totpDisabled'))
      await onDone()
      onClose()
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open
      title={t('profile.disableTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('profile.disableTotp')}
      okButtonProps={{ danger: true }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('profile.disableWarning')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ password: '' }}>
        <Form.Item
          name="password"
          label={t('profile.currentPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('profile.currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 双因素认证: enrol with an authenticator app (QR code or secret, then a code), or turn it off with the password. */
export function TotpCard({ me }: { me: Me }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm()
  const [setup, setSetup] = useState<TotpSetup | null>(null)
  const [busy, setBusy] = useState(false)
  const [codes, setCodes] = useState<string[] | null>(null)
  const [disabling, setDisabling] = useState(false)
  const refreshMe = () => qc.invalidateQueries({ queryKey: ME_KEY })

  async function begin() {
    setBusy(true)
    try {
      setSetup(await post<TotpSetup>('/api/auth/totp/setup'))
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  async function enable() {
    // Invalid fields show their own messages.
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    try {
      const res = await post<RecoveryCodes>('/api/auth/totp/enable', { code: v.code })
      setCodes(res.recoveryCodes)
      setSetup(null)
      form.resetFields()
      message.success(t('profile.totpEnabled'))
      await refreshMe()
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <SafetyOutlined />
          {t('profile.totpTitle')}
          {me.totpEnabled ? <Tag color="green">{t('profile.on')}</Tag> : <Tag>{t('profile.off')}</Tag>}
        </Flex>
      }
    >
      {me.totpEnabled ? (
        <>
          <Typography.Paragraph>{t('profile.totpOnText')}</Typography.Paragraph>
          <Button danger onClick={() => setDisabling(true)}>
            {t('profile.disableTotp')}
          </Button>
        </>
      ) : setup ? (
        <Flex vertical gap={16}>
          <div>
            <Typography.Text strong>{t('profile.step1')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('profile.step1Text')}
            </Typography.Paragraph>
            <img
              src={setup.qrDataUrl}
              alt={t('profile.qrAlt')}
              width={180}
              height={180}
              style={{ display: 'block', border: '1px solid #f0f0f0', borderRadius: 8 }}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('profile.manualKey')}
            </Typography.Paragraph>
            <Typography.Text
              code
              copyable={{ text: setup.secret }}
              style={{ fontSize: 14, wordBreak: 'break-all' }}
            >
              {setup.secret.match(/.{1,4}/g)?.join(' ')}
            </Typography.Text>
          </div>
          <div>
            <Typography.Text strong>{t('profile.step2')}</Typography.Text>
            <Form
              form={form}
              layout="vertical"
              onFinish={enable}
              initialValues={{ code: '' }}
              style={{ marginTop: 8 }}
            >
              <Form.Item
                name="code"
                rules={[
                  { required: true, message: t('profile.codeRequired') },
                  { pattern: /^[0-9]{6}$/, message: t('profile.codeRequired') },
                ]}
              >
                <Input.OTP
                  length={6}
                  inputMode="numeric"
                  formatter={(s) => s.replace(/\D/g, '')}
                  aria-label={t('profile.step2')}
                />
              </Form.Item>
              <Flex gap={8} wrap>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('profile.verifyEnable')}
                </Button>
                <Button onClick={() => setSetup(null)}>{t('common.cancel')}</Button>
              </Flex>
            </Form>
          </div>
        </Flex>
      ) : (
        <>
          <Typography.Paragraph>{t('profile.totpOffText')}</Typography.Paragraph>
          <Button type="primary" loading={busy} onClick={begin}>
            {t('profile.enableTotp')}
          </Button>
        </>
      )}
      {codes && <RecoveryCodesModal codes={codes} username={me.username} onClose={() => setCodes(null)} />}
      {disabling && <DisableTotpModal onClose={() => setDisabling(false)} onDone={refreshMe} />}
    </Card>
  )
}
