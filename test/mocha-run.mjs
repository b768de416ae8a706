// Runs mocha on the given compiled test globs and ends with the plain "N passed, N failed, N skipped" line.
import Mocha from 'mocha';
import { globSync } from 'node:fs';

const patterns = process.argv.slice(2);
const mocha = new Mocha({ timeout: Number(process.env.MOCHA_TIMEOUT ?? 20000), color: false, reporter: 'spec', grep: process.env.MOCHA_GREP });
const files = patterns.flatMap((p) => globSync(p)).sort();
for (const f of files) mocha.addFile(f);
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const s = runner.stats ?? { passes: 0, failures, pending: 0 };
  console.log(`${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
  process.exitCode = failures > 0 || files.length === 0 ? 1 : 0;
});
