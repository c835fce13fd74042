// Amounts are numeric(18,2) strings in 万元; arithmetic here is on integers of 0.01 万元 (BigInt),
// never on floats.

/** '1234.5' → 123450n (hundredths of 万元). */
export function toUnits(s: string | null | undefined): bigint {
  if (!s) return 0n
  const neg = s.startsWith('-')
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.')
  const v = BigInt(i || '0') * 100n + BigInt(`${f}00`.slice(0, 2))
  return neg ? -v : v
}

/** 123450n → '1234.50' */
export function fromUnits(u: bigint): string {
  const neg = u < 0n
  const a = neg ? -u : u
  const s = `${a / 100n}.${String(a % 100n).padStart(2, '0')}`
  return neg ? `-${s}` : s
}

/** '1015' / '1015.5' / ' 001015.50 ' → '1015.50': the form the database returns, for comparisons. */
export const normMoney = (s: string) => fromUnits(toUnits(s.trim()))

export const sumMoney = (...xs: Array<string | null | undefined>) =>
  fromUnits(xs.reduce((acc, x) => acc + toUnits(x), 0n))

export const isPositiveMoney = (s: string) => toUnits(s) > 0n

/** A money cell of an export: a number, so Excel can sum it (the database gives numeric strings). */
export const moneyCell = (s: string | null | undefined) => (s == null ? null : Number(s))

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** For messages, always in 万元: '6500' → '6,500.00 万元'; null → '—'. */
export function wanText(s: string | null | undefined): string {
  if (s == null) return '—'
  const u = toUnits(s.trim())
  const [i, f] = fromUnits(u < 0n ? -u : u).split('.')
  return `${u < 0n ? '-' : ''}${group(i)}.${f} 万元`
}

/**
 * For messages, as the screens show money: '6500' → '6,500.00 万元'; from 10 000 万元 up in 亿元
 * (rounded half up to 0.01 亿): '32000.50' → '3.20 亿元'.
 */
export function formatWan(s: string): string {
  const u = toUnits(s)
  const a = u < 0n ? -u : u
  const sign = u < 0n ? '-' : ''
  if (a >= 1_000_000n) {
    const hundredthsOfYi = (a + 5_000n) / 10_000n
    return `${sign}${group(String(hundredthsOfYi / 100n))}.${String(hundredthsOfYi % 100n).padStart(2, '0')} 亿元`
  }
  const [i, f] = fromUnits(a).split('.')
  return `${sign}${group(i)}.${f} 万元`
}

const UNITS_PER_YI = 1_000_000n // 1 亿元 = 10 000 万元 = 1 000 000 hundredths of 万元

/**
 * A sum in 万元 as the reports say it, in 亿元 rounded to two significant figures with the word that
 * tells which way it was rounded: "近 1600 亿元" when the true figure is just below the rounded one
 * (1587 亿 → 近 1600), "约 530 亿元" when it is above (533 亿 → 约 530), no word when exact.
 * Half rounds up. Sums below 1 亿元 keep two significant figures too (6480 万元 → 近 0.65 亿元).
 */
export function approxYi(wan: string): string {
  const u = toUnits(wan)
  if (u <= 0n) return '0 亿元'
  const digits = u.toString().length
  const factor = digits > 2 ? 10n ** BigInt(digits - 2) : 1n
  const rounded = ((u + factor / 2n) / factor) * factor
  const word = rounded > u ? '近' : rounded < u ? '约' : ''
  const whole = rounded / UNITS_PER_YI
  const frac = (rounded % UNITS_PER_YI).toString().padStart(6, '0').replace(/0+$/, '')
  const number = frac ? `${whole}.${frac}` : `${whole}`
  return `${word}${word ? ' ' : ''}${number} 亿元`
}
