// The GB 32100 check lives in src/shared so the browser validates exactly as the server does.
export { creditCodeCheckChar, creditCodeProblem, normaliseCreditCode } from '../../shared/credit-code.ts'
