import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('reference data', () => {
  it('GB/T 2260: provinces by default, children by parent, zones of Inner Mongolia, a region chain', async () => {
    expect((await t.agent().get('/api/reference/regions')).statusCode).toBe(401)
    const a = await t.as('a_sup')
    const provinces = (await a.get('/api/reference/regions')).json().items
    expect(provinces).toHaveLength(34)
    const tongliao = (await a.get('/api/reference/regions?parent=150500')).json().items
    expect(tongliao.map((r: { name: string }) => r.name)).toContain('通辽经济技术开发区')
    const chain = (await a.get('/api/reference/regions/150621/chain'))
      .json()
      .items.map((r: { name: string }) => r.name)
    expect(chain).toEqual(['内蒙古自治区', '鄂尔多斯市', '达拉特旗'])
    expect((await a.get('/api/reference/regions?parent=15')).statusCode).toBe(400)
  })

  it('GB/T 4754-2017: 20 sections and 97 divisions', async () => {
    const a = await t.as('a_sup')
    expect((await a.get('/api/reference/industries?level=1')).json().items).toHaveLength(20)
    expect((await a.get('/api/reference/industries?level=2')).json().items).toHaveLength(97)
    const food = (await a.get('/api/reference/industries?parent=C&keyword=农副食品')).json().items
    expect(food).toEqual([{ code: '13', name: '农副食品加工业', level: 2, parentCode: 'C' }])
  })
})
