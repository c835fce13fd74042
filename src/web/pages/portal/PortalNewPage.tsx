import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Flex,
  Form,
  Grid,
  Input,
  Popconfirm,
  Progress,
  Radio,
  Select,
  Skeleton,
  Typography,
} from 'antd'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { post } from '../../api/client'
import { useDict } from '../../api/queries'
import type { Me, ProblemDetail } from '../../api/types'
import { PhotoPicker } from '../../components/PhotoPicker'
import { applyFieldError, errorMessage } from '../../lib/form-errors'
import { dictText } from '../problems/new/dict'
import { useEnterpriseOverview } from '../problems/new/enterprise'
import { LocationInput, type LocationValue, locationBody } from '../problems/new/LocationInput'
import { uploadPhotos } from '../problems/new/upload'
import { SimilarProblems } from '../problems/suggest/SimilarProblems'
import { PortalColumn, PortalGate } from './portal-ui'

interface Values {
  category?: string
  title?: string
  description?: string
  photos?: File[]
  projectId?: number | null
  location?: LocationValue
  reporterPhone?: string
}

type Draft = Omit<Values, 'photos'>

const PHONE = /^[0-9+() -]{5,20}$/
const FIELD_MAP = { address: 'location', lng: 'location', lat: 'location' }
const draftKey = (userId: number) => `qd.portal.draft.${userId}`

function readDraft(userId: number): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(userId))
    const d = raw ? (JSON.parse(raw) as Draft) : null
    return d && (d.title || d.description) ? d : null
  } catch {
    return null
  }
}

/** /portal/new — 反映问题 on a phone at the plant. */
export default function PortalNewPage() {
  return <PortalGate>{(me) => <ReportForm me={me} />}</PortalGate>
}

/**
 * The enterprise's report: category, title, description, photos (camera or gallery), the project it
 * concerns, where it is (typed, or the phone's position) and the phone to call back, prefilled. Similar
 * problems of the enterprise show as one types, so a problem already reported is followed instead of
 * sent twice. What was typed survives a lost connection or a closed tab (a draft in this browser).
 */
function ReportForm({ me }: { me: Me & { enterprise: { id: number; name: string } } }) {
  const { t, i18n } = useTranslation()
  const { message, notification } = AntApp.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const phone = Grid.useBreakpoint().sm === false
  const categories = useDict('problem_category')
  const overview = useEnterpriseOverview(me.enterprise.id)
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number; percent: number } | null>(null)
  const draft = useMemo(() => readDraft(me.id), [me.id])
  const [restored, setRestored] = useState(!!draft)
  const phonePrefilled = useRef(false)

  const title = Form.useWatch('title', form) ?? ''
  const description = Form.useWatch('description', form) ?? ''
  const category = Form.useWatch('category', form)

  // The contact phone: the account's own number, unless the draft had one.
  useEffect(() => {
    if (phonePrefilled.current || !overview.data) return
    phonePrefilled.current = true
    if (form.getFieldValue('reporterPhone')) return
    const mine = overview.data.accounts.find((a) => a.id === me.id)?.phone
    if (mine) form.setFieldValue('reporterPhone', mine)
  }, [overview.data, form, me.id])

  const projects = overview.data?.projects ?? []
  const categoryOptions = (categories.data?.items ?? []).filter((i) => i.enabled)

  function saveDraft() {
    const { photos: _photos, ...rest } = form.getFieldsValue(true) as Values
    try {
      localStorage.setItem(draftKey(me.id), JSON.stringify(rest))
    } catch {
      // storage full or disabled: the form still works
    }
  }

  function clearDraft() {
    localStorage.removeItem(draftKey(me.id))
    form.resetFields()
    const mine = overview.data?.accounts.find((a) => a.id === me.id)?.phone
    if (mine) form.setFieldValue('reporterPhone', mine)
    setRestored(false)
  }

  async function submit(v: Values) {
    setBusy(true)
    try {
      const created = await post<ProblemDetail>('/api/problems', {
        category: v.category,
        title: v.title?.trim(),
        description: v.description?.trim(),
        projectId: v.projectId ?? null,
        ...locationBody(v.location),
        reporterPhone: v.reporterPhone?.trim() || null,
      })
      localStorage.removeItem(draftKey(me.id))
      const photos = v.photos ?? []
      if (photos.length) {
        setProgress({ done: 0, total: photos.length, percent: 0 })
        const out = await uploadPhotos(created.id, photos, (done, percent) =>
          setProgress({ done, total: photos.length, percent }),
        )
        if (out.failed.length)
          notification.warning({
            title: t('portal.form.submitted', { code: created.code }),
            description: t('portal.form.photosFailed', {
              n: out.failed.length,
              names: out.failed.map((f) => `${f.name}（${f.message}）`).join('、'),
            }),
            duration: 0,
          })
      }
      void qc.invalidateQueries({ queryKey: ['problems'] })
      navigate(`/portal/${created.id}`, { replace: true, state: { submitted: created.code } })
    } catch (e) {
      if (!applyFieldError(form, e, FIELD_MAP)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  const big = phone ? ('large' as const) : undefined

  return (
    <PortalColumn>
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Link to="/portal">
          <Button type="text" icon={<ArrowLeftOutlined />} style={{ paddingInline: 4 }}>
            {t('portal.back')}
          </Button>
        </Link>
      </Flex>
      <Card
        title={t('portal.form.title')}
        styles={{ body: { padding: phone ? 14 : 24 } }}
        extra={
          restored && (
            <Popconfirm title={t('portal.form.clearDraftConfirm')} onConfirm={clearDraft}>
              <Button type="link" size="small">
                {t('portal.form.clearDraft')}
              </Button>
            </Popconfirm>
          )
        }
      >
        {restored ? (
          <Alert type="info" showIcon title={t('portal.form.draftRestored')} style={{ marginBottom: 16 }} />
        ) : (
          <Typography.Paragraph type="secondary">{t('portal.form.intro')}</Typography.Paragraph>
        )}
        {categories.isLoading ? (
          <Skeleton active />
        ) : (
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={submit}
            disabled={busy}
            size={big}
            initialValues={{ photos: [], location: {}, projectId: null, ...draft }}
            onValuesChange={saveDraft}
            scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
          >
            <Form.Item
              name="category"
              label={t('portal.form.category')}
              rules={[{ required: true, message: t('portal.form.ruleCategory') }]}
            >
              <Radio.Group
                aria-label={t('portal.form.category')}
                buttonStyle="solid"
                style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
              >
                {categoryOptions.map((c) => (
                  <Radio.Button
                    key={c.code}
                    value={c.code}
                    style={{ borderRadius: 6, borderInlineStartWidth: 1 }}
                  >
                    {dictText(c, i18n.language)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="title"
              label={t('portal.form.titleLabel')}
              rules={[
                { required: true, whitespace: true, message: t('portal.form.ruleTitle') },
                { min: 2, message: t('portal.form.ruleTitleMin') },
              ]}
            >
              <Input maxLength={100} showCount placeholder={t('portal.form.titlePlaceholder')} />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('portal.form.description')}
              rules={[{ required: true, whitespace: true, message: t('portal.form.ruleDescription') }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 4, maxRows: 10 }}
                maxLength={2000}
                showCount
                placeholder={t('portal.form.descriptionPlaceholder')}
              />
            </Form.Item>
            <div style={{ marginBottom: 16 }}>
              <SimilarProblems
                text={`${title} ${description}`}
                category={category}
                onJoin={(id) => navigate(`/portal/${id}`)}
              />
            </div>
            <Form.Item name="photos" label={t('portal.form.photos')}>
              <PhotoPicker disabled={busy} />
            </Form.Item>
            {projects.length > 0 && (
              <Form.Item name="projectId" label={t('portal.form.project')}>
                <Select
                  allowClear
                  placeholder={t('portal.form.projectPlaceholder')}
                  options={projects.map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
            )}
            <Form.Item name="location" label={t('portal.form.location')}>
              <LocationInput placeholder={t('portal.form.locationPlaceholder')} size={big} />
            </Form.Item>
            <Form.Item
              name="reporterPhone"
              label={t('portal.form.phone')}
              extra={t('portal.form.phoneHelp')}
              rules={[{ pattern: PHONE, message: t('portal.form.rulePhone') }]}
            >
              <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
            </Form.Item>
            {progress && (
              <div aria-live="polite" style={{ marginBottom: 12 }}>
                <Typography.Text>
                  {t('portal.form.uploading', { done: progress.done, total: progress.total })}
                </Typography.Text>
                <Progress
                  percent={Math.round(((progress.done + progress.percent / 100) / progress.total) * 100)}
                  status="active"
                  size="small"
                />
              </div>
            )}
            <Flex gap={8} vertical={phone}>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SendOutlined />}
                loading={busy}
                block={phone}
                size="large"
                style={phone ? { height: 50 } : undefined}
              >
                {busy ? t('portal.form.submitting') : t('portal.form.submit')}
              </Button>
              {!phone && (
                <Button size="large" onClick={() => navigate('/portal')} disabled={busy}>
                  {t('portal.form.cancel')}
                </Button>
              )}
            </Flex>
          </Form>
        )}
      </Card>
    </PortalColumn>
  )
}
