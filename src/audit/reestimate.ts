// Re-estimate (issue 10 §2): a new profile whose B is estimated from the run's labelled observations (additive
// smoothing, spec §2.4/§7), and an offline replay of the Bayesian recursion on the recorded answers under it —
// what would have happened with that B, without a single new call.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { InputError } from '../core/errors';
import { estimateLikelihood } from '../core/likelihood';
import type { DecisionModel } from '../core/model';
import { ChainState } from './chain-state';
import { summarizeItem } from './chain-runner';
import type { AgentAnswer } from './observation-source';
import { parseProfile, profileModel, type Profile } from './profile';
import { addItem, emptyCounts, optimalActions, type RunCounts } from './run-counts';
import { countDims, forEachFinishedItem, loadRunContext, runCounts, type RunContext } from './run-files';
import type { StepRecord } from '../shared/step-record';

export interface ReestimatedProfile {
  /** The profile as written (valid against the profile schema). */
  profile: Profile;
  likelihood: number[][];
  /** States without a labelled observation in the run: their row of B is kept from the old profile. */
  keptStates: number[];
}

/**
 * The run's profile with B replaced by the smoothed frequencies of its observations per label:
 * `likelihood.estimateFrom.counts` when every state was observed, else a matrix keeping the old rows of unobserved states.
 */
export function reestimatedProfile(
  ctx: Pick<RunContext, 'profile' | 'model' | 'meta'>,
  observationsByLabel: number[][],
  smoothing = 1,
): ReestimatedProfile {
  const keptStates = observationsByLabel.map((row, x) => (row.some((c) => c > 0) ? -1 : x)).filter((x) => x >= 0);
  if (keptStates.length === observationsByLabel.length)
    throw new InputError('RUN_DIR', 'the run has no labelled observations: B cannot be re-estimated without labels');
  const rest: Partial<Profile> = { ...ctx.profile };
  delete rest.$schema; // a relative schema path would not resolve from the new file; *.herdscope.json is validated by name
  const runId = ctx.meta.header.runId;
  const estimated = observationsByLabel.map((row, x) =>
    keptStates.includes(x) ? [...ctx.model.likelihood[x]] : estimateLikelihood([row], { smoothing })[0],
  );
  const likelihood =
    keptStates.length === 0 ? { estimateFrom: { counts: observationsByLabel.map((r) => [...r]) }, smoothing } : { matrix: estimated };
  const kept =
    keptStates.length === 0
      ? ''
      : ` States without observations in the run keep the old profile's rows: ${keptStates.map((x) => ctx.profile.states[x]).join(', ')}.`;
  const raw = {
    ...rest,
    name: `${ctx.profile.name} (B from run ${runId})`,
    description: `${ctx.profile.name} with the sensor model B re-estimated from the labelled observations of run ${runId} (+${smoothing} smoothing).${kept}`,
    likelihood,
  };
  const profile = parseProfile(raw, 'reestimated profile');
  return { profile, likelihood: profileModel(profile).likelihood, keptStates };
}

/** Replays the recorded answers of a run through the Bayesian recursion under `model`; returns the counts it would have had. */
export async function replayRun(ctx: RunContext, model: DecisionModel): Promise<RunCounts> {
  const counts = emptyCounts({ ...countDims(ctx), observations: model.likelihood[0].length });
  const optimal = optimalActions(model);
  const mode = ctx.meta.header.mode;
  await forEachFinishedItem(ctx.runDir, ctx.meta.header.agents, (item, recorded) => {
    const state = new ChainState(model);
    const steps = recorded.map((old) =>
      state.next({ runId: old.runId, item: item.item, agent: old.index, mode, model }, recordedAnswer(old)),
    );
    const summary = summarizeItem({ text: '', label: item.label, model }, item.item, steps, state);
    addItem(counts, summary, steps, optimal);
  });
  return counts;
}

/** The answer a step was built from. A step with an observation and an error lacked the LLM's own action (interacting mode). */
function recordedAnswer(step: StepRecord): AgentAnswer {
  const observed = step.observation !== null && step.observation !== undefined;
  return {
    provider: step.provider,
    model: step.model,
    promptHash: step.promptHash,
    rawResponse: step.rawResponse,
    attributes: observed ? step.observation!.attributes : null,
    observation: observed ? step.observation!.index : null,
    llmAction: step.error && observed ? null : (step.llmAction ?? undefined),
    tokens: step.tokens,
    latencyMs: step.latencyMs,
    costUsd: step.costUsd,
    cached: step.cached === true,
    simulated: step.simulated === true,
    ...(step.notes ? { notes: step.notes.filter((n) => !n.startsWith('action has probability 0')) } : {}),
    ...(step.error && !observed ? { error: step.error } : {}),
  };
}

export interface ReestimateResult {
  file: string;
  profile: Profile;
  likelihood: number[][];
  keptStates: number[];
  before: RunCounts;
  after: RunCounts;
}

/** Writes the re-estimated profile to `outFile` (*.herdscope.json, never overwriting) and replays the run under it. */
export async function reestimateRun(runDir: string, outFile: string, smoothing = 1): Promise<ReestimateResult> {
  if (!outFile.endsWith('.herdscope.json'))
    throw new InputError('--reestimate', `must name a *.herdscope.json file (a workspace profile), got ${outFile}`);
  if (existsSync(outFile)) throw new InputError('--reestimate', `${outFile} already exists; choose a new file name`);
  const ctx = await loadRunContext(runDir);
  const before = await runCounts(ctx.runDir, ctx);
  const re = reestimatedProfile(ctx, before.observationsByLabel, smoothing);
  const model = profileModel(re.profile);
  const after = await replayRun(ctx, model);
  await writeFile(outFile, `${JSON.stringify(re.profile, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' }).catch(
    (err: NodeJS.ErrnoException) => {
      throw new InputError('--reestimate', `cannot write ${outFile} (${err.code ?? err.message})`);
    },
  );
  return { file: outFile, profile: re.profile, likelihood: re.likelihood, keptStates: re.keptStates, before, after };
}
