import { type Browser, expect, type Page, test } from '@playwright/test'
import { login, pickTreeNode, shot } from './helpers.ts'

async function signedIn(browser: Browser, baseURL: string, username: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage()
  await login(page, username)
  return page
}

// The department's handler has the app open; the supervision office assigns a problem to the
// department; the handler sees it arrive at once, without reloading, and opens it from the toast.
test('a notification appears live when the supervision office assigns a problem to the department', async ({
  browser,
}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL)
  const handler = await signedIn(browser, baseURL, 'handler')
  await handler.goto('/')
  const bell = handler.getByTestId('notification-bell')
  await expect(bell).toBeVisible()
  const before = Number(
    (await bell
      .locator('.ant-badge-count')
      .textContent()
      .catch(() => '0')) || '0',
  )

  // an enterprise problem waiting to be triaged (the demo has some), opened by the supervision office
  const sup = await signedIn(browser, baseURL, 'supervisor')
  const waiting = await sup.evaluate(async () => {
    const r = await fetch('/api/problems?status=submitted&pageSize=1&sort=-receivedAt')
    return (await r.json()).items[0] as { id: number; code: string; title: string }
  })
  expect(waiting, 'a submitted problem in the demo').toBeTruthy()
  await sup.goto(`/problems/${waiting.id}`)
  await sup
    .getByRole('button', { name: /受理分办/ })
    .first()
    .click()
  const triage = sup.getByRole('dialog')
  await triage.getByText('眼前事', { exact: true }).click()
  await pickTreeNode(sup, triage, '牵头单位', '生态环境分局')
  await triage.getByRole('button', { name: /确认受理分办/ }).click()
  await expect(sup.getByText('已受理分办，牵头单位开始办理')).toBeVisible()

  // the handler's page: a toast with the problem, the bell's count one higher — no reload
  const toast = handler.locator('.ant-notification-notice', { hasText: `交办：${waiting.code}` })
  await expect(toast).toBeVisible({ timeout: 15_000 })
  await expect(bell.locator('.ant-badge-count')).toHaveText(String(before + 1))
  await shot(handler, testInfo, 'notification-live')
  await toast.click()
  await expect(handler).toHaveURL(new RegExp(`/problems/${waiting.id}$`))
  await expect(handler.getByText(waiting.title).first()).toBeVisible()
})
