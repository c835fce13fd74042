import {
  AimOutlined,
  CameraOutlined,
  CloseCircleOutlined,
  CloseOutlined,
  LoadingOutlined,
} from '@ant-design/icons'
import { App as AntApp, Button, Flex, Typography } from 'antd'
import { useEffect, useMemo, useRef, useState } from 'react'
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

export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,image/jpeg,image/png,image/gif,image/webp'
const PHOTO_EXT = /\.(jpe?g|png|gif|webp)$/i
const PHOTO_MAX_BYTES = 20 * 1024 * 1024
export const PHOTO_MAX_COUNT = 9

/** Camera shots named "image" or without an extension get one matching their type (the server types by extension). */
function named(f: File, i: number): File {
  if (PHOTO_EXT.test(f.name)) return f
  const ext = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/webp': '.webp' }[
    f.type
  ]
  if (!ext) return f
  const stem = f.name.replace(/\.[^.]*$/, '') || `photo-${i + 1}`
  return new File([f], `${stem}${ext}`, { type: f.type, lastModified: f.lastModified })
}

/**
 * 现场照片: "拍照 / 选择照片" (the camera on phones, several at once), thumbnails with a remove button;
 * wrong types, empty and over-large files are refused with the file named. `id` goes to the chooser
 * so the form label names it.
 */
export function PhotosInput({
  id,
  value,
  onChange,
  disabled,
}: {
  id?: string
  value?: File[]
  onChange?: (files: File[]) => void
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const files = value ?? []
  const input = useRef<HTMLInputElement>(null)
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files])
  useEffect(
    () => () => {
      for (const u of urls) URL.revokeObjectURL(u)
    },
    [urls],
  )

  function add(list: FileList | null) {
    if (!list?.length) return
    const next = [...files]
    for (const [i, raw] of [...list].entries()) {
      const f = named(raw, next.length + i)
      if (!PHOTO_EXT.test(f.name)) {
        message.error(t('visits.photos.type', { name: raw.name }))
        continue
      }
      if (!f.size) {
        message.error(t('visits.photos.empty', { name: raw.name }))
        continue
      }
      if (f.size > PHOTO_MAX_BYTES) {
        message.error(t('visits.photos.size', { name: raw.name }))
        continue
      }
      if (next.length >= PHOTO_MAX_COUNT) {
        message.warning(t('visits.photos.tooMany', { n: PHOTO_MAX_COUNT }))
        break
      }
      next.push(f)
    }
    onChange?.(next)
  }

  return (
    <div>
      {files.length > 0 && (
        <Flex wrap gap={8} style={{ marginBottom: 8 }}>
          {files.map((f, i) => (
            <div
              key={`${f.name}-${f.size}-${f.lastModified}`}
              style={{ position: 'relative', width: 84, height: 84 }}
            >
              <img
                src={urls[i]}
                alt={f.name}
                style={{
                  width: 84,
                  height: 84,
                  objectFit: 'cover',
                  borderRadius: 6,
                  border: '1px solid #f0f0f0',
                }}
              />
              <Button
                size="small"
                shape="circle"
                icon={<CloseOutlined />}
                disabled={disabled}
                aria-label={t('visits.photos.remove', { name: f.name })}
                title={t('visits.photos.remove', { name: f.name })}
                onClick={() => onChange?.(files.filter((_, j) => j !== i))}
                style={{ position: 'absolute', top: -6, right: -6 }}
              />
            </div>
          ))}
        </Flex>
      )}
      <Flex gap={8} wrap align="center">
        <Button
          icon={<CameraOutlined />}
          disabled={disabled || files.length >= PHOTO_MAX_COUNT}
          onClick={() => input.current?.click()}
        >
          {t('visits.photos.pick')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('visits.photos.hint', { n: files.length, max: PHOTO_MAX_COUNT })}
        </Typography.Text>
      </Flex>
      <input
        id={id}
        ref={input}
        type="file"
        accept={PHOTO_ACCEPT}
        multiple
        style={{ display: 'none' }}
        disabled={disabled}
        onChange={(e) => {
          add(e.target.files)
          e.target.value = ''
        }}
      />
    </div>
  )
}
