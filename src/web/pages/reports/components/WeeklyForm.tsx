import { CheckCircleOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Form, Input } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, get, put } from '../../../api/client'
import type { Page, WeeklyEntry } from '../../../api/types'
import { applyFieldError, errorMessage } from '../../../lib/form-errors'
import { formatDateTime } from '../../../lib/format'

interface Values {
  done: string
  nextPlan: string
  problems: string
}

/**
 * 本周完成 / 下周计划 / 发现问题 for one project and week: fills in the week's entry when there is
 * one (and saves it with its version), else adds it. Large fields and button for phones on site.
 */
export function WeeklyForm({
  projectId,
  weekStart,
  onSaved,
  large = true,
}: {
  projectId: number | undefined
  weekStart: string
  onSaved?: (e: WeeklyEntry) => void
  large?: boolean
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const existing = useQuery({
    queryKey: ['reports', 'weekly', 'entry', projectId, weekStart],
    queryFn: () => get<Page<WeeklyEntry>>('/api/reports/weekly', { projectId, weekStart, pageSize: 1 }),
    enabled: !!projectId,
  })
  const entry = existing.data?.items[0] ?? null

  // Show the saved entry of this project and week whenever either changes; empty fields without one.
  useEffect(() => {
    const saved = entry && entry.projectId === projectId && entry.weekStart === weekStart ? entry : null
    form.setFieldsValue({
      done: saved?.done ?? '',
      nextPlan: saved?.nextPlan ?? '',
      problems: saved?.problems ?? '',
    })
  }, [form, entry, projectId, weekStart])

  async function save(v: Values) {
    if (!projectId) return
    setBusy(true)
    try {
      const saved = await put<WeeklyEntry>('/api/reports/weekly', {
        projectId,
        weekStart,
        done: v.done,
        nextPlan: v.nextPlan?.trim() || null,
        problems: v.problems?.trim() || null,
        ...(entry ? { version: entry.version } : {}),
      })
      message.success(entry ? t('reports.weeklyUpdated') : t('reports.weeklySaved'))
      await qc.invalidateQueries({
        predicate: (q) => ['reports', 'projects', 'project'].includes(String(q.queryKey[0])),
      })
      onSaved?.(saved)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('common.conflict'))
        await existing.refetch()
      } else if (!applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const size = large ? 'large' : 'middle'
  const readOnly = !!entry && !entry.editable
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={save}
      disabled={!projectId || readOnly}
      requiredMark={false}
    >
      {entry && (
        <Alert
          type={readOnly ? 'warning' : 'success'}
          showIcon
          icon={<CheckCircleOutlined />}
          style={{ marginBottom: 16 }}
          title={
            readOnly
              ? t('reports.weeklyLocked')
              : t('reports.weeklyAlready', {
                  who: entry.submittedBy ?? '—',
                  at: formatDateTime(entry.submittedAt),
                })
          }
        />
      )}
      <Form.Item
        name="done"
        label={t('reports.done')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('reports.done') }) },
          { max: 2000 },
        ]}
      >
        <Input.TextArea
          size={size}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={2000}
          placeholder={t('reports.donePlaceholder')}
        />
      </Form.Item>
      <Form.Item name="nextPlan" label={t('reports.nextPlan')} rules={[{ max: 2000 }]}>
        <Input.TextArea
          size={size}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={2000}
          placeholder={t('reports.nextPlanPlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="problems"
        label={t('reports.problems')}
        rules={[{ max: 2000 }]}
        extra={t('reports.problemsHelp')}
      >
        <Input.TextArea
          size={size}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={2000}
          placeholder={t('reports.problemsPlaceholder')}
        />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        size={size}
        block={large}
        loading={busy}
        style={large ? { height: 48 } : undefined}
      >
        {entry ? t('reports.saveChanges') : t('reports.submitWeekly')}
      </Button>
    </Form>
  )
}
