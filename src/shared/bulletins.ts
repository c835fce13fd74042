/** The sections of a bulletin, in document order (the editor may leave some out). */
export const SECTION_KEYS = [
  'overview',
  'projects',
  'problems',
  'reporting',
  'rankings',
  'campaigns',
  'praise',
  'criticism',
  'requirements',
] as const
export type SectionKey = (typeof SECTION_KEYS)[number]

/** The texts a person writes or edits before issuing. */
export const TEXT_KEYS = [
  'title',
  'intro',
  'overview',
  'projects',
  'problems',
  'praise',
  'criticism',
  'requirements',
  'copyTo',
] as const
export type TextKey = (typeof TEXT_KEYS)[number]

export type BulletinKind = 'weekly' | 'monthly' | 'quarterly'
