import { Flex, Progress, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ImportJob } from '../../../api/types'

/** A progress bar for a running job: rows processed of the total, and what it is doing now. */
export function JobProgress({ job }: { job: ImportJob | undefined }) {
  const { t } = useTranslation()
  const total = job?.total ?? 0
  const processed = job?.processed ?? 0
  let phase = job?.phase ?? 'queued'
  // Checked every row of an import: the write transaction comes next (on the embedded database the
  // server answers again only when it commits, so say so rather than sit at 100 %).
  if (job && !job.dryRun && phase === 'checking' && total > 0 && processed >= total) phase = 'writing'
  const writing = phase === 'writing' || phase === 'recomputing'
  const percent = total ? Math.min(99, Math.floor((processed / total) * 100)) : phase === 'queued' ? 0 : 5
  return (
    <Flex vertical gap={4} style={{ padding: '24px 0' }}>
      <Progress percent={writing && !job?.dryRun ? Math.max(percent, 50) : percent} status="active" />
      <Typography.Text type="secondary">
        {t(`imports.phase.${phase}`)}
        {total ? ` · ${t('imports.rowsProgress', { processed, total })}` : ''}
      </Typography.Text>
      {writing && <Typography.Text type="secondary">{t('imports.writingHint')}</Typography.Text>}
    </Flex>
  )
}
