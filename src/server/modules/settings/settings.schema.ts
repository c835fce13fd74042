import { type Static, Type } from 'typebox'

export const SecurityPolicy = Type.Object({
  passwordMaxAgeDays: Type.Integer({ minimum: 1, maximum: 365, title: '密码有效期（天）' }),
  lockThreshold: Type.Integer({ minimum: 3, maximum: 10, title: '锁定前允许的失败次数' }),
  lockMinutes: Type.Integer({ minimum: 1, maximum: 1440, title: '锁定时长（分钟）' }),
  idleMinutes: Type.Integer({ minimum: 5, maximum: 120, title: '空闲超时（分钟）' }),
  sessionMaxHours: Type.Integer({ minimum: 1, maximum: 72, title: '会话最长时长（小时）' }),
  auditRetentionDays: Type.Integer({ minimum: 180, maximum: 3650, title: '日志保留期（天）' }),
})
export type SecurityPolicy = Static<typeof SecurityPolicy>

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMaxAgeDays: 90,
  lockThreshold: 5,
  lockMinutes: 10,
  idleMinutes: 30,
  sessionMaxHours: 12,
  auditRetentionDays: 180,
}
