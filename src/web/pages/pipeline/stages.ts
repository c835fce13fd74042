import type { Lead, LeadStage } from '../../api/types'
import { dayjs, TZ } from '../../lib/format'

/** The board's columns in order (放弃 last). */
export const STAGES: LeadStage[] = ['lead', 'negotiating', 'signed', 'landed', 'dropped']

export const STAGE_COLOR: Record<LeadStage, string> = {
  lead: 'default',
  negotiating: 'processing',
  signed: 'geekblue',
  landed: 'success',
  dropped: 'error',
}

/** Where a lead may go next (the server enforces the same machine). */
export const NEXT: Record<LeadStage, LeadStage[]> = {
  lead: ['negotiating', 'dropped'],
  negotiating: ['signed', 'dropped'],
  signed: ['landed', 'dropped'],
  landed: [],
  dropped: ['lead'],
}

/** The amount a lead counts with at its stage: planned before signing, agreed after. */
export function leadAmount(l: Lead): string | null {
  if (l.stage === 'signed' || l.stage === 'landed') return l.agreementAmount
  if (l.stage === 'dropped') return l.agreementAmount ?? l.intendedInvestment
  return l.intendedInvestment
}

/** Suggestions for 招商方式 (free text). */
export const SOURCES = ['以商招商', '专业招商', '精准招商', '推介会', '博览会', '驻外招商', '网络招商']

/** Today's date in Beijing (the server's calendar), as a plain date for pickers. */
export const todayBeijing = () => dayjs(dayjs().tz(TZ).format('YYYY-MM-DD'))

/** Dates after today (Beijing) cannot be picked for things that already happened. */
export const notFuture = (d: { isAfter: (x: ReturnType<typeof dayjs>, unit: 'day') => boolean }) =>
  d.isAfter(todayBeijing(), 'day')
