import type { Deps } from '../../context.ts'
import type { ProblemsService } from './problems.service.ts'

// SCAFFOLD — replaced by the module's implementation.
export function createSimilarityService(_deps: Deps, _s: { problems: ProblemsService }) {
  return {}
}
export type SimilarityService = ReturnType<typeof createSimilarityService>
