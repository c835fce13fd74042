/** Optional free text as stored: trimmed, and null when nothing is left. */
export const trimOrNull = (s: string | null | undefined) => (s == null ? null : s.trim() || null)

/** A rate (0–1) as people read it in reports: 80.0%, or — when there is nothing to measure. */
export const percentText = (rate: number | null | undefined) =>
  rate == null ? '—' : `${(rate * 100).toFixed(1)}%`
