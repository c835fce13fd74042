import { useQuery } from '@tanstack/react-query'
import { get } from '../../../api/client'
import type { ImportJobDetail } from '../../../api/types'

export const isRunning = (job: { status: string } | undefined) =>
  !job || job.status === 'queued' || job.status === 'running'

/** One import job, polled while it runs. */
export function useImportJob(jobId: string | null) {
  return useQuery({
    queryKey: ['imports', 'job', jobId],
    queryFn: () => get<ImportJobDetail>(`/api/imports/${jobId}`),
    enabled: !!jobId,
    refetchInterval: (q) => (isRunning(q.state.data) ? 700 : false),
    retry: 1,
  })
}
