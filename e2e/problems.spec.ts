import { type Browser, expect, type Page, test } from '@playwright/test'
import { login, pickTreeNode, shot } from './helpers.ts'

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }

async function signedIn(browser: Browser, baseURL: string, username: string, phone = false): Promise<Page> {
  const context = await browser.newContext({ baseURL, ...(phone ? PHONE : {}) })
  const page = await context.newPage()
  await login(page, username)
  return page
}

test('the closed loop: an enterprise reports on a phone, the supervision office triages, the department resolves, the enterprise confirms, and the 一企一清单 shows it closed', async ({
  browser,
}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL)
  const title = `厂区东门供水管道渗漏${Date.now() % 100000}`

  // 1. The enterprise (内蒙古中轩生化) reports on a phone at the plant.
  const ent = await signedIn(browser, baseURL, 'enterprise', true)
  await ent.goto('/portal')
  await ent
    .getByRole('button', { name: /反映问题/ })
    .first()
    .click()
  await expect(ent).toHaveURL(/\/portal\/new$/)
  await ent.getByRole('button', { name: /提交问题/ }).click()
  await expect(ent.getByText('请填写问题标题')).toBeVisible()
  await ent.getByText('供水排水', { exact: true }).click()
  await ent.getByLabel('问题标题').fill(title)
  await ent.getByLabel('问题描述').fill('东门外供水管道接口渗漏，厂区水压下降，影响锅炉补水，请协调维修。')
  await ent.getByRole('button', { name: /提交问题/ }).click()
  await ent.waitForURL(/\/portal\/\d+$/)
  const id = Number(ent.url().split('/').pop())
  await expect(ent.getByText(/待受理/).first()).toBeVisible()
  await shot(ent, testInfo, '1-enterprise-reported-phone')

  // 2. The supervision office triages it to 生态环境分局 with the default deadline.
  const sup = await signedIn(browser, baseURL, 'supervisor')
  await sup.goto(`/problems/${id}`)
  await expect(sup.getByText(title).first()).toBeVisible()
  await sup
    .getByRole('button', { name: /受理分办/ })
    .first()
    .click()
  const triage = sup.getByRole('dialog')
  await triage.getByText('眼前事', { exact: true }).click()
  await pickTreeNode(sup, triage, '牵头单位', '生态环境分局')
  await expect(triage.getByLabel('办结时限（工作日）')).not.toHaveValue('')
  await triage.getByRole('button', { name: /确认受理分办/ }).click()
  await expect(sup.getByText('已受理分办，牵头单位开始办理')).toBeVisible()
  await expect(sup.getByText('生态环境分局').first()).toBeVisible()

  // 3. The department's handler resolves it, saying why there is no file.
  const handler = await signedIn(browser, baseURL, 'handler')
  await handler.goto(`/problems/${id}`)
  await handler.getByRole('button', { name: /办结/ }).first().click()
  const resolve = handler.getByRole('dialog')
  await resolve.getByLabel('办结情况').fill('已协调供水公司更换东门外渗漏管段接口，厂区水压恢复正常。')
  await resolve.getByText('没有佐证材料').click()
  await resolve.getByLabel('无佐证材料的说明').fill('现场抢修，供水公司出具的维修单随后补交')
  await resolve.getByRole('button', { name: /确认办结/ }).click()
  await expect(handler.getByText('已办结，等待企业确认')).toBeVisible()

  // 4. The enterprise confirms on its phone: satisfied.
  await ent.goto(`/portal/${id}`)
  await ent.getByText('满意', { exact: true }).click()
  await ent.getByRole('button', { name: /提交评价/ }).click()
  await expect(ent.getByText(/已销号/).first()).toBeVisible()
  await shot(ent, testInfo, '2-enterprise-confirmed-phone')

  // 5. On the enterprise's page (一企一清单) the problem is closed, with the rating.
  await sup.goto(`/problems/${id}`)
  await sup.getByRole('link', { name: '内蒙古中轩生化科技有限公司' }).first().click()
  await expect(sup).toHaveURL(/\/enterprises\/\d+/)
  await sup.getByRole('tab', { name: /问题/ }).click()
  await sup
    .getByText(/^已销号/)
    .first()
    .click()
  const row = sup.getByText(title)
  await expect(row.first()).toBeVisible()
  await expect(sup.getByText('满意').first()).toBeVisible()
  await shot(sup, testInfo, '3-enterprise-page-closed')

  // The same page lists the enterprise's visits (走访) for staff.
  await sup.getByRole('tab', { name: /走访/ }).click()
  await expect(sup.getByText('主题教育调研：中轩生化赤藓糖醇项目前期手续').first()).toBeVisible()
})
