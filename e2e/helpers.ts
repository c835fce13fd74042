import { expect, type Page, type TestInfo } from '@playwright/test'

export const DEMO_PASSWORD = 'Demo@2026'

/** Fills and submits the login form (whatever the outcome). */
export async function attemptLogin(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: /登\s*录/ }).click()
}

/** Signs in and waits until the app has left the login page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await attemptLogin(page, username, password)
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

export async function logout(page: Page) {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: '退出登录' }).click()
  await expect(page).toHaveURL(/\/login$/)
}

/** A full-page screenshot attached to the test report and kept in test-results. */
export async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}
