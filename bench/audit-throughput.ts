// Dataset audit throughput: 1,000 rows × 1 agent at concurrency 16 against a loopback OpenAI-compatible server (its own
// process) with a fixed 50 ms latency, vs a minimal client making the same 1,000 calls with 16 in flight, interleaved
// after a warm-up (module loading is start-up, reported apart); and the engine + store time per agent step, the
// marginal cost between a 1,000- and a 10,000-row audit with an instant simulated sensor, as a fraction of one call.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatasetRun } from '../src/audit/engine/dataset-run';
import { loadProfile, type LoadedProfile } from '../src/audit/profile-loader';
import { RunStore } from '../src/audit/run-store';
import type { SourceSpec } from '../src/audit/source-spec';

const ROWS = 1000;
const CONCURRENCY = 16;
const LATENCY_MS = 50;
const REPS = 3;

export async function auditThroughput(): Promise<void> {
  const { child, baseURL } = await startLatencyServer(LATENCY_MS);
  const dir = mkdtempSync(join(tmpdir(), 'herdscope-bench-audit-'));
  const loaded = await loadProfile('hate-speech-binary');
  const live: SourceSpec = { kind: 'llm', provider: 'openai', model: 'bench', endpoints: { openai: { baseURL, apiKey: 'bench' } } };
  const audit = (rows: number, source: SourceSpec, name: string) => timedAudit(dir, loaded, rows, source, name);
  try {
    const coldStart = await audit(CONCURRENCY, live, 'cold');
    await minimalClient(baseURL, CONCURRENCY);
    const pairs: Array<{ minimal: number; engine: number }> = [];
    for (let rep = 0; rep < REPS; rep++) {
      const minimal = await minimalClient(baseURL, ROWS);
      const engine = await audit(ROWS, live, `live-${rep}`);
      pairs.push({ minimal, engine });
    }
    const ratios = pairs.map((p) => p.engine / p.minimal).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)];
    const simulated: SourceSpec = { kind: 'simulated', trueState: 0, seed: 1 };
    await audit(1000, simulated, 'sim-warm');
    const small = Math.min(await audit(1000, simulated, 'sim-1k-a'), await audit(1000, simulated, 'sim-1k-b'));
    const large = Math.min(await audit(10_000, simulated, 'sim-10k-a'), await audit(10_000, simulated, 'sim-10k-b'));
    const perStep = (large - small) / 9000;
    console.log(
      `\ndataset audit throughput: ${ROWS} rows × 1 agent, concurrency ${CONCURRENCY}, loopback server (own process) with ${LATENCY_MS} ms latency (network limit ${((ROWS * LATENCY_MS) / CONCURRENCY / 1000).toFixed(2)} s)`,
    );
    pairs.forEach((p, i) =>
      console.log(
        `  rep ${i + 1}: minimal client (fetch, ${CONCURRENCY} in flight) ${(p.minimal / 1000).toFixed(2)} s · herdscope audit engine (openai SDK) ${(p.engine / 1000).toFixed(2)} s → ${(p.engine / p.minimal).toFixed(2)}×`,
      ),
    );
    console.log(`  engine / minimal client, median of ${REPS}: ${median.toFixed(2)}× (target ≤ 1.25)`);
    console.log(
      `  start-up of the first audit in the process (module loading, ${CONCURRENCY} rows): ${(coldStart / 1000).toFixed(2)} s, not in the ratio`,
    );
    console.log(
      `  engine + store per agent step: ${perStep.toFixed(3)} ms = ${((100 * perStep) / LATENCY_MS).toFixed(2)}% of a ${LATENCY_MS} ms call (target < 1%; marginal cost 1k → 10k rows, simulated sensor; fixed cost per audit ${Math.max(0, small - 1000 * perStep).toFixed(0)} ms)`,
    );
  } finally {
    child.stdin?.end();
  }
}

async function timedAudit(dir: string, loaded: LoadedProfile, rows: number, source: SourceSpec, name: string): Promise<number> {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, `text,label\n${Array.from({ length: rows }, (_, i) => `comment number ${i},${i % 2}`).join('\n')}\n`);
  return timed(async () => {
    const run = await startDatasetRun({ store: new RunStore(join(dir, name)), file, agents: 1, loaded, concurrency: CONCURRENCY, source });
    await run.done;
  });
}

function startLatencyServer(latencyMs: number): Promise<{ child: ChildProcess; baseURL: string }> {
  const child = spawn(process.execPath, [join(__dirname, 'latency-server.js'), String(latencyMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) resolve({ child, baseURL: out.trim() });
    });
    child.once('exit', (code) => reject(new Error(`latency server exited (${code}) before it listened`)));
  });
}

async function minimalClient(baseUrl: string, calls: number): Promise<number> {
  const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'x' }] });
  return timed(async () => {
    let next = 0;
    const worker = async () => {
      while (next < calls) {
        next++;
        const res = await fetch(`${baseUrl}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
          body,
        });
        await res.json();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
