import type { ProblemDetail } from '../../../../api/types'

/** Every action modal gets the problem as shown, closes itself, and reloads the page after a step. */
export interface StepModalProps {
  problem: ProblemDetail
  onClose: () => void
  onDone: () => void
}
