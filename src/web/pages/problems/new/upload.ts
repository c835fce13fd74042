import { uploadAttachment } from '../../../api/attachments'

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
