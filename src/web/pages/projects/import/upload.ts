import { ApiError } from '../../../api/client'

/**
 * Posts a multipart form (the ledger file and its fields) with the CSRF header. The shared client
 * speaks JSON only; this keeps the same error shape (ApiError with the server's Chinese message).
 */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const tokenRes = await fetch('/api/auth/csrf', { credentials: 'same-origin' })
  const { token } = (await tokenRes.json()) as { token: string }
  const res = await fetch(path, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': token },
  })
  const text = await res.text()
  let payload: any = {}
  try {
    payload = text ? JSON.parse(text) : {}
  } catch {
    // not JSON (a proxy's error page)
  }
  if (res.ok) return payload as T
  const e = payload.error ?? { code: 'UNKNOWN', message: `上传失败（${res.status}）` }
  throw new ApiError(res.status, e.code, e.message, e.field, e.details)
}

/** Starts an import job for the file: a dry run (预检) or the real import. */
export function startImport(file: File, dryRun: boolean, zoneId?: number | null) {
  const form = new FormData()
  form.set('dryRun', String(dryRun))
  if (zoneId) form.set('zoneId', String(zoneId))
  form.set('file', file, file.name)
  return postForm<{ jobId: string }>('/api/imports/ledger', form)
}
