// The dataset overview (DatasetOverview) from a run's counts: rates with Wilson 95% intervals over their own
// denominators, and revealed preferences with agent positions (or prior bins, or labels) as environments.
import { wilsonInterval } from '../core/statistics';
import type { DatasetOverview, EnvironmentRp, Rate, RpGrouping } from '../shared/dataset-overview';
import { environmentsVerdict, MAX_JOINT_AGENTS, type CountEnvironment } from './rp-audit';
import { labelActionTotals, PRIOR_BINS, type RunCounts } from './run-counts';

export type { RpGrouping };

export function rateOf(k: number, n: number): Rate {
  const ci = wilsonInterval(k, n);
  return { k, n, rate: n > 0 ? k / n : null, low: ci?.low ?? null, high: ci?.high ?? null };
}

/** Every number of the overview except revealed preferences (pass them from environmentRp, which needs the LP solver). */
export function overviewFromCounts(counts: RunCounts, rp: EnvironmentRp | null = null): DatasetOverview {
  const herdedAt = counts.herdingSteps.reduce((sum, n, k) => sum + n * (k + 1), 0);
  const herdedInRange = counts.herdingSteps.reduce((a, b) => a + b, 0);
  return {
    items: counts.items,
    labelled: counts.labelled,
    agents: counts.agents,
    herding: rateOf(counts.herded, counts.items),
    herdingStepHistogram: [...counts.herdingSteps],
    meanHerdingStep: herdedInRange > 0 ? herdedAt / herdedInRange : null,
    wrongHerd: rateOf(counts.wrongHerds, counts.labelled),
    accuracyFinal: rateOf(counts.finalCorrect, counts.labelled),
    accuracyByAgent: counts.agentDecisions.map((n, k) => rateOf(counts.agentCorrect[k], n)),
    accuracyBeforeHerding: rateOf(counts.beforeHerding.correct, counts.beforeHerding.n),
    accuracyAfterHerding: rateOf(counts.afterHerding.correct, counts.afterHerding.n),
    confusion: counts.confusion.map((row) => [...row]),
    errors: { steps: counts.errorSteps, byKind: { ...counts.errorsByKind } },
    tokens: { prompt: counts.promptTokens, completion: counts.completionTokens },
    costUsd: counts.costUsd,
    rp,
  };
}

/** The overview with revealed preferences across environments (agent positions by default); state names name label environments. */
export async function datasetOverview(
  counts: RunCounts,
  grouping: RpGrouping = 'agent',
  states: readonly string[] = [],
): Promise<DatasetOverview> {
  return overviewFromCounts(counts, await environmentRp(counts, grouping, states));
}

/**
 * The environments of a grouping: agent positions (merged into at most MAX_JOINT_AGENTS runs of consecutive positions,
 * since the NIAC rows grow as M²·A²), the PRIOR_BINS bins of π_{k−1}(0), or the labels (environment x holds every
 * decision on a row labelled x, so its prior is the point mass on x; more labels than MAX_JOINT_AGENTS are merged into
 * runs of consecutive labels). Groups without labelled decisions are left out.
 */
export function rpEnvironments(
  counts: RunCounts,
  grouping: RpGrouping,
  states: readonly string[] = [],
): { groups: CountEnvironment[]; note?: string } {
  const sum = (tables: number[][][]) => tables.reduce((acc, t) => acc.map((row, x) => row.map((c, a) => c + t[x][a])));
  const decisions = (t: number[][]) => t.flat().reduce((a, b) => a + b, 0);
  if (grouping === 'label') {
    const totals = labelActionTotals(counts);
    const stateName = (x: number) => states[x] ?? `state ${x}`;
    const active = totals
      .map((row, x) => ({ x, counts: totals.map((r, x2) => (x2 === x ? [...row] : r.map(() => 0))) }))
      .filter((g) => decisions(g.counts) > 0);
    if (active.length <= MAX_JOINT_AGENTS) return { groups: active.map((g) => ({ name: `label ${stateName(g.x)}`, counts: g.counts })) };
    const size = Math.ceil(active.length / MAX_JOINT_AGENTS);
    const groups: CountEnvironment[] = [];
    for (let i = 0; i < active.length; i += size) {
      const part = active.slice(i, i + size);
      const names = part.length === 1 ? stateName(part[0].x) : `${stateName(part[0].x)} … ${stateName(part[part.length - 1].x)}`;
      groups.push({ name: `label${part.length === 1 ? '' : 's'} ${names}`, counts: sum(part.map((p) => p.counts)) });
    }
    return {
      groups,
      note: `${active.length} labels merged into ${groups.length} environments of up to ${size} consecutive labels: the NIAC program grows as M²·A², so at most ${MAX_JOINT_AGENTS} environments are solved jointly`,
    };
  }
  if (grouping === 'prior-bin') {
    const groups = counts.labelActionByPriorBin
      .map((t, b) => ({
        name: `π(0) in [${(b / PRIOR_BINS).toFixed(2)}, ${((b + 1) / PRIOR_BINS).toFixed(2)}${b === PRIOR_BINS - 1 ? ']' : ')'}`,
        counts: t,
      }))
      .filter((g) => decisions(g.counts) > 0);
    return { groups };
  }
  const active = counts.labelActionByAgent.map((t, k) => ({ agent: k + 1, counts: t })).filter((g) => decisions(g.counts) > 0);
  if (active.length <= MAX_JOINT_AGENTS) return { groups: active.map((g) => ({ name: `agent ${g.agent}`, counts: g.counts })) };
  const size = Math.ceil(active.length / MAX_JOINT_AGENTS);
  const groups: CountEnvironment[] = [];
  for (let i = 0; i < active.length; i += size) {
    const part = active.slice(i, i + size);
    const first = part[0].agent;
    const last = part[part.length - 1].agent;
    groups.push({ name: first === last ? `agent ${first}` : `agents ${first}–${last}`, counts: sum(part.map((p) => p.counts)) });
  }
  return {
    groups,
    note: `${active.length} agent positions merged into ${groups.length} environments of up to ${size} consecutive positions: the NIAC program grows as M²·A², so at most ${MAX_JOINT_AGENTS} environments are solved jointly`,
  };
}

/** Revealed preferences (spec §3) across environments from the counts; never throws (an LP failure becomes `reason`). */
export async function environmentRp(
  counts: RunCounts,
  grouping: RpGrouping = 'agent',
  states: readonly string[] = [],
): Promise<EnvironmentRp> {
  const { groups, note } = rpEnvironments(counts, grouping, states);
  const base = { grouping, ...(note ? { note } : {}) };
  const empty = groups.map((g) => ({
    name: g.name,
    decisions: g.counts.flat().reduce((a, b) => a + b, 0),
    utility: null,
    niasSlack: null,
    cost: null,
  }));
  if (counts.actions < 2)
    return { ...base, verdict: null, environments: empty, reason: 'fewer than two actions: nothing to choose between' };
  if (groups.length === 0)
    return {
      ...base,
      verdict: null,
      environments: empty,
      reason: counts.labelled === 0 ? 'no labels: revealed preferences need the true state of each row' : 'no labelled decisions',
    };
  const what = { agent: 'agent positions', 'prior-bin': 'prior bins π(0)', label: 'labels' }[grouping];
  const basis = `${groups.length} ${what} as environments over ${counts.labelled} labelled rows`;
  try {
    const { verdict, result } = await environmentsVerdict(groups, basis);
    return {
      ...base,
      verdict,
      environments: empty.map((env, m) => ({
        ...env,
        utility: result.utilities[m],
        niasSlack: result.niasSlack[m] ?? null,
        cost: result.costs[m] ?? null,
      })),
    };
  } catch (error) {
    return {
      ...base,
      verdict: null,
      environments: empty,
      reason: `the LP solver failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
