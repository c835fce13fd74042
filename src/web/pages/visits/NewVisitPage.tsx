import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Grid,
  Input,
  Progress,
  Radio,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { uploadAttachment } from '../../api/attachments'
import { useMe } from '../../api/auth'
import { get, post } from '../../api/client'
import type { Enterprise } from '../../api/types'
import { PageHeader } from '../../components/PageHeader'
import { PhotoPicker } from '../../components/PhotoPicker'
import { UserSelect } from '../../components/UserSelect'
import { ZoneSelect } from '../../components/ZoneSelect'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, TZ } from '../../lib/format'
import type { Ref, VisitDetail } from './types'
import { type Point, PointInput } from './visit-inputs'
import {
  applyVisitError,
  EnterprisesSelect,
  ProblemFields,
  ProjectsSelect,
  SuggestionFields,
  useDictOptions,
} from './visit-ui'

interface Values {
  zoneId?: number
  kind: string
  visitDate: Dayjs
  place: string
  summary?: string
  location?: Point
  leaderIds: number[]
  enterpriseIds?: number[]
  projectIds?: number[]
  participants?: string
  notes?: string
  photos?: File[]
  problems?: Array<{ title: string; description: string; category?: string; enterpriseId?: number }>
  suggestions?: Array<{
    content: string
    departmentId?: number
    leaderUserId?: number
    enterpriseId?: number
  }>
}

const FIELD_MAP = { lng: 'location', lat: 'location' }
const today = () => dayjs().tz(TZ).startOf('day')
/** "王振东（管委会主任） · 领导班子" → "王振东" */
const personName = (label: unknown) => String(label ?? '').split(/[（ ]/)[0]

/**
 * 登记走访, phone first (a leader on site): kind, date, place and map point, leaders, enterprises and
 * projects, participants, notes, photos — and the problems found (straight into the problem loop) and
 * suggestions made, entered inline; one submit saves it all, then the photos upload.
 */
export default function NewVisitPage() {
  const { t } = useTranslation()
  const { notification, message } = AntApp.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const [search] = useSearchParams()
  const screens = Grid.useBreakpoint()
  const phone = !screens.md
  const { data: me } = useMe()
  const aboveZones = !!me && !me.zone
  const kinds = useDictOptions('visit_kind')
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number; percent: number } | null>(null)
  // A leader records their own visit; others (督查室, 专员) choose the leaders.
  const meLeads = !!me?.roles.some((r) => r.code === 'leader')
  const [leaderNames, setLeaderNames] = useState<Ref[]>(me ? [{ id: me.id, name: me.displayName }] : [])
  const [enterpriseNames, setEnterpriseNames] = useState<Ref[]>([])

  // Opened from an enterprise's page: that enterprise is preselected.
  const fromEnterprise = Number(search.get('enterpriseId')) || undefined
  const preset = useQuery({
    queryKey: ['enterprises', fromEnterprise],
    queryFn: () => get<Enterprise>(`/api/enterprises/${fromEnterprise}`),
    enabled: !!fromEnterprise,
  })
  const presetRef = useMemo(
    () => (preset.data ? [{ id: preset.data.id, name: preset.data.name }] : []),
    [preset.data],
  )
  useEffect(() => {
    if (!presetRef.length) return
    setEnterpriseNames(presetRef)
    form.setFieldValue(
      'enterpriseIds',
      presetRef.map((e) => e.id),
    )
  }, [presetRef, form])

  const leaderIds = Form.useWatch('leaderIds', form) ?? []
  const enterpriseIds = Form.useWatch('enterpriseIds', form) ?? []
  const leaders = leaderNames.filter((l) => leaderIds.includes(l.id))
  const enterprises = enterpriseNames.filter((e) => enterpriseIds.includes(e.id))

  async function submit(v: Values) {
    setBusy(true)
    try {
      const created = await post<VisitDetail>('/api/visits', {
        ...(aboveZones && v.zoneId ? { zoneId: v.zoneId } : {}),
        kind: v.kind,
        visitDate: v.visitDate.format('YYYY-MM-DD'),
        place: v.place.trim(),
        summary: v.summary?.trim() || null,
        lng: v.location?.lng ?? null,
        lat: v.location?.lat ?? null,
        leaderIds: v.leaderIds,
        enterpriseIds: v.enterpriseIds ?? [],
        projectIds: v.projectIds ?? [],
        participants: v.participants?.trim() || null,
        notes: v.notes?.trim() || null,
        problems: (v.problems ?? []).map((p) => ({
          title: p.title.trim(),
          description: p.description.trim(),
          category: p.category ?? null,
          enterpriseId: p.enterpriseId ?? null,
        })),
        suggestions: (v.suggestions ?? []).map((s) => ({
          content: s.content.trim(),
          departmentId: s.departmentId ?? null,
          leaderUserId: s.leaderUserId ?? null,
          enterpriseId: s.enterpriseId ?? null,
        })),
      })
      const notes = [
        t('visits.new.outputs', { problems: created.problemCount, suggestions: created.suggestionCount }),
      ]
      const photos = v.photos ?? []
      const failed: string[] = []
      if (photos.length) {
        setProgress({ done: 0, total: photos.length, percent: 0 })
        for (const [i, f] of photos.entries()) {
          try {
            await uploadAttachment('visit', created.id, f, (percent) =>
              setProgress({ done: i, total: photos.length, percent }),
            )
          } catch (e) {
            failed.push(`${f.name}（${errorMessage(e)}）`)
          }
        }
        if (photos.length > failed.length)
          notes.push(t('visits.new.uploaded', { n: photos.length - failed.length }))
        if (failed.length) notes.push(t('visits.new.uploadFailed', { names: failed.join('、') }))
      }
      void qc.invalidateQueries({ queryKey: ['visits'] })
      void qc.invalidateQueries({ queryKey: ['problems'] })
      notification[failed.length ? 'warning' : 'success']({
        title: t('visits.new.saved', { code: created.code }),
        description: notes.join(' '),
        duration: failed.length ? 0 : 8,
      })
      navigate(`/visits/${created.id}`)
    } catch (e) {
      if (!applyVisitError(form, e, FIELD_MAP)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  const req = (key: string) => ({ required: true, message: t(`visits.rule.${key}`) })
  const size = phone ? ('large' as const) : undefined

  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <Link to="/visits">
        <ArrowLeftOutlined /> {t('visits.backToList')}
      </Link>
      <PageHeader title={t('visits.new.title')} subtitle={t('visits.new.subtitle')} />
      <Form<Values>
        form={form}
        layout="vertical"
        size={size}
        disabled={busy}
        onFinish={submit}
        scrollToFirstError
        initialValues={{
          kind: 'onsite',
          visitDate: today(),
          leaderIds: me && meLeads ? [me.id] : [],
          problems: [],
          suggestions: [],
        }}
      >
        <Card size="small" title={t('visits.new.basics')} style={{ marginBottom: 12 }}>
          {aboveZones && (
            <Form.Item name="zoneId" label={t('visits.field.zone')} rules={[req('zone')]}>
              <ZoneSelect placeholder={t('visits.placeholder.zone')} />
            </Form.Item>
          )}
          <Form.Item name="kind" label={t('visits.field.kind')} rules={[req('kind')]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={kinds} />
          </Form.Item>
          <Form.Item name="visitDate" label={t('visits.field.visitDate')} rules={[req('visitDate')]}>
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly={phone}
              disabledDate={(d) => d.isAfter(today(), 'day')}
            />
          </Form.Item>
          <Form.Item
            name="place"
            label={t('visits.field.place')}
            rules={[{ required: true, whitespace: true, message: t('visits.rule.place') }]}
          >
            <Input maxLength={200} placeholder={t('visits.placeholder.place')} />
          </Form.Item>
          <Form.Item name="location" label={t('visits.field.location')}>
            <PointInput />
          </Form.Item>
          <Form.Item
            name="leaderIds"
            label={t('visits.field.leaders')}
            rules={[{ required: true, type: 'array', min: 1, message: t('visits.rule.leaders') }]}
          >
            <UserSelect<number[]>
              mode="multiple"
              known={me ? [{ id: me.id, name: me.displayName }] : []}
              placeholder={t('visits.placeholder.leaders')}
              onChange={(_v, opts) => {
                const list = (Array.isArray(opts) ? opts : []) as Array<{ value?: unknown; label?: unknown }>
                setLeaderNames((old) => {
                  const next = [...old]
                  for (const o of list)
                    if (!next.some((x) => x.id === Number(o.value)))
                      next.push({ id: Number(o.value), name: personName(o.label) })
                  return next
                })
              }}
            />
          </Form.Item>
          <Form.Item name="enterpriseIds" label={t('visits.field.enterprises')}>
            <EnterprisesSelect
              known={presetRef}
              placeholder={t('visits.placeholder.enterprises')}
              onPicked={(items) =>
                setEnterpriseNames((old) => [
                  ...old.filter((o) => !items.some((i) => i.id === o.id)),
                  ...items,
                ])
              }
            />
          </Form.Item>
          <Form.Item name="projectIds" label={t('visits.field.projects')}>
            <ProjectsSelect placeholder={t('visits.placeholder.projects')} />
          </Form.Item>
          <Form.Item name="summary" label={t('visits.field.summary')} extra={t('visits.hint.summary')}>
            <Input maxLength={200} placeholder={t('visits.placeholder.summary')} />
          </Form.Item>
          <Form.Item name="participants" label={t('visits.field.participants')}>
            <Input maxLength={500} placeholder={t('visits.placeholder.participants')} />
          </Form.Item>
          <Form.Item name="notes" label={t('visits.field.notes')}>
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('visits.placeholder.notes')} />
          </Form.Item>
          <Form.Item name="photos" label={t('visits.field.photos')} valuePropName="value">
            <PhotoPicker disabled={busy} hint={(n, max) => t('visits.photos.hint', { n, max })} />
          </Form.Item>
        </Card>

        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <Card
              size="small"
              title={t('visits.new.problems', { n: fields.length })}
              style={{ marginBottom: 12 }}
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('visits.hint.problems')}
              </Typography.Paragraph>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  type="inner"
                  title={t('visits.new.problemN', { n: i + 1 })}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('visits.new.removeProblem', { n: i + 1 })}
                      onClick={() => remove(f.name)}
                    />
                  }
                  style={{ marginBottom: 8 }}
                >
                  <ProblemFields prefix={[f.name]} enterprises={enterprises} />
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() =>
                  add({ enterpriseId: enterprises.length === 1 ? enterprises[0].id : undefined })
                }
              >
                {t('visits.new.addProblem')}
              </Button>
            </Card>
          )}
        </Form.List>

        <Form.List name="suggestions">
          {(fields, { add, remove }) => (
            <Card
              size="small"
              title={t('visits.new.suggestions', { n: fields.length })}
              style={{ marginBottom: 12 }}
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('visits.hint.suggestions')}
              </Typography.Paragraph>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  type="inner"
                  title={t('visits.new.suggestionN', { n: i + 1 })}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('visits.new.removeSuggestion', { n: i + 1 })}
                      onClick={() => remove(f.name)}
                    />
                  }
                  style={{ marginBottom: 8 }}
                >
                  <SuggestionFields prefix={[f.name]} leaders={leaders} enterprises={enterprises} />
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ leaderUserId: leaders[0]?.id })}
              >
                {t('visits.new.addSuggestion')}
              </Button>
            </Card>
          )}
        </Form.List>

        {progress && (
          <Progress
            percent={Math.round(((progress.done + progress.percent / 100) / progress.total) * 100)}
            format={() => t('visits.new.uploading', { done: progress.done, total: progress.total })}
            style={{ marginBottom: 12 }}
          />
        )}
        <Flex gap={8} justify="end" wrap style={{ marginBottom: 24 }}>
          {!phone && <Button onClick={() => navigate('/visits')}>{t('common.cancel')}</Button>}
          <Button type="primary" htmlType="submit" loading={busy} block={phone} size="large">
            {t('visits.new.submit')}
          </Button>
        </Flex>
      </Form>
    </div>
  )
}
