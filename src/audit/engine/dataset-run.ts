// A dataset audit as a run: scan the file (identity, checks), create the run, stream the rows through the batch
// runner, record counts, summary, revealed preferences and the final status; resume continues a stopped run.
import path from 'node:path';
import { InputError } from '../../core/errors';
import { runBatch, type BatchResult } from '../batch-runner';
import { datasetRows, rowHash, scanDataset, type DatasetScan } from '../dataset';
import { newRunHeader } from '../new-run-header';
import { resolveProfile, type LoadedProfile } from '../profile-loader';
import { emptyCounts, optimalActions } from '../run-counts';
import type { RunStore } from '../run-store';
import type { RunHeader, RunMeta } from '../run-types';
import type { BuiltSource, SourceSpec } from '../source-spec';
import { prepareSource } from './prepare-source';
import type { RunEvent } from './run-events';

export interface DatasetRunOptions {
  store: RunStore;
  loaded: LoadedProfile;
  source: SourceSpec | BuiltSource;
  /** LLM calls in flight at once across rows and agents. */
  concurrency?: number;
  /** Sensor mode: cap on one row's calls in flight. */
  agentConcurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

export interface DatasetRunInput extends DatasetRunOptions {
  file: string;
  textColumn?: string;
  labelColumn?: string | null;
  /** Default: the profile's. */
  agents?: number;
  /** Default: the file name; a function gets the scan (e.g. to name the row count). */
  title?: string | ((scan: DatasetScan) => string);
}

export interface StartedDatasetRun {
  runId: string;
  header: RunHeader;
  scan: DatasetScan;
  source: BuiltSource;
  /** Items already finished before a resume. */
  resumed: number;
  /** Settles when the run ends (completed or cancelled); rejects after recording 'failed'. */
  done: Promise<BatchResult>;
}

export async function startDatasetRun(input: DatasetRunInput): Promise<StartedDatasetRun> {
  const { store, loaded } = input;
  const profile = loaded.profile;
  const file = path.resolve(input.file);
  const scan = await scanDataset(file, {
    textColumn: input.textColumn,
    labelColumn: input.labelColumn ?? undefined,
    states: profile.states,
  });
  if (scan.rows === 0) throw new InputError('dataset', `${path.basename(file)} has no rows with text in column '${scan.textColumn}'`);
  const agents = input.agents ?? profile.agents.count;
  const built = prepareSource(input.source, loaded, agents, input.concurrency);
  const counts = emptyCounts({
    states: profile.states.length,
    actions: profile.actions.length,
    observations: loaded.model.likelihood[0].length,
    agents,
  });
  const meta = await store.create({
    header: newRunHeader(profile, {
      kind: 'dataset',
      title: typeof input.title === 'function' ? input.title(scan) : (input.title ?? path.basename(file)),
      agents,
      items: scan.rows,
      simulated: built.source.simulated,
      providerSummary: built.description,
    }),
    profile,
    profileSource: loaded.source,
    provider: built.snapshot,
    dataset: {
      file,
      textColumn: scan.textColumn,
      labelColumn: scan.labelColumn,
      rows: scan.rows,
      skippedEmpty: scan.skippedEmpty,
      sha256: scan.sha256,
    },
    counts,
  });
  return run(input, meta, scan, built, { completed: new Set(), counts });
}

/** A stopped dataset run and its own profile, ready to resume (consent and source are the front end's business). */
export async function openResumableRun(store: RunStore, runId: string): Promise<{ meta: RunMeta; loaded: LoadedProfile }> {
  const meta = await store.readMeta(runId);
  if (meta.header.kind !== 'dataset' || !meta.dataset)
    throw new InputError('--run', `run ${runId} is not a dataset audit; only dataset audits can be resumed`);
  if (meta.status === 'running') throw new InputError('--run', `run ${runId} is still running (another process holds it)`);
  const loaded = await resolveProfile(
    meta.profile,
    meta.profileSource,
    meta.profileSource.startsWith('builtin:') ? process.cwd() : path.dirname(meta.profileSource),
  );
  return { meta, loaded };
}

/** Continues a stopped run: refuses a dataset file that changed, rebuilds the counts in one pass, runs the rest. */
export async function resumeDatasetRun(input: DatasetRunOptions & { meta: RunMeta }): Promise<StartedDatasetRun> {
  const { store, loaded, meta } = input;
  const runId = meta.header.runId;
  const dataset = meta.dataset;
  if (!dataset) throw new InputError('--run', `run ${runId} is not a dataset audit`);
  const profile = loaded.profile;
  // What the run finished is held only while the file is checked against it.
  const scan = await scanDataset(
    dataset.file,
    { textColumn: dataset.textColumn, labelColumn: dataset.labelColumn ?? undefined, states: profile.states },
    { sha256: dataset.sha256, rows: dataset.rows, finished: await store.finishedItems(runId) },
  );
  const agents = meta.header.agents;
  const built = prepareSource(input.source, loaded, agents, input.concurrency);
  const state = await store.prepareResume(runId, {
    dims: { states: profile.states.length, actions: profile.actions.length, observations: loaded.model.likelihood[0].length, agents },
    optimal: optimalActions(loaded.model),
  });
  return run({ ...input, file: dataset.file, agents }, state.meta, scan, built, { completed: state.completed, counts: state.counts });
}

function run(
  input: DatasetRunInput,
  meta: RunMeta,
  scan: DatasetScan,
  built: BuiltSource,
  prior: { completed: ReadonlySet<number>; counts: ReturnType<typeof emptyCounts> | null },
): StartedDatasetRun {
  const { store, loaded } = input;
  const runId = meta.header.runId;
  const emit = (event: RunEvent) => input.onEvent?.(event);
  emit({ type: 'created', runId, header: meta.header });
  const done = (async () => {
    try {
      const result = await runBatch({
        store,
        runId,
        rows: datasetRows(scan.file, {
          textColumn: scan.textColumn,
          labelColumn: scan.labelColumn ?? undefined,
          states: loaded.profile.states,
        }),
        total: scan.rows,
        profile: loaded.profile,
        model: loaded.model,
        source: built.source,
        agents: meta.header.agents,
        concurrency: input.concurrency,
        agentConcurrency: input.agentConcurrency,
        completed: prior.completed,
        counts: prior.counts,
        rowHash: (row) => rowHash(row.text),
        signal: input.signal,
        onProgress: (progress) => emit({ type: 'progress', runId, progress }),
        onStep: (step) => emit({ type: 'step', runId, step }),
        onItem: (summary) => emit({ type: 'item', runId, summary }),
      });
      const after = await store.readMeta(runId);
      emit({ type: 'status', runId, status: result.cancelled ? 'cancelled' : 'completed', message: after.statusMessage });
      return result;
    } catch (error) {
      emit({ type: 'status', runId, status: 'failed', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  })();
  return { runId, header: meta.header, scan, source: built, resumed: prior.completed.size, done };
}
