import type { DataScope, Triad } from '../db/schema.ts'

/** Who is making the request, with everything the policy layer needs, loaded once per request. */
export interface Actor {
  id: number
  username: string
  displayName: string
  departmentId: number
  departmentPath: string
  zoneId: number | null
  /** set for enterprise users: they see their own enterprise's records only */
  enterpriseId: number | null
  roles: Array<{ id: number; code: string; name: string; triad: Triad | null; dataScope: DataScope }>
  permissions: ReadonlySet<string>
  scope: ScopeGrant
  /** why the password must be changed before anything else, if it must */
  mustChangePassword: 'initial' | 'expired' | 'reset' | null
  passwordExpiresAt: Date | null
  totpEnabled: boolean
}

/** The union of the data scopes of all the actor's roles. */
export interface ScopeGrant {
  all: boolean
  zoneIds: number[]
  /** materialised paths whose subtrees are visible */
  subtreePaths: string[]
  deptIds: number[]
  self: boolean
}

export const EMPTY_SCOPE: ScopeGrant = { all: false, zoneIds: [], subtreePaths: [], deptIds: [], self: false }

export function buildScope(
  roles: Actor['roles'],
  user: { departmentId: number; departmentPath: string; zoneId: number | null },
  customPaths: string[],
): ScopeGrant {
  const g: ScopeGrant = { all: false, zoneIds: [], subtreePaths: [], deptIds: [], self: false }
  for (const r of roles) {
    switch (r.dataScope) {
      case 'all':
        g.all = true
        break
      case 'zone':
        // A user above any zone (city level) sees their own subtree instead.
        if (user.zoneId) g.zoneIds.push(user.zoneId)
        else g.subtreePaths.push(user.departmentPath)
        break
      case 'dept_and_below':
        g.subtreePaths.push(user.departmentPath)
        break
      case 'dept':
        g.deptIds.push(user.departmentId)
        break
      case 'custom':
        g.subtreePaths.push(...customPaths)
        break
      case 'self':
        g.self = true
        break
    }
  }
  g.zoneIds = [...new Set(g.zoneIds)]
  g.deptIds = [...new Set(g.deptIds)]
  g.subtreePaths = collapsePaths(g.subtreePaths)
  return g
}

/**
 * The scope with the zones that lie in its granted subtrees (`zonesUnder`, found from
 * `subtreePaths`): a city-level reader sees those zones whole — also the records no unit of theirs
 * is linked to yet, such as a project without responsible units — and the scope can use the zone
 * index instead of following every row's units.
 */
export function withZonesUnder(g: ScopeGrant, zonesUnder: number[]): ScopeGrant {
  return { ...g, zoneIds: [...new Set([...g.zoneIds, ...zonesUnder])] }
}

/** Drops paths already covered by an ancestor path in the list. */
function collapsePaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length)
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)))
}

export function hasPermission(actor: Actor, permission: string): boolean {
  return actor.permissions.has(permission)
}

/**
 * The actor of a scheduled job that reads one zone on the system's behalf (the daily summary sent
 * to a work group): the zone's data, read permissions only, no person behind it.
 */
export function zoneReader(zone: { id: number; path: string }, permissions: string[]): Actor {
  return {
    id: 0,
    username: 'system',
    displayName: '系统',
    departmentId: zone.id,
    departmentPath: zone.path,
    zoneId: zone.id,
    enterpriseId: null,
    roles: [],
    permissions: new Set(permissions),
    scope: { ...EMPTY_SCOPE, zoneIds: [zone.id] },
    mustChangePassword: null,
    passwordExpiresAt: null,
    totpEnabled: false,
  }
}
