import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('dictionaries', () => {
  it('are readable by every signed-in user, not by visitors', async () => {
    expect((await t.agent().get('/api/dicts')).statusCode).toBe(401)
    const ent = await t.as('a_ent')
    const stages = (await ent.get('/api/dicts/project_stage/items')).json().items
    expect(stages.map((s: { label: string }) => s.label)).toEqual([
      '洽谈',
      '签约',
      '前期手续',
      '开工在建',
      '建成验收',
      '试生产',
      '投产',
    ])
    expect(stages[0].color).toMatch(/^#[0-9a-f]{6}$/i)
    expect((await ent.get('/api/dicts/nothing_here/items')).statusCode).toBe(404)
  })

  it('items are added and edited by the system admin only; disabled items drop out of forms', async () => {
    const sup = await t.as('a_sup')
    expect(
      (await sup.post('/api/dicts/problem_category/items', { code: 'gas', label: '供气' })).statusCode,
    ).toBe(403)
    const admin = await t.as('sysadmin')
    const created = await admin.post('/api/dicts/problem_category/items', {
      code: 'gas',
      label: '供气',
      labelEn: 'Gas supply',
      color: '#fa541c',
      sort: 95,
    })
    expect(created.statusCode).toBe(201)
    const dup = await admin.post('/api/dicts/problem_category/items', { code: 'gas', label: '燃气' })
    expect(dup.statusCode).toBe(409)
    expect(errorOf(dup).field).toBe('code')
    const badColor = await admin.post('/api/dicts/problem_category/items', {
      code: 'heat',
      label: '供热',
      color: 'red',
    })
    expect(errorOf(badColor).field).toBe('color')
    const item = created.json()
    const off = await admin.patch(`/api/dicts/problem_category/items/${item.id}`, {
      enabled: false,
      version: item.version,
    })
    expect(off.json().enabled).toBe(false)
    const labels = (await sup.get('/api/dicts/problem_category/items'))
      .json()
      .items.map((i: { code: string }) => i.code)
    expect(labels).not.toContain('gas')
    const all = (await admin.get('/api/dicts/problem_category/items?includeDisabled=true'))
      .json()
      .items.map((i: { code: string }) => i.code)
    expect(all).toContain('gas')
    expect(
      (
        await admin.patch(`/api/dicts/problem_category/items/${item.id}`, {
          label: 'x',
          version: item.version,
        })
      ).statusCode,
    ).toBe(409)
  })
})
