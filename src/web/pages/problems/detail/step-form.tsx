import type { FormInstance } from 'antd'
import { App as AntApp, Modal } from 'antd'
import type { TFunction } from 'i18next'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../api/client'
import { applyFieldError, errorMessage } from '../../../lib/form-errors'

/**
 * The submit step of a problem action modal: validate the form (invalid fields show their own
 * messages), run the action, show its success text, reload the problem and close. A 409 (someone
 * else moved the problem on, or its status no longer allows the step) is shown in a dialog with the
 * server's words; the page reloads and the modal closes so the user sees the problem as it is now.
 * A server error naming a form field goes next to that field (`fieldMap` renames API fields).
 */
export function useStepSubmit<V = any>({
  form,
  action,
  onDone,
  onClose,
  fieldMap,
}: {
  form?: FormInstance<V>
  action: (values: V) => Promise<string>
  onDone: () => void
  onClose: () => void
  fieldMap?: Record<string, string>
}) {
  const { message } = AntApp.useApp()
  const showConflict = useShowConflict()
  const [busy, setBusy] = useState(false)

  async function submit() {
    if (busy) return
    let values = undefined as V
    if (form) {
      const v = await form.validateFields().catch(() => null)
      if (!v) return
      values = v
    }
    setBusy(true)
    try {
      const ok = await action(values)
      message.success(ok)
      onDone()
      onClose()
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        onDone()
        onClose()
        showConflict(e)
      } else if (!form || !applyFieldError(form, e, fieldMap)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return { submit, busy }
}

/** The 409 dialog: what the server said, and that the page now shows the latest state. */
export function useShowConflict() {
  const { t } = useTranslation()
  const { modal } = AntApp.useApp()
  return (e: ApiError) =>
    modal.warning({
      title: t('problemDetail.conflict.title'),
      content:
        e.code === 'VERSION_CONFLICT'
          ? t('common.conflict')
          : t('problemDetail.conflict.content', { message: e.message.replace(/[。.]$/, '') }),
      okText: t('problemDetail.conflict.ok'),
    })
}

/**
 * Lets Enter in a single-line field submit the form (a form submits on Enter only when it has a
 * submit button; the modal's OK button is outside it). Invisible and out of the accessibility tree.
 */
export function EnterSubmit() {
  return (
    <button
      type="submit"
      tabIndex={-1}
      aria-hidden="true"
      style={{
        position: 'absolute',
        width: 0,
        height: 0,
        padding: 0,
        border: 0,
        opacity: 0,
        overflow: 'hidden',
      }}
    />
  )
}

/** Trimmed text or undefined (optional API fields). */
export const trimmed = (v: string | null | undefined) => v?.trim() || undefined

/** The frame of a step's modal: title, the OK button (red for a step that ends or returns), busy, cancel. */
export function StepModal(props: {
  title: ReactNode
  okText: string
  danger?: boolean
  /** the step cannot be taken yet (nothing to decide, files still uploading) */
  okDisabled?: boolean
  busy: boolean
  onOk: () => void
  onClose: () => void
  width?: number
  children: ReactNode
}) {
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      onOk={props.onOk}
      okText={props.okText}
      okButtonProps={{ danger: props.danger, disabled: props.okDisabled }}
      confirmLoading={props.busy}
      width={props.width}
      destroyOnHidden
    >
      {props.children}
    </Modal>
  )
}

/** The rules of a required free-text field: not blank, at least `min` characters. */
export function requiredText(t: TFunction, label: string, min = 2) {
  return [
    { required: true, whitespace: true, message: t('common.required', { field: label }) },
    { min, message: t('problemDetail.minChars', { field: label, n: min }) },
  ]
}
