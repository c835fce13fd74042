import { describe, expect, it } from 'vitest'
import { createSnapshotCache } from './snapshot-cache.ts'

// A computation that takes `ms` of real time and returns the current value of `source`.
function slowSource(ms: number) {
  const state = { value: 1, runs: 0, fail: false }
  const run = async () => {
    state.runs++
    await new Promise((r) => setTimeout(r, ms))
    if (state.fail) throw new Error('database away')
    return state.value
  }
  return { state, run }
}

describe('snapshot cache (stale-while-revalidate)', () => {
  it('serves a slow view from its snapshot until it is older than maxAge, then refreshes in the background', async () => {
    let t = 0
    const cache = createSnapshotCache<number>({ cacheAfterMs: 5, maxAgeMs: 60_000, now: () => t })
    const { state, run } = slowSource(20)
    const first = await cache.get('z1', run)
    expect(first).toMatchObject({ value: 1, cached: false, computedAt: 0 })
    expect(first.tookMs).toBeGreaterThanOrEqual(5)

    state.value = 2
    t = 30_000
    expect(await cache.get('z1', run)).toMatchObject({ value: 1, cached: true, computedAt: 0 })
    expect(state.runs).toBe(1)

    // past maxAge: the old snapshot now, the new one computed meanwhile and served next
    t = 61_000
    expect(await cache.get('z1', run)).toMatchObject({ value: 1, cached: true })
    expect(await cache.get('z1', run)).toMatchObject({ value: 1, cached: true })
    await new Promise((r) => setTimeout(r, 60))
    expect(state.runs).toBe(2)
    expect(await cache.get('z1', run)).toMatchObject({ value: 2, cached: true, computedAt: 61_000 })
  })

  it('computes a fast view on every call, and a forced one now', async () => {
    const cache = createSnapshotCache<number>({ cacheAfterMs: 1_000, maxAgeMs: 60_000, now: () => 0 })
    const { state, run } = slowSource(1)
    await cache.get('z1', run)
    state.value = 2
    expect(await cache.get('z1', run)).toMatchObject({ value: 2, cached: false })

    const slow = createSnapshotCache<number>({ cacheAfterMs: 5, maxAgeMs: 60_000, now: () => 0 })
    const s = slowSource(20)
    await slow.get('k', s.run)
    s.state.value = 3
    expect(await slow.get('k', s.run)).toMatchObject({ value: 1, cached: true })
    expect(await slow.get('k', s.run, { fresh: true })).toMatchObject({ value: 3, cached: false })
    expect(await slow.get('k', s.run)).toMatchObject({ value: 3, cached: true })
  })

  it('runs one computation for callers arriving together, keeps keys apart and bounded', async () => {
    const cache = createSnapshotCache<number>({ cacheAfterMs: 5, maxAgeMs: 60_000, maxEntries: 2 })
    const { state, run } = slowSource(20)
    const all = await Promise.all([cache.get('a', run), cache.get('a', run), cache.get('a', run)])
    expect(all.map((s) => s.value)).toEqual([1, 1, 1])
    expect(state.runs).toBe(1)
    state.value = 2
    expect((await cache.get('b', run)).value).toBe(2)
    expect((await cache.get('a', run)).value).toBe(1)
    await cache.get('c', run)
    expect(cache.size()).toBe(2)
    // 'b' was the least recently used: it is computed again
    state.value = 4
    expect(await cache.get('b', run)).toMatchObject({ value: 4, cached: false })
  })

  it('keeps the old snapshot when a background refresh fails, and reports it', async () => {
    let t = 0
    const errors: string[] = []
    const cache = createSnapshotCache<number>({
      cacheAfterMs: 5,
      maxAgeMs: 1_000,
      now: () => t,
      onError: (key, err) => errors.push(`${key}: ${(err as Error).message}`),
    })
    const { state, run } = slowSource(10)
    await cache.get('z', run)
    state.fail = true
    t = 5_000
    expect((await cache.get('z', run)).value).toBe(1)
    await new Promise((r) => setTimeout(r, 40))
    expect(errors).toEqual(['z: database away'])
    expect(await cache.get('z', run)).toMatchObject({ value: 1, cached: true })
    // a failed first computation reaches its caller
    await expect(cache.get('new', run)).rejects.toThrow('database away')
  })

  it('caches nothing when turned off (cacheAfterMs 0)', async () => {
    const cache = createSnapshotCache<number>({ cacheAfterMs: 0, maxAgeMs: 60_000 })
    const { state, run } = slowSource(10)
    await cache.get('z', run)
    state.value = 5
    expect(await cache.get('z', run)).toMatchObject({ value: 5, cached: false })
  })
})
