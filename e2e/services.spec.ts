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
  await page.getByRole('tab', { name: '服务记录' }).click()
  await expect(page.getByText('帮办「环评批复」获生态环境局批复').first()).toBeVisible()
  await shot(page, testInfo, '04-service-record')
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

  test('a 项目管家 records a call on the enterprise page with the keyboard; it heads the 产前 timeline', async ({
    page,
  }, testInfo) => {
    const tag = String(Date.now()).slice(-5)
    await login(page, 'sun_hao')
    await page.goto('/permits?q=丁二醇&late=true')
    // the permit past its legal time limit, as a card
    await expect(page.getByText(/超时限 \d+ 个工作日/).first()).toBeVisible()
    await page.getByRole('link', { name: '年产3万吨生物基丁二醇项目' }).first().click()
    await expect(page.getByText(/手续「能评」超过法定时限未批复/)).toBeVisible()
    await page.getByRole('link', { name: /建设单位：/ }).click()
    // on a phone the tab bar scrolls as the tab takes focus: tap until it is the open one
    const tab = page.getByRole('tab', { name: '服务记录' })
    await expect(async () => {
      await tab.click()
      await expect(tab).toHaveAttribute('aria-selected', 'true', { timeout: 1000 })
    }).toPass()
    await page.getByLabel('方式', { exact: true }).click()
    await page.locator('.ant-select-item-option', { hasText: /^电话$/ }).click()
    await page.getByLabel('服务内容', { exact: true }).fill(`电话催办能评审查意见 ${tag}`)
    await page.keyboard.press('Tab')
    await page.keyboard.type('明天再与发展改革局确认')
    await page.keyboard.press('Enter')
    await expect(page.getByText('已登记服务记录')).toBeVisible()
    const entry = page.locator('.ant-timeline-item').first()
    await expect(entry.getByText(`电话催办能评审查意见 ${tag}`)).toBeVisible()
    await expect(entry.getByText('产前')).toBeVisible()
    await expect(entry.getByText('孙浩')).toBeVisible()
    await shot(page, testInfo, 'phone-service-record')
  })
})
