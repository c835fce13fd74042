import type { Deps } from '../../context.ts'
import * as repo from './reference.repository.ts'

export function createReferenceService(deps: Pick<Deps, 'db'>) {
  return {
    async regions(f: { parent?: string; level?: number; keyword?: string }) {
      return (await repo.regions(deps.db, f)).map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        kind: r.kind,
        parentCode: r.parent_code,
      }))
    },
    regionChain: (code: string) => repo.regionChain(deps.db, code),
    async industries(f: { parent?: string; level?: number; keyword?: string }) {
      return (await repo.industries(deps.db, f)).map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parent_code,
      }))
    },
  }
}
