import { expect, type Locator, type Page, type TestInfo } from '@playwright/test'

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

/**
 * Picks a department in a tree select by typing its name and clicking the node, until the select
 * shows it: the modal can scroll while the dropdown opens (suggestions load beside it), and a click
 * on a node that moved closes the dropdown without choosing.
 */
export async function pickTreeNode(page: Page, scope: Locator, label: string, name: string) {
  const field = scope.getByLabel(label)
  const chosen = scope
    .locator('.ant-form-item', { has: page.locator(`label[title="${label}"]`) })
    .locator('.ant-select-content-has-value')
  await expect(async () => {
    await field.click()
    await field.fill(name)
    await page
      .locator('.ant-select-tree-node-content-wrapper', {
        hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
      })
      .first()
      .click({ timeout: 2_000 })
    await expect(chosen).toHaveAttribute('title', name, { timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
}
