import { AimOutlined, CloseCircleOutlined, LoadingOutlined } from '@ant-design/icons'
import { Button, Flex, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

// Inputs of the on-site record form: the map point from the phone, and photos kept in the browser
// until the visit exists (attachments hang on a record).

export interface Point {
  lng: number | null
  lat: number | null
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6

/**
 * 使用当前位置: longitude / latitude from the browser. When location is refused, unavailable (no GPS,
 * not HTTPS) or slow, the reason is shown; the visit can be saved without a point.
 */
export function PointInput({
  id,
  value,
  onChange,
}: {
  id?: string
  value?: Point
  onChange?: (v: Point) => void
}) {
  const { t } = useTranslation()
  const [state, setState] = useState<'idle' | 'locating' | 'denied' | 'unavailable' | 'timeout'>('idle')
  const has = value?.lng != null && value?.lat != null

  function locate() {
    if (!('geolocation' in navigator)) {
      setState('unavailable')
      return
    }
    setState('locating')
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setState('idle')
        onChange?.({ lng: round6(pos.coords.longitude), lat: round6(pos.coords.latitude) })
      },
      (err) =>
        setState(
          err.code === err.PERMISSION_DENIED
            ? 'denied'
            : err.code === err.TIMEOUT
              ? 'timeout'
              : 'unavailable',
        ),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    )
  }

  return (
    <div id={id}>
      <Flex gap={8} align="center" wrap>
        <Button
          icon={state === 'locating' ? <LoadingOutlined /> : <AimOutlined />}
          onClick={locate}
          disabled={state === 'locating'}
        >
          {t('visits.location.useCurrent')}
        </Button>
        {has && (
          <>
            <Typography.Text type="success" style={{ fontSize: 12 }}>
              {t('visits.location.located', { x: value?.lng?.toFixed(6), y: value?.lat?.toFixed(6) })}
            </Typography.Text>
            <Button
              type="link"
              size="small"
              icon={<CloseCircleOutlined />}
              onClick={() => onChange?.({ lng: null, lat: null })}
            >
              {t('visits.location.clear')}
            </Button>
          </>
        )}
      </Flex>
      <div aria-live="polite">
        {state === 'locating' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('visits.location.locating')}
          </Typography.Text>
        )}
        {(state === 'denied' || state === 'unavailable' || state === 'timeout') && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t(`visits.location.${state}`)}
          </Typography.Text>
        )}
      </div>
    </div>
  )
}
