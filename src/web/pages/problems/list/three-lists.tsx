import { Space, Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { ProblemRow, ProblemTaskRow } from '../../../api/types'
import { formatDate, formatDateTime } from '../../../lib/format'
import { DueText, isOpen, StatusTag } from '../problem-ui'
import { StatusCell } from './ProblemBits'

export const LIST_KINDS = ['problems', 'tasks', 'responsibilities'] as const
export type ListKind = (typeof LIST_KINDS)[number]

/**
 * A column of one of the 三个清单: `text` is what the printout (and the export, on the server)
 * shows; `render` what the screen shows when richer. `sort` names the server's sort field;
 * `phone: false` leaves the column off the phone's cards.
 */
export interface ListColumn<T> {
  key: string
  title: string
  width: number
  text: (r: T) => string
  render?: (r: T) => ReactNode
  sort?: string
  /** false: left off the phone's cards */
  phone?: boolean
  /** kept on one line on paper (codes, dates, names, statuses) */
  nowrap?: boolean
  /** kept in view when the table scrolls sideways (desktop) */
  fixed?: boolean
  /** on a phone's card: the code above the heading, or the heading */
  role?: 'code' | 'title'
}

type Labels = { category: (c: string | null) => string; source: (c: string | null) => string }

const name = (x: { name: string } | null | undefined) => x?.name ?? ''

function dueLeft(t: TFunction, p: ProblemRow) {
  if (p.due?.kind !== 'deadline' || !isOpen(p.status)) return ''
  return p.due.overdue
    ? t('problems.due.overdue', { n: -p.due.daysLeft })
    : p.due.daysLeft === 0
      ? t('problems.due.today')
      : t('problems.due.left', { n: p.due.daysLeft })
}

function statusText(t: TFunction, p: ProblemRow) {
  const s = t(`problems.status.${p.status}`)
  return p.status === 'closed' && p.satisfaction
    ? `${s}（${t(`problems.satisfaction.${p.satisfaction}`)}）`
    : s
}

const codeLink = (p: { id: number; code: string }) => <Link to={`/problems/${p.id}`}>{p.code}</Link>

/** 问题清单: what, who raised it, enterprise, project, category, status (the export's columns). */
export function problemColumns(t: TFunction, l: Labels): ListColumn<ProblemRow>[] {
  return [
    {
      key: 'code',
      nowrap: true,
      fixed: true,
      role: 'code',
      title: t('problems.col.code'),
      width: 140,
      sort: 'code',
      text: (r) => r.code,
      render: codeLink,
    },
    {
      key: 'title',
      role: 'title',
      title: t('problems.col.title'),
      width: 300,
      text: (r) => r.title,
      render: (r) => (
        <Link to={`/problems/${r.id}`} style={{ color: 'inherit' }}>
          {r.title}
        </Link>
      ),
    },
    {
      key: 'reporter',
      nowrap: true,
      title: t('problems.col.reporter'),
      width: 100,
      phone: false,
      text: (r) => r.reporter ?? '',
    },
    { key: 'enterprise', title: t('problems.col.enterprise'), width: 200, text: (r) => name(r.enterprise) },
    {
      key: 'project',
      title: t('problems.col.project'),
      width: 200,
      phone: false,
      text: (r) => (r.project ? `${r.project.code} ${r.project.name}` : ''),
      render: (r) => (r.project ? <Link to={`/projects/${r.project.id}`}>{r.project.name}</Link> : '—'),
    },
    {
      key: 'category',
      title: t('problems.col.category'),
      width: 150,
      text: (r) => `${l.category(r.category)}${r.type ? `（${t(`problems.type.${r.type}`)}）` : ''}`,
    },
    {
      key: 'source',
      nowrap: true,
      title: t('problems.col.source'),
      width: 100,
      phone: false,
      text: (r) => l.source(r.source),
    },
    {
      key: 'status',
      nowrap: true,
      title: t('problems.col.status'),
      width: 170,
      sort: 'status',
      text: (r) => statusText(t, r),
      render: (r) => <StatusCell p={r} />,
    },
    {
      key: 'receivedAt',
      nowrap: true,
      title: t('problems.col.receivedAt'),
      width: 150,
      sort: 'receivedAt',
      phone: false,
      text: (r) => formatDateTime(r.receivedAt),
    },
  ]
}

/** 任务清单: the measures, each with owner unit, person, due date and status. */
export function taskColumns(t: TFunction): ListColumn<ProblemTaskRow>[] {
  return [
    {
      key: 'problemCode',
      nowrap: true,
      fixed: true,
      role: 'code',
      title: t('problems.col.problemCode'),
      width: 140,
      sort: 'code',
      text: (r) => r.problemCode,
      render: (r) => <Link to={`/problems/${r.problemId}`}>{r.problemCode}</Link>,
    },
    {
      key: 'problem',
      title: t('problems.col.problem'),
      width: 220,
      text: (r) => r.problemTitle,
      render: (r) => (
        <span>
          {r.problemTitle}
          {!isOpen(r.problemStatus) && (
            <>
              {' '}
              <StatusTag status={r.problemStatus} />
            </>
          )}
        </span>
      ),
    },
    {
      key: 'enterprise',
      title: t('problems.col.enterprise'),
      width: 180,
      phone: false,
      text: (r) => name(r.enterprise),
    },
    {
      key: 'task',
      role: 'title',
      title: t('problems.col.task'),
      width: 280,
      text: (r) => r.title,
      render: (r) => (
        <span>
          <Typography.Text strong>{r.title}</Typography.Text>
          {r.note && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.note}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'ownerUnit',
      title: t('problems.col.ownerUnit'),
      width: 160,
      text: (r) => name(r.ownerDepartment),
    },
    { key: 'owner', nowrap: true, title: t('problems.col.owner'), width: 90, text: (r) => name(r.ownerUser) },
    {
      key: 'dueDate',
      nowrap: true,
      title: t('problems.col.taskDue'),
      width: 110,
      text: (r) => r.dueDate ?? '',
      render: (r) =>
        r.dueDate ? (
          <Typography.Text type={r.overdue ? 'danger' : undefined}>{r.dueDate}</Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'status',
      nowrap: true,
      title: t('problems.col.taskStatus'),
      width: 110,
      text: (r) => `${r.statusLabel}${r.overdue ? `（${t('problems.lists.overdue')}）` : ''}`,
      render: (r) => (
        <Space size={4}>
          <Tag color={TASK_COLOR[r.status]} style={{ marginInlineEnd: 0 }}>
            {r.statusLabel}
          </Tag>
          {r.overdue && (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('problems.lists.overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      key: 'doneAt',
      nowrap: true,
      title: t('problems.col.doneAt'),
      width: 110,
      phone: false,
      text: (r) => formatDate(r.doneAt),
    },
  ]
}

export const TASK_COLOR = { todo: 'default', doing: 'processing', done: 'success' } as const

/** 责任清单: lead and co units, responsible leader and person, the deadline. */
export function responsibilityColumns(t: TFunction): ListColumn<ProblemRow>[] {
  return [
    {
      key: 'code',
      nowrap: true,
      fixed: true,
      role: 'code',
      title: t('problems.col.code'),
      width: 140,
      sort: 'code',
      text: (r) => r.code,
      render: codeLink,
    },
    { key: 'title', role: 'title', title: t('problems.col.title'), width: 240, text: (r) => r.title },
    {
      key: 'leadUnit',
      title: t('problems.col.leadUnit'),
      width: 160,
      text: (r) => r.leadUnit?.name ?? t('problems.ledger.notAssigned'),
      render: (r) =>
        r.leadUnit ? (
          r.leadUnit.name
        ) : (
          <Typography.Text type="secondary">{t('problems.ledger.notAssigned')}</Typography.Text>
        ),
    },
    {
      key: 'coUnits',
      title: t('problems.col.coUnits'),
      width: 200,
      text: (r) => r.coUnits.map((u) => u.name).join('、'),
    },
    {
      key: 'leader',
      nowrap: true,
      title: t('problems.col.responsibleLeader'),
      width: 100,
      text: (r) => name(r.responsibleLeader),
    },
    {
      key: 'person',
      nowrap: true,
      title: t('problems.col.responsibleUser'),
      width: 100,
      text: (r) => name(r.responsibleUser),
    },
    {
      key: 'deadlineDays',
      nowrap: true,
      title: t('problems.col.deadlineDays'),
      width: 110,
      phone: false,
      text: (r) => (r.deadlineDays ? String(r.deadlineDays) : ''),
    },
    {
      key: 'deadlineAt',
      nowrap: true,
      title: t('problems.col.deadline'),
      width: 110,
      sort: 'deadlineAt',
      text: (r) => formatDate(r.deadlineAt),
    },
    {
      key: 'left',
      nowrap: true,
      title: t('problems.col.left'),
      width: 150,
      text: (r) => dueLeft(t, r),
      render: (r) => (isOpen(r.status) && r.due?.kind === 'deadline' ? <DueText due={r.due} compact /> : '—'),
    },
    {
      key: 'extended',
      nowrap: true,
      title: t('problems.col.extended'),
      width: 80,
      phone: false,
      text: (r) => (r.extended ? t('common.yes') : ''),
      render: (r) => (r.extended ? <Tag color="gold">{t('common.yes')}</Tag> : '—'),
    },
    {
      key: 'status',
      nowrap: true,
      title: t('problems.col.status'),
      width: 170,
      sort: 'status',
      text: (r) => statusText(t, r),
      render: (r) => <StatusCell p={r} />,
    },
  ]
}
