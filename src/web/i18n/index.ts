import type { Locale } from 'antd/es/locale'
import zhCN from 'antd/es/locale/zh_CN'
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { mergeAreas } from './merge'

// The first load carries the sign-in page's Chinese texts (common, auth); the other areas
// (./zh-rest.ts) follow at once, and English (./en.ts) the first time it is chosen.
const zhFiles = import.meta.glob<Record<string, unknown>>(['./zh-CN/common.json', './zh-CN/auth.json'], {
  eager: true,
  import: 'default',
})

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

const antdLocales: Partial<Record<Language, Locale>> = { 'zh-CN': zhCN }

/** Ant Design's texts for the current language (Chinese until English has loaded). */
export function antdLocale(): Locale {
  return antdLocales[i18n.language as Language] ?? zhCN
}

/** Switches the language, loading English's texts first the first time. */
export async function setLanguage(lang: Language) {
  if (!antdLocales[lang]) {
    const en = await import('./en')
    i18n.addResourceBundle('en', 'translation', en.translation, true, true)
    antdLocales.en = en.antdLocale
  }
  await i18n.changeLanguage(lang)
}

const startLanguage = initialLanguage()
const started = i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: mergeAreas(zhFiles) } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
})

/** Resolves when every area's texts of the chosen language are in (pages wait for it). */
export const allTexts: Promise<void> = Promise.all([started, import('./zh-rest')]).then(async ([, rest]) => {
  i18n.addResourceBundle('zh-CN', 'translation', rest.translation, true, false)
  if (startLanguage !== 'zh-CN') await setLanguage(startLanguage)
})

export default i18n
