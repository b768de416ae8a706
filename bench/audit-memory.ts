// Peak resident memory of a child-process `herdscope audit` (1 agent, simulated sensor) of 10,000 and 100,000 rows:
// rows stream from the file and finishing reads the counts, so the peak should stay flat as the dataset grows.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunItemIndex } from '../src/audit/item-index';
import { readItemChain } from '../src/audit/run-files';

export async function auditMemory(cli: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'herdscope-bench-memory-'));
  console.log('\ndataset audit memory: peak RSS of `herdscope audit` (child process), 1 agent, simulated sensor');
  const peaks: number[] = [];
  for (const rows of [10_000, 100_000]) {
    const file = join(dir, `rows-${rows}.csv`);
    await writeRows(file, rows);
    const start = performance.now();
    const peak = await peakRss(process.execPath, [
      cli,
      'audit',
      file,
      '--profile',
      'hate-speech-binary',
      '--agents',
      '1',
      '--out',
      join(dir, `runs-${rows}`),
      '--label-column',
      'label',
      '--provider',
      'simulated',
      '--true-state',
      'label',
      '--json',
    ]);
    peaks.push(peak);
    console.log(
      `  ${rows.toLocaleString('en').padStart(7)} rows: peak RSS ${peak.toFixed(0)} MB (target < 300 MB), ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  }
  console.log(`  100k / 10k peak RSS ratio ${(peaks[1] / peaks[0]).toFixed(2)} (flat ≈ 1)`);
  await singleItemReads(join(dir, 'runs-100000'));
}

/** What the panel does on a click in the 100,000-row run: one item's chain, by a full scan vs the item index. */
async function singleItemReads(runsDir: string): Promise<void> {
  const [runId] = await readdir(runsDir);
  const runDir = join(runsDir, runId);
  const picks = [17, 50_000, 99_999];
  const scan = await timed(async () => {
    for (const item of picks) await readItemChain(runDir, 1, item);
  });
  const index = new RunItemIndex(runDir);
  const build = await timed(() => index.readItem(0));
  const indexed = await timed(async () => {
    for (const item of picks) await index.readItem(item);
  });
  console.log(
    `  one item of the 100k-row run (the panel's click): full scan ${(scan / picks.length).toFixed(0)} ms · item index ${(indexed / picks.length).toFixed(2)} ms after a one-time ${build.toFixed(0)} ms build → ${(scan / indexed).toFixed(0)}× faster`,
  );
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function writeRows(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('text,label\n');
  for (let i = 0; i < rows; i++)
    if (!out.write(`comment number ${i} with a few words of text,${i % 2}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Runs the command, polling /proc/<pid>/status for VmHWM (the kernel's peak RSS) until it exits; MB. */
export function peakRss(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'], ...(env ? { env } : {}) });
    let peakKb = 0;
    const poll = setInterval(() => {
      readFile(`/proc/${child.pid}/status`, 'utf8').then(
        (status) => {
          const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
          if (kb > peakKb) peakKb = kb;
        },
        () => undefined,
      );
    }, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`herdscope ${args[1]} exited ${code}`));
      else resolve(peakKb / 1024);
    });
  });
}
