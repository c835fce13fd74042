import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUserWithRole, deptId } from '../../../../test/factories.ts'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import { creditCodeCheckChar } from '../../../shared/credit-code.ts'

let t: TestApp
let sup: Agent
beforeAll(async () => {
  t = await createTestApp()
  sup = await t.as('a_sup')
})
afterAll(() => t.close())

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17)

/** A workbook built the way people build ledgers: rows of cells, merged ranges, one sheet. */
async function workbook(rows: unknown[][], opts: { merges?: string[]; sheet?: string } = {}) {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(opts.sheet ?? '重点项目台账')
  for (const r of rows) ws.addRow(r)
  for (const m of opts.merges ?? []) ws.mergeCells(m)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A multipart/form-data body with fields and one file, as a browser sends it. */
function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----qd${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? XLSX}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

function upload(agent: Agent, data: Buffer | null, fields: Record<string, string> = {}, name = '台账.xlsx') {
  const body = multipart(fields, data ? { name, data } : undefined)
  return agent.post('/api/imports/ledger', body.payload, { headers: body.headers })
}

/** Uploads, waits for the background job, returns the finished job. */
async function run(agent: Agent, data: Buffer, fields: Record<string, string>) {
  const res = await upload(agent, data, fields)
  expect(res.statusCode, res.body).toBe(202)
  const { jobId } = res.json()
  await t.app.services.imports.idle()
  const job = await agent.get(`/api/imports/${jobId}`)
  expect(job.statusCode).toBe(200)
  return job.json()
}

const db = () => t.database.db
const zoneIdOf = (name: string) => deptId(t, name)
const projectCount = async (zone: string) =>
  Number(
    (
      await db()
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('zone_id', '=', await zoneIdOf(zone))
        .executeTakeFirstOrThrow()
    ).n,
  )
const projectNamed = async (name: string) =>
  db().selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirst()

const JINQI_CC = creditCode('91150621MA0N00001')

/** Title rows, a unit note, headers in an unusual order with an 亿元 header, and messy values. */
async function messyLedger() {
  return workbook(
    [
      ['甲开发区2026年重点项目台账'],
      ['', '', '', '', '', '', '', '单位：万元'],
      [
        '项目阶段',
        '序号',
        '项目名称',
        '建设单位',
        '统一社会信用代码',
        '总投资(亿元)',
        '2026年计划投资（万元）',
        '建设年限',
        '包联领导',
        '牵头单位',
        '配合单位',
        '所属行业',
        '项目级别',
        '建设性质',
        '类别',
        '备注',
      ],
      [
        '在建',
        1,
        '肉牛(羊)屠宰加工项目 ',
        '内蒙古金旗牛业有限公司',
        JINQI_CC,
        0.65,
        '3,000',
        '2025—2027',
        '甲领导',
        '甲督查室',
        '甲生态环境分局',
        '农副食品加工业',
        '市级',
        '新建',
        '落地一批',
        '重点',
      ],
      [
        '试运行',
        2,
        '  甲新材料项目\u3000',
        '甲新材料有限公司',
        '',
        '1.2亿元',
        '６５００万',
        '2025年3月-2026年12月',
        '甲领导、查无此人',
        '不存在的局',
        '',
        '制造业',
        '自治区级',
        '扩建',
        '引进一批',
        '',
      ],
      [
        '前期手续',
        3,
        '甲冷链物流项目',
        '内蒙古金旗牛业有限公司',
        '',
        '1.2',
        '12,000',
        '2025.03-2026.12',
        '',
        '',
        '',
        '13',
        '',
        '',
        '',
        '',
      ],
      ['合计', '', '', '', '', 13.3, '', '', '', '', '', '', '', '', '', ''],
    ],
    { merges: ['A1:P1'] },
  )
}

describe('template', () => {
  it('401 without a session, 403 without project:import', async () => {
    expect((await t.agent().get('/api/imports/template.xlsx')).statusCode).toBe(401)
    const res = await (await t.as('a_officer')).get('/api/imports/template.xlsx')
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).code).toBe('FORBIDDEN')
  })

  it('looks like a real ledger and explains every column', async () => {
    const res = await sup.get('/api/imports/template.xlsx')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent('重点项目台账导入模板.xlsx'),
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.getCell('A1').value).toBe('甲开发区2026年重点项目台账')
    expect(ws.getCell('A2').value).toBe('单位：万元')
    const header = (ws.getRow(3).values as unknown[]).slice(1)
    expect(header).toEqual(
      expect.arrayContaining([
        '序号',
        '项目名称',
        '建设单位',
        '总投资（万元）',
        '2026年计划投资（万元）',
        '建设年限',
        '项目阶段',
        '包联领导',
        '牵头单位',
      ]),
    )
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(
      expect.arrayContaining(['肉牛(羊)屠宰加工项目', '内蒙古金旗牛业有限公司', 6500]),
    )
    const help = wb.getWorksheet('填表说明')!
    const text = JSON.stringify(help.getSheetValues())
    for (const word of [
      '项目名称',
      '总投资',
      '建设年限',
      '洽谈',
      '开工在建',
      '投产',
      '新建',
      '技改',
      '国家级重点项目',
      '落地一批',
      '亿元',
    ])
      expect(text).toContain(word)
    expect(wb.getWorksheet('行业大类')!.rowCount).toBeGreaterThan(90)
  })

  it('imports cleanly as it is (its examples are valid rows)', async () => {
    const tpl = (await sup.get('/api/imports/template.xlsx')).rawPayload
    const job = await run(sup, tpl, { dryRun: 'true' })
    expect(job.status).toBe('done')
    expect(job.summary).toMatchObject({ created: 2, rejected: 0, headerRow: 3 })
    expect(job.rows[1]).toMatchObject({ name: '中轩生化赤藓糖醇项目', action: 'created' })
  })
})

describe('uploading', () => {
  it('401 without a session, 403 without project:import', async () => {
    const data = await messyLedger()
    expect((await upload(t.agent(), data, { dryRun: 'true' })).statusCode).toBe(401)
    for (const u of ['a_officer', 'a_leader', 'a_handler', 'a_ent']) {
      const res = await upload(await t.as(u), data, { dryRun: 'true' })
      expect(res.statusCode, u).toBe(403)
    }
  })

  it('400 naming the field for a missing file or a bad flag; 415 for anything but .xlsx', async () => {
    let res = await upload(sup, null, { dryRun: 'true' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'file', message: '请选择要上传的 .xlsx 文件' })

    res = await upload(sup, await messyLedger(), { dryRun: 'maybe' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('dryRun')

    res = await upload(sup, await messyLedger(), { dryRun: 'true', zoneId: 'abc' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('zoneId')

    res = await upload(sup, Buffer.from('项目名称,总投资\n甲,1\n'), { dryRun: 'true' }, '台账.csv')
    expect(res.statusCode).toBe(415)
    expect(errorOf(res)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file' })
    expect(errorOf(res).message).toContain('只支持 .xlsx 格式')

    res = await upload(sup, Buffer.from('not a workbook at all'), { dryRun: 'true' }, '伪装.xlsx')
    expect(res.statusCode).toBe(415)
    expect(errorOf(res).message).toContain('不是有效的 .xlsx 文件')

    res = await upload(
      sup,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]),
      { dryRun: 'true' },
      '旧台账.xls',
    )
    expect(res.statusCode).toBe(415)
    expect(errorOf(res).message).toContain('另存为 .xlsx')

    res = await sup.post('/api/imports/ledger', { dryRun: true })
    expect(res.statusCode).toBe(415)
    expect(errorOf(res).message).toContain('multipart/form-data')
  })

  it('takes files above the 2 MB JSON body limit, refuses a file over 20 MB', async () => {
    const mid = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(3 * 1024 * 1024)])
    const ok = await upload(sup, mid, { dryRun: 'true' }, '大台账.xlsx')
    expect(ok.statusCode).toBe(202)
    await t.app.services.imports.idle()
    const job = (await sup.get(`/api/imports/${ok.json().jobId}`)).json()
    expect(job).toMatchObject({
      status: 'failed',
      filename: '大台账.xlsx',
      message: expect.stringContaining('无法读取'),
    })

    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(20 * 1024 * 1024)])
    const res = await upload(sup, big, { dryRun: 'true' })
    expect(res.statusCode).toBe(413)
    expect(errorOf(res)).toMatchObject({ field: 'file', message: expect.stringContaining('20 MB') })
  })

  it('a zone user cannot import into another zone (404)', async () => {
    const res = await upload(sup, await messyLedger(), {
      dryRun: 'true',
      zoneId: String(await zoneIdOf('乙开发区')),
    })
    expect(res.statusCode).toBe(404)
  })

  it('a file whose header cannot be found fails with a message saying so', async () => {
    const job = await run(sup, await workbook([['随便写点什么'], ['a', 'b']]), { dryRun: 'true' })
    expect(job.status).toBe('failed')
    expect(job.message).toContain('未找到表头')
    expect(job.hasErrorFile).toBe(false)
  })
})

describe('a messy ledger', () => {
  let dryJob: any

  it('dry run: reports created rows and warnings, writes nothing', async () => {
    const before = await projectCount('甲开发区')
    const entsBefore = await db().selectFrom('enterprises').select('id').execute()
    dryJob = await run(sup, await messyLedger(), { dryRun: 'true' })
    expect(dryJob).toMatchObject({ status: 'done', dryRun: true, total: 3, processed: 3, hasErrorFile: true })
    expect(dryJob.summary).toMatchObject({
      created: 3,
      updated: 0,
      rejected: 0,
      skipped: 1,
      enterprisesCreated: 2,
      headerRow: 3,
    })
    expect(dryJob.summary.notes).toContain('未识别的列（已忽略）：「备注」')
    expect(dryJob.summary.notes).toContain('列「总投资(亿元)」的金额单位为亿元，已换算为万元')
    const [r1, r2, r3] = dryJob.rows
    expect(r1).toMatchObject({
      row: 4,
      name: '肉牛(羊)屠宰加工项目',
      action: 'created',
      enterprise: { action: 'created' },
    })
    expect(r2.warnings).toEqual(
      expect.arrayContaining([
        { column: '包联领导', message: '未找到名为「查无此人」的用户，未设为包联领导' },
        { column: '牵头单位', message: '本区没有名为「不存在的局」的部门，已忽略' },
        { column: '所属行业', message: '「制造业」是行业门类，未设置行业大类，已忽略' },
      ]),
    )
    expect(r3.enterprise).toEqual({ name: '内蒙古金旗牛业有限公司', action: 'created' })
    expect(await projectCount('甲开发区')).toBe(before)
    expect(await db().selectFrom('enterprises').select('id').execute()).toHaveLength(entsBefore.length)
  })

  it('commit: every messy value lands normalised in the projects', async () => {
    const before = await projectCount('甲开发区')
    const job = await run(sup, await messyLedger(), { dryRun: 'false' })
    expect(job.status, job.message).toBe('done')
    expect(job.summary).toMatchObject({ created: 3, updated: 0, rejected: 0, enterprisesCreated: 2 })
    expect(await projectCount('甲开发区')).toBe(before + 3)

    const cattle = (await projectNamed('肉牛(羊)屠宰加工项目'))!
    expect(cattle).toMatchObject({
      total_investment: '6500.00',
      start_date: '2025-01-01',
      end_date: '2027-12-31',
      stage: 'construction',
      industry_code: '13',
      level: 'city',
      nature: 'new',
    })
    expect(job.rows[0].projectId).toBe(cattle.id)
    const ent = await db()
      .selectFrom('enterprises')
      .selectAll()
      .where('id', '=', cattle.enterprise_id!)
      .executeTakeFirstOrThrow()
    expect(ent).toMatchObject({ name: '内蒙古金旗牛业有限公司', credit_code: JINQI_CC })
    const plan = await db()
      .selectFrom('project_year_plans')
      .selectAll()
      .where('project_id', '=', cattle.id)
      .execute()
    expect(plan).toEqual([expect.objectContaining({ year: 2026, planned: '3000.00' })])
    const leaders = await db()
      .selectFrom('project_leaders as pl')
      .innerJoin('users as u', 'u.id', 'pl.user_id')
      .select('u.username')
      .where('pl.project_id', '=', cattle.id)
      .execute()
    expect(leaders.map((l) => l.username)).toEqual(['a_leader'])
    const units = await db()
      .selectFrom('project_units as pu')
      .innerJoin('departments as d', 'd.id', 'pu.department_id')
      .select(['d.name', 'pu.role'])
      .where('pu.project_id', '=', cattle.id)
      .orderBy('pu.role', 'desc')
      .execute()
    expect(units).toEqual([
      { name: '甲督查室', role: 'lead' },
      { name: '甲生态环境分局', role: 'co' },
    ])
    const tags = await db()
      .selectFrom('project_tags')
      .select('tag')
      .where('project_id', '=', cattle.id)
      .execute()
    expect(tags.map((x) => x.tag)).toEqual(['landed'])

    const material = (await projectNamed('甲新材料项目'))!
    expect(material).toMatchObject({
      total_investment: '12000.00',
      start_date: '2025-03-01',
      end_date: '2026-12-31',
      stage: 'trial',
      industry_code: null,
      level: 'provincial',
      nature: 'expansion',
    })
    const plan2 = await db()
      .selectFrom('project_year_plans')
      .selectAll()
      .where('project_id', '=', material.id)
      .execute()
    expect(plan2).toEqual([expect.objectContaining({ year: 2026, planned: '6500.00' })])

    const cold = (await projectNamed('甲冷链物流项目'))!
    expect(cold).toMatchObject({
      total_investment: '12000.00',
      start_date: '2025-03-01',
      end_date: '2026-12-31',
      stage: 'preliminary',
    })
    expect(cold.enterprise_id).toBe(cattle.enterprise_id)
    const plan3 = await db()
      .selectFrom('project_year_plans')
      .selectAll()
      .where('project_id', '=', cold.id)
      .execute()
    expect(plan3).toEqual([expect.objectContaining({ year: 2026, planned: '12000.00' })])

    // One audit entry for the import as a whole, carrying the counts.
    const audits = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'project.import')
      .execute()
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({
      target_id: job.id,
      summary: expect.stringContaining('新建 3 个、更新 0 个项目'),
    })
  })

  it('importing the same ledger again changes nothing; a changed figure updates, never duplicates', async () => {
    const before = await projectCount('甲开发区')
    const eventsBefore = await db().selectFrom('events').select('id').execute()
    const same = await run(sup, await messyLedger(), { dryRun: 'false' })
    expect(same.status).toBe('done')
    expect(same.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3, enterprisesCreated: 0 })
    expect(await projectCount('甲开发区')).toBe(before)
    // Unchanged rows are not written: no timeline noise.
    expect(await db().selectFrom('events').select('id').execute()).toHaveLength(eventsBefore.length)

    const cattle = (await projectNamed('肉牛(羊)屠宰加工项目'))!
    // By code, with a new name, a new total and only the lead unit: the co unit stays as stored.
    const changed = await workbook([
      ['项目编号', '项目名称', '总投资（万元）', '牵头单位', '2026年计划投资'],
      [cattle.code, '肉牛(羊)屠宰加工项目（一期）', '7000', '甲督查室', 3000],
    ])
    const dry = await run(sup, changed, { dryRun: 'true' })
    expect(dry.rows[0]).toMatchObject({
      action: 'updated',
      projectId: cattle.id,
      changes: ['项目名称', '总投资'],
      warnings: [
        {
          column: '项目名称',
          message: '项目名称将由「肉牛(羊)屠宰加工项目」改为「肉牛(羊)屠宰加工项目（一期）」',
        },
      ],
    })
    const job = await run(sup, changed, { dryRun: 'false' })
    expect(job.summary).toMatchObject({ created: 0, updated: 1 })
    expect(await projectCount('甲开发区')).toBe(before)
    const after = (await db()
      .selectFrom('projects')
      .selectAll()
      .where('id', '=', cattle.id)
      .executeTakeFirstOrThrow())!
    expect(after).toMatchObject({
      name: '肉牛(羊)屠宰加工项目（一期）',
      total_investment: '7000.00',
      stage: 'construction',
    })
    const units = await db()
      .selectFrom('project_units')
      .select('role')
      .where('project_id', '=', cattle.id)
      .execute()
    expect(units.map((u) => u.role).sort()).toEqual(['co', 'lead'])
  })
})

describe('an invalid ledger', () => {
  const bad = () =>
    workbook([
      ['甲开发区重点项目台账'],
      ['序号', '项目名称', '总投资（万元）', '建设年限', '统一社会信用代码', '建设单位'],
      [1, '甲好项目', 100, '2026-2027', '', ''],
      [2, '', 100, '', '', ''],
      [3, '甲坏金额项目', '一千万', '明年', '', ''],
      [4, '甲好项目', 200, '', '', ''],
      [5, '甲坏代码项目', 300, '', '91150621MA0N000010', '甲某公司'],
      [6, '甲零投资项目', 0, '', '', ''],
    ])

  it('every bad row is reported with row, column and reason, and nothing is written', async () => {
    const before = await projectCount('甲开发区')
    const dry = await run(sup, await bad(), { dryRun: 'true' })
    expect(dry.summary).toMatchObject({ created: 1, rejected: 5 })
    const rejected = dry.rows.filter((r: any) => r.action === 'rejected')
    expect(rejected.map((r: any) => [r.row, r.problems])).toEqual([
      [4, [{ column: '项目名称', message: '项目名称不能为空' }]],
      [
        5,
        [
          { column: '总投资（万元）', message: '无法识别的金额「一千万」' },
          { column: '建设年限', message: '无法识别的建设年限「明年」' },
        ],
      ],
      [6, [{ column: '项目名称', message: '与第 3 行的项目名称「甲好项目」重复' }]],
      [7, [{ column: '统一社会信用代码', message: expect.stringContaining('校验位不正确') }]],
      [8, [{ column: '总投资（万元）', message: '总投资必须大于 0' }]],
    ])
    const rows = await sup.get(`/api/imports/${dry.id}/rows?action=rejected&pageSize=2&page=2`)
    expect(rows.json()).toMatchObject({ total: 5, items: [{ row: 6 }, { row: 7 }] })

    const commit = await run(sup, await bad(), { dryRun: 'false' })
    expect(commit.status).toBe('failed')
    expect(commit.message).toBe('有 5 行数据有误，未导入任何数据，请下载错误清单修改后重新导入')
    expect(await projectCount('甲开发区')).toBe(before)
    expect(await projectNamed('甲好项目')).toBeUndefined()

    const file = await sup.get(`/api/imports/${commit.id}/errors.xlsx`)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('错误清单')!
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    expect(header[0]).toBe('行号')
    expect(header.at(-1)).toBe('错误原因')
    expect(header).toContain('总投资（万元）')
    expect(ws.rowCount).toBe(6)
    const row5 = (ws.getRow(3).values as unknown[]).slice(1)
    expect(row5[0]).toBe(5)
    expect(row5).toContain('一千万')
    expect(row5.at(-1)).toBe(
      '第 5 行「总投资（万元）」：无法识别的金额「一千万」\n第 5 行「建设年限」：无法识别的建设年限「明年」',
    )
  })
})

describe('jobs: reading, listing, scope', () => {
  let jobId: string

  beforeAll(async () => {
    const res = await upload(sup, await messyLedger(), { dryRun: 'true' })
    jobId = res.json().jobId
    await t.app.services.imports.idle()
  })

  it('GET /:id — 401, 400 for a malformed id, 403 without permission, 404 in another zone', async () => {
    expect((await t.agent().get(`/api/imports/${jobId}`)).statusCode).toBe(401)
    const bad = await sup.get('/api/imports/not-a-job')
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).field).toBe('id')
    expect((await (await t.as('a_officer')).get(`/api/imports/${jobId}`)).statusCode).toBe(403)
    const other = await t.as('b_sup')
    expect((await other.get(`/api/imports/${jobId}`)).statusCode).toBe(404)
    expect((await other.get(`/api/imports/${jobId}/errors.xlsx`)).statusCode).toBe(404)
    expect((await other.get(`/api/imports/${jobId}/rows`)).statusCode).toBe(404)
    expect((await sup.get('/api/imports/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })

  it('GET /:id/errors.xlsx and /rows — 401, 400, 403; 404 when the job has no error list', async () => {
    expect((await t.agent().get(`/api/imports/${jobId}/errors.xlsx`)).statusCode).toBe(401)
    expect((await sup.get('/api/imports/x/errors.xlsx')).statusCode).toBe(400)
    expect((await (await t.as('a_officer')).get(`/api/imports/${jobId}/errors.xlsx`)).statusCode).toBe(403)
    const clean = await run(
      sup,
      await workbook([
        ['项目名称', '总投资', '建设单位'],
        ['甲干净项目', 10, ''],
      ]),
      {
        dryRun: 'true',
      },
    )
    expect(clean.hasErrorFile).toBe(false)
    const none = await sup.get(`/api/imports/${clean.id}/errors.xlsx`)
    expect(none.statusCode).toBe(404)
    expect(errorOf(none).message).toBe('该导入没有错误清单')

    expect((await t.agent().get(`/api/imports/${jobId}/rows`)).statusCode).toBe(401)
    const badFilter = await sup.get(`/api/imports/${jobId}/rows?action=deleted`)
    expect(badFilter.statusCode).toBe(400)
    expect(errorOf(badFilter).field).toBe('action')
    const warned = await sup.get(`/api/imports/${jobId}/rows?warnings=true`)
    expect(warned.json().items.map((r: any) => r.row)).toEqual([5])
  })

  it('GET / lists the jobs visible to the user; other zones see none of them', async () => {
    expect((await t.agent().get('/api/imports')).statusCode).toBe(401)
    expect((await (await t.as('a_officer')).get('/api/imports')).statusCode).toBe(403)
    const bad = await sup.get('/api/imports?status=lost')
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).field).toBe('status')
    const list = (await sup.get('/api/imports?pageSize=100')).json()
    expect(list.total).toBeGreaterThan(3)
    expect(list.items[0]).toMatchObject({ userName: '甲督查', zoneName: '甲开发区' })
    expect(list.items.some((j: any) => j.id === jobId)).toBe(true)
    const failed = (await sup.get('/api/imports?status=failed&dryRun=false')).json()
    expect(failed.items.every((j: any) => j.status === 'failed' && !j.dryRun)).toBe(true)
    const b = (await (await t.as('b_sup')).get('/api/imports')).json()
    expect(b.total).toBe(0)
    const exp = await sup.get('/api/imports/export.xlsx')
    expect(exp.statusCode).toBe(200)
    expect(exp.headers['content-type']).toContain('spreadsheetml')
  })

  it('another zone imports into its own zone, and its leaders and units are its own', async () => {
    const b = await t.as('b_sup')
    const before = await projectCount('甲开发区')
    const job = await run(
      b,
      await workbook([
        ['项目名称', '总投资（万元）', '包联领导', '牵头单位'],
        ['乙项目', 500, '甲领导', '乙生态环境分局'],
      ]),
      { dryRun: 'false' },
    )
    expect(job).toMatchObject({ status: 'done', zoneName: '乙开发区' })
    expect(job.rows[0].warnings).toEqual([
      { column: '包联领导', message: '未找到名为「甲领导」的用户，未设为包联领导' },
    ])
    expect(await projectCount('甲开发区')).toBe(before)
    expect(await projectCount('乙开发区')).toBe(1)
  })

  it('a user above the zones must name the zone', async () => {
    await addUserWithRole(t, {
      username: 'city_imp',
      displayName: '市级导入员',
      department: '测试市',
      role: {
        code: 'city_importer',
        name: '市级导入',
        dataScope: 'all',
        permissions: ['project:read', 'project:import'],
      },
    })
    const cityUser = await t.as('city_imp')
    const data = await workbook([
      ['项目名称', '总投资', '建设单位'],
      ['乙二号项目', 10, ''],
    ])
    const missing = await upload(cityUser, data, { dryRun: 'true' })
    expect(missing.statusCode).toBe(400)
    expect(errorOf(missing)).toMatchObject({ field: 'zoneId', message: '请选择要导入的开发区（园区）' })
    expect(
      (await upload(cityUser, data, { dryRun: 'true', zoneId: String(await deptId(t, '测试市')) }))
        .statusCode,
    ).toBe(404)
    const job = await run(cityUser, data, { dryRun: 'true', zoneId: String(await zoneIdOf('乙开发区')) })
    expect(job).toMatchObject({ status: 'done', zoneName: '乙开发区', summary: { created: 1 } })
  })
})
