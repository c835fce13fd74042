/** Fields never written to the audit trail. */
const SECRET_FIELDS = new Set([
  'password_hash',
  'totp_secret',
  'totp_pending_secret',
  'recovery_codes',
  'password',
])

/** Before/after of the fields that changed, with secrets masked, for the operation log. */
export function recordDiff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  const mask = (k: string, v: unknown) => (SECRET_FIELDS.has(k) ? '******' : normalise(v))
  const clean = (r: Record<string, unknown> | null | undefined) =>
    r ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, mask(k, v)])) : null
  if (!before || !after) return { before: clean(before), after: clean(after) }
  const changedB: Record<string, unknown> = {}
  const changedA: Record<string, unknown> = {}
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (k === 'updated_at' || k === 'version') continue
    // Compare the real values (a changed secret is a change) but write only the masked ones.
    if (JSON.stringify(normalise(before[k])) !== JSON.stringify(normalise(after[k]))) {
      changedB[k] = before[k] === undefined ? null : mask(k, before[k])
      changedA[k] = after[k] === undefined ? null : mask(k, after[k])
    }
  }
  return { before: changedB, after: changedA }
}

function normalise(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v
}
