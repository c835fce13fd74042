// Worker thread of bench/http.ts: runs autocannon against one URL on its own event loop (so the
// load generator does not share the server's thread) and posts back every response time.
import { parentPort, workerData } from 'node:worker_threads'
import autocannon from 'autocannon'

const { url, headers, connections, duration } = workerData as {
  url: string
  headers: Record<string, string>
  connections: number
  duration: number
}
const latencies: number[] = []
const statuses: Record<string, number> = {}
const instance = autocannon({ url, headers, connections, duration }, (err, result) => {
  if (err) throw err
  parentPort!.postMessage({ latencies, statuses, seconds: result.duration, errors: result.errors })
})
instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
  latencies.push(responseTime)
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
})
