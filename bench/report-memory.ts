// Peak resident memory of `herdscope report` (child process) on a 20,000-row, 2-agent run in each format, with short
// and with 4 KB texts (texts are read back as each chain is written, not all held: 80 MB of text should add little),
// and the size of the CSV of a run whose one row has a 50 MB text (the text is written once per item, not per agent row).
import { createWriteStream, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peakRss } from './audit-memory';

export async function reportMemory(cli: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'herdscope-bench-report-'));
  console.log('\nreport memory: peak RSS of `herdscope report` (child process) on a 20,000-row run, 2 agents, simulated sensor');
  for (const [name, padding] of [
    ['short texts', 0],
    ['4 KB texts', 4096],
  ] as const) {
    const rows = join(dir, `rows-${padding}.jsonl`);
    await writeJsonl(rows, 20_000, padding);
    const runs = join(dir, `runs-${padding}`);
    const runId = await audit(cli, rows, runs, '2');
    for (const format of ['html', 'csv', 'json']) {
      const output = join(dir, `report-${padding}.${format}`);
      const peak = await peakRss(process.execPath, [cli, 'report', join(runs, runId), '--format', format, '--output', output]);
      console.log(
        `  ${name.padEnd(11)} ${format.padEnd(4)}: peak RSS ${peak.toFixed(0)} MB, file ${(statSync(output).size / 1e6).toFixed(1)} MB`,
      );
    }
  }
  const big = join(dir, 'big.jsonl');
  writeFileSync(
    big,
    `${JSON.stringify({ text: 'x'.repeat(50 * 1024 * 1024), label: 1 })}\n${JSON.stringify({ text: 'short', label: 0 })}\n`,
  );
  const bigRun = await audit(cli, big, join(dir, 'big-runs'), '10');
  const csv = join(dir, 'big.csv');
  const peak = await peakRss(process.execPath, [cli, 'report', join(dir, 'big-runs', bigRun), '--format', 'csv', '--output', csv]);
  console.log(
    `  a 50 MB text row, 10 agents → CSV ${(statSync(csv).size / 1e6).toFixed(1)} MB (text once per item), peak RSS ${peak.toFixed(0)} MB`,
  );
}

async function audit(cli: string, file: string, runs: string, agents: string): Promise<string> {
  await peakRss(process.execPath, [
    cli,
    'audit',
    file,
    '--profile',
    'hate-speech-binary',
    '--agents',
    agents,
    '--out',
    runs,
    '--label-column',
    'label',
    '--provider',
    'simulated',
    '--true-state',
    'label',
    '--json',
  ]);
  return readdirSync(runs)[0];
}

async function writeJsonl(file: string, rows: number, padding: number): Promise<void> {
  const out = createWriteStream(file);
  const words = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(padding / 27)).slice(0, padding);
  for (let i = 0; i < rows; i++)
    if (!out.write(`${JSON.stringify({ text: `comment number ${i} with a few words of text ${words}`, label: i % 2 })}\n`))
      await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve) => out.end(() => resolve()));
}
