import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Department } from '../../api/types'

export type Kind = Department['kind']
export const KINDS: Kind[] = ['city', 'zone', 'department', 'section']

/** Which kinds of node may sit under which (mirrors the server): city → zone → department → section. */
export const ALLOWED_PARENTS: Record<Kind, Array<Kind | null>> = {
  city: [null, 'city'],
  zone: [null, 'city'],
  department: ['city', 'zone', 'department'],
  section: ['department', 'section'],
}

/** Kinds that may be created under a parent of this kind (null: top level). */
export function kindsUnder(parentKind: Kind | null): Kind[] {
  return KINDS.filter((k) => ALLOWED_PARENTS[k].includes(parentKind))
}

/** The kind usually created under a parent of this kind (the first offered in the form). */
const USUAL_CHILD: Record<Kind | 'top', Kind> = {
  top: 'city',
  city: 'zone',
  zone: 'department',
  department: 'section',
  section: 'section',
}

export function usualChildKind(parentKind: Kind | null): Kind {
  return USUAL_CHILD[parentKind ?? 'top']
}

const KIND_COLORS: Record<Kind, string> = {
  city: 'geekblue',
  zone: 'purple',
  department: 'blue',
  section: 'cyan',
}

export function KindTag({ kind, small }: { kind: Kind; small?: boolean }) {
  const { t } = useTranslation()
  return (
    <Tag
      color={KIND_COLORS[kind]}
      style={
        small
          ? { marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }
          : { marginInlineEnd: 0 }
      }
    >
      {t(`org.kinds.${kind}`)}
    </Tag>
  )
}
