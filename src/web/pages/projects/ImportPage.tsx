import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Flex,
  Grid,
  Result,
  Select,
  Space,
  Steps,
  Tooltip,
  Typography,
  Upload,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../api/auth'
import { downloadUrl } from '../../api/client'
import type { ImportJobDetail } from '../../api/types'
import { useDepartmentTree } from '../../components/DepartmentTreeSelect'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { JobProgress } from './import/JobProgress'
import { RecentJobs } from './import/RecentJobs'
import { RowOutcomes } from './import/RowOutcomes'
import { SummaryStats } from './import/SummaryStats'
import { startImport } from './import/upload'
import { isRunning, useImportJob } from './import/use-import-job'

const MAX_BYTES = 20 * 1024 * 1024

/** 台账导入: download the template, upload a ledger, read the dry run, then import all or nothing. */
export default function ImportPage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const { data: me } = useMe()
  const aboveZones = !!me && !me.zone
  const tree = useDepartmentTree()
  const zones = (tree.data?.items ?? []).filter((d) => d.kind === 'zone' && d.enabled)

  const [step, setStep] = useState(0)
  const [file, setFile] = useState<File | null>(null)
  const [zoneId, setZoneId] = useState<number | undefined>()
  const [dryJobId, setDryJobId] = useState<string | null>(null)
  const [commitJobId, setCommitJobId] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const dry = useImportJob(dryJobId)
  const commit = useImportJob(commitJobId)
  const wide = Grid.useBreakpoint().md !== false
  const dryStatus = dry.data?.status
  const commitStatus = commit.data?.status
  // The recent-imports list follows the jobs as they finish.
  useEffect(() => {
    if (dryStatus || commitStatus) void qc.invalidateQueries({ queryKey: ['imports', 'list'] })
  }, [dryStatus, commitStatus, qc])

  async function begin(dryRun: boolean) {
    if (!file) return
    setBusy(true)
    try {
      const { jobId } = await startImport(file, dryRun, aboveZones ? zoneId : null)
      if (dryRun) {
        setDryJobId(jobId)
        setStep(2)
      } else {
        setCommitJobId(jobId)
        setStep(3)
      }
      await qc.invalidateQueries({ queryKey: ['imports', 'list'] })
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  function restart(keepFile = false) {
    if (!keepFile) setFile(null)
    setDryJobId(null)
    setCommitJobId(null)
    setStep(1)
  }

  const steps = [
    { title: t('imports.steps.template') },
    { title: t('imports.steps.upload') },
    { title: t('imports.steps.check') },
    { title: t('imports.steps.import') },
  ]

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => downloadUrl('/api/imports/template.xlsx')}>
            {t('imports.downloadTemplate')}
          </Button>
        }
      />
      <Card>
        <Steps
          current={step}
          items={steps}
          size="small"
          responsive={false}
          titlePlacement={wide ? 'horizontal' : 'vertical'}
          style={{ marginBottom: 24 }}
        />
        {step === 0 && <TemplateStep onNext={() => setStep(1)} />}
        {step === 1 && (
          <Flex vertical gap={16}>
            {aboveZones && (
              <Flex vertical gap={4} style={{ maxWidth: 420 }}>
                <Typography.Text strong>{t('imports.zone')}</Typography.Text>
                <Select
                  value={zoneId}
                  onChange={setZoneId}
                  placeholder={t('imports.zonePlaceholder')}
                  loading={tree.isLoading}
                  options={zones.map((z) => ({ value: z.id, label: z.name }))}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Flex>
            )}
            <Upload.Dragger
              accept=".xlsx"
              maxCount={1}
              fileList={file ? [{ uid: '1', name: file.name, size: file.size, status: 'done' }] : []}
              beforeUpload={(f) => {
                if (!/\.xlsx$/i.test(f.name)) message.error(t('imports.onlyXlsx'))
                else if (f.size > MAX_BYTES) message.error(t('imports.tooLarge'))
                else setFile(f)
                return Upload.LIST_IGNORE
              }}
              onRemove={() => setFile(null)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.dropHere')}</p>
              <p className="ant-upload-hint">{t('imports.dropHint')}</p>
            </Upload.Dragger>
            <Flex gap={8} wrap>
              <Button onClick={() => setStep(0)}>{t('imports.back')}</Button>
              <Button
                type="primary"
                loading={busy}
                disabled={!file || (aboveZones && !zoneId)}
                onClick={() => begin(true)}
              >
                {t('imports.startCheck')}
              </Button>
            </Flex>
          </Flex>
        )}
        {step === 2 && (
          <CheckStep
            job={dry.data}
            error={dry.error}
            busy={busy}
            onRestart={() => restart()}
            onRecheck={() => begin(true)}
            onCommit={() => begin(false)}
          />
        )}
        {step === 3 && <CommitStep job={commit.data} error={commit.error} onRestart={() => restart()} />}
      </Card>
      {can(me, 'project:import') && <RecentJobs />}
    </Flex>
  )
}

function TemplateStep({ onNext }: { onNext: () => void }) {
  const { t } = useTranslation()
  const tips = t('imports.tips', { returnObjects: true }) as string[]
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('imports.templateIntro')}</Typography.Paragraph>
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {tips.map((tip) => (
          <li key={tip} style={{ marginBottom: 4 }}>
            {tip}
          </li>
        ))}
      </ol>
      <Flex gap={8} wrap>
        <Button icon={<DownloadOutlined />} onClick={() => downloadUrl('/api/imports/template.xlsx')}>
          {t('imports.downloadTemplate')}
        </Button>
        <Button type="primary" onClick={onNext}>
          {t('imports.haveLedger')}
        </Button>
      </Flex>
    </Flex>
  )
}

function FailedJob({
  job,
  error,
  onRestart,
}: {
  job?: ImportJobDetail
  error: unknown
  onRestart: () => void
}) {
  const { t } = useTranslation()
  return (
    <Result
      status="error"
      title={job?.dryRun === false ? t('imports.commitFailed') : t('imports.checkFailed')}
      subTitle={job?.message ?? (error ? errorMessage(error) : '')}
      extra={
        <Space wrap>
          {job?.hasErrorFile && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => downloadUrl(`/api/imports/${job.id}/errors.xlsx`)}
            >
              {t('imports.downloadErrors')}
            </Button>
          )}
          <Button type="primary" icon={<ReloadOutlined />} onClick={onRestart}>
            {t('imports.uploadAgain')}
          </Button>
        </Space>
      }
    />
  )
}

function Notes({ job }: { job: ImportJobDetail }) {
  const { t } = useTranslation()
  const s = job.summary!
  const lines = [
    t('imports.sheetInfo', { sheet: s.sheetName, row: s.headerRow, total: job.total, skipped: s.skipped }),
    ...s.notes,
    ...(s.enterprisesCreated ? [t('imports.enterprisesNote', { n: s.enterprisesCreated })] : []),
  ]
  return (
    <Alert
      type="info"
      showIcon
      title={t('imports.notesTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      }
    />
  )
}

function CheckStep(props: {
  job?: ImportJobDetail
  error: unknown
  busy: boolean
  onRestart: () => void
  onRecheck: () => void
  onCommit: () => void
}) {
  const { t } = useTranslation()
  const { job } = props
  if (props.error || job?.status === 'failed')
    return <FailedJob job={job} error={props.error} onRestart={props.onRestart} />
  if (isRunning(job)) return <JobProgress job={job} />
  const s = job!.summary!
  const nothing = s.created + s.updated === 0
  const blocked = s.rejected > 0 || nothing
  const reason = s.rejected > 0 ? t('imports.blockedRejected', { n: s.rejected }) : t('imports.blockedEmpty')
  return (
    <Flex vertical gap={16}>
      <SummaryStats summary={s} />
      {s.rejected > 0 ? (
        <Alert type="error" showIcon title={reason} />
      ) : nothing ? (
        <Alert type="info" showIcon title={reason} />
      ) : (
        <Alert
          type="success"
          showIcon
          title={
            t('imports.readyToImport', { created: s.created, updated: s.updated }) +
            (s.unchanged ? t('imports.readyUnchanged', { n: s.unchanged }) : '')
          }
        />
      )}
      <Notes job={job!} />
      <Flex gap={8} wrap>
        <Button icon={<ReloadOutlined />} onClick={props.onRestart}>
          {t('imports.uploadAgain')}
        </Button>
        {job!.hasErrorFile && (
          <Button
            danger={s.rejected > 0}
            icon={<DownloadOutlined />}
            onClick={() => downloadUrl(`/api/imports/${job!.id}/errors.xlsx`)}
          >
            {s.rejected > 0 ? t('imports.downloadErrors') : t('imports.downloadWarnings')}
          </Button>
        )}
        <Tooltip title={blocked ? reason : undefined}>
          <Button type="primary" disabled={blocked} loading={props.busy} onClick={props.onCommit}>
            {t('imports.confirmImport')}
          </Button>
        </Tooltip>
      </Flex>
      <RowOutcomes jobId={job!.id} linkProjects={false} />
    </Flex>
  )
}

function CommitStep({
  job,
  error,
  onRestart,
}: {
  job?: ImportJobDetail
  error: unknown
  onRestart: () => void
}) {
  const { t } = useTranslation()
  if (error || job?.status === 'failed') return <FailedJob job={job} error={error} onRestart={onRestart} />
  if (isRunning(job)) return <JobProgress job={job} />
  const s = job!.summary!
  return (
    <Flex vertical gap={16}>
      <Result
        status="success"
        title={t('imports.done', { created: s.created, updated: s.updated, unchanged: s.unchanged })}
        subTitle={
          s.enterprisesCreated ? t('imports.enterprisesNote', { n: s.enterprisesCreated }) : undefined
        }
        extra={
          <Space wrap>
            <Link to="/projects">
              <Button type="primary">{t('imports.toLedger')}</Button>
            </Link>
            <Button onClick={onRestart}>{t('imports.another')}</Button>
          </Space>
        }
      />
      <RowOutcomes jobId={job!.id} linkProjects />
    </Flex>
  )
}
