import { mergeAreas } from './merge'

// The Chinese texts of every area except the sign-in page's (common, auth): fetched in parallel
// with the signed-in shell, and awaited by every lazily loaded page (App.tsx `page`).
const files = import.meta.glob<Record<string, unknown>>(
  ['./zh-CN/*.json', '!./zh-CN/common.json', '!./zh-CN/auth.json'],
  { eager: true, import: 'default' },
)

export const translation = mergeAreas(files)
