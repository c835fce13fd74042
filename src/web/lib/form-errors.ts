import type { FormInstance } from 'antd'
import { ApiError } from '../api/client'

/**
 * Puts a server error next to the field it names, when the form has that field; returns true if it did.
 * Otherwise the caller shows it as a message.
 */
export function applyFieldError(
  form: FormInstance,
  err: unknown,
  fieldMap: Record<string, string> = {},
): boolean {
  if (!(err instanceof ApiError) || !err.field) return false
  const name = fieldMap[err.field] ?? err.field
  const known = Object.keys(form.getFieldsValue(true) ?? {})
  if (!known.includes(name)) return false
  form.setFields([{ name, errors: [err.message] }])
  form.scrollToField(name)
  return true
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message
  if (err instanceof Error) return err.message
  return String(err)
}
