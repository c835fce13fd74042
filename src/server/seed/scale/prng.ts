// A small seeded PRNG (mulberry32) and the draws the scale generator needs: the same seed gives the
// same database, row for row.

export class Rng {
  private s: number
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9
  }
  /** uniform in [0, 1) */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0
    let t = this.s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  /** an index drawn by weight (weights need not sum to 1) */
  weighted(weights: readonly number[]): number {
    let total = 0
    for (const w of weights) total += w
    let x = this.next() * total
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]
      if (x < 0) return i
    }
    return weights.length - 1
  }
}

/** Zipf weights 1/k^s for k = 1..n: a few big zones, a long tail of small ones. */
export function zipfWeights(n: number, s = 0.9): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s)
}

/** Splits total into n integer parts proportional to weights (largest remainder), each ≥ min. */
export function apportion(total: number, weights: readonly number[], min = 1): number[] {
  const n = weights.length
  const rest = Math.max(0, total - min * n)
  const sum = weights.reduce((a, b) => a + b, 0)
  const raw = weights.map((w) => (w / sum) * rest)
  const out = raw.map((x) => Math.floor(x) + min)
  let left = total - out.reduce((a, b) => a + b, 0)
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0])
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k][1]]++
  return out
}
