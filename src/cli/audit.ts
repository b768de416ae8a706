// `herdscope audit`: every row of a CSV/JSONL dataset through the chain, stored as a run; SIGINT keeps results, --resume continues.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBatch } from '../audit/batch-runner';
import { loadDataset } from '../audit/dataset';
import { newRunHeader } from '../audit/new-run-header';
import { resolveProfile } from '../audit/profile-loader';
import type { RunStore } from '../audit/run-store';
import type { RunMeta } from '../audit/run-types';
import { InputError } from '../core/errors';
import { summaryText } from './audit-output';
import { auditThroughBatchApi, batchApiFlagOptions, batchApiUsage, readBatchApiFlags } from './batch-api-flags';
import type { CliCommand } from './command';
import { intFlagOptional } from './int-flag';
import { loadProfileFlag } from './profile-flags';
import { buildObservationSource, providerFlagOptions, providerFlagsUsage } from './provider-flags';
import { openRunStore } from './runs-dir';

const usage = `usage: herdscope audit DATASET --profile P --out RUNS_DIR [options]

Runs every row of a CSV or JSONL file through the chain and stores the run in RUNS_DIR/<run id>/
(run.json, steps.jsonl appended per agent, items.jsonl per finished row). Progress goes to stderr.
Ctrl-C stops cleanly and keeps every finished row; rerun with --resume to continue.

  --profile P            built-in profile or profile JSON file (not needed with --resume: the run keeps a snapshot)
  --out DIR              runs directory (required)
  --text-column C        column with the text (default "text")
  --label-column L       column with the true state (index or state label): enables accuracy and revealed preferences
  --agents N             agents per row (default: the profile's)
  --mode M               sensor | interacting (default: the profile's)
  --concurrency N        rows in flight at once (default 2)
  --agent-concurrency N  sensor mode: LLM calls in flight within a row (default 4)
  --resume               continue the latest unfinished run of this dataset in --out
  --run ID               with --resume: continue this run
  --json                 print the summary as JSON
${batchApiUsage}
${providerFlagsUsage}
  (with --provider simulated, --true-state label draws each row's observations from its own label)

Exit codes: 0 done, 2 bad input, 130 interrupted (resume with --resume).`;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'run a CSV/JSONL dataset through the chain; herding rate, accuracy, revealed preferences; resumable',
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
    if (positionals.length !== 1) throw new InputError('DATASET', positionals.length === 0 ? 'is required (a .csv or .jsonl file)' : `expected one dataset, got ${positionals.length}`);
    if (!values.out) throw new InputError('--out', 'is required (the runs directory)');
    if (values.run && !values.resume) throw new InputError('--run', 'only applies with --resume');
    const file = path.resolve(positionals[0]);
    const store = openRunStore(values.out);
    const previous = values.resume ? await findResumable(store, file, values.run) : null;
    const loaded = previous ? await resolveProfile(previous.profile, previous.profileSource, baseDirOf(previous.profileSource)) : await loadProfileFlag(values.profile, values.mode);
    const { profile } = loaded;
    const dataset = await loadDataset(file, {
      textColumn: values['text-column'] ?? previous?.dataset?.textColumn,
      labelColumn: values['label-column'] ?? previous?.dataset?.labelColumn ?? undefined,
      states: profile.states,
    });
    const agents = previous ? previous.header.agents : (intFlagOptional('--agents', values.agents, 1, 10000) ?? profile.agents.count);
    const concurrency = intFlagOptional('--concurrency', values.concurrency, 1, 256) ?? 2;
    const agentConcurrency = intFlagOptional('--agent-concurrency', values['agent-concurrency'], 1, 64) ?? 4;
    const { source, snapshot } = buildObservationSource(loaded, values, process.env, { agents, allowLabelState: true, log: (line) => io.stderr(`${line}\n`) });
    const batchApi = readBatchApiFlags({ ...values, 'batch-api': values['batch-api'] || previous?.provider.batchApi !== undefined }, profile, process.env);
    if (batchApi) snapshot.batchApi = batchApi.provider.kind;
    let runId: string;
    let completed = new Set<number>();
    if (previous) {
      runId = previous.header.runId;
      completed = (await store.prepareResume(runId)).completed;
      io.stderr(`resuming run ${runId}: ${completed.size} of ${dataset.rows.length} rows already done\n`);
    } else {
      const meta = await store.create({
        header: newRunHeader(profile, {
          kind: 'dataset',
          title: path.basename(file),
          agents,
          items: dataset.rows.length,
          simulated: source.simulated,
          providerSummary: source.description,
        }),
        profile,
        profileSource: loaded.source,
        provider: snapshot,
        dataset: { file, textColumn: dataset.textColumn, labelColumn: dataset.labelColumn, rows: dataset.rows.length, skippedEmpty: dataset.skippedEmpty },
      });
      runId = meta.header.runId;
      io.stderr(`run ${runId} in ${store.dir}: ${dataset.rows.length} rows${dataset.skippedEmpty ? ` (${dataset.skippedEmpty} empty rows skipped)` : ''}, ${agents} agents each, ${source.description}\n`);
    }
    const onProgress = (p: { done: number; total: number; item?: number }) => {
      if (p.item !== undefined) io.stderr(`[${p.done}/${p.total}] row ${p.item + 1} done\n`);
    };
    const result = batchApi
      ? await auditThroughBatchApi(batchApi, { store, runId, rows: dataset.rows, profile, model: loaded.model, agents, concurrency, completed, signal: io.signal, onProgress }, (line) => io.stderr(`${line}\n`))
      : await runBatch({
      store,
      runId,
      rows: dataset.rows,
      profile,
      model: loaded.model,
      source,
      agents,
      concurrency,
      agentConcurrency,
      completed,
      signal: io.signal,
      onProgress,
    });
    const meta = await store.readMeta(runId);
    if (values.json) io.stdout(`${JSON.stringify({ runId, runDir: store.runDir(runId), status: meta.status, dataset: meta.dataset, summary: result.summary, rp: result.rp })}\n`);
    else io.stdout(summaryText(meta, result.summary, result.rp, store.runDir(runId)));
    if (result.cancelled) {
      io.stderr(`interrupted: ${result.summary.items} of ${dataset.rows.length} rows finished; continue with: herdscope audit ${positionals[0]} --out ${values.out} --resume --run ${runId}\n`);
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
    if (listing.status === 'completed' || listing.header.kind !== 'dataset') continue;
    const meta = await store.readMeta(listing.header.runId);
    if (meta.dataset?.file === file) return meta;
  }
  throw new InputError('--resume', `no unfinished audit of ${path.basename(file)} in ${store.dir}`);
}

const baseDirOf = (source: string) => (source.startsWith('builtin:') ? process.cwd() : path.dirname(source));
