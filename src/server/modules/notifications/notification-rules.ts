import type { NotificationKind } from '../../../shared/notifications.ts'
import type { Db } from '../../db/database.ts'
import type { TimelineEvent } from '../events/events.service.ts'
import * as repo from './notifications.repository.ts'

export interface Outgoing {
  kind: NotificationKind
  userIds: number[]
  title: string
  body: string
  link: string
  zoneId: number
  /** the unit the occurrence belongs to (a problem's lead unit): its work-group robot hears of it too */
  departmentId: number | null
  subjectType: string
  subjectId: number
}

type People = NonNullable<Awaited<ReturnType<typeof repo.problemPeople>>>

const handlers = async (db: Db, p: People) =>
  p.lead_department_id
    ? repo.usersWithPermission(db, 'problem:handle', { departmentId: p.lead_department_id })
    : []
const triagers = (db: Db, p: People) => repo.usersWithPermission(db, 'problem:triage', { zoneId: p.zone_id })
/** The names after @ in a text (2–20 characters of a Chinese or Latin name). */
export const mentions = (text: string) => [
  ...new Set([...text.matchAll(/@([\u4e00-\u9fa5A-Za-z0-9_·]{2,20})/g)].map((m) => m[1])),
]
const some = (...ids: Array<number | null | undefined>) => ids.filter((x): x is number => !!x)

/** Who hears of a problem's step, by the step. Undefined: nobody (the timeline is enough). */
const PROBLEM_RULES: Record<
  string,
  { kind: NotificationKind; verb: string; who: (db: Db, p: People, e: TimelineEvent) => Promise<number[]> }
> = {
  accepted: {
    kind: 'problem.assigned',
    verb: '交办',
    who: async (db, p) => [
      ...(await handlers(db, p)),
      ...some(p.responsible_user_id, p.responsible_leader_id),
    ],
  },
  remind: {
    kind: 'problem.remind',
    verb: '到期提醒',
    who: async (db, p) => [...(await handlers(db, p)), ...some(p.responsible_user_id)],
  },
  escalate: {
    kind: 'problem.escalated',
    verb: '升级督办',
    who: async (db, p, e) =>
      e.data?.reason === 'accept_overdue'
        ? triagers(db, p)
        : [...(await handlers(db, p)), ...some(p.responsible_user_id, p.responsible_leader_id)],
  },
  returned: { kind: 'problem.returned', verb: '退回', who: (db, p) => triagers(db, p) },
  'extension.requested': { kind: 'problem.extension', verb: '申请延期', who: (db, p) => triagers(db, p) },
  'extension.approved': { kind: 'problem.extension', verb: '同意延期', who: (db, p) => handlers(db, p) },
  'extension.refused': { kind: 'problem.extension', verb: '不同意延期', who: (db, p) => handlers(db, p) },
  resolved: {
    kind: 'problem.resolved',
    verb: '已办结，请评价',
    who: async (_db, p) => some(p.reporter_user_id),
  },
  reopened: { kind: 'problem.reopened', verb: '重新办理', who: (db, p) => handlers(db, p) },
  // "@张明 请协调…" in a reply: the people named, if they may read the zone's problems
  reply: {
    kind: 'problem.mentioned',
    verb: '提到了你',
    who: (db, p, e) => repo.readersNamed(db, p.zone_id, mentions(String(e.data?.text ?? ''))),
  },
}

/** The notifications a timeline entry causes: problem steps, and reporting reminders to their owners. */
export async function notificationsFor(db: Db, e: TimelineEvent): Promise<Outgoing | null> {
  if (e.subjectType === 'problem') {
    const rule = PROBLEM_RULES[e.kind]
    if (!rule) return null
    const p = await repo.problemPeople(db, e.subjectId)
    if (!p) return null
    return {
      kind: rule.kind,
      userIds: await rule.who(db, p, e),
      title: `${rule.verb}：${p.code} ${p.title}`,
      body: e.summary,
      link: `/problems/${p.id}`,
      zoneId: p.zone_id,
      departmentId: p.lead_department_id,
      subjectType: 'problem',
      subjectId: p.id,
    }
  }
  if (e.subjectType === 'project' && e.kind === 'cadence.remind') {
    const ids = [e.data?.ownerUserId, ...((e.data?.userIds as unknown[]) ?? [])].filter(
      (x): x is number => typeof x === 'number',
    )
    return {
      kind: 'cadence.remind',
      userIds: ids,
      title: '催报提醒',
      body: e.summary,
      link: typeof e.data?.link === 'string' ? e.data.link : `/projects/${e.subjectId}`,
      zoneId: e.zoneId,
      departmentId: null,
      subjectType: 'project',
      subjectId: e.subjectId,
    }
  }
  // 惠企政策: the policies module names the people (qualifying enterprises' users; reviewers or the
  // applying enterprise's users) and the title and link in the entry's data.
  if (e.subjectType === 'policy' || e.subjectType === 'policy_application') {
    const ids = ((e.data?.userIds as unknown[]) ?? []).filter((x): x is number => typeof x === 'number')
    return {
      kind: e.subjectType === 'policy' ? 'policy.match' : 'policy.application',
      userIds: ids,
      title: typeof e.data?.title === 'string' ? e.data.title : e.summary,
      body: e.summary,
      link: typeof e.data?.link === 'string' ? e.data.link : '/portal/policies',
      zoneId: e.zoneId,
      departmentId: null,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
    }
  }
  return null
}
