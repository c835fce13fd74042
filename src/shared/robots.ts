/** What a work-group robot can be told (each robot takes the topics chosen for its group). */
export const ROBOT_TOPICS = {
  daily: { zh: '每日调度汇总（工作日 8:30）', en: 'Daily dispatch summary (working days 8:30)' },
  assigned: { zh: '新交办问题', en: 'New assignments' },
  overdue: { zh: '超期与升级督办', en: 'Overdue and escalations' },
  nonReporters: { zh: '未按时报送名单', en: 'Who has not reported' },
  bulletin: { zh: '通报签发', en: 'Bulletins issued' },
  lists: { zh: '问题的三个清单（手动发送）', en: 'A problem’s three lists (sent by hand)' },
} as const
export type RobotTopic = keyof typeof ROBOT_TOPICS
export const ROBOT_PLATFORMS = ['wecom', 'dingtalk', 'feishu'] as const
