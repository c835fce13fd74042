// npm run bench — every benchmark in turn; arguments (e.g. --no-append) go to each.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const BENCHES = ['import-ledger.ts', 'bulletin.ts', 'web-bundle.ts']
let failed = 0
for (const b of BENCHES) {
  console.log(`\n› ${b}`)
  const r = spawnSync(process.execPath, [path.join(import.meta.dirname, b), ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
