// The layering eslint claims to enforce, checked by linting probe sources at paths inside each layer.
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { repoRoot } from '../support/cli';

const eslint = new ESLint({ cwd: repoRoot });

/** The no-restricted-imports (and no-undef) messages for `code` as if it were the file at `filePath`. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${filePath}` });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-undef').map((m) => m.message);
}

describe('lint: layering', function () {
  this.timeout(60_000);

  for (const source of [
    'node:fs/promises',
    'fs/promises',
    'fs',
    'node:test',
    'worker_threads',
    'node:sqlite',
    'vscode',
    'openai',
    '@mistralai/mistralai',
  ]) {
    it(`src/core may not import ${source}`, async () => {
      assert.equal((await violations('src/core/probe.ts', `import * as m from '${source}';\nexport const x = m;\n`)).length, 1);
    });
  }

  it('src/core may import its own modules; a local file named like a built-in is not a built-in', async () => {
    assert.deepEqual(
      await violations(
        'src/core/probe.ts',
        "import { sum } from './probability';\nimport * as p from './control/path';\nexport const x = [sum, p];\n",
      ),
      [],
    );
  });

  for (const [file, source] of [
    ['src/core/probe.ts', '../audit/prompt'],
    ['src/llm/probe.ts', '../audit/prompt'],
    ['src/llm/probe.ts', 'vscode'],
    ['src/audit/probe.ts', '../cli/run-cli'],
    ['src/audit/probe.ts', '../extension/log'],
    ['src/cli/probe.ts', '../extension/log'],
    ['src/extension/probe.ts', '../cli/run-cli'],
    ['webview/panel/probe.ts', '../../src/extension/runs/audit-service'],
    ['webview/panel/probe.ts', '../../src/extension/log'],
    ['webview/panel/probe.ts', '../../src/llm/redact'],
    ['webview/panel/probe.ts', '../../src/audit/run-store'],
    ['webview/panel/probe.ts', '../../src/audit/prompt'],
    ['webview/panel/probe.ts', '../../src/core/model'],
    ['webview/panel/probe.ts', 'vscode'],
    ['src/shared/probe.ts', '../extension/log'],
    ['src/shared/probe.ts', '../audit/run-store'],
    ['src/shared/probe.ts', 'node:fs'],
    ['src/core/probe.ts', '../shared/protocol'],
    ['webview/panel/probe.ts', 'node:path'],
  ]) {
    it(`${file.split('/').slice(0, -1).join('/')} may not import ${source}`, async () => {
      assert.equal((await violations(file, `import * as m from '${source}';\nexport const x = m;\n`)).length, 1);
    });
  }

  it('the webview may import src/shared/ and its own modules; src/shared may import core types', async () => {
    assert.deepEqual(
      await violations(
        'webview/panel/probe.ts',
        "import type { HostToWebview } from '../../src/shared/protocol';\nimport { el } from './dom';\nexport const x: [HostToWebview?, unknown?] = [undefined, el];\n",
      ),
      [],
    );
    assert.deepEqual(
      await violations('src/shared/probe.ts', "import type { DecisionModel } from '../core/model';\nexport type X = DecisionModel;\n"),
      [],
    );
  });

  it('JavaScript files are linted too (an undefined name in an .mjs and a .js is reported)', async () => {
    assert.equal((await violations('bench/probe.mjs', 'export const x = undefinedName;\n')).length, 1);
    assert.equal((await violations('test/host/probe.js', 'module.exports = require("node:path") && undefinedName;\n')).length, 1);
  });
});
