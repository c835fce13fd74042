import type { AttachmentItem } from '../../../api/types'

/** Image types the attachments module accepts (by extension and content). */
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,image/jpeg,image/png,image/gif,image/webp'
export const PHOTO_EXT = /\.(jpe?g|png|gif|webp)$/i
export const PHOTO_MAX_BYTES = 20 * 1024 * 1024
export const PHOTO_MAX_COUNT = 9

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

export interface UploadOutcome {
  uploaded: number
  failed: Array<{ name: string; message: string }>
}

/** Uploads the photos of a new problem one after the other (a phone on a weak network). */
export async function uploadPhotos(
  problemId: number,
  files: File[],
  onProgress?: (done: number, percent: number) => void,
): Promise<UploadOutcome> {
  const out: UploadOutcome = { uploaded: 0, failed: [] }
  for (const [i, f] of files.entries()) {
    try {
      await uploadAttachment('problem', problemId, f, (p) => onProgress?.(i, p))
      out.uploaded += 1
    } catch (e) {
      out.failed.push({ name: f.name, message: e instanceof Error ? e.message : String(e) })
    }
    onProgress?.(i + 1, 0)
  }
  return out
}

/** Why a picked file cannot be a photo, or null. */
export function photoProblem(f: File): 'type' | 'size' | 'empty' | null {
  if (!PHOTO_EXT.test(f.name) && !/^image\/(jpeg|png|gif|webp)$/.test(f.type)) return 'type'
  if (f.size === 0) return 'empty'
  if (f.size > PHOTO_MAX_BYTES) return 'size'
  return null
}

/**
 * Phones name camera shots "image.jpg" (iOS) or give a MIME type without a usable extension; the
 * server types files by extension, so give such a file one that matches its type.
 */
export function withPhotoName(f: File, index: number): File {
  if (PHOTO_EXT.test(f.name)) return f
  const ext = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/webp': '.webp' }[
    f.type
  ]
  if (!ext) return f
  const stem = f.name.replace(/\.[^.]*$/, '') || `photo-${index + 1}`
  return new File([f], `${stem}${ext}`, { type: f.type, lastModified: f.lastModified })
}
