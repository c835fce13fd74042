/** Action codes the server writes to the operation log, grouped by their first segment (the filter offers both). */
export const KNOWN_ACTIONS = [
  'user.create',
  'user.update',
  'user.enable',
  'user.disable',
  'user.password.reset',
  'user.password.change',
  'user.roles.assign',
  'user.unlock',
  'user.lock',
  'user.totp.enable',
  'user.totp.disable',
  'department.create',
  'department.update',
  'department.rename',
  'department.move',
  'department.enable',
  'department.disable',
  'role.create',
  'role.update',
  'role.delete',
  'dict.item.create',
  'dict.item.update',
  'settings.security.update',
  'audit.retention',
  'demo.seed',
]

export const TARGET_TYPES = ['user', 'department', 'role', 'dict_item', 'settings', 'audit_log', 'system']

export function actionGroups() {
  const groups = new Map<string, string[]>()
  for (const a of KNOWN_ACTIONS) {
    const g = a.split('.')[0]
    groups.set(g, [...(groups.get(g) ?? []), a])
  }
  return [...groups.entries()]
}
