/**
 * Stale-while-revalidate snapshots of expensive read models (the 驾驶舱 of a big zone runs ~30
 * aggregates over hundreds of thousands of rows). Per process, bounded, one computation per key at a
 * time:
 * - a key never computed, or asked `fresh`, is computed now (concurrent callers share it);
 * - a view that last computed faster than `cacheAfterMs` is computed on every call (small zones
 *   always see live figures; 0 turns caching off);
 * - otherwise a snapshot younger than `maxAgeMs` is served as is, an older one is served while a
 *   new one is computed in the background (the next call gets it).
 * Callers show `computedAt`, so nobody mistakes a snapshot for live figures.
 */
export interface SnapshotOptions {
  /** computations faster than this are not cached (ms); 0 = never cache */
  cacheAfterMs: number
  /** a snapshot older than this is refreshed in the background (ms) */
  maxAgeMs: number
  /** most keys kept; the least recently used goes first */
  maxEntries?: number
  /** the wall clock for snapshots' ages, ms (tests pass their fake clock); durations are measured */
  now?: () => number
  /** a background refresh that failed (the stale snapshot stays) */
  onError?: (key: string, err: unknown) => void
}

export interface Snapshot<T> {
  value: T
  /** when the figures were computed (ms, `now()`'s clock) */
  computedAt: number
  /** how long the computation took (ms) */
  tookMs: number
  /** true when served from an earlier computation */
  cached: boolean
}

type Entry<T> = Omit<Snapshot<T>, 'cached'>

export function createSnapshotCache<T>(opts: SnapshotOptions) {
  const now = opts.now ?? Date.now
  const maxEntries = opts.maxEntries ?? 200
  const entries = new Map<string, Entry<T>>()
  /** the computation under way per key: callers arriving meanwhile share it */
  const running = new Map<string, Promise<Snapshot<T>>>()

  function touch(key: string, e: Entry<T>) {
    entries.delete(key)
    entries.set(key, e)
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string)
  }

  function compute(key: string, run: () => Promise<T>): Promise<Snapshot<T>> {
    let p = running.get(key)
    if (!p) {
      p = (async () => {
        const started = performance.now()
        const value = await run()
        const e = { value, computedAt: now(), tookMs: Math.round(performance.now() - started) }
        touch(key, e)
        return { ...e, cached: false }
      })().finally(() => running.delete(key))
      running.set(key, p)
    }
    return p
  }

  async function get(key: string, run: () => Promise<T>, o: { fresh?: boolean } = {}): Promise<Snapshot<T>> {
    const e = entries.get(key)
    if (!e || o.fresh || opts.cacheAfterMs <= 0 || e.tookMs < opts.cacheAfterMs) return compute(key, run)
    touch(key, e)
    if (now() - e.computedAt >= opts.maxAgeMs && !running.has(key))
      compute(key, run).catch((err) => opts.onError?.(key, err))
    return { ...e, cached: true }
  }

  return {
    get,
    /** forget every snapshot (after a restore, or when settings that shape the figures change) */
    invalidate: () => entries.clear(),
    size: () => entries.size,
  }
}
