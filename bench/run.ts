// `npm run bench`: the extension's start-up cost (require + activate() with a stub host API, bundle sizes); E2 in
// code-parity mode on a fixed sequences file — HerdScope's simulate vs a vectorised NumPy implementation vs plain
// per-step Python loops, interleaved repetitions, CPU-time ratios and output hashes; the herding-risk forecast; then
// dataset-audit throughput against a loopback server and the audit's peak memory on 10k and 100k rows; then the
// report's peak memory on a 20k-row run and the CSV size of a 50 MB text row.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { forecastHerding } from '../src/core/forecast';
import { parseDecisionModel } from '../src/core/model';
import { bundleSizes, isProductionBuild, type ActivationCost } from './activation';
import { auditMemory } from './audit-memory';
import { auditThroughput } from './audit-throughput';
import { reportMemory } from './report-memory';
import { batchApiAudit } from './batch-api-audit';
import { millionRows } from './million-rows';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const python = '/usr/bin/python3';
const reps = Number(process.env.BENCH_REPS ?? 5);
/** Plain loops run every STRIDE-th chain (strides coprime with 6 so every true state is sampled) and are scaled up. */
const STRIDE = { lean: 23, notebook: 173 };

interface Timing {
  cpu_seconds: number;
  actions_sha256: string;
  agent_steps: number;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: join(root, 'bench'), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function pickModel(): { model: string; label: string } {
  const authors = resolve(root, '..', 'shared', 'data', 'e2-authors', 'model.json');
  if (existsSync(authors)) return { model: authors, label: "the authors' E2 model (../shared/data/e2-authors/model.json)" };
  return {
    model: join(root, 'bench', 'e2-small-model.json'),
    label: 'the shipped fallback bench/e2-small-model.json (../shared/data absent)',
  };
}

function numpyMissing(): string | null {
  if (!existsSync(python)) return `${python} is missing (apt-get install -y python3 python3-numpy)`;
  const r = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
  return r.status === 0 ? null : `NumPy is missing for ${python} (apt-get install -y python3-numpy)`;
}

/** SHA-256 of HerdScope's int8 actions of every stride-th chain in [run][prior][state] order (what e2_plain.py hashes). */
function subsetHash(resultsFile: string, stride: number): string {
  const lines = readFileSync(resultsFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { run: number; prior_index: number; true_state: number; actions: number[] });
  const header = JSON.parse(readFileSync(resultsFile.replace(/results\.jsonl$/, 'sequences.jsonl'), 'utf8').split('\n')[0]) as {
    grid: number;
    true_states: number[];
  };
  const S = header.true_states.length;
  const index = (l: { run: number; prior_index: number; true_state: number }) =>
    (l.run * header.grid + l.prior_index) * S + header.true_states.indexOf(l.true_state);
  const bytes = lines
    .sort((a, b) => index(a) - index(b))
    .filter((l) => index(l) % stride === 0)
    .flatMap((l) => l.actions);
  return createHash('sha256').update(Int8Array.from(bytes)).digest('hex');
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const fmt = (s: number) => `${s.toFixed(4)} s`;

/** Each measurement in a fresh Node process (a warm module cache would hide the cost); medians over `reps`. */
function startup(): void {
  const bundle = join(root, 'dist', 'extension.js');
  const runs: ActivationCost[] = [];
  for (let i = 0; i < Math.max(reps, 5); i++)
    runs.push(JSON.parse(run(process.execPath, [join(__dirname, 'activation.js'), bundle, root])) as ActivationCost);
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  console.log(
    `extension start-up (${isProductionBuild(bundle) ? 'production' : 'development'} bundles; median of ${runs.length} fresh processes, stub vscode module):`,
  );
  console.log(`  require dist/extension.js   ${median(runs.map((r) => r.requireMs)).toFixed(1)} ms`);
  console.log(`  activate()                  ${median(runs.map((r) => r.activateMs)).toFixed(1)} ms`);
  const lazy = runs[0].modulesLoaded.filter((m) => /sdk[/\\]|node_modules[/\\](openai|@mistralai|highs)/.test(m));
  console.log(`  provider SDKs / HiGHS loaded by activation: ${lazy.length === 0 ? 'none' : lazy.join(', ')}`);
  console.log('bundle sizes:');
  for (const { file, bytes } of bundleSizes(join(root, 'dist'))) console.log(`  dist/${file.padEnd(22)} ${kb(bytes).padStart(8)}`);
  console.log('');
}

function main(): void {
  startup();
  simulateBench();
  forecastBench();
}

function simulateBench(): void {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build`);
  const { model, label } = pickModel();
  const dir = mkdtempSync(join(tmpdir(), 'herdscope-bench-'));
  const sequences = join(dir, 'sequences.jsonl');
  const results = join(dir, 'results.jsonl');
  run(process.execPath, [cli, 'simulate', '--model', model, '--code-parity', '--seed', '0', '--dump-sequences', sequences]);
  const herdscopeArgs = [cli, 'simulate', '--model', model, '--sequences', sequences, '--code-parity'];
  const reference = JSON.parse(run(process.execPath, [...herdscopeArgs, '--dump-results', results]));
  console.log(
    `E2, code parity: ${reference.agent_steps} agent steps (${reference.workload.runs} runs × ${reference.workload.priors} priors × ${reference.workload.true_states.length} states × ${reference.workload.agents} agents)`,
  );
  console.log(`model: ${label}; fixed sequences file (seed 0): ${sequences}`);
  const missing = numpyMissing();
  if (missing) console.log(`NumPy and plain-loop references skipped: ${missing}`);

  const times: Record<'herdscope' | 'numpy' | 'lean' | 'notebook', number[]> = { herdscope: [], numpy: [], lean: [], notebook: [] };
  const hashes: Record<string, Set<string>> = { numpy: new Set(), lean: new Set(), notebook: new Set() };
  for (let rep = 0; rep < reps; rep++) {
    const hs = JSON.parse(run(process.execPath, herdscopeArgs));
    times.herdscope.push(hs.cpu_seconds);
    if (!missing) {
      const np = JSON.parse(run(python, ['e2_numpy.py', model, sequences])) as Timing;
      times.numpy.push(np.cpu_seconds);
      hashes.numpy.add(np.actions_sha256);
      for (const style of ['lean', 'notebook'] as const) {
        const plain = JSON.parse(run(python, ['e2_plain.py', style, model, sequences, String(STRIDE[style])])) as Timing;
        times[style].push((plain.cpu_seconds * reference.agent_steps) / plain.agent_steps);
        hashes[style].add(plain.actions_sha256);
      }
    }
    const row = [`rep ${rep + 1}: HerdScope ${fmt(times.herdscope[rep])}`];
    if (!missing)
      row.push(
        `NumPy ${fmt(times.numpy[rep])}`,
        `lean loop ${fmt(times.lean[rep])} (scaled)`,
        `notebook loop ${fmt(times.notebook[rep])} (scaled)`,
      );
    console.log(row.join(' | '));
  }

  const hs = median(times.herdscope);
  console.log(`\nmedian CPU seconds of the simulation loop over ${reps} interleaved repetitions:`);
  console.log(
    `  HerdScope simulate          ${fmt(hs)}  (${Math.round(reference.agent_steps / hs).toLocaleString('en')} agent steps per CPU second)`,
  );
  if (missing) return;
  reportNumpy(times, hashes, hs, reference, results);
}

function reportNumpy(
  times: Record<'herdscope' | 'numpy' | 'lean' | 'notebook', number[]>,
  hashes: Record<string, Set<string>>,
  hs: number,
  reference: { agent_steps: number; summary: { actions_sha256: string } },
  results: string,
): void {
  const np = median(times.numpy);
  console.log(`  NumPy, vectorised           ${fmt(np)}  → HerdScope is ${(np / hs).toFixed(2)}× the speed of NumPy (target ≥ 1)`);
  for (const style of ['lean', 'notebook'] as const) {
    const steps = Math.ceil(1800 / STRIDE[style]);
    const what = style === 'lean' ? 'plain loop, rules written directly' : "plain loop, the authors' notebook structure";
    console.log(
      `  ${what.padEnd(44)} ${fmt(median(times[style]))}  → HerdScope is ${Math.round(median(times[style]) / hs).toLocaleString('en')}× faster (target ≥ 1000); measured on 1 chain in ${STRIDE[style]} (${steps} chains) and scaled to all`,
    );
  }
  const same = (set: Set<string>, want: string) => set.size === 1 && set.has(want);
  console.log(
    `\nequal work: NumPy actions_sha256 ${same(hashes.numpy, reference.summary.actions_sha256) ? '==' : '!='} HerdScope's (${reference.summary.actions_sha256.slice(0, 16)}…)`,
  );
  for (const style of ['lean', 'notebook'] as const) {
    const want = subsetHash(results, STRIDE[style]);
    console.log(
      `            ${style} loop actions on its chains ${same(hashes[style], want) ? '==' : '!='} HerdScope's on the same chains`,
    );
  }
}

/**
 * The exact herding-risk forecast on the E2 model: N = 80 agents from the E2 prior π0 = 0.5·e_0 + 0.5·e_5 (grid point
 * p = 0.5 for the most hateful true state), every reachable public belief enumerated; then the uniform prior, which
 * needs more beliefs than the default limit and so runs as Monte Carlo.
 */
function forecastBench(): void {
  const { model: file, label } = pickModel();
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  console.log(`\nherding-risk forecast, ${label}, N = 80:`);
  const cases: Array<{ what: string; prior: number[]; maxBeliefs?: number }> = [
    { what: 'exact, π0 = 0.5·e_0 + 0.5·e_5', prior: [0.5, 0, 0, 0, 0, 0.5], maxBeliefs: 4_000_000 },
    { what: 'default limit, uniform π0', prior: new Array<number>(6).fill(1 / 6) },
  ];
  for (const c of cases) {
    const model = parseDecisionModel({ ...raw, prior: c.prior });
    const cpu = process.cpuUsage();
    const wall = process.hrtime.bigint();
    const r = forecastHerding(model, { agents: 80, maxBeliefs: c.maxBeliefs });
    const seconds = Number(process.hrtime.bigint() - wall) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const how = r.exact
      ? `exact, ${r.distinctBeliefs.toLocaleString('en')} distinct public beliefs`
      : `Monte Carlo after more than ${r.maxBeliefs.toLocaleString('en')} beliefs, ${(r.chains ?? 0).toLocaleString('en')} chains per state`;
    console.log(
      `  ${c.what.padEnd(34)} ${fmt(cpuSeconds)} CPU (${fmt(seconds)} wall), ${how}; P(herded by 80 | state 5) = ${r.states[5].herdedBy[79].toFixed(6)}`,
    );
  }
}

async function all(): Promise<void> {
  main();
  if (process.env.BENCH_AUDIT !== '0') {
    await auditThroughput();
    await auditMemory(cli);
    await reportMemory(cli);
    await batchApiAudit(cli);
  }
  if (process.env.BENCH_MILLION === '1') await millionRows(cli);
}

void all().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
