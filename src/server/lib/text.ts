/** Optional free text as stored: trimmed, and null when nothing is left. */
export const trimOrNull = (s: string | null | undefined) => (s == null ? null : s.trim() || null)
