/** The kinds of notification a person can receive, and can switch off per channel. */
export const NOTIFICATION_KINDS = {
  'problem.assigned': { zh: '问题交办给本单位', en: 'A problem assigned to my unit' },
  'problem.remind': { zh: '问题即将到期', en: 'A problem falling due' },
  'problem.escalated': { zh: '超期升级督办', en: 'Overdue and escalated' },
  'problem.returned': { zh: '问题被退回', en: 'A problem returned' },
  'problem.extension': { zh: '延期申请与审批', en: 'Extension requested or decided' },
  'problem.resolved': { zh: '问题办结待评价', en: 'Resolved, waiting for my rating' },
  'problem.reopened': { zh: '问题重新办理', en: 'A problem reopened' },
  'problem.mentioned': { zh: '办理进展中 @ 我', en: 'Mentioned in a reply' },
  'cadence.remind': { zh: '周进展、月报催报', en: 'Reporting reminders' },
  'policy.match': { zh: '可享受的惠企政策', en: 'A support policy my enterprise qualifies for' },
  'policy.application': { zh: '惠企政策申报进度', en: 'My policy application moved' },
} as const

export type NotificationKind = keyof typeof NOTIFICATION_KINDS
export const NOTIFICATION_CHANNELS = ['inApp', 'email'] as const
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number]
export type NotificationPrefs = Record<NotificationKind, Record<NotificationChannel, boolean>>

/** Everyone gets every kind in the app; e-mail only when asked for. */
export function defaultPrefs(): NotificationPrefs {
  return Object.fromEntries(
    Object.keys(NOTIFICATION_KINDS).map((k) => [k, { inApp: true, email: false }]),
  ) as NotificationPrefs
}
