// A server that echoes the API key inside a 200 answer: the key must not reach any file, report or output.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { twoStateProfileJson } from '../audit/fixtures';
import { runHerdscope, tempFile } from '../support/cli';
import { reply, startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server';

const SECRET = 'sk-echoed-KEY-0123456789abcdef';
const profileFile = tempFile(
  'profile.json',
  twoStateProfileJson({
    agents: { count: 4, provider: 'openai', model: 'm', temperature: 0, maxTokens: 64, promptTemplate: '{{format}}\nText: {{text}}' },
  }),
);

/** Every file under dir, recursively, with its text. */
function filesUnder(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [{ file, text: readFileSync(file, 'utf8') }];
  });
}

for (const sdk of ['openai', 'mistral'] as const) {
  describe(`a ${sdk} server echoing the API key in its answers`, () => {
    let server: FakeLlmServer;
    beforeEach(async () => {
      server = await startFakeLlmServer();
      // Agent 1: key inside a valid answer's extra field; 2: key as the model name; 3: an answer that is only the key; 4: clean.
      server.setResponder((req) => {
        const agent = Number(req.body?.seed ?? req.body?.random_seed); // openai sends seed, Mistral random_seed
        if (agent === 1) return reply.content(JSON.stringify({ is_toxic: true, is_polite: false, note: `your key is ${SECRET}` }));
        if (agent === 2) return reply.content(JSON.stringify({ is_toxic: false, is_polite: true }), { model: `model-${SECRET}` });
        if (agent === 3) return reply.content(`Authorization: ${SECRET}`);
        return reply.content(JSON.stringify({ is_toxic: true, is_polite: false }));
      });
    });
    afterEach(() => server.close());

    it('stores and prints the answers with the key redacted: run dir, cassette, cache, --json, reports', async () => {
      const work = mkdtempSync(path.join(tmpdir(), `herdscope-echo-${sdk}-`));
      const runs = path.join(work, 'runs');
      const env = {
        ...process.env,
        HERDSCOPE_OPENAI_API_KEY: SECRET,
        HERDSCOPE_MISTRAL_API_KEY: SECRET,
        OPENAI_API_KEY: '',
        MISTRAL_API_KEY: '',
      };
      const baseUrl = sdk === 'openai' ? server.baseUrlOpenAI : server.serverUrlMistral;
      const args = [
        'chain',
        '--profile',
        profileFile,
        '--text',
        'Some comment.',
        '--agents',
        '4',
        '--provider',
        sdk,
        '--base-url',
        baseUrl,
        '--out',
        runs,
        '--record',
        path.join(work, 'cassette.jsonl'),
        '--cache',
        path.join(work, 'cache'),
        '--json',
      ];
      const outputs: string[] = [];
      const run = await runHerdscope(args, { env });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(server.requests[0].dialect, sdk);
      assert.equal(server.requests.length, 4);
      outputs.push(run.stdout, run.stderr);
      // Second run: answered from the cache.
      const cached = await runHerdscope(
        args.filter((a, i) => a !== '--record' && args[i - 1] !== '--record'),
        { env },
      );
      assert.equal(cached.code, 0, cached.stderr);
      assert.equal(server.requests.length, 4, 'the second run is answered from the cache');
      outputs.push(cached.stdout, cached.stderr);
      const [runId] = readdirSync(runs);
      for (const format of ['json', 'csv', 'html']) {
        const report = await runHerdscope(['report', runId, '--runs', runs, '--format', format], { env });
        assert.equal(report.code, 0, report.stderr);
        outputs.push(report.stdout, report.stderr);
      }

      const files = filesUnder(work);
      assert.ok(files.some((f) => f.file.endsWith('steps.jsonl')) && files.some((f) => f.file.endsWith('cassette.jsonl')));
      assert.ok(files.filter((f) => f.file.includes(`${path.sep}cache${path.sep}`)).length >= 3, 'the cache holds the answers');
      for (const { file, text } of files) assert.ok(!text.includes(SECRET), `${file} holds the key`);
      outputs.forEach((text, i) => assert.ok(!text.includes(SECRET), `output ${i} holds the key`));
      // The answers are kept, with the key replaced, not dropped.
      const steps = JSON.parse(run.stdout).steps as Array<{ raw?: string; model?: string }>;
      const all = JSON.stringify(steps);
      assert.match(all, /your key is \[redacted\]/);
      assert.match(all, /model-\[redacted\]/);
      assert.match(all, /Authorization: \[redacted\]/);
    });
  });
}
