// The outbound queues (work-group robots, e-mail) are tables drained by a job: each row carries its
// attempts, when to try next and the last error. What a row becomes after one attempt is the same
// rule for every channel.

export interface QueueSettle {
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  next_at?: Date
  sent_at?: Date
  error: string | null
}

/** Sent; or tried again after `backoffMs[attempt − 1]`; or given up once the backoff list is spent. */
export function afterAttempt(
  outcome: { ok: true } | { ok: false; message: string },
  previousAttempts: number,
  now: Date,
  backoffMs: readonly number[],
): QueueSettle {
  const attempts = previousAttempts + 1
  if (outcome.ok) return { status: 'sent', attempts, sent_at: now, error: null }
  const error = outcome.message.slice(0, 500)
  if (attempts > backoffMs.length) return { status: 'failed', attempts, error }
  return { status: 'pending', attempts, next_at: new Date(now.getTime() + backoffMs[attempts - 1]!), error }
}
