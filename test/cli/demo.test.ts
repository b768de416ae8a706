import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoCassette, loadDemo } from '../../src/audit/demo';
import { repoRoot, runHerdscope } from '../support/cli';

describe('herdscope demo', () => {
  const offline = {
    ...process.env,
    OPENAI_API_KEY: '',
    HERDSCOPE_OPENAI_API_KEY: '',
    MISTRAL_API_KEY: '',
    HERDSCOPE_MISTRAL_API_KEY: '',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
  };

  it('runs offline, is labelled DEMO, shows where herding started, and its output is stable', async () => {
    const a = await runHerdscope(['demo'], { env: offline });
    const b = await runHerdscope(['demo'], { env: offline });
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    assert.match(a.stdout, /^DEMO \(offline\): the answers are RECORDED ANSWERS WRITTEN BY HAND/);
    assert.match(a.stdout, /A hateful comment the first agents miss: agent 3, herd on "not HSP" \(wrong\)/);
    assert.match(a.stdout, /A friendly comment: agent 3, herd on "not HSP"\n/);
    assert.match(a.stdout, /A comment calling for genocide: no cascade/);
    assert.match(a.stdout, /parse: the answer contains no JSON object/);
    assert.match(a.stdout, /schema: missing keys: promotes_genocide/);
  });

  it('--json marks every step simulated and keeps the raw hand-written answers', async () => {
    const { stdout, code } = await runHerdscope(['demo', '--json'], { env: offline });
    assert.equal(code, 0);
    const doc = JSON.parse(stdout);
    const steps = doc.texts.flatMap((t: { steps: unknown[] }) => t.steps) as Array<{ simulated?: boolean; rawResponse: string | null }>;
    assert.equal(steps.length, 24);
    assert.ok(steps.every((s) => s.simulated === true && typeof s.rawResponse === 'string'));
    assert.ok(steps.some((s) => /"is_insulting": True/.test(s.rawResponse!)));
  });

  it('demo/cassette.jsonl is exactly what demo/answers.json records (rebuild with demoCassette when editing answers)', async () => {
    const demo = await loadDemo(path.join(repoRoot, 'demo'));
    const answers = JSON.parse(readFileSync(path.join(repoRoot, 'demo', 'answers.json'), 'utf8'));
    assert.equal(readFileSync(demo.cassette, 'utf8'), demoCassette(demo.loaded, demo.texts, answers));
  });
});
