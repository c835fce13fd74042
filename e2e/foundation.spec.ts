import { expect, test } from '@playwright/test'
import { attemptLogin, login, logout, pickTreeNode, shot } from './helpers.ts'

test('the system admin creates a department and a user, who must change the password at first sign-in', async ({
  page,
}, testInfo) => {
  // Unique names, so a retry does not trip over the first attempt's records.
  const n = String(Date.now()).slice(-4)
  const dept = `营商环境局${n}`
  const username = `yingshang${n}`
  await login(page, 'sysadmin')
  await expect(page.getByRole('heading', { name: /赵晓峰，您好/ })).toBeVisible()
  await shot(page, testInfo, '01-workbench')

  // A new department under the zone.
  await page.getByRole('menuitem', { name: '组织机构' }).click()
  await page.getByPlaceholder(/搜索/).fill('达拉特经济开发区')
  await page
    .getByRole('treeitem', { name: /达拉特经济开发区/ })
    .first()
    .click()
  await page.getByRole('button', { name: '新建下级' }).click()
  const deptDialog = page.getByRole('dialog', { name: /达拉特经济开发区/ })
  await deptDialog.getByLabel('名称').fill(dept)
  await deptDialog.getByRole('button', { name: /保\s*存/ }).click()
  await expect(page.getByText(`已创建「${dept}」`)).toBeVisible()
  await shot(page, testInfo, '02-department-created')

  // A new user in it, with an initial password.
  await page.getByRole('menuitem', { name: '用户管理' }).click()
  await page.getByRole('button', { name: '新建用户' }).click()
  const userDialog = page.getByRole('dialog', { name: '新建用户' })
  await userDialog.getByLabel('用户名').fill(username)
  await userDialog.getByLabel('姓名').fill('李营商')
  // The department picker filters as you type.
  await pickTreeNode(page, userDialog, '所属部门', dept)
  await userDialog.getByLabel('初始密码').fill('Start#2026x')
  await userDialog.getByRole('button', { name: /保\s*存/ }).click()
  await expect(page.getByText('已创建用户 李营商')).toBeVisible()
  await expect(page.getByRole('row', { name: new RegExp(username) })).toContainText('待改密')
  await shot(page, testInfo, '03-user-created')
  await logout(page)

  // The new user signs in and is sent to change the password before anything else.
  await login(page, username, 'Start#2026x')
  await expect(page).toHaveURL(/\/change-password$/)
  await expect(page.getByText('这是您首次登录或密码已被管理员重置')).toBeVisible()
  await shot(page, testInfo, '04-forced-password-change')
  await page.getByLabel('当前密码').fill('Start#2026x')
  await page.getByLabel('新密码', { exact: true }).fill('abc')
  await page.getByLabel('确认新密码').fill('abc')
  await page.getByRole('button', { name: '修改密码' }).click()
  await expect(page.getByText('密码长度不能少于 8 个字符')).toBeVisible()
  await page.getByLabel('新密码', { exact: true }).fill('MyOwn#Pass2026')
  await page.getByLabel('确认新密码').fill('MyOwn#Pass2026')
  await page.getByRole('button', { name: '修改密码' }).click()
  await expect(page.getByRole('heading', { name: /李营商，您好/ })).toBeVisible()
  await expect(page.getByText(`达拉特经济开发区 / ${dept}`)).toBeVisible()
  await shot(page, testInfo, '05-after-change')
})

test('a wrong password says how many attempts are left, in Chinese, on a phone', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await attemptLogin(page, 'officer', 'Wrong#pass1')
  await expect(page.getByTestId('login-error')).toContainText('再失败 4 次账户将被锁定 10 分钟')
  await shot(page, testInfo, '06-login-error-phone')
  await login(page, 'officer')
  await expect(page.getByRole('heading', { name: /张宏伟，您好/ })).toBeVisible()
  await shot(page, testInfo, '07-workbench-phone')
})
