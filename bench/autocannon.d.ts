// The part of autocannon's API bench/http-load.ts uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string
    headers?: Record<string, string>
    connections?: number
    duration?: number
  }
  interface Result {
    duration: number
    errors: number
  }
  interface Instance {
    on(
      event: 'response',
      fn: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
    ): void
  }
  function autocannon(opts: Options, done: (err: Error | null, result: Result) => void): Instance
  export default autocannon
}
