import type { DictItem } from '../../../api/types'

/** A dictionary item's label in the UI language (the English label when there is one). */
export function dictText(item: Pick<DictItem, 'label' | 'labelEn'>, language: string): string {
  return (language.startsWith('en') && item.labelEn) || item.label
}
