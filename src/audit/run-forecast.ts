// The herding-risk forecast of a run's own model (its profile snapshot's prior, B and utility; the true state fixed
// along the chain; the run's number of agents), cached in <run>/forecast.json under a hash of that model and the
// options, so the panel, the HTML report and `herdscope overview` show the same numbers and compute them once.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ForecastResult } from '../core/forecast';
import type { DecisionModel } from '../core/model';
import { isIdentity } from '../core/simulate/observation-draws';
import type { ForecastMethod, RunForecast } from '../shared/run-forecast';
import { computeInProcess, type ForecastCompute, type RunForecastOptions } from './forecast-compute';
import { compareWithForecast } from './forecast-comparison';
import type { RunCounts } from './run-counts';
import { loadRunContext, type RunContext } from './run-files';
import type { RunMeta } from './run-types';

export const FORECAST_FILE = 'forecast.json';
const FORMAT = 'herdscope-run-forecast/1';

/**
 * Bounded cost: exact while at most 200,000 distinct public beliefs are reachable, else 20,000 seeded Monte Carlo chains
 * per true state (reproducible: the same model gives the same numbers everywhere).
 */
export const RUN_FORECAST_OPTIONS: Omit<RunForecastOptions, 'agents'> = {
  maxBeliefs: 200_000,
  chains: 20_000,
  seed: 0,
  regionSamples: 20_000,
};

/** Monte Carlo agent steps per true state at most: beyond 1,000 agents a run gets fewer chains (at least 1,000). */
export const MC_STEP_BUDGET = 20_000_000;

export interface RunForecastModel {
  model: DecisionModel;
  options: RunForecastOptions;
  /** sha256 of the model, the number of agents and the options: the cache key. */
  key: string;
}

/** The forecast's model for a run: its profile snapshot's model (transition: the identity) and its number of agents. */
export function runForecastModel(
  ctx: Pick<RunContext, 'meta' | 'model'>,
  base: Omit<RunForecastOptions, 'agents'> = RUN_FORECAST_OPTIONS,
): RunForecastModel {
  const { prior, likelihood, utility, transition } = ctx.model;
  if (transition && !isIdentity(transition))
    throw new Error("the profile's transition is not the identity, and the forecast assumes the true state is fixed along the chain");
  const model: DecisionModel = { prior, likelihood, utility };
  const agents = ctx.meta.header.agents;
  const chains = Math.min(base.chains, Math.max(1000, Math.floor(MC_STEP_BUDGET / Math.max(1, agents))));
  const options = { ...base, agents, chains };
  return { model, options, key: forecastKey(model, options) };
}

export function forecastKey(model: DecisionModel, options: RunForecastOptions): string {
  const material = {
    format: FORMAT,
    prior: model.prior,
    likelihood: model.likelihood,
    utility: model.utility,
    transition: 'identity',
    agents: options.agents,
    maxBeliefs: options.maxBeliefs,
    chains: options.chains,
    seed: options.seed,
    regionSamples: options.regionSamples,
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

interface CacheFile {
  format: typeof FORMAT;
  key: string;
  forecast: ForecastResult;
}

/** The cached forecast when <run>/forecast.json holds one for this key (a missing, torn or stale file: null). */
export async function readCachedForecast(runDir: string, key: string): Promise<ForecastResult | null> {
  try {
    const file = JSON.parse(await readFile(path.join(runDir, FORECAST_FILE), 'utf8')) as Partial<CacheFile>;
    const f = file.forecast;
    if (file.format !== FORMAT || file.key !== key || !f || !Array.isArray(f.states) || typeof f.agents !== 'number') return null;
    return f;
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a reader never sees half a file. */
export async function writeCachedForecast(runDir: string, key: string, forecast: ForecastResult): Promise<void> {
  const file = path.join(runDir, FORECAST_FILE);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const content: CacheFile = { format: FORMAT, key, forecast };
  try {
    await writeFile(tmp, `${JSON.stringify(content)}\n`, 'utf8');
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** The run's forecast from the cache, else computed (and cached; a cache that cannot be written is only a lost shortcut). */
export async function cachedRunForecast(
  runDir: string,
  ctx: Pick<RunContext, 'meta' | 'model'>,
  compute: ForecastCompute = computeInProcess,
): Promise<{ forecast: ForecastResult; computed: boolean }> {
  const { model, options, key } = runForecastModel(ctx);
  const cached = await readCachedForecast(runDir, key);
  if (cached) return { forecast: cached, computed: false };
  const forecast = await compute(model, options);
  await writeCachedForecast(runDir, key, forecast).catch(() => undefined);
  return { forecast, computed: true };
}

/** Why a run has nothing to compare with a forecast (null: it has labelled rows). */
export function noComparisonReason(meta: RunMeta, counts: RunCounts): string | null {
  if (meta.header.kind !== 'dataset') return 'not a dataset run';
  if (meta.dataset && meta.dataset.labelColumn === null)
    return 'the dataset has no label column: the forecast is per true state, so only labelled rows can be compared with it';
  if (counts.labelled === 0) return 'no labelled rows yet: the forecast is per true state, so only labelled rows can be compared with it';
  return null;
}

/** The forecast beside the counts, ready to show. */
export function readyForecast(forecast: ForecastResult, counts: RunCounts): RunForecast {
  const method: ForecastMethod = {
    exact: forecast.exact,
    distinctBeliefs: forecast.distinctBeliefs,
    maxBeliefs: forecast.maxBeliefs,
    chains: forecast.chains ?? null,
    seed: forecast.seed ?? null,
  };
  return { status: 'ready', method, comparison: compareWithForecast(counts, forecast) };
}

const reasonOf = (err: unknown) => `the forecast cannot be built: ${err instanceof Error ? err.message : String(err)}`;

/** A run directory's forecast beside its counts, computed here if not cached (CLI and reports). Never throws. */
export async function runForecast(
  runDir: string,
  counts: RunCounts,
  ctx?: RunContext,
  compute: ForecastCompute = computeInProcess,
): Promise<RunForecast> {
  try {
    const context = ctx ?? (await loadRunContext(runDir));
    const none = noComparisonReason(context.meta, counts);
    if (none) return { status: 'unavailable', reason: none };
    const { forecast } = await cachedRunForecast(context.runDir, context, compute);
    return readyForecast(forecast, counts);
  } catch (err) {
    return { status: 'unavailable', reason: reasonOf(err) };
  }
}

type Outcome = { forecast: ForecastResult } | { reason: string };

/**
 * The extension host's forecasts: each run's forecast is looked up or computed once (by `compute`, a worker thread
 * there), while the overview is shown at once with "pending". Later counts reuse the settled forecast.
 */
export class RunForecasts {
  private readonly settled = new Map<string, Outcome>();
  private readonly inflight = new Map<string, Promise<Outcome>>();

  constructor(private readonly compute: ForecastCompute) {}

  /** What to show now for these counts and, while the forecast is computed, the promise of the final answer. */
  forRun(runDir: string, meta: RunMeta, counts: RunCounts): { now: RunForecast; later: Promise<RunForecast> | null } {
    const none = noComparisonReason(meta, counts);
    if (none) return { now: { status: 'unavailable', reason: none }, later: null };
    // A resumed run keeps its profile; createdAt and agents tell runs in the same folder apart.
    const id = `${runDir}|${meta.createdAt}|${meta.header.agents}`;
    const done = this.settled.get(id);
    if (done) return { now: view(done, counts), later: null };
    let pending = this.inflight.get(id);
    if (!pending) {
      pending = this.outcome(runDir).then((outcome) => {
        this.settled.set(id, outcome);
        this.inflight.delete(id);
        return outcome;
      });
      this.inflight.set(id, pending);
    }
    return { now: { status: 'pending' }, later: pending.then((outcome) => view(outcome, counts)) };
  }

  private async outcome(runDir: string): Promise<Outcome> {
    try {
      const ctx = await loadRunContext(runDir);
      return { forecast: (await cachedRunForecast(ctx.runDir, ctx, this.compute)).forecast };
    } catch (err) {
      return { reason: reasonOf(err) };
    }
  }
}

function view(outcome: Outcome, counts: RunCounts): RunForecast {
  if ('reason' in outcome) return { status: 'unavailable', reason: outcome.reason };
  try {
    return readyForecast(outcome.forecast, counts);
  } catch (err) {
    return { status: 'unavailable', reason: reasonOf(err) };
  }
}
