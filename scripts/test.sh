#!/usr/bin/env bash
# README command two: every test. Unit + API on PGlite, the API suites again on PostgreSQL when
# TEST_DATABASE_URL is set, then the Playwright journeys in Debian chromium.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$QD_ROOT"
qd_ensure_node || exit 1
qd_ensure_deps || exit 1
qd_ensure_web || exit 1

status=0
echo "› 类型检查与代码规范 (typecheck + lint)"
node node_modules/typescript/bin/tsc -p tsconfig.json --noEmit && node node_modules/typescript/bin/tsc -p src/web/tsconfig.json --noEmit && node node_modules/@biomejs/biome/bin/biome check . --max-diagnostics=20 || status=1
echo "› 单元与接口测试 (unit + API tests)${TEST_DATABASE_URL:+ — PGlite and PostgreSQL}"
node node_modules/vitest/vitest.mjs run || status=1
echo "› 端到端测试 (Playwright journeys)"
node node_modules/@playwright/test/cli.js test || status=1
exit $status
