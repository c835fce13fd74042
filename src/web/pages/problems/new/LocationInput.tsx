import { AimOutlined, CloseCircleOutlined, EnvironmentOutlined, LoadingOutlined } from '@ant-design/icons'
import { Button, Flex, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

export interface LocationValue {
  address?: string
  lng?: number | null
  lat?: number | null
}

type GeoState =
  | { kind: 'idle' }
  | { kind: 'locating' }
  | { kind: 'error'; reason: 'denied' | 'unavailable' | 'timeout' | 'unsupported' }

const round6 = (n: number) => Math.round(n * 1e6) / 1e6

/**
 * 位置: a text the user types (always works), plus "使用当前位置" filling longitude / latitude from the
 * browser. When location is refused, unavailable (no GPS, not HTTPS) or slow, the reason is shown and
 * the text field stays usable. `id` goes to the text input so the form label names it.
 */
export function LocationInput({
  id,
  value,
  onChange,
  placeholder,
  size,
}: {
  id?: string
  value?: LocationValue
  onChange?: (v: LocationValue) => void
  placeholder?: string
  size?: 'large' | 'middle'
}) {
  const { t } = useTranslation()
  const [geo, setGeo] = useState<GeoState>({ kind: 'idle' })
  const v = value ?? {}
  const hasPoint = v.lng != null && v.lat != null

  function locate() {
    if (!('geolocation' in navigator)) {
      setGeo({ kind: 'error', reason: 'unsupported' })
      return
    }
    setGeo({ kind: 'locating' })
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeo({ kind: 'idle' })
        onChange?.({ ...v, lng: round6(pos.coords.longitude), lat: round6(pos.coords.latitude) })
      },
      (err) => {
        const reason =
          err.code === err.PERMISSION_DENIED
            ? 'denied'
            : err.code === err.TIMEOUT
              ? 'timeout'
              : window.isSecureContext
                ? 'unavailable'
                : 'unsupported'
        setGeo({ kind: 'error', reason })
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    )
  }

  return (
    <div>
      <Flex gap={8} wrap>
        <Input
          id={id}
          value={v.address ?? ''}
          onChange={(e) => onChange?.({ ...v, address: e.target.value })}
          placeholder={placeholder}
          maxLength={200}
          prefix={<EnvironmentOutlined style={{ color: '#8c8c8c' }} />}
          allowClear
          size={size}
          style={{ flex: '1 1 220px' }}
        />
        <Button
          icon={geo.kind === 'locating' ? <LoadingOutlined /> : <AimOutlined />}
          onClick={locate}
          disabled={geo.kind === 'locating'}
          size={size}
        >
          {t('problemNew.location.useCurrent')}
        </Button>
      </Flex>
      <div aria-live="polite" style={{ marginTop: 4, minHeight: 0 }}>
        {geo.kind === 'locating' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('problemNew.location.locating')}
          </Typography.Text>
        )}
        {geo.kind === 'error' && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t(`problemNew.location.error.${geo.reason}`)}
          </Typography.Text>
        )}
        {geo.kind !== 'locating' && hasPoint && (
          <Flex align="center" gap={4} wrap>
            <Typography.Text type="success" style={{ fontSize: 12 }}>
              {t('problemNew.location.located', { x: v.lng?.toFixed(6), y: v.lat?.toFixed(6) })}
            </Typography.Text>
            <Button
              type="link"
              size="small"
              icon={<CloseCircleOutlined />}
              onClick={() => onChange?.({ ...v, lng: null, lat: null })}
              style={{ paddingInline: 4, fontSize: 12 }}
            >
              {t('problemNew.location.clear')}
            </Button>
          </Flex>
        )}
      </div>
    </div>
  )
}

/** The body fields of a location value (empty text → null). */
export function locationBody(v: LocationValue | undefined) {
  return {
    address: v?.address?.trim() || null,
    lng: v?.lng ?? null,
    lat: v?.lat ?? null,
  }
}
