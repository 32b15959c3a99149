#!/usr/bin/env bash
# Installs what the real-VS-Code test layers need, once per machine: Debian's chromium (driven by
# playwright-core) and code-server 4.100.3 (VS Code 1.100.3) in the git-ignored .vscode-test/.
# Idempotent: every step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD/.vscode-test"
server_version=4.100.3
mkdir -p "$root"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install: apt-get install ${need_apt[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" </dev/null
fi

server_dir="$root/code-server"
# Installed means the right version with its postinstall done (VS Code's own node_modules, rg).
if [ -f "$server_dir/node_modules/code-server/package.json" ] \
  && [ -x "$server_dir/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
  && [ "$(node -p "require('$server_dir/node_modules/code-server/package.json').version")" = "$server_version" ]; then
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub; seed its cache with Debian's rg instead.
tmp="${TMPDIR:-/tmp}"
cache="$tmp/vscode-ripgrep-cache-1.15.11"
archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$archive" ]; then
  mkdir -p "$cache"
  staging="$(mktemp -d)"
  cp "$(command -v rg)" "$staging/rg"
  tar -czf "$archive" -C "$staging" rg
  rm -rf "$staging"
fi

echo "install: code-server@$server_version into $server_dir (a few minutes)"
mkdir -p "$server_dir"
[ -f "$server_dir/package.json" ] || echo '{"name":"biolens-code-server","private":true}' >"$server_dir/package.json"
(
  cd "$server_dir"
  npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error \
    "code-server@$server_version" </dev/null
)
test -f "$server_dir/node_modules/code-server/out/node/entry.js"
echo "install: code-server ready"
