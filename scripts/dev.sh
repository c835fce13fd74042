#!/usr/bin/env bash
# Development: the API with reload on :3000 and Vite with hot reload on :5173 (open that one).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$QD_ROOT"
qd_ensure_node
qd_ensure_deps
SERVE_WEB=0 node --watch src/server/main.ts --demo &
api=$!
trap 'kill $api 2>/dev/null' EXIT
node node_modules/vite/bin/vite.js
