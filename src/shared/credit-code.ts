// 统一社会信用代码 (GB 32100-2015): 18 characters from the set below; the last is a check character
// computed from the first 17 with weights 3^i mod 31. Shared by the server and the browser so both
// give the same answer.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i])
    if (v < 0) return null
    sum += v * WEIGHTS[i]
  }
  return CHARSET[(31 - (sum % 31)) % 31]
}

/** null when valid; otherwise the reason in Chinese. */
export function creditCodeProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase()
  if (code.length !== 18) return '统一社会信用代码应为 18 位'
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return '统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）'
  const check = creditCodeCheckChar(code.slice(0, 17))
  if (check !== code[17]) return '统一社会信用代码校验位不正确，请核对'
  return null
}

export function normaliseCreditCode(raw: string): string {
  return raw.trim().toUpperCase()
}
