// E3 (spec §6, controllingherding.py): a threshold controller on hate speech — agents reveal their observation
// while π(0) < γ, otherwise act myopically; heat map of the mean of the last 20 actions over π0(0) × γ.
import type { DecisionModel } from '../src/core/model';
import { createRng } from '../src/core/random';
import { BeliefStepper, linspace01 } from '../src/core/simulate';
import { fmt, type Claim } from './claims';
import { MISTRAL_BINARY_COUNTS } from '../src/core/paper-data';
import { heatMap, panels } from './svg';

export interface E3Size {
  grid: number;
  runs: number;
  agents: number;
  lastActions: number;
  seed: number;
}

export const E3_FULL: E3Size = { grid: 20, runs: 10, agents: 100, lastActions: 20, seed: 0 };

/** The notebook's override B = [[0.3,0.7],[0.7,0.3]] (§7.5: used only to reproduce the figure) and u = [[0.5,0],[0,1]]. */
export const E3_MODEL: DecisionModel = {
  prior: [0.5, 0.5],
  likelihood: [
    [0.3, 0.7],
    [0.7, 0.3],
  ],
  utility: [
    [0.5, 0],
    [0, 1],
  ],
};

/** P(y2 = 1) for a random comment of 6-state class 1 (the notebook's "state = 1"): 33 of 40 (spec §2.4). */
export const E3_P_HARMFUL = MISTRAL_BINARY_COUNTS[1][1] / (MISTRAL_BINARY_COUNTS[1][0] + MISTRAL_BINARY_COUNTS[1][1]);

export interface E3Result {
  mode: 'code-parity' | 'filter';
  priorGrid: number[];
  thresholds: number[];
  /** flagged[t][g]: mean over runs of the mean of the last actions (1 = flagged hate) at threshold t, prior g. */
  flagged: number[][];
  /** Mean number of agents made to reveal per chain, [t][g]. */
  revealed: number[][];
}

export function runE3(size: E3Size, codeParity: boolean): E3Result {
  const priorGrid = linspace01(size.grid);
  const thresholds = linspace01(size.grid);
  const stepper = new BeliefStepper(E3_MODEL, codeParity);
  const flagged = thresholds.map(() => priorGrid.map(() => 0));
  const revealed = thresholds.map(() => priorGrid.map(() => 0));
  for (let run = 0; run < size.runs; run++) {
    const rng = createRng(0, size.seed, run);
    const obs = Array.from({ length: size.agents }, () => (rng.next() < E3_P_HARMFUL ? 1 : 0));
    thresholds.forEach((gamma, t) =>
      priorGrid.forEach((p, g) => {
        let node = stepper.node([p, 1 - p]);
        let sum = 0;
        let reveals = 0;
        obs.forEach((y, k) => {
          const reveal = stepper.beliefAt(node, 0) < gamma;
          const a = reveal ? y : stepper.action(node, y);
          if (reveal) reveals++;
          if (k >= size.agents - size.lastActions) sum += a;
          node = stepper.next(node, a);
        });
        flagged[t][g] += sum / size.lastActions / size.runs;
        revealed[t][g] += reveals / size.runs;
      }),
    );
  }
  return { mode: codeParity ? 'code-parity' : 'filter', priorGrid, thresholds, flagged, revealed };
}

/** For each prior column, the smallest γ at which at least half of the last actions flag hate (null: never). */
export function flagBoundary(r: E3Result): Array<number | null> {
  return r.priorGrid.map((_, g) => {
    const t = r.thresholds.findIndex((_, i) => r.flagged[i][g] >= 0.5);
    return t < 0 ? null : r.thresholds[t];
  });
}

export function e3Claims(results: E3Result[]): Claim[] {
  const claims: Claim[] = [];
  for (const r of results) {
    const label = r.mode === 'code-parity' ? 'as the authors computed it' : 'correct filter';
    const herdCells = r.priorGrid.map((p, g) => (p >= 0.6 ? r.flagged[0][g] : null)).filter((f): f is number => f !== null);
    const midCells = r.priorGrid.map((p, g) => (p >= 0.45 && p < 0.6 ? `${fmt(p, 2)}: ${fmt(r.flagged[0][g], 2)}` : null)).filter(Boolean);
    claims.push({
      experiment: 'E3',
      claim: `[${label}] without control (γ = 0) runs with π0(0) ≳ 0.5 herd on "not HSP" (≈ 0 flagged)`,
      holds: herdCells.every((f) => f <= 0.05),
      evidence: `γ = 0: flagged fraction ${fmt(Math.min(...herdCells), 2)}–${fmt(Math.max(...herdCells), 2)} over π0(0) ∈ [0.6, 1]; just below: ${midCells.join(', ')}`,
    });
    const top = r.flagged[r.thresholds.length - 1].slice(0, -1);
    claims.push({
      experiment: 'E3',
      claim: `[${label}] a high threshold γ moves runs out of the herding region (≈ 0.8–1.0 flagged)`,
      holds: top.every((f) => f >= 0.75),
      evidence: `γ = 1: flagged fraction ${fmt(Math.min(...top), 2)}–${fmt(Math.max(...top), 2)} for every π0(0) < 1 (P(y = harmful) = ${fmt(E3_P_HARMFUL, 3)}); at π0(0) = 1 the belief never drops below γ, so no agent reveals and the run herds (0 flagged)`,
    });
    const boundary = flagBoundary(r);
    const defined = boundary.map((b, g) => [r.priorGrid[g], b] as const).filter(([, b]) => b !== null) as Array<readonly [number, number]>;
    const rising = defined.every(([, b], i) => i === 0 || b >= defined[i - 1][1] - 1e-12);
    claims.push({
      experiment: 'E3',
      claim: `[${label}] the herding region lies below a rising diagonal boundary in (π0(0), γ)`,
      holds: defined.length >= 2 && rising && defined[defined.length - 1][1] > defined[0][1],
      evidence: `smallest γ with ≥ 50% flagged, by π0(0): ${defined
        .filter((_, i) => i % 3 === 0 || i === defined.length - 1)
        .map(([p, b]) => `${fmt(p, 2)}→${fmt(b, 2)}`)
        .join(', ')}${rising ? ' (non-decreasing)' : ' (not monotone)'}`,
    });
  }
  const parity = results.find((r) => r.mode === 'code-parity');
  const filter = results.find((r) => r.mode === 'filter');
  if (parity && filter) {
    const herdCells = (r: E3Result) => r.flagged.flat().filter((f) => f <= 0.05).length;
    const diffs = parity.flagged.flatMap((row, t) => row.map((f, g) => Math.abs(f - filter.flagged[t][g])));
    const reveals = (r: E3Result) => r.revealed.flat().reduce((a, b) => a + b, 0) / r.revealed.flat().length;
    claims.push({
      experiment: 'E3',
      claim: "how the authors' update bug changes E3 (finding, not a claim of the paper)",
      holds: null,
      evidence: `cells with ≤ 5% flagged: ${herdCells(parity)} (authors) vs ${herdCells(filter)} (correct filter) of ${diffs.length}; ${diffs.filter((d) => d > 0.1).length} cells differ by more than 0.1 (max ${fmt(Math.max(...diffs), 2)}); mean agents made to reveal per chain ${fmt(reveals(parity), 1)} vs ${fmt(reveals(filter), 1)}`,
    });
  }
  return claims;
}

export function e3Figures(results: E3Result[]): Record<string, string> {
  const maps = results.map((r) =>
    heatMap({
      title: r.mode === 'code-parity' ? 'Threshold policy, as the authors computed it' : 'Threshold policy, correct filter',
      xLabel: 'initial prior π0(0) (not HSP)',
      yLabel: 'threshold γ',
      xValues: r.priorGrid,
      yValues: r.thresholds,
      values: r.flagged,
      colorLabel: 'fraction flagged hate (last 20 agents)',
      range: [0, 1],
      width: 560,
    }),
  );
  return { 'e3-threshold-heatmap.svg': panels(maps, maps.length) };
}
