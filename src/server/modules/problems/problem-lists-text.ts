import { formatBeijing } from '../../lib/time.ts'
import { SUPERVISION_LABEL, TYPE_LABEL } from './problem-flow.ts'
import type { ProblemRowOut, TaskOut } from './problems.presenters.ts'

// The 三个清单 as plain text, ready to paste into the work-group chat (问题清单 / 任务清单 / 责任清单).

export interface TextLabels {
  category: (code: string | null) => string
  source: (code: string | null) => string
}

type Item = ProblemRowOut & { description?: string; tasks: TaskOut[] }

const dateOf = (iso: string) => formatBeijing(new Date(iso)).slice(0, 10)

function dueText(p: ProblemRowOut) {
  if (!p.deadlineAt) return '未定'
  const date = dateOf(p.deadlineAt)
  const days = p.deadlineDays ? `${p.deadlineDays} 个工作日，` : ''
  const left =
    p.due?.kind === 'deadline'
      ? p.due.overdue
        ? `，已超期 ${-p.due.daysLeft} 个工作日`
        : p.due.daysLeft === 0
          ? '，今天到期'
          : `，剩余 ${p.due.daysLeft} 个工作日`
      : ''
  return `${days}${date} 前${left}${p.extended ? '（已延期）' : ''}`
}

function taskLine(t: TaskOut) {
  const who = [t.ownerDepartment?.name, t.ownerUser?.name].filter(Boolean).join(' / ')
  const parts = [who || '责任人未定', t.dueDate ? `${t.dueDate} 前` : null, t.statusLabel].filter(Boolean)
  return `${t.title}（${parts.join('，')}）`
}

function raisedBy(p: ProblemRowOut, l: TextLabels) {
  const who = [p.enterprise?.name, p.reporter].filter(Boolean).join(' · ')
  return `${who || '—'}（${l.source(p.source)}，${dateOf(p.receivedAt)}）`
}

/** The three lists of one problem. */
export function oneProblemText(p: Item, l: TextLabels): string {
  const lines = [
    '【问题清单】',
    `编号：${p.code}`,
    `问题：${p.title}`,
    `反映：${raisedBy(p, l)}`,
    ...(p.project ? [`项目：${p.project.code} ${p.project.name}`] : []),
    `类别：${l.category(p.category)}${p.type ? `（${TYPE_LABEL[p.type as keyof typeof TYPE_LABEL]}）` : ''}　状态：${p.statusLabel}`,
    ...(p.description ? [`描述：${p.description}`] : []),
    '',
    '【任务清单】',
    ...(p.tasks.length ? p.tasks.map((t, i) => `${i + 1}. ${taskLine(t)}`) : ['（暂无任务）']),
    '',
    '【责任清单】',
    `牵头单位：${p.leadUnit?.name ?? '待分办'}`,
    `配合单位：${p.coUnits.map((u) => u.name).join('、') || '无'}`,
    `责任领导：${p.responsibleLeader?.name ?? '未定'}`,
    `责任人：${p.responsibleUser?.name ?? '未定'}`,
    `办结时限：${dueText(p)}`,
    `督办级别：${SUPERVISION_LABEL[p.supervisionLevel as keyof typeof SUPERVISION_LABEL] ?? p.supervisionLevel}`,
  ]
  return lines.join('\n')
}

/** The three lists of a set of problems (e.g. today's new ones). */
export function problemSetText(items: Item[], l: TextLabels, opts: { total: number; at: Date }): string {
  const head = `三个清单（共 ${opts.total} 件${opts.total > items.length ? `，列出前 ${items.length} 件` : ''}，截至 ${formatBeijing(opts.at)}）`
  if (!items.length) return `${head}\n（没有符合条件的问题）`
  const problems = items.map(
    (p, i) =>
      `${i + 1}. ${p.code} ${p.title} — ${[p.enterprise?.name, l.category(p.category), p.statusLabel].filter(Boolean).join(' · ')}`,
  )
  const tasks = items.flatMap((p) => [
    `${p.code} ${p.title}`,
    ...(p.tasks.length ? p.tasks.map((t, i) => `  ${i + 1}) ${taskLine(t)}`) : ['  （暂无任务）']),
  ])
  const resp = items.map(
    (p, i) =>
      `${i + 1}. ${p.code}：牵头 ${p.leadUnit?.name ?? '待分办'}；配合 ${p.coUnits.map((u) => u.name).join('、') || '无'}；责任领导 ${p.responsibleLeader?.name ?? '未定'}；责任人 ${p.responsibleUser?.name ?? '未定'}；时限 ${dueText(p)}`,
  )
  return [
    head,
    '',
    '【问题清单】',
    ...problems,
    '',
    '【任务清单】',
    ...tasks,
    '',
    '【责任清单】',
    ...resp,
  ].join('\n')
}
