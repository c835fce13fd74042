import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Form } from 'antd'
import { useEffect, useState } from 'react'
import { get, put } from '../api/client'
import { applyFieldError, errorMessage } from './form-errors'

/**
 * A settings form (one GET / PUT resource): loads `path` under `queryKey` and fills the form; `dirty`
 * tells whether the form differs from what is saved (over `keys`). `save` validates, PUTs, puts the
 * answer in the cache and the form, runs `afterSave` (refresh what depends on the settings) and shows
 * `savedText`; a server error naming a field goes next to it, any other is shown as a message.
 */
export function useSettingsForm<S extends object>({
  queryKey,
  path,
  keys,
  savedText,
  afterSave,
}: {
  queryKey: QueryKey
  path: string
  keys: Array<keyof S>
  savedText: string
  afterSave?: () => Promise<unknown>
}) {
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<S>()
  const [busy, setBusy] = useState(false)
  const query = useQuery({ queryKey, queryFn: () => get<S>(path) })
  const values = Form.useWatch([], form) as Partial<S> | undefined
  useEffect(() => {
    if (query.data) form.setFieldsValue(query.data as Parameters<typeof form.setFieldsValue>[0])
  }, [query.data, form])
  const saved = query.data
  const dirty = !!saved && !!values && keys.some((k) => values[k] !== saved[k])

  async function save() {
    // Invalid fields show their own messages.
    const next = await form.validateFields().catch(() => null)
    if (!next) return
    setBusy(true)
    try {
      const answer = await put<S>(path, next)
      qc.setQueryData(queryKey, answer)
      form.setFieldsValue(answer as Parameters<typeof form.setFieldsValue>[0])
      await afterSave?.()
      message.success(savedText)
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return { form, query, values, dirty, busy, save }
}
