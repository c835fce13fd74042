import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { useAuthActions } from '../../api/auth'
import { ApiError } from '../../api/client'
import { FullPage, FullPagePanel } from '../../components/FullPage'
import { errorMessage } from '../../lib/form-errors'

export function LoginPage() {
  const { t } = useTranslation()
  const { login, verifyTotp } = useAuthActions()
  const navigate = useNavigate()
  const location = useLocation()
  const [step, setStep] = useState<'password' | 'totp'>('password')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const notice = (location.state as { notice?: string } | null)?.notice
  const from = (location.state as { from?: string } | null)?.from ?? '/'

  const done = (mustChange: string | null | undefined) =>
    navigate(mustChange ? '/change-password' : from, { replace: true })

  async function onPassword(v: { username: string; password: string }) {
    setBusy(true)
    setError(null)
    try {
      const res = await login(v.username.trim(), v.password)
      if (res.status === 'totp_required') setStep('totp')
      else done(res.user?.mustChangePassword)
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'RATE_LIMITED' ? e.message : errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  async function onTotp(v: { code: string }) {
    setBusy(true)
    setError(null)
    try {
      const res = await verifyTotp(v.code.trim())
      done(res.user?.mustChangePassword)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <FullPage>
      <div style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
        <img src="/favicon.svg" width={56} height={56} alt="" />
        <Typography.Title level={2} style={{ color: '#fff', margin: '8px 0 0' }}>
          {t('common.appName')}
        </Typography.Title>
        <div style={{ opacity: 0.85 }}>{t('common.appTitle')}</div>
      </div>
      <FullPagePanel title={step === 'password' ? t('auth.title') : t('auth.totpTitle')}>
        {notice && !error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        {step === 'password' ? (
          <Form layout="vertical" onFinish={onPassword} requiredMark={false} autoComplete="on">
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, message: t('common.required', { field: t('auth.username') }) }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true, message: t('common.required', { field: t('auth.password') }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {busy ? t('auth.loggingIn') : t('auth.login')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={onTotp} requiredMark={false}>
            <Typography.Paragraph type="secondary">{t('auth.totpHint')}</Typography.Paragraph>
            <Form.Item
              name="code"
              label={t('auth.totpCode')}
              rules={[{ required: true, message: t('common.required', { field: t('auth.totpCode') }) }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                autoComplete="one-time-code"
                inputMode="numeric"
                autoFocus
                size="large"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('auth.verify')}
            </Button>
            <Button type="link" block onClick={() => setStep('password')}>
              {t('auth.backToLogin')}
            </Button>
          </Form>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 16, marginBottom: 0 }}>
          {t('auth.footer')}
        </Typography.Paragraph>
      </FullPagePanel>
    </FullPage>
  )
}
