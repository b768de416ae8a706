// Bellman value iteration for the two-state stopping problem on a belief grid (spec §5.1, §7.11):
//   V_k(π) = min{ C_k(π,1), C_k(π,2) + ρ Σ_y σ(π,y) V_{k+1}(T(π,y)) },
// with C_k(π,1) = terminal'π + H_k(π), H_k the discounted classification cost of the herd (social-learning chain)
// from stage k on. A finite horizon is solved by backward induction (V_N = terminal'π, H_N = 0); an infinite horizon
// by successive approximation until the sup-norm change is below the tolerance.
import { InputError } from '../errors';
import { dims } from '../model';
import { buildBeliefGrid, gridValue, type GridPoint } from './belief-grid';
import { policyShape, type PolicyShape } from './policy-shape';
import { delayAt, type StoppingProblem } from './stopping-problem';
import type { GridPolicy } from './threshold-policy';

export interface ValueIterationOptions {
  /** Grid points on π(1) ∈ [0,1] (default 1001). */
  gridSize?: number;
  /** Infinite horizon: stop iterating when max |V_{n+1} − V_n| < tolerance (default 1e-9). */
  tolerance?: number;
  /** Infinite horizon: give up after this many sweeps (default 200000). */
  maxIterations?: number;
}

export interface StageThreshold {
  stage: number;
  isThreshold: boolean;
  orientation: PolicyShape['orientation'];
  threshold: number | null;
  constantAction: PolicyShape['constantAction'];
}

export interface ValueIterationResult {
  gridSize: number;
  /** p = π(1) at each grid point. */
  grid: number[];
  /** V_0 on the grid. */
  values: number[];
  /** C_0(π,1): stopping cost at stage 0 (terminal + herd continuation). */
  stopCost: number[];
  /** C_0(π,2) + ρ E V_1: the value of continuing at stage 0. */
  continueValue: number[];
  /** Stage-0 policy: true = stop. */
  stop: boolean[];
  shape: PolicyShape;
  /** Finite horizon: the shape of every stage's policy. Infinite horizon: one entry (the stationary policy). */
  stages: StageThreshold[];
  /** The whole policy, usable by evaluateStoppingPolicy. */
  policy: GridPolicy;
  horizon: number;
  /** Sweeps performed (finite horizon: N for V plus N for H). */
  iterations: number;
  /** Infinite horizon: last sup-norm change of V (0 for a finite horizon, solved exactly on the grid). */
  residual: number;
  tolerance: number;
  converged: boolean;
}

export function solveTwoStateStopping(problem: StoppingProblem, opts: ValueIterationOptions = {}): ValueIterationResult {
  if (dims(problem.model).X !== 2)
    throw new InputError(
      'model.prior',
      'value iteration on a belief grid needs exactly 2 states (use a linear threshold policy and Monte Carlo for more)',
    );
  const G = opts.gridSize ?? 1001;
  if (!Number.isInteger(G) || G < 3) throw new InputError('gridSize', `must be an integer ≥ 3, got ${G}`);
  const tolerance = opts.tolerance ?? 1e-9;
  if (!(tolerance > 0)) throw new InputError('tolerance', `must be > 0, got ${tolerance}`);
  const maxIterations = opts.maxIterations ?? 200000;
  const points = buildBeliefGrid(problem, G);
  return Number.isFinite(problem.horizon)
    ? backwardInduction(problem, points, tolerance)
    : successiveApproximation(problem, points, tolerance, maxIterations);
}

interface Sweep {
  values: Float64Array;
  stopCost: Float64Array;
  continueValue: Float64Array;
  stop: boolean[];
}

function herdSweep(points: GridPoint[], next: Float64Array, discount: number): Float64Array {
  const out = new Float64Array(points.length);
  points.forEach((pt, i) => {
    let future = 0;
    for (const b of pt.herd) future += b.probability * gridValue(next, b);
    out[i] = pt.classificationCost + discount * future;
  });
  return out;
}

function bellmanSweep(points: GridPoint[], next: Float64Array, herd: Float64Array, delay: number, discount: number): Sweep {
  const G = points.length;
  const values = new Float64Array(G);
  const stopCost = new Float64Array(G);
  const continueValue = new Float64Array(G);
  const stop: boolean[] = new Array(G);
  points.forEach((pt, i) => {
    let future = 0;
    for (const b of pt.reveal) future += b.probability * gridValue(next, b);
    stopCost[i] = pt.terminal + herd[i];
    continueValue[i] = delay * pt.delayBase + pt.classificationCost + discount * future;
    stop[i] = stopCost[i] <= continueValue[i];
    values[i] = stop[i] ? stopCost[i] : continueValue[i];
  });
  return { values, stopCost, continueValue, stop };
}

function backwardInduction(problem: StoppingProblem, points: GridPoint[], tolerance: number): ValueIterationResult {
  const N = problem.horizon;
  const G = points.length;
  let herd: Float64Array = new Float64Array(G);
  let value: Float64Array = Float64Array.from(points, (pt) => pt.terminal);
  const stopByStage: boolean[][] = new Array(N);
  let first: Sweep | null = null;
  for (let k = N - 1; k >= 0; k--) {
    herd = herdSweep(points, herd, problem.discount);
    const sweep = bellmanSweep(points, value, herd, delayAt(problem, k), problem.discount);
    stopByStage[k] = sweep.stop;
    value = sweep.values;
    if (k === 0) first = sweep;
  }
  const stages = stopByStage.map((stop, stage) => stageThreshold(stop, stage));
  return result(problem, points, first as Sweep, stages, { kind: 'grid', stopByStage }, 2 * N, 0, tolerance, true);
}

function successiveApproximation(
  problem: StoppingProblem,
  points: GridPoint[],
  tolerance: number,
  maxIterations: number,
): ValueIterationResult {
  const G = points.length;
  const delay = delayAt(problem, 0);
  let herd: Float64Array = new Float64Array(G);
  let iterations = 0;
  for (let change = Infinity; change >= tolerance && iterations < maxIterations; iterations++) {
    const next = herdSweep(points, herd, problem.discount);
    change = supDistance(next, herd);
    herd = next;
  }
  let value: Float64Array = Float64Array.from(points, (pt) => pt.terminal);
  let sweep = bellmanSweep(points, value, herd, delay, problem.discount);
  let residual = Infinity;
  for (; iterations < 2 * maxIterations; iterations++) {
    residual = supDistance(sweep.values, value);
    if (residual < tolerance) break;
    value = sweep.values;
    sweep = bellmanSweep(points, value, herd, delay, problem.discount);
  }
  const converged = residual < tolerance;
  return result(
    problem,
    points,
    sweep,
    [stageThreshold(sweep.stop, 0)],
    { kind: 'grid', stopByStage: [sweep.stop] },
    iterations,
    residual,
    tolerance,
    converged,
  );
}

function supDistance(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function stageThreshold(stop: boolean[], stage: number): StageThreshold {
  const s = policyShape(stop);
  return { stage, isThreshold: s.isThreshold, orientation: s.orientation, threshold: s.threshold, constantAction: s.constantAction };
}

function result(
  problem: StoppingProblem,
  points: GridPoint[],
  sweep: Sweep,
  stages: StageThreshold[],
  policy: GridPolicy,
  iterations: number,
  residual: number,
  tolerance: number,
  converged: boolean,
): ValueIterationResult {
  return {
    gridSize: points.length,
    grid: points.map((pt) => pt.p),
    values: Array.from(sweep.values),
    stopCost: Array.from(sweep.stopCost),
    continueValue: Array.from(sweep.continueValue),
    stop: sweep.stop,
    shape: policyShape(sweep.stop),
    stages,
    policy,
    horizon: problem.horizon,
    iterations,
    residual,
    tolerance,
    converged,
  };
}
