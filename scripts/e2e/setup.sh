#!/usr/bin/env bash
# Installs what the end-to-end tests need, outside the project's dependencies:
#  - Debian packages: chromium (driven by playwright-core), ripgrep, libkrb5-dev (code-server's build needs it)
#  - code-server 4.100.3 (VS Code 1.100.3 with a Node extension host) in $E2E_TOOLS
# Safe to run again: it skips what is already there.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
E2E_TOOLS=${E2E_TOOLS:-$HOME/.cache/mandate-lint/e2e-tools}

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e setup: installing Debian packages: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

CODE_SERVER="$E2E_TOOLS/node_modules/code-server/out/node/entry.js"
if [ ! -f "$CODE_SERVER" ]; then
  echo "e2e setup: installing code-server $CODE_SERVER_VERSION into $E2E_TOOLS"
  mkdir -p "$E2E_TOOLS"
  # @vscode/ripgrep's postinstall downloads a binary from the internet; seed its cache with Debian's rg instead.
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -f "$archive" ]; then
    mkdir -p "$cache"
    staging=$(mktemp -d)
    cp "$(command -v rg)" "$staging/rg"
    tar -czf "$archive" -C "$staging" rg
    rm -rf "$staging"
  fi
  [ -f "$E2E_TOOLS/package.json" ] || echo '{ "name": "mandate-lint-e2e-tools", "private": true }' > "$E2E_TOOLS/package.json"
  # With its install scripts: they build code-server's native module and install VS Code's own modules, which
  # a fresh machine does not have (--ignore-scripts leaves a code-server that fails to start). The only
  # download they attempt, ripgrep's, is served from the cache seeded above.
  (cd "$E2E_TOOLS" && npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm "code-server@$CODE_SERVER_VERSION")
  # A half-finished install would be taken for a good one next time: check that VS Code's modules are there.
  if [ ! -d "$E2E_TOOLS/node_modules/code-server/lib/vscode/node_modules" ]; then
    echo "e2e setup: code-server's install scripts did not install VS Code's modules" >&2
    rm -rf "$E2E_TOOLS/node_modules/code-server"
    exit 1
  fi
fi
echo "e2e setup: code-server at $CODE_SERVER"
