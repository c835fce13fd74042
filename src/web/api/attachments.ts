import type { AttachmentItem } from './types'

async function csrf(): Promise<string> {
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin' })
  return ((await res.json()) as { token: string }).token
}

/**
 * Sends one file to /api/attachments (multipart, with the CSRF token), reporting progress — fetch
 * cannot report upload progress, XHR can. Rejects with the server's Chinese message.
 */
export async function uploadAttachment(
  ownerType: string,
  ownerId: number,
  file: File,
  onProgress?: (percent: number) => void,
): Promise<AttachmentItem> {
  const token = await csrf()
  const body = new FormData()
  body.append('ownerType', ownerType)
  body.append('ownerId', String(ownerId))
  body.append('file', file, file.name)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/attachments')
    xhr.setRequestHeader('x-csrf-token', token)
    xhr.setRequestHeader('accept', 'application/json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      let payload: { error?: { message: string } } & Partial<AttachmentItem> = {}
      try {
        payload = JSON.parse(xhr.responseText)
      } catch {
        // not JSON (proxy error page)
      }
      if (xhr.status === 201 || xhr.status === 200) resolve(payload as AttachmentItem)
      else reject(new Error(payload.error?.message ?? `上传失败（${xhr.status}）`))
    }
    xhr.onerror = () => reject(new Error('网络错误，上传失败'))
    xhr.send(body)
  })
}
