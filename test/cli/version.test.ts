import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, runHerdscope } from '../support/cli';

describe('herdscope --version', () => {
  it("prints package.json's version (defined into the bundle at build time)", async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const { stdout, code } = await runHerdscope(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), version);
  });
});
