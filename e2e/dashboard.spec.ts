import { expect, test } from '@playwright/test'
import { login, shot } from './helpers.ts'

// The zone leader opens the cockpit: the charts are drawn, and the red list's figure opens the
// project ledger filtered to exactly those projects.
test('the cockpit renders its charts, and the red-list figure opens the filtered project list', async ({
  page,
}, testInfo) => {
  await login(page, 'director')
  await page.goto('/dashboard')
  const cockpit = page.getByTestId('dashboard')
  await expect(cockpit.getByText('项目阶段漏斗')).toBeVisible()
  // every chart is a canvas once drawn
  await expect.poll(() => cockpit.locator('canvas').count()).toBeGreaterThanOrEqual(7)
  // the page says when its figures were computed (big zones are served from a snapshot)
  await expect(cockpit.getByTestId('dashboard-computed-at')).toContainText(
    /数据更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/,
  )
  await shot(page, testInfo, 'cockpit')

  const redPanel = cockpit.locator('.ant-card', { hasText: '红灯项目' }).filter({ hasText: '全部' })
  const allLink = redPanel.getByRole('link', { name: /^全部 \d+ 个$/ })
  const n = Number((await allLink.textContent())!.match(/\d+/)![0])
  expect(n).toBeGreaterThan(0)
  const first = await redPanel.locator('.ant-list-item a').first().textContent()
  await allLink.click()
  await expect(page).toHaveURL(/\/projects\?light=red/)
  await expect(page.getByText(`共 ${n} 条`)).toBeVisible()
  await expect(page.getByText(first!.trim()).first()).toBeVisible()

  // the big screen: dark, every panel at once
  await page.goto('/dashboard?screen=true')
  await expect(page.getByRole('button', { name: /退出大屏/ })).toBeVisible()
  await shot(page, testInfo, 'cockpit-big-screen')
})
