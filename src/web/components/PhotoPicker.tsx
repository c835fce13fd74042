import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Flex, Typography } from 'antd'
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { PHOTO_ACCEPT, PHOTO_MAX_COUNT, photoProblem, withPhotoName } from '../lib/photos'

const coarsePointer = () =>
  typeof window !== 'undefined' && !!window.matchMedia?.('(pointer: coarse)').matches

/**
 * 照片 of a new record (a problem, a visit), kept in the browser until the record exists (attachments
 * hang on a record):
 * "拍照" opens the camera on phones, "选择照片" the gallery / file chooser (several at once). Thumbnails
 * with a remove button; wrong types, empty and over-large files are refused with the file named.
 * `id` goes to the chooser's input so the form label names it; `hint` replaces the count line's words.
 */
export function PhotoPicker({
  id,
  value,
  onChange,
  disabled,
  hint,
}: {
  id?: string
  value?: File[]
  onChange?: (files: File[]) => void
  disabled?: boolean
  hint?: (count: number, max: number) => string
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const files = value ?? []
  const camera = useRef<HTMLInputElement>(null)
  const gallery = useRef<HTMLInputElement>(null)
  const touch = useMemo(coarsePointer, [])
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
      const problem = photoProblem(raw)
      if (problem) {
        message.error(t(`common.photos.${problem}`, { name: raw.name }))
        continue
      }
      if (next.length >= PHOTO_MAX_COUNT) {
        message.warning(t('common.photos.tooMany', { n: PHOTO_MAX_COUNT }))
        break
      }
      const f = withPhotoName(raw, next.length + i)
      if (!next.some((x) => x.name === f.name && x.size === f.size && x.lastModified === f.lastModified))
        next.push(f)
    }
    onChange?.(next)
  }

  const full = files.length >= PHOTO_MAX_COUNT
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
                aria-label={t('common.photos.remove', { name: f.name })}
                title={t('common.photos.remove', { name: f.name })}
                onClick={() => onChange?.(files.filter((_, j) => j !== i))}
                style={{ position: 'absolute', top: -6, right: -6, boxShadow: '0 1px 3px rgba(0,0,0,.2)' }}
              />
            </div>
          ))}
        </Flex>
      )}
      <Flex gap={8} wrap align="center">
        {touch && (
          <Button
            icon={<CameraOutlined />}
            disabled={disabled || full}
            onClick={() => camera.current?.click()}
            size="large"
          >
            {t('common.photos.camera')}
          </Button>
        )}
        <Button
          icon={<PictureOutlined />}
          disabled={disabled || full}
          onClick={() => gallery.current?.click()}
          size={touch ? 'large' : 'middle'}
        >
          {t('common.photos.pick')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint
            ? hint(files.length, PHOTO_MAX_COUNT)
            : t('common.photos.hint', { n: files.length, max: PHOTO_MAX_COUNT })}
        </Typography.Text>
      </Flex>
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        style={{ display: 'none' }}
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          add(e.target.files)
          e.target.value = ''
        }}
      />
      <input
        id={id}
        ref={gallery}
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
