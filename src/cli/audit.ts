// `herdscope audit`: every row of a CSV/JSONL/Parquet dataset through the chain, stored as a run; SIGINT keeps results, --resume continues.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openResumableRun, resumeDatasetRun, startDatasetRun, type StartedDatasetRun } from '../audit/engine/dataset-run';
import type { RunEvent } from '../audit/engine/run-events';
import type { RunStore } from '../audit/run-store';
import type { RunMeta } from '../audit/run-types';
import { InputError } from '../core/errors';
import { summaryText } from './audit-output';
import { batchApiFlagOptions, batchApiUsage, readBatchApiFlags } from './batch-api-flags';
import type { CliCommand } from './command';
import { intFlagOptional } from './int-flag';
import { loadProfileFlag } from './profile-flags';
import { ProgressLines } from './progress-lines';
import { providerFlagOptions, providerFlagsUsage, sourceSpecFromFlags } from './provider-flags';
import { openRunStore } from './runs-dir';

const usage = `usage: herdscope audit DATASET --profile P --out RUNS_DIR [options]

Runs every row of a CSV, JSONL or Parquet file through the chain and stores the run in RUNS_DIR/<run id>/
(run.json, steps.jsonl appended per agent, items.jsonl per finished row). Progress goes to stderr.
Ctrl-C stops cleanly and keeps every finished row; rerun with --resume to continue.

  --profile P            built-in profile or profile JSON file (not needed with --resume: the run keeps a snapshot)
  --out DIR              runs directory (required)
  --text-column C        column with the text (default "text")
  --label-column L       column with the true state (index or state label): enables accuracy and revealed preferences
  --agents N             agents per row (default: the profile's)
  --mode M               sensor | interacting (default: the profile's)
  --concurrency N        LLM calls in flight at once, in total over rows and agents (default 8); also the
                         per-endpoint connection limit
  --agent-concurrency N  sensor mode: optional cap on one row's calls in flight (default: none beyond --concurrency)
  --resume               continue the latest unfinished (cancelled, failed or interrupted) run of this dataset in --out;
                         a dataset file that changed since is refused, naming the first change
  --run ID               with --resume: continue this run
  --json                 print the summary as JSON
${providerFlagsUsage}
${batchApiUsage}
  (with --provider simulated, --true-state label draws each row's observations from its own label)

Exit codes: 0 done, 2 bad input, 130 interrupted (resume with --resume).`;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'run a CSV/JSONL/Parquet dataset through the chain; herding rate, accuracy, revealed preferences; resumable',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        profile: { type: 'string' },
        out: { type: 'string' },
        'text-column': { type: 'string' },
        'label-column': { type: 'string' },
        agents: { type: 'string' },
        mode: { type: 'string' },
        concurrency: { type: 'string' },
        'agent-concurrency': { type: 'string' },
        resume: { type: 'boolean', default: false },
        run: { type: 'string' },
        json: { type: 'boolean', default: false },
        ...providerFlagOptions,
        ...batchApiFlagOptions,
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1)
      throw new InputError(
        'DATASET',
        positionals.length === 0 ? 'is required (a .csv, .jsonl or .parquet file)' : `expected one dataset, got ${positionals.length}`,
      );
    if (!values.out) throw new InputError('--out', 'is required (the runs directory)');
    if (values.run && !values.resume) throw new InputError('--run', 'only applies with --resume');
    const file = path.resolve(positionals[0]);
    const store = openRunStore(values.out);
    const concurrency = intFlagOptional('--concurrency', values.concurrency, 1, 1024) ?? 8;
    const agentConcurrency = intFlagOptional('--agent-concurrency', values['agent-concurrency'], 1, 1024);
    const log = (line: string) => io.stderr(`${line}\n`);
    const progress = new ProgressLines(io.stderr);
    const onEvent = (event: RunEvent) => {
      if (event.type === 'progress' && event.progress.item !== undefined) progress.report(event.progress.done, event.progress.total);
    };
    let started: StartedDatasetRun;
    if (values.resume) {
      const { meta, loaded } = await openResumableRun(store, (await findResumable(store, file, values.run)).header.runId);
      const spec =
        readBatchApiFlags(values, loaded.profile, process.env, { resumed: meta.provider.batchApi, log }) ??
        sourceSpecFromFlags(loaded, values, process.env, { agents: meta.header.agents, concurrency, allowLabelState: true, log });
      started = await resumeDatasetRun({ store, meta, loaded, source: spec, concurrency, agentConcurrency, signal: io.signal, onEvent });
      io.stderr(`resuming run ${started.runId}: ${started.resumed} of ${started.scan.rows} rows already done\n`);
    } else {
      const loaded = await loadProfileFlag(values.profile, values.mode);
      const agents = intFlagOptional('--agents', values.agents, 1, 10000) ?? loaded.profile.agents.count;
      const spec =
        readBatchApiFlags(values, loaded.profile, process.env, { log }) ??
        sourceSpecFromFlags(loaded, values, process.env, { agents, concurrency, allowLabelState: true, log });
      started = await startDatasetRun({
        store,
        file,
        textColumn: values['text-column'],
        labelColumn: values['label-column'],
        agents,
        loaded,
        source: spec,
        concurrency,
        agentConcurrency,
        signal: io.signal,
        onEvent,
      });
      const { scan } = started;
      io.stderr(
        `run ${started.runId} in ${store.dir}: ${scan.rows} rows${scan.skippedEmpty ? ` (${scan.skippedEmpty} empty rows skipped)` : ''}, ${started.header.agents} agents each, ${started.source.description}\n`,
      );
    }
    const runId = started.runId;
    const result = await started.done;
    const meta = await store.readMeta(runId);
    if (values.json)
      io.stdout(
        `${JSON.stringify({ runId, runDir: store.runDir(runId), status: meta.status, dataset: meta.dataset, summary: result.summary, rp: result.rp })}\n`,
      );
    else io.stdout(summaryText(meta, result.summary, result.rp, store.runDir(runId)));
    if (result.cancelled) {
      io.stderr(
        `interrupted: ${result.summary.items} of ${started.scan.rows} rows finished; continue with: herdscope audit ${positionals[0]} --out ${values.out} --resume --run ${runId}\n`,
      );
      return 130;
    }
    return 0;
  },
};

/** The named run, or the newest unfinished run of the same dataset file. */
async function findResumable(store: RunStore, file: string, runId: string | undefined): Promise<RunMeta> {
  if (runId) {
    const meta = await store.readMeta(runId);
    if (meta.header.kind !== 'dataset') throw new InputError('--run', `run ${runId} is not a dataset audit`);
    if (meta.dataset?.file !== file) throw new InputError('--run', `run ${runId} audited ${meta.dataset?.file}, not ${file}`);
    return meta;
  }
  for (const listing of await store.list()) {
    if (listing.status === 'completed' || listing.status === 'running' || listing.header.kind !== 'dataset') continue;
    const meta = await store.readMeta(listing.header.runId);
    if (meta.dataset?.file === file) return meta;
  }
  throw new InputError('--resume', `no unfinished audit of ${path.basename(file)} in ${store.dir}`);
}
