#!/usr/bin/env bash
# The `host` test stage: runs HerdScope's integration tests inside a real VS Code extension host (code-server)
# driven by Debian's Chromium. Suites: `trusted` (workspace trust off), `untrusted` (trust on, the folder opens
# restricted), `ui` (the workbench driven from the keyboard, screenshots in test-artefacts/) and `vsix` (the package
# built by `npm run package`, checked against its whitelist, then installed into code-server and driven as users run
# it). test/host/fixtures/lm-test-extension, a stand-in chat model, is installed beside HerdScope in the trusted suite
# and hosts the test runner in the vsix suite (code-server loads only one extension under development).
# HERDSCOPE_HOST_SUITES="trusted vsix" runs some of them. Installs the tools first if needed; builds only the package (npm test has built dist/ and out/), and puts the
# development bundles back afterwards.
# Ends with one "N passed, N failed, N skipped" line; exit code 0 only when every suite ran and passed.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/test/host"
cd "$ROOT"

for f in dist/extension.js dist/webview/panel.js dist/webview/report.js out/test/extension/trusted/index.js out/test/extension/untrusted/index.js out/test/extension/installed/index.js out/test/package/vsix.test.js; do
  [ -f "$f" ] || { echo "run-integration: $f is missing; run npm run build first"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
done
bash "$HERE/setup.sh" || { echo "run-integration: setup failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
mkdir -p test-artefacts

passed=0 failed=0 skipped=0 status=0
pkg="$(mktemp -d -t herdscope-pkg.XXXXXX)"
trap 'rm -rf "$pkg"' EXIT
LM_FIXTURE="$HERE/fixtures/lm-test-extension"
(cd "$LM_FIXTURE" && npx --no-install vsce package --no-dependencies --allow-missing-repository --skip-license --out "$pkg/lm-test-extension.vsix" >/dev/null) ||
  { echo "run-integration: could not package the stand-in chat model extension"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

for suite in ${HERDSCOPE_HOST_SUITES:-trusted untrusted ui vsix}; do
  echo "--- host suite: $suite ---"
  work="$(mktemp -d -t herdscope-host.XXXXXX)"
  cp -R "$ROOT/demo/workspace/." "$work/"
  result="$work.result"
  trust=""; [ "$suite" = "untrusted" ] && trust=1
  if [ "$suite" = "ui" ]; then
    # F1 -> HerdScope: Run Demo in the real workbench; screenshots in test-artefacts/
    RESULT_FILE="$result" bash "$HERE/with-code-server.sh" node "$HERE/ui-smoke.js" "$ROOT" "$work" "$ROOT/test-artefacts"
    code=$?
  elif [ "$suite" = "vsix" ]; then
    # What users install: `npm run package` (production bundles); its file list and size; then the installed extension,
    # driven from a test runner hosted by the stand-in model extension (HerdScope itself is not under development here).
    code=1
    if npm run --silent package -- --out "$pkg/herdscope.vsix" > "$pkg/package.log" 2>&1; then
      HERDSCOPE_VSIX="$pkg/herdscope.vsix" node test/mocha-run.mjs out/test/package/vsix.test.js | tee "$pkg/vsix-test.log"
      package_code=${PIPESTATUS[0]}
      INSTALL_VSIX="$pkg/herdscope.vsix" RESULT_FILE="$result" FAIL_SHOT="$ROOT/test-artefacts/host-vsix-failure.png" \
        bash "$HERE/with-code-server.sh" node "$HERE/run-ext-tests.js" "$LM_FIXTURE" "$ROOT/out/test/extension/installed/index" "$work"
      code=$?
      [ "$package_code" -ne 0 ] && code=1
      counts="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$pkg/vsix-test.log" | tail -1)"
      if [ -n "$counts" ] && [ -f "$result" ]; then  # one count line for the suite: the package checks plus the installed run
        read -r p1 f1 s1 < <(sed -E 's/^([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?.*/\1 \2 \4/' <<< "$counts")
        read -r p2 f2 s2 < <(sed -E 's/^([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?.*/\1 \2 \4/' "$result")
        echo "$((p1 + p2)) passed, $((f1 + f2)) failed, $((${s1:-0} + ${s2:-0})) skipped" > "$result"
      fi
    else
      cat "$pkg/package.log"; echo "run-integration: npm run package failed"
    fi
    node esbuild.mjs # the development bundles (with source maps) again
  else
    lm=""; [ "$suite" = "trusted" ] && lm="$pkg/lm-test-extension.vsix"
    INSTALL_VSIX="$lm" HERDSCOPE_TRUST="$trust" RESULT_FILE="$result" FAIL_SHOT="$ROOT/test-artefacts/host-$suite-failure.png" \
      bash "$HERE/with-code-server.sh" node "$HERE/run-ext-tests.js" "$ROOT" "$ROOT/out/test/extension/$suite/index" "$work"
    code=$?
  fi
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
