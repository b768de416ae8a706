// A 10,000-row dataset audit through the OpenAI batch API (`herdscope audit --batch-api` as a child process) against the
// loopback fake batch server: wall time and peak RSS of the CLI (upload, poll, download, local recursion, store).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchReply, startFakeBatchServer } from '../test/support/fake-batch-server';
import { peakRss, writeRows } from './audit-memory';

const ROWS = 10_000;

export async function batchApiAudit(cli: string): Promise<void> {
  const answer = JSON.stringify({ is_hateful: false, targets_group: false, dehumanizing: false, calls_for_harm: false, intensity: 0 });
  const server = await startFakeBatchServer({
    answer: () => batchReply.content(answer, { prompt: 50, completion: 12 }),
    shuffle: true,
    linesPerPoll: 2_500,
  });
  const dir = mkdtempSync(join(tmpdir(), 'herdscope-bench-batch-'));
  const file = join(dir, 'rows.csv');
  await writeRows(file, ROWS);
  try {
    const start = performance.now();
    const env = { ...process.env, HERDSCOPE_OPENAI_API_KEY: 'bench-key', OPENAI_API_KEY: '' };
    const args = [
      cli,
      'audit',
      file,
      '--profile',
      'hate-speech-binary',
      '--agents',
      '1',
      '--out',
      join(dir, 'runs'),
      '--label-column',
      'label',
      '--provider',
      'openai',
      '--model',
      'bench',
      '--base-url',
      server.baseUrlOpenAI,
      '--batch-api',
      '--batch-poll-seconds',
      '0.1',
      '--json',
    ];
    const peak = await peakRss(process.execPath, args, env);
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `\nbatch API audit: ${ROWS.toLocaleString('en')} rows × 1 agent through the OpenAI batch API (loopback fake batch server, ${server.batches.length} batch(es), 2,500 lines per poll, polls every 0.1 s)`,
    );
    console.log(`  herdscope audit --batch-api (child process): ${seconds.toFixed(1)} s wall, peak RSS ${peak.toFixed(0)} MB`);
  } finally {
    await server.close();
  }
}
