import type { FormInstance } from 'antd'
import { App as AntApp } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { applyFieldError, errorMessage } from './form-errors'

/**
 * The save step of an edit modal: validate the form (invalid fields show their own messages), run
 * the action with the values, show its success message (the text it returns, else `common.saved`),
 * then `onSaved()` and `onClose()`. A server error that names a field of the form goes next to it,
 * any other is shown as a message. A stale save (VERSION_CONFLICT) says someone else changed the
 * record, reloads and closes, so the user edits the latest data. `busy` is for `confirmLoading`.
 */
export function useModalSubmit<V = any>({
  form,
  action,
  onSaved,
  onClose,
}: {
  /** Without a form, the action gets no values. */
  form?: FormInstance<V>
  action: (values: V) => Promise<string | undefined>
  onSaved?: () => void
  onClose?: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [busy, setBusy] = useState(false)

  async function submit() {
    let values = undefined as V
    if (form) {
      const v = await form.validateFields().catch(() => null)
      if (!v) return
      values = v
    }
    setBusy(true)
    try {
      const ok = await action(values)
      message.success(ok || t('common.saved'))
      onSaved?.()
      onClose?.()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('common.conflict'))
        onSaved?.()
        onClose?.()
      } else if (!form || !applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return { submit, busy }
}
