import { Badge, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'

export const LIGHT_COLOR: Record<string, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' }

/** A project's light (红黄绿灯) as a coloured dot with its name; why, in a tooltip. */
export function LightDot({
  light,
  reasons = [],
  showText = true,
}: {
  light: string
  reasons?: Array<{ text?: string }>
  showText?: boolean
}) {
  const { t } = useTranslation()
  const texts = reasons.map((r) => r.text ?? '').filter(Boolean)
  const dot = (
    <Badge
      color={LIGHT_COLOR[light] ?? '#d9d9d9'}
      text={showText ? t(`common.light.${light}`, { defaultValue: light }) : undefined}
    />
  )
  return (
    <Tooltip
      title={
        texts.length ? (
          <div>
            {texts.map((text) => (
              <div key={text}>· {text}</div>
            ))}
          </div>
        ) : (
          t('common.light.noReason')
        )
      }
    >
      <span style={{ cursor: 'help', whiteSpace: 'nowrap' }}>{dot}</span>
    </Tooltip>
  )
}
