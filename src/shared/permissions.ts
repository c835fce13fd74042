/**
 * Permission keys. Triad permissions belong to exactly one of the 三员 built-in roles and cannot be
 * granted through custom roles, so that no account can hold two of the three.
 */
export const PERMISSIONS = {
  'org:read': { zh: '查看组织机构', en: 'View departments' },
  'org:manage': { zh: '管理组织机构', en: 'Manage departments', triad: 'system' },
  'user:read': { zh: '查看用户', en: 'View users' },
  'user:manage': { zh: '管理用户', en: 'Manage users', triad: 'system' },
  'dict:manage': { zh: '管理字典', en: 'Manage dictionaries', triad: 'system' },
  'settings:manage': { zh: '系统设置', en: 'System settings', triad: 'system' },
  'role:read': { zh: '查看角色', en: 'View roles' },
  'role:manage': { zh: '管理角色与授权', en: 'Manage roles and grants', triad: 'security' },
  'security:manage': { zh: '安全策略与账户解锁', en: 'Security policy and unlocking', triad: 'security' },
  'audit:read': { zh: '查看操作日志', en: 'Read the operation log', triad: 'audit' },
  'loginlog:read': { zh: '查看登录日志', en: 'Read the login log', triad: 'audit' },
  'enterprise:read': { zh: '查看企业', en: 'View enterprises' },
  'enterprise:manage': { zh: '管理企业', en: 'Manage enterprises' },
  'pipeline:read': { zh: '查看招商项目', en: 'View the investment pipeline' },
  'pipeline:manage': { zh: '管理招商项目', en: 'Manage the investment pipeline' },
  'project:read': { zh: '查看项目', en: 'View projects' },
  'project:manage': { zh: '管理项目（五个一、节点、阶段）', en: 'Manage projects' },
  'project:report': { zh: '填报周进展与月度投资', en: 'Report weekly progress and monthly investment' },
  'project:import': { zh: '导入项目台账', en: 'Import the project ledger' },
  'portfolio:configure': {
    zh: '红黄绿灯规则、负面清单与办理时限',
    en: 'Light rules, negative list and deadlines',
  },
  'problem:report': { zh: '反映问题（企业诉求、现场发现）', en: 'Report problems' },
  'problem:read': { zh: '查看问题', en: 'View problems' },
  'problem:triage': {
    zh: '受理分办、督办、审批延期、合并共性事',
    en: 'Triage, supervise, approve extensions, merge',
  },
  'problem:handle': { zh: '办理问题（答复、任务、办结、退回、申请延期）', en: 'Handle problems' },
  'problem:callback': { zh: '回访销号', en: 'Call back and close' },
  'supervision:read': { zh: '日调度与部门评价', en: 'Daily dispatch and department figures' },
  'visit:read': { zh: '查看走访调研与建议', en: 'View visits and suggestions' },
  'visit:write': { zh: '登记走访调研（现场办公、问题、建议）', en: 'Record visits' },
  'suggestion:reply': { zh: '答复建议并登记采纳情况', en: 'Reply to suggestions' },
  'rhythm:read': {
    zh: '查看报送调度、攻坚行动、评比排名与通报',
    en: 'View cadence, campaigns, rankings and bulletins',
  },
  'cadence:manage': { zh: '配置报送周期、催报与结转', en: 'Configure cadences, remind and close periods' },
  'campaign:manage': { zh: '管理攻坚行动（百日攻坚、专项行动）', en: 'Manage campaigns' },
  'scorecard:manage': { zh: '配置评比指标与权重、生成排名', en: 'Configure scorecards and compute rankings' },
  'bulletin:write': { zh: '生成与编辑通报草稿', en: 'Generate and edit bulletin drafts' },
  'bulletin:issue': { zh: '签发通报（编号、定稿）', en: 'Issue bulletins' },
  'policy:read': { zh: '查看惠企政策与申报', en: 'View support policies and applications' },
  'policy:manage': {
    zh: '管理惠企政策、审核申报与兑现',
    en: 'Manage support policies, review applications and payments',
  },
  'policy:apply': { zh: '申报惠企政策', en: 'Apply for support policies' },
  'service:read': { zh: '查看帮办代办与服务记录', en: 'View permit help and the service record' },
  'service:manage': { zh: '登记帮办代办与服务记录', en: 'Record permit help and service contacts' },
} as const satisfies Record<string, { zh: string; en: string; triad?: 'system' | 'security' | 'audit' }>

export type Permission = keyof typeof PERMISSIONS

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[]

export function triadOf(permission: string): 'system' | 'security' | 'audit' | undefined {
  const p = (PERMISSIONS as Record<string, { triad?: 'system' | 'security' | 'audit' }>)[permission]
  return p?.triad
}

export const DATA_SCOPES = ['all', 'zone', 'dept_and_below', 'dept', 'custom', 'self'] as const
export type DataScopeKey = (typeof DATA_SCOPES)[number]

export const DATA_SCOPE_LABELS: Record<DataScopeKey, { zh: string; en: string }> = {
  all: { zh: '全部数据', en: 'All data' },
  zone: { zh: '本开发区（县）', en: 'Own zone' },
  dept_and_below: { zh: '本部门及下级', en: 'Own department and below' },
  dept: { zh: '本部门', en: 'Own department' },
  custom: { zh: '自定义部门', en: 'Custom departments' },
  self: { zh: '仅本人', en: 'Own records only' },
}

export const TRIADS = ['system', 'security', 'audit'] as const
export type TriadKey = (typeof TRIADS)[number]
export const TRIAD_LABELS: Record<TriadKey, { zh: string; en: string }> = {
  system: { zh: '系统管理员', en: 'System administrator' },
  security: { zh: '安全管理员', en: 'Security administrator' },
  audit: { zh: '审计管理员', en: 'Audit administrator' },
}
