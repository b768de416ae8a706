#!/usr/bin/env bash
# The `host` test stage: runs HerdScope's integration tests inside a real VS Code extension host (code-server)
# driven by Debian's Chromium. Suites: `trusted` (workspace trust off), `untrusted` (trust on, the folder opens
# restricted) and `ui` (the workbench driven from the keyboard, screenshots in test-artefacts/). Installs the tools first if needed; builds nothing (npm test has built dist/ and out/).
# Ends with one "N passed, N failed, N skipped" line; exit code 0 only when every suite ran and passed.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/test/host"
cd "$ROOT"

for f in dist/extension.js dist/webview/panel.js out/test/extension/trusted/index.js out/test/extension/untrusted/index.js; do
  [ -f "$f" ] || { echo "run-integration: $f is missing; run npm run build first"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
done
bash "$HERE/setup.sh" || { echo "run-integration: setup failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
mkdir -p test-artefacts

passed=0 failed=0 skipped=0 status=0
for suite in trusted untrusted ui; do
  echo "--- host suite: $suite ---"
  work="$(mktemp -d -t herdscope-host.XXXXXX)"
  cp -R "$ROOT/demo/workspace/." "$work/"
  result="$work.result"
  trust=""; [ "$suite" = "untrusted" ] && trust=1
  if [ "$suite" = "ui" ]; then
    # F1 -> HerdScope: Run Demo in the real workbench; screenshots in test-artefacts/
    RESULT_FILE="$result" bash "$HERE/with-code-server.sh" node "$HERE/ui-smoke.js" "$ROOT" "$work" "$ROOT/test-artefacts"
  else
    HERDSCOPE_TRUST="$trust" RESULT_FILE="$result" FAIL_SHOT="$ROOT/test-artefacts/host-$suite-failure.png" \
      bash "$HERE/with-code-server.sh" node "$HERE/run-ext-tests.js" "$ROOT" "$ROOT/out/test/extension/$suite/index" "$work"
  fi
  code=$?
  if [ -f "$result" ]; then
    read -r p f s < <(sed -E 's/^([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?.*/\1 \2 \4/' "$result")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${s:-0}))
    [ "$code" -ne 0 ] && [ "$f" -eq 0 ] && { failed=$((failed + 1)); echo "run-integration: suite $suite exited $code after passing"; }
  else
    failed=$((failed + 1)); echo "run-integration: suite $suite exited $code without a test count"
  fi
  [ "$code" -ne 0 ] && status=1
  rm -rf "$work" "$result"
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && exit "$status" || exit 1
