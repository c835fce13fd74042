import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'

// One JSON file per area and language (i18n/zh-CN/users.json …), merged into one namespace.
const zhFiles = import.meta.glob<Record<string, unknown>>('./zh-CN/*.json', {
  eager: true,
  import: 'default',
})
const enFiles = import.meta.glob<Record<string, unknown>>('./en/*.json', { eager: true, import: 'default' })

function merge(files: Record<string, Record<string, unknown>>) {
  const out: Record<string, unknown> = {}
  for (const [file, content] of Object.entries(files)) {
    const area = file.split('/').pop()!.replace('.json', '')
    out[area] = content
  }
  return out
}

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
const STORAGE_KEY = 'qd.lang'

export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY)
  return saved === 'en' ? 'en' : 'zh-CN'
}

export function saveLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang)
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: merge(zhFiles) }, en: { translation: merge(enFiles) } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
})

export default i18n
