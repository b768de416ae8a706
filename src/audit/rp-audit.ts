// Revealed-preference (NIAS/NIAC, spec §3) verdicts for audits: the profile's LLM sensor, and each agent of a labelled run.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { maxMarginUtility, type ChoiceEnvironment, type MaxMarginResult } from '../core/revealed-preference';
import type { RunRp } from './run-types';
import type { RpVerdict, StepRecord } from '../shared/step-record';

/** Agents-as-environments LPs grow as M²·A; above this many agents only per-agent verdicts are computed. */
export const MAX_JOINT_AGENTS = 20;

/**
 * The LLM sensor itself as a decision maker (spec §2.4/§6 E1): its outputs y are the "actions", p(y|x) = the profile's
 * counts row-normalised (no smoothing), one environment with a uniform prior. Null when a state has no counts.
 */
export async function sensorCountsVerdict(counts: number[][]): Promise<RunRp | null> {
  if (counts.some((row) => row.reduce((a, b) => a + b, 0) === 0) || counts[0].length < 2) return null;
  const X = counts.length;
  const env: ChoiceEnvironment = { prior: counts.map(() => 1 / X), actionGivenState: rowFrequencies(counts) };
  const total = counts.flat().reduce((a, b) => a + b, 0);
  const result = await solve([env]);
  return {
    verdict: toVerdict(result, `profile sensor counts (${total} labelled texts, ${X} states × ${counts[0].length} observations)`),
    utilities: result.utilities,
    costs: result.costs,
  };
}

/**
 * A labelled dataset run: agent k's choice data are counts label × public action over the rows where it acted;
 * the prior is the label frequency. Each agent is tested alone (NIAS only), and, up to MAX_JOINT_AGENTS agents, all
 * agents together with each position as an environment (NIAS and NIAC). Null without labels.
 */
export async function agentsVerdict(
  steps: readonly StepRecord[],
  labels: ReadonlyMap<number, number>,
  X: number,
  A: number,
): Promise<RunRp | null> {
  const agents = steps.reduce((max, s) => Math.max(max, s.index), 0);
  const byAgent = Array.from({ length: agents }, () => Array.from({ length: X }, () => new Array<number>(A).fill(0)));
  for (const s of steps) {
    const label = labels.get(s.item);
    if (s.index < 1 || s.action === null || label === undefined) continue;
    byAgent[s.index - 1][label][s.action] += 1;
  }
  return agentsVerdictFromCounts(byAgent);
}

/** The same verdicts from the run's counts: labelActionByAgent[k−1][label][action] (run-counts.ts). */
export async function agentsVerdictFromCounts(labelActionByAgent: readonly (readonly (readonly number[])[])[]): Promise<RunRp | null> {
  const envs: Array<{ agent: number; env: ChoiceEnvironment; rows: number }> = [];
  labelActionByAgent.forEach((counts, k) => {
    const rows = counts.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
    if (rows > 0) envs.push({ agent: k + 1, env: environmentFromCounts(counts.map((row) => [...row])), rows });
  });
  if (envs.length === 0) return null;
  const perAgent = [];
  for (const { agent, env, rows } of envs) {
    const result = await solve([env]);
    perAgent.push({ agent, verdict: toVerdict(result, `agent ${agent} over ${rows} labelled rows`), utilities: result.utilities });
  }
  if (envs.length >= 2 && envs.length <= MAX_JOINT_AGENTS && samePrior(envs.map((e) => e.env))) {
    const joint = await solve(envs.map((e) => e.env));
    return {
      verdict: toVerdict(joint, `${envs.length} agents as environments over ${envs[0].rows} labelled rows`),
      utilities: joint.utilities,
      costs: joint.costs,
      perAgent,
    };
  }
  const weakest = perAgent.reduce((a, b) => (b.verdict.niasMargin < a.verdict.niasMargin ? b : a));
  return {
    verdict: { ...weakest.verdict, basis: `weakest agent: ${weakest.verdict.basis}` },
    utilities: weakest.utilities,
    costs: [0],
    perAgent,
  };
}

/** p(a|x) from counts, prior = row totals; a state without rows gets prior 0 and a uniform (irrelevant) row. */
function environmentFromCounts(counts: number[][]): ChoiceEnvironment {
  const totals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const n = totals.reduce((a, b) => a + b, 0);
  return { prior: totals.map((t) => t / n), actionGivenState: rowFrequencies(counts) };
}

function rowFrequencies(counts: number[][]): number[][] {
  return counts.map((row) => {
    const t = row.reduce((a, b) => a + b, 0);
    return t > 0 ? row.map((c) => c / t) : row.map(() => 1 / row.length);
  });
}

function samePrior(envs: ChoiceEnvironment[]): boolean {
  return envs.every((e) => e.prior.every((p, i) => Math.abs(p - envs[0].prior[i]) < 1e-12));
}

function toVerdict(result: MaxMarginResult, basis: string): RpVerdict {
  return { passes: result.passes, niasMargin: result.niasMargin, niacMargin: result.niacMargin, basis };
}

/** In the bundles (dist/cli.js, dist/extension.js) highs.wasm sits beside the script; from out/ the package finds its own. */
function solve(environments: ChoiceEnvironment[]): Promise<MaxMarginResult> {
  const bundled = path.join(__dirname, 'highs.wasm');
  const locateFile = existsSync(bundled) ? (file: string) => path.join(__dirname, file) : undefined;
  return maxMarginUtility(
    { environments, states: environments[0].prior.length, actions: environments[0].actionGivenState[0].length },
    { locateFile },
  );
}

/** One environment of choice data given as counts label × action. */
export interface CountEnvironment {
  name: string;
  counts: number[][];
}

/**
 * NIAS/NIAC with one environment per group of decisions (spec §3), each from its label × action counts: p_m(a|x) the
 * row frequencies, π_m the label frequencies of that group (priors may differ between groups; (3.2) uses π_m).
 */
export async function environmentsVerdict(
  groups: readonly CountEnvironment[],
  basis: string,
): Promise<{ verdict: RpVerdict; result: MaxMarginResult }> {
  const result = await solve(groups.map((g) => environmentFromCounts(g.counts)));
  return { verdict: toVerdict(result, basis), result };
}
