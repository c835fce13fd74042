/** Thin fetch wrapper: JSON in and out, the CSRF header on writes, errors as ApiError. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly details?: unknown
  constructor(status: number, code: string, message: string, field?: string, details?: unknown) {
    super(message)
    this.status = status
    this.code = code
    this.field = field
    this.details = details
  }
}

let csrfToken: string | null = null
type Listener = (err: ApiError) => void
const authListeners = new Set<Listener>()

/** Called when the server says the session is gone, so the app can go back to the login page. */
export function onAuthLost(fn: Listener) {
  authListeners.add(fn)
  return () => {
    authListeners.delete(fn)
  }
}

export function setCsrfToken(token: string | null) {
  csrfToken = token
}

async function ensureCsrf(): Promise<string> {
  if (csrfToken) return csrfToken
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin' })
  csrfToken = (await res.json()).token as string
  return csrfToken
}

type Query = Record<string, string | number | boolean | undefined | null>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v))
  const s = qs.toString()
  return s ? `${path}?${s}` : path
}

export async function api<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (method !== 'GET') {
    headers['x-csrf-token'] = await ensureCsrf()
    if (body !== undefined) headers['content-type'] = 'application/json'
  }
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.ok) {
    const text = await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }
  let payload: { error?: { code: string; message: string; field?: string; details?: unknown } } = {}
  try {
    payload = await res.json()
  } catch {
    // not JSON (proxy error page)
  }
  const e = payload.error ?? {
    code: res.status >= 500 ? 'INTERNAL' : 'UNKNOWN',
    message: `请求失败（${res.status}）`,
  }
  const err = new ApiError(res.status, e.code, e.message, e.field, e.details)
  // A stale CSRF token (new session after sign-in elsewhere): fetch a new one and try once more.
  if (err.code === 'CSRF_INVALID' && !retried) {
    csrfToken = null
    return api<T>(method, path, body, true)
  }
  // Only a lost session sends the user back to sign in (a wrong TOTP code is also a 401).
  if (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED') {
    for (const fn of authListeners) fn(err)
  }
  throw err
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query))
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {})
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {})
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body ?? {})
export const del = <T>(path: string, query?: Query) => api<T>('DELETE', withQuery(path, query))

/** Downloads an export (same filters as the list on screen) through the browser. */
export function downloadUrl(path: string, query?: Query) {
  const a = document.createElement('a')
  a.href = withQuery(path, query)
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/**
 * A POST whose answer streams progress as JSON lines (application/x-ndjson): each line goes to
 * `onLine`; the last carries `done` and the result, or `error`. Errors before the stream starts
 * (validation, permission) come back as ApiError like any request.
 */
export async function postStream<T>(
  path: string,
  body: unknown,
  onLine: (line: { step?: string; percent?: number }) => void,
): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: {
      accept: 'application/x-ndjson',
      'content-type': 'application/json',
      'x-csrf-token': await ensureCsrf(),
    },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  })
  if (!res.ok || !res.body) {
    const payload = await res.json().catch(() => ({}))
    const e = payload.error ?? { code: 'INTERNAL', message: `请求失败（${res.status}）` }
    throw new ApiError(res.status, e.code, e.message, e.field, e.details)
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    buffer += value ?? ''
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const raw of lines) {
      if (!raw.trim()) continue
      const line = JSON.parse(raw)
      if (line.error) throw new ApiError(500, line.error.code, line.error.message)
      if (line.done) return line.bulletin ?? line.result
      onLine(line)
    }
    if (done) throw new ApiError(500, 'INTERNAL', '连接中断，请刷新后查看是否已生成')
  }
}
