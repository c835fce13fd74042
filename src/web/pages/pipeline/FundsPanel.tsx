import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App as AntApp,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Table,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { del, get, post } from '../../api/client'
import type { Fund, FundsList } from '../../api/types'
import { applyFieldError, errorMessage } from '../../lib/form-errors'
import { formatMoney } from '../../lib/format'
import { notFuture, todayBeijing } from './stages'

/** 到资: dated amounts received by a landed project, with the running total. */
export function FundsPanel({ projectId, manage }: { projectId: number; manage: boolean }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const funds = useQuery({
    queryKey: ['pipeline', 'funds', projectId],
    queryFn: () => get<FundsList>('/api/pipeline/funds', { projectId }),
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['pipeline'] })

  async function add() {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    try {
      await post('/api/pipeline/funds', {
        projectId,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        amount: String(v.amount),
        note: v.note || null,
      })
      message.success(t('pipeline.fundsAdded'))
      form.resetFields()
      await refresh()
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  async function remove(f: Fund) {
    try {
      await del(`/api/pipeline/funds/${f.id}`)
      message.success(t('pipeline.fundsDeleted'))
    } catch (e) {
      message.error(errorMessage(e))
    }
    await refresh()
  }

  return (
    <div>
      <Flex justify="space-between" align="baseline" wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('pipeline.funds')}</Typography.Text>
        <Typography.Text>
          {t('pipeline.fundsTotal')}：
          <Typography.Text strong>{formatMoney(funds.data?.total ?? '0', t)}</Typography.Text>
        </Typography.Text>
      </Flex>
      <Table<Fund>
        rowKey="id"
        size="small"
        loading={funds.isFetching}
        dataSource={funds.data?.items}
        pagination={false}
        locale={{ emptyText: funds.isError ? errorMessage(funds.error) : t('pipeline.fundsEmpty') }}
        columns={[
          { title: t('pipeline.receivedOn'), dataIndex: 'receivedOn', width: 110 },
          {
            title: t('pipeline.amount'),
            dataIndex: 'amount',
            align: 'right',
            width: 140,
            render: (v: string) => formatMoney(v, t),
          },
          { title: t('pipeline.fundNote'), dataIndex: 'note', ellipsis: true },
          ...(manage
            ? [
                {
                  key: 'x',
                  width: 48,
                  render: (_: unknown, f: Fund) => (
                    <Popconfirm title={t('pipeline.fundsDeleteConfirm')} onConfirm={() => remove(f)}>
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                      />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ receivedOn: todayBeijing() }}
        >
          <Flex gap={8} wrap align="end">
            <Form.Item
              name="receivedOn"
              label={t('pipeline.receivedOn')}
              rules={[{ required: true, message: t('common.required', { field: t('pipeline.receivedOn') }) }]}
              style={{ marginBottom: 8 }}
            >
              <DatePicker disabledDate={notFuture} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item
              name="amount"
              label={`${t('pipeline.amount')}（${t('pipeline.unitWan')}）`}
              rules={[{ required: true, message: t('common.required', { field: t('pipeline.amount') }) }]}
              style={{ marginBottom: 8 }}
            >
              <InputNumber min="0.01" precision={2} stringMode style={{ width: 150 }} />
            </Form.Item>
            <Form.Item
              name="note"
              label={t('pipeline.fundNote')}
              style={{ marginBottom: 8, flex: '1 1 140px' }}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Button icon={<PlusOutlined />} onClick={add} loading={busy} style={{ marginBottom: 8 }}>
              {t('pipeline.fundsAdd')}
            </Button>
          </Flex>
        </Form>
      )}
    </div>
  )
}
