// A 1,000,000-row audit (2 agents, simulated sensor) on this machine, end to end: the audit killed with SIGKILL part way,
// resumed, then its overview and CSV report; the peak RSS of each step, and the resume once more under a 200 MB heap
// limit (what it keeps, as opposed to what V8 lets grow before collecting). Opt-in: BENCH_MILLION=1 (about 6 minutes).
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peakRss } from './audit-memory';

const ROWS = 1_000_000;

export async function millionRows(cli: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'herdscope-bench-million-'));
  try {
    console.log(`\n1,000,000 rows: audit (2 agents, simulated), SIGKILL part way, resume, overview, CSV report`);
    const file = join(dir, 'rows.jsonl');
    await writeJsonl(file);
    const runs = join(dir, 'runs');
    const audit = ['audit', file, '--out', runs, '--label-column', 'label', '--provider', 'simulated', '--true-state', 'label'];
    const killedAt = await killPartWay(cli, [...audit, '--profile', 'hate-speech-binary', '--agents', '2']);
    const [runId] = readdirSync(runs);
    cpSync(join(runs, runId), join(dir, 'killed'), { recursive: true });
    const resume = await timedPeak(cli, [...audit, '--resume']);
    const rows = finishedRows(join(runs, runId));
    console.log(
      `  audit killed after ${killedAt.toLocaleString('en')} rows; --resume of the rest: peak RSS ${resume.mb.toFixed(0)} MB, ${resume.s.toFixed(0)} s; ${rows.lines.toLocaleString('en')} finished rows, ${rows.distinct.toLocaleString('en')} distinct`,
    );
    const overview = await timedPeak(cli, ['overview', join(runs, runId)]);
    console.log(`  overview (from the stored counts): peak RSS ${overview.mb.toFixed(0)} MB, ${overview.s.toFixed(1)} s`);
    const csv = await timedPeak(cli, ['report', join(runs, runId), '--format', 'csv', '--output', join(dir, 'report.csv')]);
    console.log(`  CSV report, 2,000,000 agent rows: peak RSS ${csv.mb.toFixed(0)} MB, ${csv.s.toFixed(0)} s`);
    rmSync(join(runs, runId), { recursive: true });
    cpSync(join(dir, 'killed'), join(runs, runId), { recursive: true });
    const limited = await timedPeak(cli, [...audit, '--resume'], ['--max-old-space-size=200']);
    console.log(`  the same --resume with a 200 MB heap limit: completes, peak RSS ${limited.mb.toFixed(0)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timedPeak(cli: string, args: string[], nodeFlags: string[] = []): Promise<{ mb: number; s: number }> {
  const start = performance.now();
  const mb = await peakRss(process.execPath, [...nodeFlags, cli, ...args]);
  return { mb, s: (performance.now() - start) / 1000 };
}

/** Starts the audit, SIGKILLs it once about 40% of the rows are finished, and returns how many were. */
function killPartWay(cli: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let done = 0;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const m = /\[(\d+)\/\d+\] rows done/.exec(chunk.split('\n').filter(Boolean).at(-1) ?? '');
      if (m) done = Number(m[1]);
      if (done >= 0.4 * ROWS) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(done) : reject(new Error(`the audit ended before it was killed (${signal})`)),
    );
  });
}

async function writeJsonl(file: string): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < ROWS; i++)
    if (!out.write(`{"text":"comment number ${i} with a few words of text","label":${i % 2}}\n`))
      await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** How many rows the run finished, and how many distinct ones (a resume must add every missing row exactly once). */
function finishedRows(runDir: string): { lines: number; distinct: number } {
  const items = readFileSync(join(runDir, 'items.jsonl'), 'utf8').split('\n').filter(Boolean);
  return { lines: items.length, distinct: new Set(items.map((l) => (JSON.parse(l) as { item: number }).item)).size };
}
