import { expect, test } from '@playwright/test'
import { login, shot } from './helpers.ts'

// 帮办代办: a 项目管家 records the approval of the 环评 report of 中轩生化赤藓糖醇项目 on the project
// page; the project's milestone 环评批复 is then done with that date (and the contact is recorded).

test('a service officer records a permit approval and the project shows the milestone done', async ({
  page,
}, testInfo) => {
  await login(page, 'zhao_min')
  await page.goto('/permits?q=中轩生化')
  await expect(page.getByRole('heading', { name: '帮办代办' })).toBeVisible()
  await expect(page.getByText('签约到开工用时（当年开工项目）')).toBeVisible()
  await shot(page, testInfo, '01-overview')
  await page
    .getByRole('link', { name: /中轩生化赤藓糖醇项目/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { name: '中轩生化赤藓糖醇项目' })).toBeVisible()

  await page.getByRole('tab', { name: '帮办代办' }).click()
  const row = page.getByRole('row', { name: /环评批复/ })
  await expect(row.getByText('已受理')).toBeVisible()
  await row.getByRole('button', { name: /批复$/ }).click()
  const dialog = page.getByRole('dialog', { name: /登记批复：环评批复/ })
  await expect(dialog.getByText('批复日期将记为项目节点「环评批复」的实际完成日期')).toBeVisible()
  await shot(page, testInfo, '02-approve')
  await dialog.getByRole('button', { name: /保\s*存/ }).click()
  await expect(page.getByText('已登记「环评批复」批复，节点「环评批复」已完成')).toBeVisible()
  await expect(row.getByText('已批复')).toBeVisible()

  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
  await page.getByRole('tab', { name: '节点' }).click()
  const milestone = page.getByRole('row', { name: /环评批复/ })
  await expect(milestone.getByText(today)).toBeVisible()
  await expect(milestone.getByText(/完成/)).toBeVisible()
  await shot(page, testInfo, '03-milestone-done')

  // The enterprise's 一企一清单 shows the 帮办 contact recorded with the approval.
  await page
    .getByRole('link', { name: /建设单位：内蒙古中轩生化科技有限公司|内蒙古中轩生化科技有限公司/ })
    .first()
    .click()
  await page.getByRole('tab', { name: '保姆式服务' }).click()
  await expect(page.getByText('帮办「环评批复」获生态环境局批复').first()).toBeVisible()
  await shot(page, testInfo, '04-service-record')
})
