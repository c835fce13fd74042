import { Alert, Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate } from 'react-router'
import { useAuthActions, useMe } from '../../api/auth'
import { FullPage, FullPagePanel } from '../../components/FullPage'
import { ChangePasswordForm } from './ChangePasswordForm'

/** Shown instead of the app while the account must change its password (first sign-in, reset, expiry). */
export function ChangePasswordPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const { logout } = useAuthActions()
  const navigate = useNavigate()
  if (me === null) return <Navigate to="/login" replace />
  if (!me) return null
  if (!me.mustChangePassword) return <Navigate to="/" replace />
  return (
    <FullPage>
      <FullPagePanel maxWidth={420} title={t('auth.changeTitle')}>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={me.mustChangePassword === 'expired' ? t('auth.changeExpired') : t('auth.changeInitial')}
        />
        <ChangePasswordForm username={me.username} onDone={() => navigate('/', { replace: true })} />
        <Button
          type="link"
          block
          style={{ marginTop: 8 }}
          onClick={async () => {
            await logout()
            navigate('/login', { replace: true })
          }}
        >
          {t('common.logout')}
        </Button>
      </FullPagePanel>
    </FullPage>
  )
}
