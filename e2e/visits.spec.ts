import { expect, test } from '@playwright/test'
import { login, shot } from './helpers.ts'

// A leader on site, on a phone: the location from the phone, the enterprise, a problem and a suggestion
// entered inline, one submit.
test.use({
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  geolocation: { longitude: 109.987654, latitude: 40.412345 },
  permissions: ['geolocation'],
})

// A 2×2 PNG (the photo taken on site).
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOwqr4KRAwQCgAougYpndYAygAAAABJRU5ErkJggg==',
  'base64',
)

test('a leader records a site visit on a phone with one problem and one suggestion, then finds it in the list', async ({
  page,
}, testInfo) => {
  const tag = String(Date.now()).slice(-5)
  const place = `中轩生化赤藓糖醇项目工地 ${tag}`
  await login(page, 'director')
  await page.goto('/visits/new')
  await expect(page.getByRole('heading', { name: '登记走访' })).toBeVisible()

  await page
    .locator('label')
    .filter({ hasText: /^现场办公$/ })
    .click()
  await page.getByLabel('走访地点').fill(place)
  await page.getByRole('button', { name: '使用当前位置' }).click()
  await expect(page.getByText('已定位：经度 109.987654，纬度 40.412345')).toBeVisible()
  // The leader recording is the visiting leader unless changed.
  await expect(page.getByText('王振东', { exact: true })).toBeVisible()
  await page.getByLabel('走访企业').fill('中轩生化')
  await page.locator('.ant-select-item-option', { hasText: '内蒙古中轩生化科技有限公司' }).click()
  await page.getByLabel('走访记录').fill('现场查看项目前期准备，企业反映施工用电和土地手续问题。')
  await page.locator('input#photos').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PHOTO })
  await expect(page.getByText('已选 1 / 9 张')).toBeVisible()

  await page.getByRole('button', { name: '添加问题' }).click()
  await page.getByLabel('问题标题').fill(`施工临时用电未接入 ${tag}`)
  await page.getByLabel('问题描述').fill('项目场地平整即将开始，施工临时用电尚未接入，需供电所尽快安排。')
  await page.getByLabel('问题类别').click()
  await page.locator('.ant-select-item-option', { hasText: /^供电$/ }).click()

  await page.getByRole('button', { name: '添加建议' }).click()
  await page.getByLabel('建议内容').fill(`建议供电所对重点项目施工用电开通绿色通道 ${tag}`)
  await page.getByLabel('提交部门').click()
  await page.getByLabel('提交部门').fill('供电所')
  await page.getByTitle('国网达拉特供电公司开发区供电所').click()
  await shot(page, testInfo, '01-form')

  await page.getByRole('button', { name: '保存走访' }).click()
  await expect(page).toHaveURL(/\/visits\/\d+$/)
  await expect(page.getByRole('heading', { name: '现场办公：内蒙古中轩生化科技有限公司' })).toBeVisible()
  await expect(page.getByRole('link', { name: `施工临时用电未接入 ${tag}` })).toBeVisible()
  await expect(page.getByText(`建议供电所对重点项目施工用电开通绿色通道 ${tag}`)).toBeVisible()
  await expect(page.getByText('提交 国网达拉特供电公司开发区供电所')).toBeVisible()
  await expect(page.getByText('现场照片（1）')).toBeVisible()
  await shot(page, testInfo, '02-detail')

  // The problem is in the loop, first received by the leader who recorded it.
  await page.getByRole('link', { name: `施工临时用电未接入 ${tag}` }).click()
  await expect(page).toHaveURL(/\/problems\/\d+$/)
  await expect(page.getByText(`施工临时用电未接入 ${tag}`).first()).toBeVisible()

  // The list (cards on a phone) shows the new visit with its outputs.
  await page.goto('/visits')
  await expect(page.getByRole('heading', { name: '走访台账' })).toBeVisible()
  const card = page.locator('a').filter({ hasText: place })
  await expect(card).toBeVisible()
  await expect(card).toContainText('问题 1')
  await expect(card).toContainText('建议 1（采纳 0）')
  await shot(page, testInfo, '03-list')
})
