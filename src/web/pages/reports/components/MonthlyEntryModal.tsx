import { Alert, DatePicker, Form, Input, InputNumber, Modal } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { put } from '../../../api/client'
import type { MonthlyReport } from '../../../api/types'
import { dayjs, formatMoney } from '../../../lib/format'
import { useModalSubmit } from '../../../lib/use-modal-submit'
import { currentYearMonth } from '../report-utils'

/**
 * 填报月度完成投资: a month (not in the future) and the amount completed in it, in 万元. When the
 * month already has a report, it is shown and corrected with its version.
 */
export function MonthlyEntryModal({
  projectId,
  projectName,
  year,
  month,
  existing,
  onClose,
  onSaved,
}: {
  projectId: number
  projectName?: string
  year: number
  month: number
  /** the report of a month, if there is one */
  existing: (year: number, month: number) => MonthlyReport | null
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const [period, setPeriod] = useState<Dayjs>(dayjs(`${year}-${String(month).padStart(2, '0')}-01`))
  const report = existing(period.year(), period.month() + 1)
  const now = currentYearMonth()
  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    action: async (v: { completed: number; note?: string }) => {
      await put('/api/reports/monthly', {
        projectId,
        year: period.year(),
        month: period.month() + 1,
        completed: v.completed.toFixed(2),
        note: v.note?.trim() || null,
        ...(report ? { version: report.version } : {}),
      })
      return t('reports.monthlySaved', { year: period.year(), month: period.month() + 1 })
    },
  })

  function pick(d: Dayjs | null) {
    if (!d) return
    setPeriod(d)
    const r = existing(d.year(), d.month() + 1)
    form.setFieldsValue({ completed: r ? Number(r.completed) : undefined, note: r?.note ?? '' })
  }

  return (
    <Modal
      open
      title={`${report ? t('reports.editMonthly') : t('reports.addMonthly')}${projectName ? ` · ${projectName}` : ''}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('reports.submit')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ completed: report ? Number(report.completed) : undefined, note: report?.note ?? '' }}
      >
        <Form.Item label={t('reports.month')} required>
          <DatePicker
            picker="month"
            value={period}
            onChange={pick}
            allowClear={false}
            inputReadOnly
            format={(d) => t('reports.periodLabel', { y: d.year(), m: d.month() + 1 })}
            disabledDate={(d) => d.year() * 12 + d.month() + 1 > now.year * 12 + now.month}
            style={{ width: '100%' }}
          />
        </Form.Item>
        {report && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('reports.alreadyReported', {
              amount: formatMoney(report.completed, t),
              who: report.submittedBy ? `（${report.submittedBy}）` : '',
            })}
          />
        )}
        <Form.Item
          name="completed"
          label={t('reports.completedThisMonth')}
          rules={[
            { required: true, message: t('common.required', { field: t('reports.completedThisMonth') }) },
          ]}
          extra={t('reports.completedHelp')}
        >
          <InputNumber
            min={0}
            max={9_999_999_999}
            precision={2}
            step={10}
            suffix={t('reports.unitWan')}
            inputMode="decimal"
            style={{ width: '100%' }}
            autoFocus
          />
        </Form.Item>
        <Form.Item name="note" label={t('reports.note')}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('reports.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 设定年度计划投资 (万元) for a year. */
export function YearPlanModal({
  projectId,
  year,
  plans,
  onClose,
  onSaved,
}: {
  projectId: number
  year: number
  plans: Array<{ year: number; planned: string }>
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const planOf = (y: number) => {
    const p = plans.find((x) => x.year === y)
    return p ? Number(p.planned) : undefined
  }
  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    action: async (v: { year: number; planned: number }) => {
      await put('/api/reports/plans', { projectId, year: v.year, planned: v.planned.toFixed(2) })
      return t('reports.planSaved', { year: v.year })
    },
  })
  return (
    <Modal
      open
      title={t('reports.setPlan')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ year, planned: planOf(year) }}>
        <Form.Item
          name="year"
          label={t('reports.year')}
          rules={[{ required: true, message: t('common.required', { field: t('reports.year') }) }]}
        >
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            style={{ width: '100%' }}
            onChange={(y) => typeof y === 'number' && form.setFieldsValue({ planned: planOf(y) })}
          />
        </Form.Item>
        <Form.Item
          name="planned"
          label={t('reports.annualPlan')}
          rules={[{ required: true, message: t('common.required', { field: t('reports.annualPlan') }) }]}
          extra={t('reports.planHelp')}
        >
          <InputNumber
            min={0}
            max={9_999_999_999}
            precision={2}
            step={100}
            suffix={t('reports.unitWan')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
