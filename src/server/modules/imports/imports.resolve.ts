// From normalised rows to what will happen to each: match the project (code in the zone, else name),
// the enterprise (credit code, else name), leaders (users by name) and units (departments by name or
// short name); duplicates inside the file are rejected. Pure: the zone's data comes in as lookups.
import { creditCodeProblem } from '../../lib/credit-code.ts'
import type { ImportProjectInput } from '../projects/projects.service.ts'
import { nameKey } from './imports.normalise.ts'
import type { Issue, ParsedRow } from './imports.parse.ts'

export interface ProjectRef {
  id: number
  code: string
  name: string
  start_date: string | null
  end_date: string | null
}

/** What a stored project holds today, to tell a real update from a row that changes nothing. */
export interface ProjectState {
  name: string
  enterpriseId: number | null
  nature: string | null
  industryCode: string | null
  level: string | null
  address: string | null
  description: string | null
  totalInvestment: string
  completedBefore: string
  startDate: string | null
  endDate: string | null
  stage: string
  isKey: boolean
  tags: string[]
  leaderUserIds: number[]
  leadDepartmentId: number | null
  coDepartmentIds: number[]
  /** year → planned 万元 */
  plans: Record<number, string>
}

export interface ZoneLookups {
  zoneId: number
  /** by project id */
  state: Map<number, ProjectState>
  projectsByCode: Map<string, ProjectRef>
  /** by nameKey; several projects with one name → all of them */
  projectsByName: Map<string, ProjectRef[]>
  enterprisesByCredit: Map<string, { id: number; name: string }>
  enterprisesByName: Map<string, { id: number; name: string; creditCode: string | null }>
  /** display name → user ids (zone users first) */
  usersByName: Map<string, number[]>
  /** nameKey of name or short name → departments */
  departmentsByName: Map<string, Array<{ id: number; name: string }>>
  /** the zone's negative list by industry code */
  negative: Map<string, { kind: 'forbidden' | 'restricted'; reason: string | null; industryName: string }>
}

export type RowAction = 'created' | 'updated' | 'unchanged' | 'rejected'

export interface RowOutcome {
  row: number
  code: string | null
  name: string | null
  action: RowAction
  /** the project updated (dry run and commit) or created (commit) */
  projectId: number | null
  enterprise: { name: string; action: 'matched' | 'created' } | null
  /** for updates: what the row changes ("总投资", "项目阶段", "2026年计划投资") */
  changes: string[]
  problems: Issue[]
  warnings: Issue[]
}

export interface EnterpriseRef {
  /** key shared by rows naming the same enterprise */
  key: string
  name: string
  creditCode: string | null
  existingId: number | null
}

export interface PlannedRow {
  outcome: RowOutcome
  input: Omit<ImportProjectInput, 'enterpriseId'>
  enterprise: EnterpriseRef | null
  /** false for an existing project whose fields the row does not change */
  writeProject: boolean
  /** the year plans to write (those that differ from what is stored) */
  yearPlans: Array<{ year: number; planned: string }>
}

const LABEL: Record<string, string> = {
  name: '项目名称',
  enterpriseId: '建设单位',
  nature: '建设性质',
  industryCode: '所属行业',
  level: '项目级别',
  address: '建设地点',
  description: '建设内容',
  totalInvestment: '总投资',
  completedBefore: '累计完成投资',
  startDate: '开工日期',
  endDate: '竣工日期',
  stage: '项目阶段',
  isKey: '是否重点项目',
  tags: '项目标签',
  leaderUserIds: '包联领导',
  leadDepartmentId: '牵头单位',
  coDepartmentIds: '配合单位',
}

const sameSet = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x) => b.includes(x))

/** The fields of `input` that differ from the stored project (enterprise given separately). */
function changedFields(
  input: PlannedRow['input'],
  st: ProjectState,
  enterprise: EnterpriseRef | null,
): string[] {
  const out: string[] = []
  for (const [k, v] of Object.entries(input)) {
    if (!(k in LABEL) || v === undefined) continue
    const old = (st as unknown as Record<string, unknown>)[k]
    const differs = Array.isArray(v) ? !sameSet(v, old as unknown[]) : (v ?? null) !== (old ?? null)
    if (differs) out.push(LABEL[k])
  }
  if (enterprise && enterprise.existingId !== st.enterpriseId) out.push(LABEL.enterpriseId)
  return out
}

/** Header of each field in this sheet, for messages about a field rather than a cell. */
export type FieldHeaders = Partial<Record<string, string>>

export function resolveRows(
  rows: ParsedRow[],
  lk: ZoneLookups,
  headers: FieldHeaders,
  opts: { admissionNote: string },
): PlannedRow[] {
  const byCode = new Map<string, number>()
  const byName = new Map<string, number>()
  const byTarget = new Map<number, number>()
  // Enterprises new to the zone, shared by the rows that name them (by credit code or by name).
  const newByCredit = new Map<string, EnterpriseRef>()
  const newByName = new Map<string, EnterpriseRef>()
  const out: PlannedRow[] = []

  for (const r of rows) {
    const v = r.values
    const problems = [...r.problems]
    const warnings = [...r.warnings]
    const h = (k: string, fallback: string) => headers[k] ?? fallback

    // Duplicates inside the file: the first row stands, later ones are rejected pointing at it.
    if (v.code) {
      const first = byCode.get(v.code)
      if (first)
        problems.push({
          column: h('code', '项目编号'),
          message: `与第 ${first} 行的项目编号「${v.code}」重复`,
        })
      else byCode.set(v.code, r.row)
    }
    if (v.name) {
      const k = nameKey(v.name)
      const first = byName.get(k)
      if (first)
        problems.push({
          column: h('name', '项目名称'),
          message: `与第 ${first} 行的项目名称「${v.name}」重复`,
        })
      else byName.set(k, r.row)
    }

    // The project: code in the zone, else name in the zone.
    let target: ProjectRef | null = null
    if (v.code) target = lk.projectsByCode.get(v.code) ?? null
    if (!target && v.name) {
      const same = lk.projectsByName.get(nameKey(v.name)) ?? []
      if (same.length > 1)
        problems.push({
          column: h('name', '项目名称'),
          message: `本区有 ${same.length} 个名为「${v.name}」的项目（编号 ${same.map((p) => p.code).join('、')}），请填写项目编号以区分`,
        })
      else if (same.length === 1) {
        target = same[0]
        if (v.code)
          warnings.push({
            column: h('code', '项目编号'),
            message: `本区没有编号为「${v.code}」的项目，已按名称匹配到编号为「${target.code}」的项目`,
          })
      }
    }
    if (target) {
      const first = byTarget.get(target.id)
      if (first)
        problems.push({
          column: h('name', '项目名称'),
          message: `与第 ${first} 行对应同一个已有项目（编号 ${target.code}）`,
        })
      else byTarget.set(target.id, r.row)
      if (v.name && target.name !== v.name && v.code === target.code)
        warnings.push({
          column: h('name', '项目名称'),
          message: `项目名称将由「${target.name}」改为「${v.name}」`,
        })
      // Only one end of the period in the sheet: it must still fit the other end already stored.
      const start = v.startDate ?? target.start_date
      const end = v.endDate ?? target.end_date
      if (start && end && end < start && !(v.startDate && v.endDate))
        problems.push({
          column: v.endDate ? h('endDate', h('period', '建设年限')) : h('startDate', h('period', '建设年限')),
          message: `与已有项目的${v.endDate ? `开工日期 ${start}` : `竣工日期 ${end}`}矛盾（结束早于开始）`,
        })
    }

    // The enterprise: credit code (validated), else name; created at commit when new.
    let enterprise: EnterpriseRef | null = null
    let entOutcome: RowOutcome['enterprise'] = null
    if (v.creditCode) {
      const bad = creditCodeProblem(v.creditCode)
      if (bad)
        problems.push({ column: h('creditCode', '统一社会信用代码'), message: `「${v.creditCode}」：${bad}` })
    }
    const validCredit = v.creditCode && !creditCodeProblem(v.creditCode) ? v.creditCode : null
    if (v.enterpriseName || validCredit) {
      const byCredit = validCredit ? lk.enterprisesByCredit.get(validCredit) : undefined
      const byEntName = v.enterpriseName ? lk.enterprisesByName.get(nameKey(v.enterpriseName)) : undefined
      const found = byCredit ?? byEntName
      if (found) {
        enterprise = {
          key: `id:${found.id}`,
          name: found.name,
          creditCode: validCredit,
          existingId: found.id,
        }
        entOutcome = { name: found.name, action: 'matched' }
        if (!byCredit && validCredit && byEntName?.creditCode && byEntName.creditCode !== validCredit)
          warnings.push({
            column: h('creditCode', '统一社会信用代码'),
            message: `企业「${found.name}」登记的信用代码为 ${byEntName.creditCode}，与表中不一致，已按名称关联`,
          })
      } else if (v.enterpriseName) {
        const nk = nameKey(v.enterpriseName)
        enterprise = (validCredit ? newByCredit.get(validCredit) : undefined) ??
          newByName.get(nk) ?? {
            key: validCredit ? `cc:${validCredit}` : `n:${nk}`,
            name: v.enterpriseName,
            creditCode: validCredit,
            existingId: null,
          }
        if (validCredit && !newByCredit.has(validCredit)) newByCredit.set(validCredit, enterprise)
        if (!newByName.has(nk)) newByName.set(nk, enterprise)
        entOutcome = { name: enterprise.name, action: 'created' }
      } else {
        warnings.push({
          column: h('creditCode', '统一社会信用代码'),
          message: `本区没有信用代码为 ${validCredit} 的企业，且未填写企业名称，未关联企业`,
        })
      }
    }

    // Leaders by name; units by name or short name. Unknown ones are warnings, not rejections.
    const leaderUserIds: number[] = []
    for (const n of v.leaderNames) {
      const ids = lk.usersByName.get(n) ?? []
      if (!ids.length)
        warnings.push({
          column: h('leaders', '包联领导'),
          message: `未找到名为「${n}」的用户，未设为包联领导`,
        })
      else if (ids.length > 1)
        warnings.push({
          column: h('leaders', '包联领导'),
          message: `有 ${ids.length} 个名为「${n}」的用户，无法确定，未设为包联领导`,
        })
      else if (!leaderUserIds.includes(ids[0])) leaderUserIds.push(ids[0])
    }
    const unit = (name: string, column: string) => {
      const ds = lk.departmentsByName.get(nameKey(name)) ?? []
      if (ds.length === 1) return ds[0].id
      warnings.push({
        column,
        message: ds.length
          ? `有多个名为「${name}」的部门，无法确定，已忽略`
          : `本区没有名为「${name}」的部门，已忽略`,
      })
      return null
    }
    let leadDepartmentId: number | null = null
    const coDepartmentIds: number[] = []
    for (const [i, n] of v.leadUnitNames.entries()) {
      const id = unit(n, h('leadUnits', '牵头单位'))
      if (id === null) continue
      if (leadDepartmentId === null) {
        leadDepartmentId = id
        if (v.leadUnitNames.length > 1 && i === 0)
          warnings.push({
            column: h('leadUnits', '牵头单位'),
            message: `牵头单位有 ${v.leadUnitNames.length} 个，「${n}」作为牵头单位，其余作为配合单位`,
          })
      } else if (!coDepartmentIds.includes(id)) coDepartmentIds.push(id)
    }
    for (const n of v.coUnitNames) {
      const id = unit(n, h('coUnits', '配合单位'))
      if (id !== null && id !== leadDepartmentId && !coDepartmentIds.includes(id)) coDepartmentIds.push(id)
    }

    let admissionOverrideReason: string | null = null
    const listed = v.industryCode ? lk.negative.get(v.industryCode) : undefined
    if (listed) {
      admissionOverrideReason = opts.admissionNote
      warnings.push({
        column: h('industry', '所属行业'),
        message: `所属行业「${listed.industryName}」在本区产业准入负面清单中（${listed.kind === 'forbidden' ? '禁止类' : '限制类'}${listed.reason ? `：${listed.reason}` : ''}），按台账导入并记录`,
      })
    }

    const rejected = problems.length > 0
    // Blank cells leave what is already stored: only what the ledger says is passed on.
    const input: PlannedRow['input'] = {
      zoneId: lk.zoneId,
      code: target?.code ?? v.code,
      name: v.name ?? '',
      totalInvestment: v.totalInvestment ?? '0.00',
      ...(v.nature ? { nature: v.nature } : {}),
      ...(v.industryCode ? { industryCode: v.industryCode } : {}),
      ...(v.level ? { level: v.level } : {}),
      ...(v.address ? { address: v.address } : {}),
      ...(v.description ? { description: v.description } : {}),
      ...(v.completedBefore !== null ? { completedBefore: v.completedBefore } : {}),
      ...(v.startDate ? { startDate: v.startDate } : {}),
      ...(v.endDate ? { endDate: v.endDate } : {}),
      ...(v.stage ? { stage: v.stage } : {}),
      ...(v.isKey !== undefined ? { isKey: v.isKey } : {}),
      ...(v.tags.length ? { tags: v.tags } : {}),
      ...(leaderUserIds.length ? { leaderUserIds } : {}),
      ...(leadDepartmentId !== null ? { leadDepartmentId } : {}),
      ...(coDepartmentIds.length ? { coDepartmentIds } : {}),
      ...(admissionOverrideReason ? { admissionOverrideReason } : {}),
    }
    let changes: string[] = []
    let writeProject = true
    let yearPlans = v.yearPlans
    const st = target ? lk.state.get(target.id) : undefined
    if (st) {
      // Units are replaced as a pair: a sheet with only one of the two columns keeps the other as stored.
      if (input.leadDepartmentId !== undefined && !input.coDepartmentIds && st.coDepartmentIds.length)
        input.coDepartmentIds = st.coDepartmentIds.filter((id) => id !== input.leadDepartmentId)
      if (input.coDepartmentIds && input.leadDepartmentId === undefined && st.leadDepartmentId !== null)
        if (!input.coDepartmentIds.includes(st.leadDepartmentId)) input.leadDepartmentId = st.leadDepartmentId
      changes = changedFields(input, st, enterprise)
      writeProject = changes.length > 0
      yearPlans = v.yearPlans.filter((p) => st.plans[p.year] !== p.planned)
      for (const p of yearPlans) changes.push(`${p.year}年计划投资`)
    }
    const outcome: RowOutcome = {
      row: r.row,
      code: v.code ?? target?.code ?? null,
      name: v.name,
      action: rejected ? 'rejected' : !target ? 'created' : changes.length ? 'updated' : 'unchanged',
      projectId: target?.id ?? null,
      enterprise: rejected ? null : entOutcome,
      changes: rejected ? [] : changes,
      problems,
      warnings,
    }
    out.push({ outcome, input, enterprise: rejected ? null : enterprise, writeProject, yearPlans })
  }
  return out
}

/** "第 12 行「总投资」：无法识别的金额「一千万」" — one line per problem, for the 错误原因 column. */
export function issueLine(row: number, i: Issue): string {
  return `第 ${row} 行「${i.column}」：${i.message}`
}
