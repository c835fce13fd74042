import { type Browser, expect, type Page, test } from '@playwright/test'
import { login, shot } from './helpers.ts'

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }

async function signedIn(browser: Browser, baseURL: string, username: string, phone = false): Promise<Page> {
  const context = await browser.newContext({ baseURL, ...(phone ? PHONE : {}) })
  const page = await context.newPage()
  await login(page, username)
  return page
}

test('惠企政策: the enterprise sees the policies it qualifies for with the reasons, applies on a phone, and finds the application in 我的申报; the zone reviews it', async ({
  browser,
}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL)

  // 1. 中轩生化 (the demo enterprise account) opens 可享受的政策 on a phone.
  const ent = await signedIn(browser, baseURL, 'enterprise', true)
  // the portal's home says how many it may still apply for
  await ent.goto('/portal')
  await expect(ent.getByText('贵企业有 2 项惠企政策符合申报条件')).toBeVisible()
  await ent.getByRole('link', { name: '去看看' }).click()
  await expect(ent).toHaveURL(/\/portal\/policies$/)
  const policies = ent.getByTestId('qualifying-policies')
  await expect(policies.getByText('重点项目银行信贷贴息支持政策')).toBeVisible()
  await expect(policies.getByText('内蒙古电力多边交易市场企业准入与降低用电成本实施细则')).toBeVisible()
  // the reason for each condition met, and never a policy it does not qualify for
  await expect(policies.getByText(/项目「中轩生化赤藓糖醇项目」总投资 16 亿元 ≥ 1 亿元/)).toBeVisible()
  await expect(policies.getByText('鄂尔多斯市科技专项扶持资金管理办法')).toHaveCount(0)
  // the application the demo already has shows in 我的申报
  await expect(ent.getByTestId('my-applications').getByText('已受理')).toBeVisible()
  await shot(ent, testInfo, '1-qualifying-policies-phone')

  // 2. It applies for the credit interest subsidy: validation first, then a good form.
  await policies.getByRole('link', { name: '重点项目银行信贷贴息支持政策' }).click()
  await expect(ent).toHaveURL(/\/portal\/policies\/\d+$/)
  await expect(ent.getByRole('heading', { name: '重点项目银行信贷贴息支持政策' })).toBeVisible()
  await expect(ent.locator('.ant-card-head').getByText('符合条件的理由')).toBeVisible()
  await ent.getByRole('button', { name: /提交申报/ }).click()
  await expect(ent.getByText('请填写申请金额')).toBeVisible()
  await ent.getByLabel('申请金额').fill('180')
  await ent
    .getByLabel('申报说明')
    .fill('赤藓糖醇项目固定资产贷款 4 亿元已放款 2 亿元，申请按 LPR 的 50% 贴息。')
  await ent.getByRole('button', { name: /提交申报/ }).click()
  await ent.waitForURL(/\/portal\/policy-applications\/\d+$/)
  await expect(ent.getByText('已申报').first()).toBeVisible()
  await expect(ent.getByText('提交申报').first()).toBeVisible()
  const code = (await ent
    .getByText(/^SB-\d{4}-\d{4}$/)
    .first()
    .textContent())!.trim()
  await shot(ent, testInfo, '2-applied-phone')

  // 3. Back in 我的申报, the new application is listed with its status.
  await ent.goto('/portal/policies')
  const mine = ent.getByTestId('my-applications')
  await expect(mine.getByText(code, { exact: false })).toBeVisible()
  await expect(mine.getByText('重点项目银行信贷贴息支持政策')).toBeVisible()
  await expect(policies.getByText(`${code} · 已申报`)).toBeVisible()
  await shot(ent, testInfo, '3-my-applications-phone')

  // 4. The supervision office finds it among the applications to review and accepts it.
  const sup = await signedIn(browser, baseURL, 'supervisor')
  await sup.goto('/policies?tab=applications&pending=true')
  await sup.getByText(code).click()
  const drawer = sup.locator('.ant-drawer')
  await expect(drawer.getByText(/赤藓糖醇项目固定资产贷款/)).toBeVisible()
  await drawer.getByRole('button', { name: /受\s*理/ }).click()
  await sup
    .locator('.ant-modal')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click()
  await expect(drawer.getByText('已受理').first()).toBeVisible()
  await shot(sup, testInfo, '4-accepted')
})
