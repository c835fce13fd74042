import type { Permission } from '../../../shared/permissions.ts'
import type { DataScope, Triad } from '../../db/schema.ts'

export interface BuiltinRole {
  code: string
  name: string
  description: string
  triad: Triad | null
  dataScope: DataScope
  permissions: Permission[]
}

/**
 * Roles the product ships. Their permissions are defined here and re-applied at every start, so a
 * new module's permissions reach them; they cannot be edited (copy one into a custom role instead).
 */
export const BUILTIN_ROLES: BuiltinRole[] = [
  {
    code: 'sysadmin',
    name: '系统管理员',
    description: '三员之一：管理组织机构、用户账号、字典和系统设置；不能授权，不能查看审计日志',
    triad: 'system',
    dataScope: 'all',
    permissions: [
      'org:read',
      'org:manage',
      'user:read',
      'user:manage',
      'dict:manage',
      'settings:manage',
      'role:read',
    ],
  },
  {
    code: 'secadmin',
    name: '安全管理员',
    description: '三员之一：管理角色与授权、安全策略，解锁账户；不能管理账号本身，不能查看审计日志',
    triad: 'security',
    dataScope: 'all',
    permissions: ['org:read', 'user:read', 'role:read', 'role:manage', 'security:manage'],
  },
  {
    code: 'auditadmin',
    name: '审计管理员',
    description: '三员之一：只读操作日志与登录日志，校验日志完整性',
    triad: 'audit',
    dataScope: 'all',
    permissions: ['audit:read', 'loginlog:read'],
  },
  {
    code: 'leader',
    name: '包联领导',
    description: '管委会主任、分管领导：查看本开发区全部项目、问题与部门表现，登记走访调研与建议',
    triad: null,
    dataScope: 'zone',
    permissions: [
      'org:read',
      'user:read',
      'enterprise:read',
      'pipeline:read',
      'project:read',
      'problem:read',
      'supervision:read',
      'visit:read',
      'visit:write',
    ],
  },
  {
    code: 'supervisor',
    name: '督查室',
    description: '督查室 / 项目办：维护台账、日调度、督办、发布通报',
    triad: null,
    dataScope: 'zone',
    permissions: [
      'org:read',
      'user:read',
      'enterprise:read',
      'enterprise:manage',
      'pipeline:read',
      'pipeline:manage',
      'project:read',
      'project:manage',
      'project:report',
      'project:import',
      'portfolio:configure',
      'problem:report',
      'problem:read',
      'problem:triage',
      'problem:handle',
      'problem:callback',
      'supervision:read',
      'visit:read',
      'visit:write',
      'suggestion:reply',
    ],
  },
  {
    code: 'officer',
    name: '项目专员',
    description: '项目专班成员、项目管家：周进展、节点、月度投资、现场问题',
    triad: null,
    dataScope: 'zone',
    permissions: [
      'org:read',
      'user:read',
      'enterprise:read',
      'enterprise:manage',
      'pipeline:read',
      'pipeline:manage',
      'project:read',
      'project:manage',
      'project:report',
      'problem:report',
      'problem:read',
      'problem:handle',
      'visit:read',
      'visit:write',
    ],
  },
  {
    code: 'handler',
    name: '部门经办人',
    description: '责任单位经办人：办理交办给本部门的问题和任务',
    triad: null,
    dataScope: 'dept_and_below',
    permissions: [
      'org:read',
      'user:read',
      'enterprise:read',
      'project:read',
      'project:report',
      'problem:report',
      'problem:read',
      'problem:handle',
      'visit:read',
      'suggestion:reply',
    ],
  },
  {
    code: 'enterprise',
    name: '企业用户',
    description: '企业联系人：反映问题、查看办理进度并评价，只能看到本企业的数据',
    triad: null,
    dataScope: 'self',
    permissions: ['enterprise:read', 'project:read', 'problem:report', 'problem:read'],
  },
  {
    code: 'viewer',
    name: '只读用户',
    description: '只读查看本开发区的数据',
    triad: null,
    dataScope: 'zone',
    permissions: [
      'org:read',
      'enterprise:read',
      'pipeline:read',
      'project:read',
      'problem:read',
      'supervision:read',
      'visit:read',
    ],
  },
]
