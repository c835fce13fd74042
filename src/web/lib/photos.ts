// Photos picked in the browser before they go to /api/attachments (the server types files by extension).

/** Image types the attachments module accepts (by extension and content). */
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,image/jpeg,image/png,image/gif,image/webp'
export const PHOTO_EXT = /\.(jpe?g|png|gif|webp)$/i
export const PHOTO_MAX_BYTES = 20 * 1024 * 1024
export const PHOTO_MAX_COUNT = 9

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
