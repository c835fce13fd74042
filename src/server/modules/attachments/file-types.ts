/**
 * The files attachments accept: by extension AND by content (magic bytes), so a renamed .exe is not
 * taken for a photo. Office files are checked for their container (OOXML = zip, legacy = OLE2).
 */
export interface FileType {
  ext: string
  mime: string
  image: boolean
  matches: (b: Buffer) => boolean
}

const starts = (b: Buffer, bytes: number[], at = 0) =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x)
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

const JPEG = (b: Buffer) => starts(b, [0xff, 0xd8, 0xff])
const PNG = (b: Buffer) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const GIF = (b: Buffer) => starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a'))
const WEBP = (b: Buffer) => starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8)
const PDF = (b: Buffer) => starts(b, ascii('%PDF-'))
const ZIP = (b: Buffer) => starts(b, [0x50, 0x4b, 0x03, 0x04]) || starts(b, [0x50, 0x4b, 0x05, 0x06])
const OLE2 = (b: Buffer) => starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
// Plain text: no NUL bytes in the first 8 KB (UTF-8 / GBK text never has them).
const TEXT = (b: Buffer) => !b.subarray(0, 8192).includes(0)

const TYPES: FileType[] = [
  { ext: '.jpg', mime: 'image/jpeg', image: true, matches: JPEG },
  { ext: '.jpeg', mime: 'image/jpeg', image: true, matches: JPEG },
  { ext: '.png', mime: 'image/png', image: true, matches: PNG },
  { ext: '.gif', mime: 'image/gif', image: true, matches: GIF },
  { ext: '.webp', mime: 'image/webp', image: true, matches: WEBP },
  { ext: '.pdf', mime: 'application/pdf', image: false, matches: PDF },
  { ext: '.doc', mime: 'application/msword', image: false, matches: OLE2 },
  {
    ext: '.docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    image: false,
    matches: ZIP,
  },
  { ext: '.xls', mime: 'application/vnd.ms-excel', image: false, matches: OLE2 },
  {
    ext: '.xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    image: false,
    matches: ZIP,
  },
  { ext: '.ppt', mime: 'application/vnd.ms-powerpoint', image: false, matches: OLE2 },
  {
    ext: '.pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    image: false,
    matches: ZIP,
  },
  { ext: '.zip', mime: 'application/zip', image: false, matches: ZIP },
  { ext: '.txt', mime: 'text/plain; charset=utf-8', image: false, matches: TEXT },
]

export const ACCEPTED_EXTENSIONS = TYPES.map((t) => t.ext)

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.')
  return dot > 0 ? filename.slice(dot).toLowerCase() : ''
}

export function typeByExtension(filename: string): FileType | undefined {
  const ext = extensionOf(filename)
  return TYPES.find((t) => t.ext === ext)
}

/**
 * Why a file name cannot be taken as given (path separators, parent references, control
 * characters…), or null. The name is only ever shown and offered on download; storage uses a uuid.
 */
export function fileNameProblem(name: string): string | null {
  if (!name.trim()) return '文件名不能为空'
  if (name.length > 200) return '文件名过长（不超过 200 个字符）'
  if (/[/\\]/.test(name)) return '文件名不能包含路径（/ 或 \\）'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return '文件名包含不可见的控制字符'
  if (name.trim().startsWith('.')) return '文件名不能以“.”开头'
  return null
}
