import { ArrowLeftOutlined, BellOutlined, UserOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Grid,
  Input,
  Progress,
  Row,
  Select,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { can, useMe } from '../../api/auth'
import { post } from '../../api/client'
import { useDict, useZones } from '../../api/queries'
import type { ProblemDetail, SimilarResult } from '../../api/types'
import { EnterpriseSelect } from '../../components/EnterpriseSelect'
import { PageHeader } from '../../components/PageHeader'
import { PhotoPicker } from '../../components/PhotoPicker'
import { ZoneSelect } from '../../components/ZoneSelect'
import { applyFieldError, errorMessage } from '../../lib/form-errors'
import { dayjs, TZ } from '../../lib/format'
import { dictText } from './new/dict'
import { useEnterpriseOverview } from './new/enterprise'
import { LocationInput, type LocationValue, locationBody } from './new/LocationInput'
import { uploadPhotos } from './new/upload'
import { SimilarProblems } from './suggest/SimilarProblems'

interface Values {
  source?: string
  zoneId?: number
  enterpriseId?: number | null
  projectId?: number | null
  category?: string | null
  title?: string
  description?: string
  location?: LocationValue
  reporterName?: string
  reporterPhone?: string
  rectifyDeadline?: Dayjs | null
  photos?: File[]
}

/** Server field → form field (the location's three body fields are one control). */
const FIELD_MAP = { address: 'location', lng: 'location', lat: 'location' }
const PHONE = /^[0-9+() -]{5,20}$/
const today = () => dayjs().tz(TZ).startOf('day')

type JoinTarget = { id: number; code: string; title: string | null }

/**
 * 登记问题 by staff (首问责任制): source, enterprise and project, category, title and description,
 * location, reporter, the rectification deadline of inspection findings, photos. Similar open problems
 * are suggested as one types (a supervisor can have the new problem join a common one). On success the
 * problem's page opens and the user is told they are its first receiver until triage accepts it.
 */
export default function NewProblemPage() {
  const { t, i18n } = useTranslation()
  const { message, notification } = AntApp.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const screens = Grid.useBreakpoint()
  const wide = !!screens.lg
  const { data: me } = useMe()
  const aboveZones = !!me && !me.zone
  const zones = useZones(aboveZones)
  const sources = useDict('problem_source')
  const categories = useDict('problem_category')
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number; percent: number } | null>(null)
  const [join, setJoin] = useState<JoinTarget | null>(null)

  const source = Form.useWatch('source', form)
  const zoneId = Form.useWatch('zoneId', form)
  const enterpriseId = Form.useWatch('enterpriseId', form)
  const category = Form.useWatch('category', form)
  const title = Form.useWatch('title', form) ?? ''
  const description = Form.useWatch('description', form) ?? ''
  const overview = useEnterpriseOverview(enterpriseId)
  const canJoin = can(me, 'problem:triage')

  const label = (k: string) => t(`problemNew.field.${k}`)
  const select = (k: string) => ({
    required: true,
    message: t('problemNew.rule.select', { field: label(k) }),
  })
  const fill = (k: string) => ({
    required: true,
    whitespace: true,
    message: t('problemNew.rule.fill', { field: label(k) }),
  })

  // A project belongs to one enterprise: choosing another enterprise clears it.
  useEffect(() => {
    const p = form.getFieldValue('projectId')
    if (p && overview.data && !overview.data.projects.some((x) => x.id === p))
      form.setFieldValue('projectId', null)
  }, [overview.data, form])

  const sourceOptions = useMemo(
    () =>
      (sources.data?.items ?? [])
        .filter((i) => i.enabled && i.code !== 'open311')
        .map((i) => ({ value: i.code, label: dictText(i, i18n.language) })),
    [sources.data, i18n.language],
  )
  const categoryOptions = useMemo(
    () =>
      (categories.data?.items ?? [])
        .filter((i) => i.enabled)
        .map((i) => ({ value: i.code, label: dictText(i, i18n.language) })),
    [categories.data, i18n.language],
  )
  const projectOptions = (overview.data?.projects ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${p.code}）`,
  }))
  const contacts = useMemo(() => {
    const list = overview.data?.enterprise.contacts ?? []
    return list
      .filter((c) => c.name)
      .map((c) => ({
        value: c.name,
        phone: c.phone ?? '',
        label: [c.name, c.title, c.phone].filter(Boolean).join(' · '),
      }))
  }, [overview.data])

  /** "Join" on a suggestion: only a common problem (or one already merged into one) can be joined. */
  function onJoin(problemId: number) {
    const found = qc
      .getQueriesData<SimilarResult>({ queryKey: ['problems', 'similar'] })
      .flatMap(([, d]) => d?.items ?? [])
      .find((p) => p.id === problemId)
    if (!found) return
    if (found.isCommon) setJoin({ id: found.id, code: found.code, title: found.title })
    else if (found.commonId) setJoin({ id: found.commonId, code: found.commonCode ?? '', title: null })
    else message.info(t('problemNew.join.notCommon', { code: found.code }), 6)
  }

  async function submit(v: Values) {
    setBusy(true)
    try {
      const created = await post<ProblemDetail>('/api/problems', {
        source: v.source,
        ...(aboveZones && v.zoneId ? { zoneId: v.zoneId } : {}),
        enterpriseId: v.enterpriseId ?? null,
        projectId: v.projectId ?? null,
        category: v.category || null,
        title: v.title?.trim(),
        description: v.description?.trim(),
        ...locationBody(v.location),
        reporterName: v.reporterName?.trim() || null,
        reporterPhone: v.reporterPhone?.trim() || null,
        rectifyDeadline:
          v.source === 'inspection' && v.rectifyDeadline ? v.rectifyDeadline.format('YYYY-MM-DD') : null,
      })
      const notes: string[] = [t('problemNew.createdNote')]
      if (join) {
        try {
          await post(`/api/problems/common/${join.id}/attach`, { problemIds: [created.id] })
          notes.push(t('problemNew.join.done', { code: join.code }))
        } catch (e) {
          notes.push(t('problemNew.join.failed', { message: errorMessage(e) }))
        }
      }
      const photos = v.photos ?? []
      let failed = false
      if (photos.length) {
        setProgress({ done: 0, total: photos.length, percent: 0 })
        const out = await uploadPhotos(created.id, photos, (done, percent) =>
          setProgress({ done, total: photos.length, percent }),
        )
        if (out.uploaded) notes.push(t('problemNew.uploaded', { n: out.uploaded }))
        if (out.failed.length) {
          failed = true
          notes.push(
            t('problemNew.uploadFailed', {
              n: out.failed.length,
              names: out.failed.map((f) => `${f.name}（${f.message}）`).join('、'),
            }),
          )
        }
      }
      void qc.invalidateQueries({ queryKey: ['problems'] })
      notification[failed ? 'warning' : 'success']({
        title: t('problemNew.created', { code: created.code }),
        description: notes.join(' '),
        duration: failed ? 0 : 10,
        icon: failed ? undefined : <BellOutlined style={{ color: '#1677ff' }} />,
      })
      navigate(`/problems/${created.id}`)
    } catch (e) {
      if (!applyFieldError(form, e, FIELD_MAP)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  const similar = (
    <SimilarProblems
      text={`${title} ${description}`}
      category={category ?? undefined}
      enterpriseId={enterpriseId ?? undefined}
      onJoin={canJoin ? onJoin : undefined}
    />
  )

  const joinNote = join && (
    <Alert
      type="info"
      showIcon
      title={t('problemNew.join.pending', { code: join.code })}
      description={join.title}
      action={
        <Button size="small" onClick={() => setJoin(null)}>
          {t('problemNew.join.cancel')}
        </Button>
      }
    />
  )

  const receiverNote = (
    <Alert type="info" showIcon icon={<UserOutlined />} title={t('problemNew.firstReceiverNote')} />
  )

  return (
    <>
      <PageHeader
        title={t('problemNew.title')}
        subtitle={wide ? t('problemNew.subtitle') : undefined}
        extra={
          <Link to="/problems">
            <Button icon={<ArrowLeftOutlined />}>{t('nav.problems')}</Button>
          </Link>
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
        initialValues={{ photos: [], location: {} }}
        requiredMark
      >
        <Row gutter={[16, 16]} align="top">
          <Col xs={24} lg={15}>
            <Flex vertical gap={16}>
              {!wide && receiverNote}
              <Card size="small" title={t('problemNew.sectionSource')}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="source"
                      label={label('source')}
                      rules={[select('source')]}
                      extra={t('problemNew.help.source')}
                    >
                      <Select
                        options={sourceOptions}
                        loading={sources.isLoading}
                        placeholder={t('problemNew.placeholder.source')}
                        autoFocus
                        showSearch={{ optionFilterProp: 'label' }}
                      />
                    </Form.Item>
                  </Col>
                  {aboveZones && (
                    <Col xs={24} md={12}>
                      <Form.Item name="zoneId" label={label('zone')} rules={[select('zone')]}>
                        <ZoneSelect
                          loading={zones.isLoading}
                          placeholder={t('problemNew.placeholder.zone')}
                          onChange={() => form.setFieldsValue({ enterpriseId: null, projectId: null })}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="enterpriseId"
                      label={label('enterprise')}
                      extra={t('problemNew.help.enterprise')}
                    >
                      <EnterpriseSelect
                        zoneId={aboveZones ? zoneId : undefined}
                        placeholder={t('problemNew.placeholder.enterprise')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="projectId" label={label('project')}>
                      <Select
                        allowClear
                        options={projectOptions}
                        loading={overview.isFetching}
                        disabled={busy || !enterpriseId}
                        placeholder={
                          !enterpriseId
                            ? t('problemNew.placeholder.projectNeedsEnterprise')
                            : overview.data && !projectOptions.length
                              ? t('problemNew.placeholder.noProjects')
                              : t('problemNew.placeholder.project')
                        }
                        showSearch={{ optionFilterProp: 'label' }}
                      />
                    </Form.Item>
                  </Col>
                  {source === 'inspection' && (
                    <Col xs={24} md={12}>
                      <Form.Item
                        name="rectifyDeadline"
                        label={label('rectifyDeadline')}
                        extra={t('problemNew.help.rectifyDeadline')}
                        rules={[
                          select('rectifyDeadline'),
                          {
                            validator: (_, d: Dayjs | null) =>
                              d?.isBefore(today(), 'day')
                                ? Promise.reject(new Error(t('problemNew.rule.deadlinePast')))
                                : Promise.resolve(),
                          },
                        ]}
                      >
                        <DatePicker
                          style={{ width: '100%' }}
                          placeholder={t('problemNew.placeholder.rectifyDeadline')}
                          disabledDate={(d) => d.isBefore(today(), 'day')}
                        />
                      </Form.Item>
                    </Col>
                  )}
                </Row>
              </Card>

              <Card size="small" title={t('problemNew.sectionProblem')}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="category"
                      label={label('category')}
                      extra={t('problemNew.help.category')}
                    >
                      <Select
                        allowClear
                        options={categoryOptions}
                        loading={categories.isLoading}
                        placeholder={t('problemNew.placeholder.category')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item
                      name="title"
                      label={label('title')}
                      rules={[fill('title'), { min: 2, message: t('problemNew.rule.titleMin') }]}
                    >
                      <Input maxLength={100} showCount placeholder={t('problemNew.placeholder.title')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name="description" label={label('description')} rules={[fill('description')]}>
                      <Input.TextArea
                        autoSize={{ minRows: 4, maxRows: 12 }}
                        maxLength={2000}
                        showCount
                        placeholder={t('problemNew.placeholder.description')}
                      />
                    </Form.Item>
                  </Col>
                  {!wide && (
                    <Col xs={24}>
                      <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                        {similar}
                        {joinNote}
                      </Flex>
                    </Col>
                  )}
                  <Col xs={24}>
                    <Form.Item name="location" label={label('location')}>
                      <LocationInput placeholder={t('problemNew.placeholder.location')} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>

              <Card size="small" title={t('problemNew.sectionReporter')}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="reporterName"
                      label={label('reporterName')}
                      extra={enterpriseId && contacts.length ? t('problemNew.help.reporterName') : undefined}
                    >
                      <AutoComplete
                        options={contacts}
                        maxLength={50}
                        placeholder={t('problemNew.placeholder.reporterName')}
                        showSearch={{
                          filterOption: (input, o) =>
                            String(o?.label ?? '')
                              .toLowerCase()
                              .includes(input.toLowerCase()),
                        }}
                        onSelect={(_, o) => {
                          if (o.phone && !form.getFieldValue('reporterPhone'))
                            form.setFieldValue('reporterPhone', o.phone)
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="reporterPhone"
                      label={label('reporterPhone')}
                      rules={[{ pattern: PHONE, message: t('problemNew.rule.phone') }]}
                    >
                      <Input
                        type="tel"
                        inputMode="tel"
                        maxLength={20}
                        placeholder={t('problemNew.placeholder.reporterPhone')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name="photos" label={label('photos')} style={{ marginBottom: 8 }}>
                      <PhotoPicker disabled={busy} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>

              {progress && (
                <div aria-live="polite">
                  <Typography.Text>
                    {t('problemNew.uploading', { done: progress.done, total: progress.total })}
                  </Typography.Text>
                  <Progress
                    percent={Math.round(((progress.done + progress.percent / 100) / progress.total) * 100)}
                    status="active"
                    size="small"
                  />
                </div>
              )}
              <Flex gap={8} justify={wide ? 'flex-start' : 'stretch'} wrap>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={busy}
                  size={wide ? 'middle' : 'large'}
                  style={wide ? undefined : { flex: 1 }}
                >
                  {t('problemNew.submit')}
                </Button>
                <Button
                  onClick={() => navigate('/problems')}
                  disabled={busy}
                  size={wide ? 'middle' : 'large'}
                  style={wide ? undefined : { flex: 1 }}
                >
                  {t('problemNew.cancel')}
                </Button>
              </Flex>
            </Flex>
          </Col>
          {wide && (
            <Col lg={9}>
              <Flex vertical gap={12} style={{ position: 'sticky', top: 16 }}>
                {receiverNote}
                {joinNote}
                {similar}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('problemNew.similarHint')}
                </Typography.Text>
              </Flex>
            </Col>
          )}
        </Row>
      </Form>
    </>
  )
}
