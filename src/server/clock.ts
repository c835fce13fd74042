/** Time source injected everywhere so tests can move time (lockouts, idle expiry, deadlines). */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export class TestClock implements Clock {
  #t: number
  constructor(start: Date | string = '2026-11-24T09:00:00+08:00') {
    this.#t = new Date(start).getTime()
  }
  now() {
    return new Date(this.#t)
  }
  advance(ms: number) {
    this.#t += ms
  }
  advanceMinutes(min: number) {
    this.advance(min * 60_000)
  }
  set(t: Date | string) {
    this.#t = new Date(t).getTime()
  }
}
