import { useQuery } from '@tanstack/react-query'
import type { FormInstance, SelectProps } from 'antd'
import { Form, Input, Modal, Radio, Select, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, get, patch, post } from '../../api/client'
import { useDict } from '../../api/queries'
import type { Enterprise, Page, ProjectRow } from '../../api/types'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { useModalSubmit } from '../../lib/use-modal-submit'
import type { Adoption, Ref, Suggestion } from './types'

// Small pieces shared by the visit pages and the enterprise page's visits tab.

export const ADOPTION_COLOR: Record<Adoption, string> = {
  pending: 'default',
  adopted: 'success',
  partly: 'processing',
  not_adopted: 'warning',
}

export function AdoptionTag({ adoption }: { adoption: Adoption }) {
  const { t } = useTranslation()
  return (
    <Tag color={ADOPTION_COLOR[adoption]} style={{ marginInlineEnd: 0 }}>
      {t(`visits.adoption.${adoption}`)}
    </Tag>
  )
}

/** 走访类型 as a coloured tag (dictionary visit_kind). */
export function KindTag({ kind, label }: { kind: string; label?: string }) {
  const dict = useDict('visit_kind')
  const item = dict.data?.items.find((i) => i.code === kind)
  return (
    <Tag color={item?.color ?? undefined} style={{ marginInlineEnd: 0 }}>
      {item?.label ?? label ?? kind}
    </Tag>
  )
}

/** The enabled options of a dictionary, in the UI language. */
export function useDictOptions(type: string) {
  const { i18n } = useTranslation()
  const dict = useDict(type)
  return useMemo(
    () =>
      (dict.data?.items ?? [])
        .filter((i) => i.enabled)
        .map((i) => ({ value: i.code, label: (i18n.language.startsWith('en') && i.labelEn) || i.label })),
    [dict.data, i18n.language],
  )
}

/**
 * Several enterprises, searched by name as one types; `known` names the chosen ones (they may not be
 * in the first page of results) and is kept up to date with what is picked.
 */
export function EnterprisesSelect({
  known = [],
  onPicked,
  onChange,
  ...props
}: SelectProps<number[]> & { known?: Ref[]; onPicked?: (items: Ref[]) => void }) {
  const [keyword, setKeyword] = useState('')
  const list = useQuery({
    queryKey: ['enterprises', 'pick', keyword],
    queryFn: () => get<Page<Enterprise>>('/api/enterprises', { keyword: keyword || undefined, pageSize: 20 }),
    staleTime: 30_000,
  })
  const options = useMemo(() => {
    const o = (list.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))
    for (const k of known) if (!o.some((x) => x.value === k.id)) o.unshift({ value: k.id, label: k.name })
    return o
  }, [list.data, known])
  return (
    <Select<number[]>
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      loading={list.isFetching}
      options={options}
      onChange={(v, opts) => {
        const picked = (Array.isArray(opts) ? opts : []) as Array<{ value?: unknown; label?: unknown }>
        onPicked?.(picked.map((o) => ({ id: Number(o.value), name: String(o.label ?? '') })))
        onChange?.(v, opts)
      }}
      {...props}
    />
  )
}

/** One enterprise for a list filter (searched as one types); `known` names the current value. */
export function EnterpriseFilter({ known, ...props }: SelectProps<number> & { known?: Ref | null }) {
  const [keyword, setKeyword] = useState('')
  const list = useQuery({
    queryKey: ['enterprises', 'pick', keyword],
    queryFn: () => get<Page<Enterprise>>('/api/enterprises', { keyword: keyword || undefined, pageSize: 20 }),
    staleTime: 30_000,
  })
  const options = useMemo(() => {
    const o = (list.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))
    if (known && !o.some((x) => x.value === known.id)) o.unshift({ value: known.id, label: known.name })
    return o
  }, [list.data, known])
  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      loading={list.isFetching}
      options={options}
      onClear={() => setKeyword('')}
      popupMatchSelectWidth={false}
      {...props}
    />
  )
}

/** Several projects (code and name), searched as one types. */
export function ProjectsSelect({
  known = [],
  ...props
}: SelectProps<number[]> & { known?: Array<Ref & { code: string }> }) {
  const [keyword, setKeyword] = useState('')
  const list = useQuery({
    queryKey: ['projects', 'pick', keyword],
    queryFn: () => get<Page<ProjectRow>>('/api/projects', { keyword: keyword || undefined, pageSize: 20 }),
    staleTime: 30_000,
  })
  const options = useMemo(() => {
    const o = (list.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))
    for (const k of known)
      if (!o.some((x) => x.value === k.id)) o.unshift({ value: k.id, label: `${k.name}（${k.code}）` })
    return o
  }, [list.data, known])
  return (
    <Select<number[]>
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      loading={list.isFetching}
      options={options}
      {...props}
    />
  )
}

/**
 * Puts a server error next to its field, list items included ("problems.0.title" →
 * ['problems', 0, 'title']); `map` renames fields (lng → location). True when it did.
 */
export function applyVisitError(form: FormInstance, err: unknown, map: Record<string, string> = {}) {
  if (!(err instanceof ApiError) || !err.field) return false
  const parts = (map[err.field] ?? err.field).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
  const name = parts.length === 1 ? parts[0] : parts
  const top = String(parts[0])
  if (!(top in (form.getFieldsValue(true) ?? {}))) return false
  form.setFields([{ name, errors: [err.message] }])
  form.scrollToField(name)
  return true
}

/** 答复建议: adoption (采纳 / 部分采纳 / 未采纳) and the reply, by the addressed department. */
export function ReplyModal({
  suggestion,
  onClose,
  onSaved,
}: {
  suggestion: Suggestion
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ adoption: Adoption; reply: string }>()
  const { submit, busy } = useModalSubmit({
    form,
    action: async (v) => {
      await post(`/api/suggestions/${suggestion.id}/reply`, { ...v, version: suggestion.version })
      return t('visits.reply.saved')
    },
    onSaved,
    onClose,
  })
  return (
    <Modal
      open
      title={t('visits.reply.title')}
      okText={t('visits.reply.submit')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <p style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, borderRadius: 4 }}>
        {suggestion.content}
      </p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          adoption: suggestion.adoption === 'pending' ? undefined : suggestion.adoption,
          reply: suggestion.reply ?? '',
        }}
      >
        <Form.Item
          name="adoption"
          label={t('visits.field.adoption')}
          rules={[{ required: true, message: t('visits.rule.adoption') }]}
        >
          <Radio.Group
            optionType="button"
            options={(['adopted', 'partly', 'not_adopted'] as const).map((a) => ({
              value: a,
              label: t(`visits.adoption.${a}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reply"
          label={t('visits.field.reply')}
          rules={[
            { required: true, whitespace: true, message: t('visits.rule.reply') },
            { min: 2, message: t('visits.rule.replyMin') },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('visits.placeholder.reply')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 补充 / 修改建议 of a visit: content, the department it goes to, the leader and enterprise concerned. */
export function SuggestionModal({
  visitId,
  suggestion,
  leaders,
  enterprises,
  onClose,
  onSaved,
}: {
  visitId: number
  suggestion: Suggestion | null
  leaders: Ref[]
  enterprises: Ref[]
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const { submit, busy } = useModalSubmit({
    form,
    action: async (v) => {
      const body = {
        content: v.content.trim(),
        departmentId: v.departmentId ?? null,
        leaderUserId: v.leaderUserId ?? null,
        enterpriseId: v.enterpriseId ?? null,
      }
      if (suggestion)
        await patch(`/api/suggestions/${suggestion.id}`, { ...body, version: suggestion.version })
      else await post(`/api/visits/${visitId}/suggestions`, body)
      return undefined
    },
    onSaved,
    onClose,
  })
  return (
    <Modal
      open
      title={suggestion ? t('visits.suggestion.edit') : t('visits.suggestion.add')}
      okText={t('common.save')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          content: suggestion?.content ?? '',
          departmentId: suggestion?.department?.id,
          leaderUserId: suggestion?.leader?.id ?? leaders[0]?.id,
          enterpriseId: suggestion?.enterprise?.id,
        }}
      >
        <SuggestionFields leaders={leaders} enterprises={enterprises} />
      </Form>
    </Modal>
  )
}

/** The fields of one suggestion; `prefix` places them in a Form.List item. */
export function SuggestionFields({
  prefix = [],
  leaders,
  enterprises,
}: {
  prefix?: Array<string | number>
  leaders: Ref[]
  enterprises: Ref[]
}) {
  const { t } = useTranslation()
  return (
    <>
      <Form.Item
        name={[...prefix, 'content']}
        label={t('visits.field.suggestionContent')}
        rules={[
          { required: true, whitespace: true, message: t('visits.rule.suggestionContent') },
          { min: 2, message: t('visits.rule.suggestionMin') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('visits.placeholder.suggestion')} />
      </Form.Item>
      <Form.Item name={[...prefix, 'departmentId']} label={t('visits.field.department')}>
        <DepartmentTreeSelect
          disableKinds={['city', 'zone']}
          placeholder={t('visits.placeholder.department')}
          style={{ width: '100%' }}
        />
      </Form.Item>
      {leaders.length > 1 && (
        <Form.Item name={[...prefix, 'leaderUserId']} label={t('visits.field.suggestionLeader')}>
          <Select allowClear options={leaders.map((l) => ({ value: l.id, label: l.name }))} />
        </Form.Item>
      )}
      {enterprises.length > 0 && (
        <Form.Item name={[...prefix, 'enterpriseId']} label={t('visits.field.suggestionEnterprise')}>
          <Select allowClear options={enterprises.map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
      )}
    </>
  )
}

/** The fields of one problem found on the visit; `prefix` places them in a Form.List item. */
export function ProblemFields({
  prefix = [],
  enterprises,
}: {
  prefix?: Array<string | number>
  enterprises: Ref[]
}) {
  const { t } = useTranslation()
  const categories = useDictOptions('problem_category')
  return (
    <>
      <Form.Item
        name={[...prefix, 'title']}
        label={t('visits.field.problemTitle')}
        rules={[
          { required: true, whitespace: true, message: t('visits.rule.problemTitle') },
          { min: 2, message: t('visits.rule.problemTitleMin') },
        ]}
      >
        <Input maxLength={100} placeholder={t('visits.placeholder.problemTitle')} />
      </Form.Item>
      <Form.Item
        name={[...prefix, 'description']}
        label={t('visits.field.problemDescription')}
        rules={[{ required: true, whitespace: true, message: t('visits.rule.problemDescription') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('visits.placeholder.problemDescription')} />
      </Form.Item>
      <Form.Item name={[...prefix, 'category']} label={t('visits.field.problemCategory')}>
        <Select allowClear options={categories} placeholder={t('visits.placeholder.category')} />
      </Form.Item>
      {enterprises.length > 0 && (
        <Form.Item name={[...prefix, 'enterpriseId']} label={t('visits.field.problemEnterprise')}>
          <Select
            allowClear
            options={enterprises.map((e) => ({ value: e.id, label: e.name }))}
            placeholder={t('visits.placeholder.problemEnterprise')}
          />
        </Form.Item>
      )}
    </>
  )
}

/** 补充问题 of an existing visit (it goes straight into the problem loop). */
export function ProblemModal({
  visitId,
  enterprises,
  onClose,
  onSaved,
}: {
  visitId: number
  enterprises: Ref[]
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const { submit, busy } = useModalSubmit({
    form,
    action: async (v) => {
      const r = await post<{ code: string }>(`/api/visits/${visitId}/problems`, {
        title: v.title.trim(),
        description: v.description.trim(),
        category: v.category ?? null,
        enterpriseId: v.enterpriseId ?? null,
      })
      return t('visits.problem.added', { code: r.code })
    },
    onSaved,
    onClose,
  })
  return (
    <Modal
      open
      title={t('visits.problem.add')}
      okText={t('common.save')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ enterpriseId: enterprises.length === 1 ? enterprises[0].id : undefined }}
      >
        <ProblemFields enterprises={enterprises} />
      </Form>
    </Modal>
  )
}
