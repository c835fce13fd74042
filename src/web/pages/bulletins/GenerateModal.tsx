import { useQuery } from '@tanstack/react-query'
import { Alert, DatePicker, Form, Modal, Progress, Radio, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useMe } from '../../api/auth'
import { get, postStream } from '../../api/client'
import { ZoneSelect } from '../../components/ZoneSelect'
import { applyFieldError, errorMessage } from '../../lib/form-errors'
import { dayjs } from '../../lib/format'
import type { BulletinDetail, BulletinKind } from './types'

const PICKER = { weekly: 'week', monthly: 'month', quarterly: 'quarter' } as const

/** The period key the server expects, from the picked week / month / quarter. */
function keyOf(kind: BulletinKind, d: Dayjs): string {
  if (kind === 'weekly') return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD') // its Monday
  if (kind === 'monthly') return d.format('YYYY-MM')
  return `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`
}
function dayOf(key: string): Dayjs {
  const q = /^(\d{4})-Q([1-4])$/.exec(key)
  if (q) return dayjs(`${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01`)
  return dayjs(key.length === 7 ? `${key}-01` : key)
}

/** Picks kind and period, then generates the draft, showing each step as the server reports it. */
export function GenerateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { data: me } = useMe()
  const [form] = Form.useForm<{ kind: BulletinKind; period: Dayjs; zoneId?: number }>()
  const kind = Form.useWatch('kind', form) ?? 'monthly'
  const [progress, setProgress] = useState<{ step: string; percent: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const aboveZones = !!me && !me.zone
  const defaults = useQuery({
    queryKey: ['bulletins', 'defaults'],
    queryFn: () => get<Record<BulletinKind, { periodKey: string; label: string }>>('/api/bulletins/defaults'),
    enabled: open,
  })
  useEffect(() => {
    if (open && defaults.data) form.setFieldsValue({ period: dayOf(defaults.data[kind].periodKey) })
  }, [open, defaults.data, kind, form])

  async function submit() {
    const v = await form.validateFields()
    setError(null)
    setProgress({ step: t('bulletins.generate.running'), percent: 2 })
    try {
      const b = await postStream<BulletinDetail>(
        '/api/bulletins',
        { kind: v.kind, periodKey: keyOf(v.kind, v.period), zoneId: v.zoneId },
        (line) => setProgress({ step: line.step ?? '', percent: line.percent ?? 0 }),
      )
      setProgress({ step: t('bulletins.generate.done'), percent: 100 })
      onClose()
      navigate(`/rhythm/bulletins/${b.id}`)
    } catch (e) {
      setProgress(null)
      if (!applyFieldError(form, e, { periodKey: 'period' })) setError(errorMessage(e))
    }
  }

  return (
    <Modal
      open={open}
      title={t('bulletins.generate.title')}
      okText={t('bulletins.generate.submit')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={!!progress}
      cancelButtonProps={{ disabled: !!progress }}
      closable={!progress}
      maskClosable={false}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'monthly' }} disabled={!!progress}>
        <Form.Item name="kind" label={t('bulletins.generate.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid">
            {(['weekly', 'monthly', 'quarterly'] as const).map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`bulletins.kind.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="period"
          label={t('bulletins.generate.period')}
          extra={t('bulletins.generate.periodHint')}
          rules={[{ required: true, message: t('bulletins.generate.period') }]}
        >
          <DatePicker
            picker={PICKER[kind]}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs())}
          />
        </Form.Item>
        {aboveZones && (
          <Form.Item
            name="zoneId"
            label={t('bulletins.generate.zone')}
            rules={[{ required: true, message: t('bulletins.generate.zone') }]}
          >
            <ZoneSelect showSearch optionFilterProp="label" />
          </Form.Item>
        )}
      </Form>
      {progress && (
        <div data-testid="bulletin-progress">
          <Progress percent={progress.percent} status="active" />
          <Typography.Text type="secondary">{progress.step}</Typography.Text>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  )
}
