// Runs the compiled *.test.js files of one folder with mocha inside the VS Code extension host and prints the
// plain "N passed, N failed, N skipped" line that test/host/run-integration.sh adds up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function runMochaIn(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  const files = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(folder, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(`${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
      if (failures > 0 || files.length === 0) reject(new Error(files.length === 0 ? `no tests in ${folder}` : `${failures} tests failed`));
      else resolve();
    });
  });
}
