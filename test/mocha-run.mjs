// Runs mocha on the given compiled test globs and ends with the plain "N passed, N failed, N skipped" line.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const patterns = process.argv.slice(2);
const mocha = new Mocha({
  timeout: Number(process.env.MOCHA_TIMEOUT ?? 60000),
  color: false,
  reporter: 'spec',
  grep: process.env.MOCHA_GREP,
});
const files = [...new Set(patterns.flatMap(expand))].sort();
for (const f of files) mocha.addFile(f);
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const s = runner.stats ?? { passes: 0, failures, pending: 0 };
  console.log(`${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
  process.exitCode = failures > 0 || files.length === 0 ? 1 : 0;
});

// Expands "dir/**/x.test.js"-style patterns (Node 20 has no fs.globSync).
function expand(pattern) {
  const parts = pattern.split('/');
  const fixed = [];
  while (parts.length && !/[*?]/.test(parts[0])) fixed.push(parts.shift());
  const root = fixed.join('/') || '.';
  if (!parts.length) return [root];
  const body = parts
    .join('/')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\u0000/g, '(?:.*/)?'); // eslint-disable-line no-control-regex -- \u0000 marks '**/' while the glob is rewritten
  const re = new RegExp(`^${body}$`);
  const out = [];
  const walk = (dir, rel) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(dir, e.name), r);
      else if (re.test(r)) out.push(join(root, r));
    }
  };
  walk(root, '');
  return out;
}
