// The whole suite: unit tests (Node), webview tests (real Chromium), integration tests (real VS Code host).
// Each stage runs in its own process; the totals end with one plain "N passed, N failed, N skipped" line.
// HERDSCOPE_TEST_STAGES=unit,webview,host selects stages (default: all).
import { spawn } from 'node:child_process';

const stages = {
  unit: [
    'node',
    [
      'test/mocha-run.mjs',
      'out/test/core/**/*.test.js',
      'out/test/llm/**/*.test.js',
      'out/test/audit/**/*.test.js',
      'out/test/cli/**/*.test.js',
      'out/test/reproduce/**/*.test.js',
      'out/test/shared/**/*.test.js',
      'out/test/lint/**/*.test.js',
    ],
  ],
  webview: ['bash', ['-c', "bash test/support/ensure-chromium.sh && node test/mocha-run.mjs 'out/test/webview/**/*.test.js'"]],
  host: ['bash', ['test/host/run-integration.sh']],
};
const wanted = (process.env.HERDSCOPE_TEST_STAGES ?? Object.keys(stages).join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const total = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

for (const name of wanted) {
  const stage = stages[name];
  if (!stage) {
    console.error(`unknown test stage: ${name}`);
    process.exit(2);
  }
  console.log(`\n=== ${name} tests ===`);
  const { code, last } = await run(stage[0], stage[1]);
  if (last) {
    total.passed += last.passed;
    total.failed += last.failed;
    total.skipped += last.skipped;
  }
  if (code !== 0 && (!last || last.failed === 0)) {
    broken = true;
    console.error(`stage ${name} exited with ${code} without a failing test count`);
  }
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || broken ? 1 : 0);

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = null,
      buf = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop();
      for (const line of lines) {
        const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/.exec(line.trim());
        if (m) last = { passed: +m[1], failed: +m[2], skipped: +(m[3] ?? 0) };
      }
    });
    child.on('close', (code) => resolve({ code, last }));
  });
}
