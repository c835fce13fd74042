/** The password rule of 等保 2.0 level 3, shared so the web form and the server say the same thing. */
export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 128

const CLASSES: Array<[RegExp, string]> = [
  [/[a-z]/, '小写字母'],
  [/[A-Z]/, '大写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '特殊字符'],
]

/** Returns the first reason the password is unacceptable, in Chinese, or null when it is fine. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码长度不能少于 ${PASSWORD_MIN_LENGTH} 个字符`
  if (password.length > PASSWORD_MAX_LENGTH) return `密码长度不能超过 ${PASSWORD_MAX_LENGTH} 个字符`
  const classes = CLASSES.filter(([re]) => re.test(password)).length
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类'
  if (username && password.toLowerCase() === username.toLowerCase()) return '密码不能与用户名相同'
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return '密码不能包含用户名'
  }
  return null
}
