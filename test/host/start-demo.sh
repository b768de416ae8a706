#!/usr/bin/env bash
# `npm start`: opens a real VS Code (code-server, in your browser) on 127.0.0.1 with HerdScope loaded on the sample
# workspace demo/workspace/. Then: F1 → "HerdScope: Run Demo" (offline, no key), or the HerdScope view's button.
# PORT=8080 by default. Stops (and deletes its throwaway VS Code profile) on Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/test/host"
bash "$HERE/setup.sh"
[ -f "$ROOT/dist/extension.js" ] || (cd "$ROOT" && npm run build)
export PORT="${PORT:-8080}"
exec bash "$HERE/with-code-server.sh" bash -c '
  url="$(node "$0/demo-url.js" "$1" "$1/demo/workspace")"
  echo
  echo "HerdScope is running in VS Code (code-server) on 127.0.0.1:$PORT. Open this URL in a browser:"
  echo
  echo "  $url"
  echo
  echo "Then press F1 and run \"HerdScope: Run Demo\" (offline: replays recorded answers, no API key),"
  echo "or click the HerdScope icon in the activity bar. Ctrl-C stops the server."
  while :; do sleep 3600; done
' "$HERE" "$ROOT"
