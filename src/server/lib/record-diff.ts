/** Fields never written to the audit trail. */
const SECRET_FIELDS = new Set(['password_hash', 'totp_secret', 'totp_pending_secret', 'recovery_codes', 'password'])

/** Before/after of the fields that changed, with secrets masked, for the operation log. */
export function recordDiff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  const clean = (r: Record<string, unknown> | null | undefined) => {
    if (!r) return null
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(r)) out[k] = SECRET_FIELDS.has(k) ? '******' : normalise(v)
    return out
  }
  const b = clean(before)
  const a = clean(after)
  if (!b || !a) return { before: b, after: a }
  const changedB: Record<string, unknown> = {}
  const changedA: Record<string, unknown> = {}
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (k === 'updated_at' || k === 'version') continue
    if (JSON.stringify(b[k]) !== JSON.stringify(a[k])) {
      changedB[k] = b[k] ?? null
      changedA[k] = a[k] ?? null
    }
  }
  return { before: changedB, after: changedA }
}

function normalise(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v
}
