import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { login, shot } from './helpers.ts'

/** A ledger as zones keep it: a title row, a unit row, headers in their own order, messy values. */
async function messyLedger(path: string, name: string) {
  const today = new Date()
  const late = new Date(today.getFullYear(), today.getMonth() - 4, 1)
  const plannedStart = `${late.getFullYear()}年${late.getMonth() + 1}月`
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台账')
  ws.addRow(['达拉特经济开发区重点项目台账'])
  ws.addRow(['单位：万元'])
  ws.addRow([
    '序号',
    '项目名称',
    '建设单位',
    '总投资（万元）',
    '建设性质',
    '项目阶段',
    '计划开工时间',
    '建设年限',
    '所属行业',
  ])
  ws.addRow([
    1,
    `${name}`,
    '内蒙古中轩生化科技有限公司',
    '1.2亿元',
    '新建',
    '前期手续',
    plannedStart,
    `${late.getFullYear()}—${late.getFullYear() + 2}`,
    '化学原料和化学制品制造业',
  ])
  ws.addRow([
    2,
    `${name}配套仓储`,
    '内蒙古中轩生化科技有限公司',
    '６５００万',
    '新建',
    '在建',
    '',
    '2025-2027',
    '仓储业',
  ])
  await wb.xlsx.writeFile(path)
}

test('a supervisor imports a ledger, opens the red project and reads why it is red', async ({
  page,
}, testInfo) => {
  const name = `赤藓糖醇扩能项目${String(Date.now()).slice(-4)}`
  const file = testInfo.outputPath('ledger.xlsx')
  await messyLedger(file, name)

  await login(page, 'supervisor')
  await page.getByRole('menuitem', { name: '台账导入' }).click()
  await page.getByRole('button', { name: '我已准备好台账，下一步' }).click()
  await page.locator('input[type=file]').setInputFiles(file)
  await page.getByRole('button', { name: '开始预检' }).click()
  await expect(page.getByText('预检通过：将新建 2 个、更新 0 个项目')).toBeVisible({ timeout: 30_000 })
  await shot(page, testInfo, '01-dry-run')
  await page.getByRole('button', { name: '确认导入' }).click()
  await expect(page.getByText('导入完成：新建 2 个、更新 0 个项目')).toBeVisible({ timeout: 60_000 })
  await shot(page, testInfo, '02-imported')

  // The imported preliminary project was due to start four months ago: red, and the page says why.
  await page.getByRole('button', { name: '查看项目台账' }).click()
  await expect(page.getByRole('heading', { name: '重点项目台账' })).toBeVisible()
  // Search as a user would: 赤藓糖醇 finds the project by a word of its name.
  await page.goto(`/projects?keyword=${encodeURIComponent(name)}`)
  const row = page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) })
  await expect(row).toContainText('红灯')
  await row.getByRole('link').first().click()
  await expect(page.getByText('为什么是红灯')).toBeVisible()
  await expect(page.getByText(/已推迟 \d+ 个月仍未开工/)).toBeVisible()
  await shot(page, testInfo, '03-why-red')
})

test("a project officer enters this week's progress on a phone", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await login(page, 'officer')
  await page.goto('/reports/weekly')
  await page.getByLabel('项目', { exact: true }).click()
  await page.keyboard.type('光伏组件')
  await page.locator('.ant-select-item-option', { hasText: '光伏组件生产基地项目' }).click()
  await page.getByLabel('本周完成').fill('完成组件车间主体结构，开始设备进场')
  await page.getByLabel('下周计划').fill('层压机、串焊机安装调试')
  await page.getByLabel('发现问题').fill('施工用电容量不足，需协调供电所增容')
  await shot(page, testInfo, '04-weekly-phone')
  await page.getByRole('button', { name: /提交本周进展/ }).click()
  await expect(page.getByText(/已提交|已保存/)).toBeVisible()
  await shot(page, testInfo, '05-weekly-saved')
})
