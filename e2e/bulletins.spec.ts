import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import JSZip from 'jszip'
import { login, shot } from './helpers.ts'

// The supervision office closes the month: generates the monthly bulletin, writes the praise and
// criticism, downloads the Word file, issues it.
test('the supervision office generates a monthly bulletin, edits it, downloads the Word file and issues it', async ({
  page,
}, testInfo) => {
  await login(page, 'supervisor')
  await page.goto('/rhythm/bulletins')
  await expect(page.getByRole('heading', { name: '通报' })).toBeVisible()
  await page.getByRole('button', { name: '生成通报' }).click()
  const dialog = page.getByRole('dialog', { name: '生成通报草稿' })
  await expect(dialog.getByText('月通报')).toBeVisible()
  await dialog.getByRole('button', { name: '开始生成' }).click()
  await page.waitForURL(/\/rhythm\/bulletins\/\d+$/)

  // The draft: the month's title, the red list drawn from the demo projects, the figures.
  // the last month that ended (demo data is loaded relative to today)
  const title = page.getByLabel('标题')
  await expect(title).toHaveValue(/^关于\d{4}年\d{1,2}月重点项目建设和企业问题办理情况的通报$/)
  const titleText = await title.inputValue()
  await expect(page.getByText('（一）红灯项目')).toBeVisible()
  await expect(page.getByText('重点项目', { exact: true }).first()).toBeVisible()
  await page.getByLabel('表扬').fill('生态环境分局主动靠前服务中轩生化，排污许可提前办结，予以表扬。')
  await page.getByLabel('批评与限期整改').fill('个别单位问题办理超期，限5个工作日内书面说明原因。')
  await page.getByRole('button', { name: /^保\s*存$/ }).click()
  await expect(page.getByText('已保存')).toBeVisible()
  await shot(page, testInfo, 'bulletin-draft')

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Word' }).click(),
  ])
  expect(download.suggestedFilename()).toBe(`通报草稿${titleText}.docx`)
  const xml = await (await JSZip.loadAsync(readFileSync(await download.path())))
    .file('word/document.xml')!
    .async('string')
  expect(xml).toContain(titleText)
  expect(xml).toContain('生态环境分局主动靠前服务中轩生化')

  await page.getByRole('button', { name: /签\s*发$/ }).click()
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click()
  await expect(page.getByText(/已签发：\S*〔\d{4}〕\d+号/)).toBeVisible()
  await expect(page.getByText(/签发，内容只读/)).toBeVisible()
  await expect(page.getByLabel('标题')).toHaveCount(0)
  await shot(page, testInfo, 'bulletin-issued')

  await page.goto('/rhythm/bulletins')
  await expect(page.getByRole('link', { name: titleText }).first()).toBeVisible()
})
