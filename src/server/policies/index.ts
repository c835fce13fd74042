import { AppError, forbidden } from '../errors.ts'
import type { Actor } from './actor.ts'
import { inScope } from './scope.ts'

export type { Actor, ScopeGrant } from './actor.ts'
export { hasPermission } from './actor.ts'
export { inScope, visibleTo } from './scope.ts'

/**
 * allow(actor, action, record): may this actor do this action, on this record if given?
 * The 403/404 rule: lacking the permission for the action is 403; a record outside the actor's
 * data scope is reported as 404, so that its existence is not revealed.
 */
export function allow(actor: Actor | null, action: string, record?: Parameters<typeof inScope>[1]): boolean {
  if (!actor) return false
  if (!actor.permissions.has(action)) return false
  return record ? inScope(actor, record) : true
}

export function authorize(
  actor: Actor | null,
  action: string,
  record?: Parameters<typeof inScope>[1],
): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录')
  if (!actor.permissions.has(action)) throw forbidden()
  if (record && !inScope(actor, record)) throw new AppError('NOT_FOUND', '记录不存在或无权访问')
}
