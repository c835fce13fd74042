import { FIELD_LABELS } from '../../shared/field-labels.ts'

/** The subset of an Ajv error Fastify hands over (with verbose on, parentSchema is present). */
export interface AjvLikeError {
  keyword: string
  instancePath: string
  params: Record<string, any>
  message?: string
  parentSchema?: { title?: string; properties?: Record<string, { title?: string }> }
}

const CONTEXT_LABEL: Record<string, string> = {
  body: '请求内容',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
}

/** Turns the first schema error into a Chinese sentence naming the field, and the field's path. */
export function describeValidationError(
  err: AjvLikeError,
  context = 'body',
): { field: string; message: string } {
  const segments = err.instancePath.split('/').filter(Boolean)
  let field = segments.join('.')
  let label = labelFor(segments, err.parentSchema?.title)
  const p = err.params ?? {}
  let message: string
  switch (err.keyword) {
    case 'required': {
      const missing = String(p.missingProperty)
      field = field ? `${field}.${missing}` : missing
      label = err.parentSchema?.properties?.[missing]?.title ?? FIELD_LABELS[missing] ?? missing
      message = `缺少必填项：${label}`
      break
    }
    case 'minLength':
      message = p.limit === 1 ? `${label}不能为空` : `${label}长度不能少于 ${p.limit} 个字符`
      break
    case 'maxLength':
      message = `${label}长度不能超过 ${p.limit} 个字符`
      break
    case 'minimum':
    case 'exclusiveMinimum':
      message = `${label}不能小于 ${p.limit}`
      break
    case 'maximum':
    case 'exclusiveMaximum':
      message = `${label}不能大于 ${p.limit}`
      break
    case 'minItems':
      message = `${label}至少需要 ${p.limit} 项`
      break
    case 'maxItems':
      message = `${label}最多 ${p.limit} 项`
      break
    case 'uniqueItems':
      message = `${label}中有重复项`
      break
    case 'pattern':
    case 'format':
      message = `${label}格式不正确`
      break
    case 'type':
      message = `${label}类型不正确，应为${typeName(String(p.type))}`
      break
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      message = `${label}的取值无效`
      break
    case 'additionalProperties':
      field = field ? `${field}.${p.additionalProperty}` : String(p.additionalProperty)
      message = `不支持的字段：${p.additionalProperty}`
      break
    default:
      message = `${label}不符合要求`
  }
  if (!field) field = context
  if (!segments.length && err.keyword === 'type') message = `${CONTEXT_LABEL[context] ?? context}格式不正确`
  return { field, message }
}

function labelFor(segments: string[], title?: string): string {
  if (title) return title
  const last = [...segments].reverse().find((s) => !/^\d+$/.test(s))
  return (last && FIELD_LABELS[last]) ?? last ?? '请求内容'
}

function typeName(t: string): string {
  return (
    {
      string: '文本',
      number: '数字',
      integer: '整数',
      boolean: '是/否',
      object: '对象',
      array: '列表',
      null: '空',
    }[t.split(',')[0]] ?? t
  )
}
