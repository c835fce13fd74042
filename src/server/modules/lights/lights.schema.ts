import { Type } from 'typebox'

export const LightRulesSchema = Type.Object({
  scheduleYellowPoints: Type.Number({ minimum: 0, maximum: 100, title: '落后序时进度黄灯阈值（百分点）' }),
  scheduleRedPoints: Type.Number({ minimum: 0, maximum: 100, title: '落后序时进度红灯阈值（百分点）' }),
  startLateRedMonths: Type.Integer({ minimum: 1, maximum: 24, title: '未按期开工红灯月数' }),
  milestoneRedDays: Type.Integer({ minimum: 1, maximum: 365, title: '节点逾期红灯天数' }),
})
