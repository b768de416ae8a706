// The provider flags at the CLI's edge: credentials in a base URL, and a cache that cannot work at the profile's temperature.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { answerFor, twoStateProfileJson } from '../audit/fixtures';
import { runHerdscope, tempFile } from '../support/cli';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server';

const KEY = 'sk-userinfo-SECRET-123456';
const env = { ...process.env, HERDSCOPE_OPENAI_API_KEY: 'sk-env-key-abcdef', OPENAI_API_KEY: '' };

describe('herdscope provider flags', () => {
  let server: FakeLlmServer;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    server.setResponder(() => answerFor(1));
  });
  afterEach(() => server.close());

  for (const command of ['chain', 'audit'] as const) {
    it(`${command}: a --base-url with user-info is refused before any run or request exists, and never echoed`, async () => {
      const runs = mkdtempSync(path.join(tmpdir(), 'herdscope-userinfo-'));
      const profile = tempFile('profile.json', twoStateProfileJson());
      const input = command === 'chain' ? ['--text', 'hello'] : [tempFile('rows.jsonl', '{"text":"hello"}\n')];
      const args = command === 'chain' ? ['chain', '--profile', profile, ...input] : ['audit', ...input, '--profile', profile];
      const url = server.baseUrlOpenAI.replace('http://', `http://user:${KEY}@`);
      const { code, stdout, stderr } = await runHerdscope([...args, '--provider', 'openai', '--base-url', url, '--out', runs], { env });
      assert.equal(code, 2, stderr);
      assert.match(stderr, /--base-url.*must not contain credentials/);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.ok(!stdout.includes(KEY) && !stderr.includes(KEY));
      assert.equal(server.requests.length, 0);
      assert.deepEqual(existsSync(runs) ? readdirSync(runs) : [], [], 'no run was stored');
    });
  }

  it('--cache at temperature > 0 warns on stderr that nothing is stored, once', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'herdscope-cache-warn-'));
    const profile = tempFile('profile.json', twoStateProfileJson()); // temperature 0.7
    const args = [
      'chain',
      '--profile',
      profile,
      '--text',
      'hello',
      '--agents',
      '3',
      '--provider',
      'openai',
      '--base-url',
      server.baseUrlOpenAI,
      '--cache',
      path.join(work, 'cache'),
    ];
    const { code, stderr } = await runHerdscope(args, { env });
    assert.equal(code, 0, stderr);
    assert.equal(stderr.match(/warning: --cache: answers at temperature 0\.7 are not cached/g)?.length, 1, stderr);
    const cold = await runHerdscope(
      [
        'chain',
        '--profile',
        tempFile(
          'profile.json',
          twoStateProfileJson({
            agents: { count: 3, provider: 'openai', model: 'm', temperature: 0, maxTokens: 64, promptTemplate: '{{format}} {{text}}' },
          }),
        ),
        '--text',
        'hello',
        '--provider',
        'openai',
        '--base-url',
        server.baseUrlOpenAI,
        '--cache',
        path.join(work, 'cache'),
      ],
      { env },
    );
    assert.equal(cold.code, 0, cold.stderr);
    assert.doesNotMatch(cold.stderr, /not cached/);
  });
});
