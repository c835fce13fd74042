// npm run bench — every benchmark in turn; arguments (e.g. --no-append) go to each.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

// http.ts defaults to county scale (PGlite, and PostgreSQL when DATABASE_URL is set): a few minutes.
// Larger scales: node bench/http.ts --scale city|province [--reuse <url of a generated database>].
const BENCHES = ['import-ledger.ts', 'bulletin.ts', 'web-bundle.ts', 'http.ts']
let failed = 0
for (const b of BENCHES) {
  console.log(`\n› ${b}`)
  const r = spawnSync(process.execPath, [path.join(import.meta.dirname, b), ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
