import { fillPath, type JsonSchema, type Operation, type Rng, sampleOf } from './api-surface.ts'

/** One malformed request. `mustFail`: the input is invalid by construction, so a 2xx is a finding. */
export interface FuzzCase {
  op: Operation
  label: string
  method: Operation['method']
  url: string
  headers: Record<string, string>
  /** built when sent: a run holds thousands of cases, many of them a megabyte */
  payload?: () => string | Buffer
  anon?: boolean
  noCsrf?: boolean
  mustFail: boolean
}

const MB = 1024 * 1024

export const WEIRD_STRINGS: Array<[string, string]> = [
  ['1 MB string', 'x'.repeat(MB)],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', 'a\udfffb'],
  ['RTL override', '\u202e项目\u202c'],
  ['zero-width', '\u200b\u200c\u200d\ufeff'],
  ['emoji ZWJ', '😀👨‍👩‍👧‍👦🇨🇳'],
  ['NUL byte', 'a\u0000b'],
  ['control chars', '\u0001\u0007\u001b[31m'],
  ['combining marks', `e${'\u0301'.repeat(200)}`],
  ['SQL quote', "' OR '1'='1"],
  ['SQL drop', "1'); DROP TABLE users; --"],
  ['SQL comment', '1 /* */ union select password_hash from users --'],
  ['script tag', '<script>window.__xss=1</script>'],
  ['img onerror', '<img src=x onerror="window.__xss=1">'],
  ['javascript link', 'javascript:window.__xss=1'],
  ['path traversal', '../../etc/passwd'],
  ['encoded traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['windows traversal', '..\\..\\windows\\win.ini'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  ['template', '${7*7}{{7*7}}#{7*7}'],
  ['formula', '=HYPERLINK("http://evil.example","x")'],
  ['empty', ''],
  ['blanks', ' \n\t\r '],
  ['impossible date', '2026-02-30'],
  ['month 13', '2026-13-01'],
  ['year 0', '0000-00-00'],
  ['far date', '9999-12-31'],
  ['number text', '1e308'],
  ['NaN text', 'NaN'],
  ['null text', 'null'],
  ['JSON text', '{"a":1}'],
  ['long digits', '9'.repeat(40)],
]

export const WEIRD_NUMBERS: Array<[string, unknown]> = [
  ['-1', -1],
  ['0', 0],
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['2^63', 2 ** 63],
  ['-2^63', -(2 ** 63)],
  ['2^31', 2 ** 31],
  ['2^53+1', '9007199254740993'],
  ['1.5', 1.5],
  ['tiny', 1e-300],
  ['"NaN"', 'NaN'],
  ['"Infinity"', 'Infinity'],
  ['"-1"', '-1'],
  ['"1e400"', '1e400'],
  ['"0x10"', '0x10'],
  ['""', ''],
]

export const WRONG_TYPES: Array<[string, unknown]> = [
  ['null', null],
  ['true', true],
  ['object', {}],
  ['array', []],
  ['nested arrays', [[[]]]],
  ['deep object', { a: { b: { c: { d: 1 } } } }],
  ['string', 'str'],
  ['number', 42],
]

const MALFORMED_JSON: Array<[string, string]> = [
  ['truncated object', '{"a":'],
  ['truncated array', '[1,2'],
  ['single quotes', "{'a':1}"],
  ['trailing comma', '{"a":1,}'],
  ['bare word', 'undefined'],
  ['NaN literal', '{"a":NaN}'],
  ['comment', '{"a":1 /* c */}'],
  ['BOM', '\ufeff{}'],
  ['null', 'null'],
  ['string', '"x"'],
  ['number', '12'],
  ['array', '[]'],
  ['proto pollution', '{"__proto__":{"isAdmin":true}}'],
  ['constructor pollution', '{"constructor":{"prototype":{"isAdmin":true}}}'],
  ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['deep object nesting', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
  ['lone surrogate escape', '{"a":"\\ud800"}'],
  ['NUL escape', '{"a":"\\u0000"}'],
]

// Rejected whatever the schema: not JSON, or poisoned prototypes (Fastify refuses them).
const SYNTAX_ERRORS = new Set([
  'truncated object',
  'truncated array',
  'single quotes',
  'trailing comma',
  'bare word',
  'NaN literal',
  'comment',
  'proto pollution',
  'constructor pollution',
])
const NOT_AN_OBJECT = new Set(['null', 'string', 'number', 'array', 'deep nesting'])

const BAD_PATH_VALUES: Array<[string, string]> = [
  ['word', 'abc'],
  ['negative', '-1'],
  ['zero', '0'],
  ['decimal', '1.5'],
  ['exponent', '1e3'],
  ['2^31', '2147483648'],
  ['2^63', '9223372036854775808'],
  ['20 digits', '99999999999999999999'],
  ['traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['double-encoded traversal', '%252e%252e%252fetc%252fpasswd'],
  ['NUL', '1%00'],
  ['SQL', "1'%20OR%20'1'%3D'1"],
  ['emoji', '%F0%9F%98%80'],
  ['lone surrogate bytes', '%ED%A0%80'],
  ['invalid percent', '%E0%A4%A'],
  ['NaN', 'NaN'],
  ['huge text', 'a'.repeat(5000)],
]

function typeOf(s: JsonSchema): string {
  if (s.anyOf?.length) return typeOf(s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0]!)
  return String(Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : (s.type ?? ''))
}

function valuesFor(s: JsonSchema): Array<[string, unknown]> {
  const t = typeOf(s)
  const wrong = WRONG_TYPES.filter(([, v]) => {
    if (t === 'string') return typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean'
    if (t === 'integer' || t === 'number') return typeof v !== 'number'
    if (t === 'array') return !Array.isArray(v)
    if (t === 'object') return typeof v !== 'object' || Array.isArray(v)
    return true
  })
  if (t === 'string') return [...WEIRD_STRINGS, ...wrong]
  if (t === 'integer' || t === 'number') return [...WEIRD_NUMBERS, ...wrong]
  if (t === 'array')
    return [
      ['10 000 items', Array.from({ length: 10_000 }, (_, i) => i + 1)],
      ['strings', ['<script>window.__xss=1</script>', "' OR 1=1 --"]],
      ['NUL items', ['a\u0000']],
      ['huge ids', [2 ** 63, 1e308]],
      ...wrong,
    ]
  return wrong
}

export interface CaseContext {
  /** path values pointing at real records */
  path: Record<string, string>
  /** a sample id for body fields named …Id / …Ids */
  ids: (name: string) => number | undefined
}

const json = { 'content-type': 'application/json' }

/** Every malformed request the generator knows for one operation (sampled down by the caller). */
export function casesFor(op: Operation, ctx: CaseContext, r: Rng): FuzzCase[] {
  const out: FuzzCase[] = []
  const query = op.params.filter((p) => p.in === 'query')
  const baseQuery = Object.fromEntries(
    query.filter((p) => p.required).map((p) => [p.name, String(sampleOf(p.schema, p.name, ctx.ids))]),
  )
  const url = (path: Record<string, string>, q: Record<string, string> = baseQuery) => {
    const qs = new URLSearchParams(q).toString()
    return fillPath(op.path, path) + (qs ? `?${qs}` : '')
  }
  const base =
    op.body && op.bodyType === 'json' ? (sampleOf(op.body, '', ctx.ids) as Record<string, unknown>) : null
  const add = (c: Omit<FuzzCase, 'op' | 'method' | 'headers'> & { headers?: Record<string, string> }) =>
    out.push({ op, method: op.method, headers: {}, ...c })
  const withBody = op.method !== 'GET' && op.method !== 'DELETE'
  const baseBody = () => (withBody ? { payload: () => JSON.stringify(base ?? {}), headers: json } : {})

  // path parameters
  for (const p of op.params.filter((x) => x.in === 'path')) {
    for (const [label, v] of BAD_PATH_VALUES) {
      const isInt = p.schema.type === 'integer'
      add({
        label: `path ${p.name} = ${label}`,
        url: url({ ...ctx.path, [p.name]: v }),
        ...baseBody(),
        mustFail: isInt && !['2^31'].includes(label),
      })
    }
  }
  // query parameters
  for (const p of query) {
    for (const [label, v] of valuesFor(p.schema)) {
      const text = typeof v === 'string' ? v : JSON.stringify(v)
      if (text.length > 100_000) continue // a URL is not where a megabyte goes
      add({
        label: `query ${p.name} = ${label}`,
        url: url(ctx.path, { ...baseQuery, [p.name]: text }),
        ...baseBody(),
        mustFail: false,
      })
    }
    add({
      label: `query ${p.name} repeated`,
      url: `${url(ctx.path)}${Object.keys(baseQuery).length ? '&' : '?'}${p.name}=1&${p.name}=2`,
      ...baseBody(),
      mustFail: false,
    })
  }
  if (query.length)
    add({
      label: 'query unknown parameter',
      url: `${url(ctx.path)}${Object.keys(baseQuery).length ? '&' : '?'}__proto__[x]=1&zzz=%00`,
      ...baseBody(),
      mustFail: false,
    })

  if (op.bodyType === 'json' && op.body) {
    const objectBody = op.body.type === 'object'
    for (const [label, raw] of MALFORMED_JSON) {
      add({
        label: `malformed JSON: ${label}`,
        url: url(ctx.path),
        headers: json,
        payload: () => raw,
        mustFail: SYNTAX_ERRORS.has(label) || (objectBody && NOT_AN_OBJECT.has(label)),
      })
    }
    for (const ct of [
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'application/vnd.api+json',
    ]) {
      add({
        label: `content-type ${ct}`,
        url: url(ctx.path),
        headers: { 'content-type': ct },
        payload: () => JSON.stringify(base ?? {}),
        mustFail: false,
      })
    }
    add({
      label: 'empty body with JSON type',
      url: url(ctx.path),
      headers: json,
      payload: () => '',
      mustFail: !!op.body.required?.length,
    })
    const props = op.body.properties ?? {}
    for (const k of op.body.required ?? []) {
      const b = { ...base }
      delete b[k]
      add({
        label: `missing required ${k}`,
        url: url(ctx.path),
        headers: json,
        payload: () => JSON.stringify(b),
        mustFail: true,
      })
    }
    for (const [k, s] of Object.entries(props)) {
      for (const [label, v] of valuesFor(s)) {
        add({
          label: `body ${k} = ${label}`,
          url: url(ctx.path),
          headers: json,
          payload: () => JSON.stringify({ ...base, [k]: v }),
          mustFail: false,
        })
      }
      // one level down: objects inside arrays (e.g. a visit's problems) and nested objects
      const inner = s.type === 'array' ? s.items : s.type === 'object' ? s : undefined
      if (inner?.type === 'object' && inner.properties) {
        const innerBase = sampleOf(inner, k, ctx.ids) as Record<string, unknown>
        for (const [ik, is] of Object.entries(inner.properties)) {
          for (const [label, v] of valuesFor(is).filter(() => r.next() < 0.35)) {
            const value = { ...innerBase, [ik]: v }
            add({
              label: `body ${k}.${ik} = ${label}`,
              url: url(ctx.path),
              headers: json,
              payload: () => JSON.stringify({ ...base, [k]: s.type === 'array' ? [value] : value }),
              mustFail: false,
            })
          }
        }
      }
    }
    add({
      label: 'extra fields',
      url: url(ctx.path),
      headers: json,
      payload: () => JSON.stringify({ ...base, zzz: 'x', id: 1, zoneId: 999999, createdBy: 1, version: -5 }),
      mustFail: false,
    })
    add({
      label: 'body is an array',
      url: url(ctx.path),
      headers: json,
      payload: () => JSON.stringify([base]),
      mustFail: op.body.type === 'object',
    })
  }

  if (op.bodyType === 'multipart') {
    const props = Object.keys(op.body?.properties ?? {})
    const fields = (
      over: Record<string, string | null>,
      file?: { name: string; data: Buffer; type?: string } | null,
    ) => {
      const parts: Part[] = []
      for (const k of props) {
        if (k === 'file') continue
        const v = k in over ? over[k] : String(sampleOf(op.body!.properties![k]!, k, ctx.ids))
        if (v !== null) parts.push({ name: k, value: v! })
      }
      if (file !== null)
        parts.push({
          name: 'file',
          filename: file?.name ?? 'a.txt',
          type: file?.type ?? 'text/plain',
          data: file?.data ?? Buffer.from('hello'),
        })
      return multipart(parts)
    }
    const mp = (label: string, m: () => { body: Buffer; type: string }, mustFail: boolean) =>
      add({
        label: `multipart ${label}`,
        url: url(ctx.path),
        headers: { 'content-type': MULTIPART_TYPE },
        payload: () => m().body,
        mustFail,
      })
    mp('no file', () => fields({}, null), true)
    mp(
      'oversized file (21 MB)',
      () => fields({}, { name: 'big.pdf', type: 'application/pdf', data: Buffer.alloc(21 * MB, 0x41) }),
      true,
    )
    for (const [label, name] of [
      ['traversal name', '../../etc/passwd'],
      ['windows traversal name', '..\\..\\windows\\win.ini'],
      ['NUL in name', 'a\u0000.pdf'],
      ['script name', '<script>window.__xss=1</script>.txt'],
      ['RTL name', '\u202egpj.exe'],
      ['long name', `${'名'.repeat(2000)}.txt`],
      ['no extension', 'README'],
      ['executable', 'run.exe'],
    ] as const)
      mp(label, () => fields({}, { name, data: Buffer.from('hello') }), false)
    mp(
      'fake image',
      () => fields({}, { name: 'x.png', type: 'image/png', data: Buffer.from('not a png') }),
      false,
    )
    mp('empty file', () => fields({}, { name: 'empty.txt', data: Buffer.alloc(0) }), false)
    for (const k of props.filter((x) => x !== 'file')) {
      for (const [label, v] of [
        ...WEIRD_STRINGS.filter(([l]) => l !== '1 MB string'),
        ['missing', null] as [string, null],
      ])
        mp(`${k} = ${label}`, () => fields({ [k]: v as string | null }), false)
    }
    mp('truncated', () => ({ body: fields({}).body.subarray(0, 60), type: MULTIPART_TYPE }), true)
    add({
      label: 'multipart route given JSON',
      url: url(ctx.path),
      headers: json,
      payload: () => '{}',
      mustFail: true,
    })
  }

  if (withBody && !op.bodyType) {
    add({
      label: 'unexpected JSON body',
      url: url(ctx.path),
      headers: json,
      payload: () => JSON.stringify({ zzz: "' OR 1=1 --" }),
      mustFail: false,
    })
    add({
      label: 'unexpected malformed body',
      url: url(ctx.path),
      headers: json,
      payload: () => '{"a":',
      mustFail: false,
    })
  }
  return out
}

interface Part {
  name: string
  value?: string
  filename?: string
  type?: string
  data?: Buffer
}

const BOUNDARY = '----qdfuzz7MA4YWxkTrZu0gW'
const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`

export function multipart(parts: Part[]): { body: Buffer; type: string } {
  const boundary = BOUNDARY
  const chunks: Buffer[] = []
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename.replace(/"/g, '%22')}"` : ''}`
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`,
      ),
    )
    chunks.push(p.data ?? Buffer.from(p.value ?? ''))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(chunks), type: MULTIPART_TYPE }
}
