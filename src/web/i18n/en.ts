import enUS from 'antd/es/locale/en_US'
import { mergeAreas } from './merge'

// English is the second language: its texts and Ant Design's English locale load only when chosen,
// so the first load carries one language.
const files = import.meta.glob<Record<string, unknown>>('./en/*.json', { eager: true, import: 'default' })

export const translation = mergeAreas(files)
export const antdLocale = enUS
