#!/usr/bin/env bash
# README command one: install what is missing, build, create the embedded database with demo data, start.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$QD_ROOT"
qd_ensure_node
qd_ensure_deps
qd_ensure_web
exec node src/server/main.ts --demo
