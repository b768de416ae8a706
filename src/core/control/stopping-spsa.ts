// SPSA over the stopping threshold (spec §5.3): θ ↦ threshold sin²θ (two states) or the linear MLR policy (X > 2),
// cost by seeded Monte Carlo on the textbook problem, or on the notebook loop (objective 'code-parity').
import { InputError } from '../errors';
import { dims } from '../model';
import { evaluateNotebookStopping, type NotebookStoppingSetup } from './code-parity-stopping';
import { evaluateStoppingPolicy, type PolicyEvaluation } from './monte-carlo';
import { spsa, type SpsaGains, type SpsaOptions } from './spsa';
import { delayAt, type StoppingProblem } from './stopping-problem';
import { hyperplanePolicy, thresholdPolicy, type LinearPolicy, type Orientation } from './threshold-policy';

export type StoppingSpsaPresetName = 'canonical' | 'code-central';

export interface StoppingSpsaSettings {
  theta0: number[];
  iterations: number;
  gains: SpsaGains;
  perturbation: SpsaOptions['perturbation'];
  commonRandomNumbers: boolean;
  clip?: [number, number];
  /** Monte Carlo trajectories per cost evaluation (each of the problem's horizon). */
  runsPerEvaluation: number;
}

/**
 * 'canonical': Rademacher Δ, Spall gains (α = 0.602, γ = 0.101, c = 0.1, S = 10% of the iterations, a calibrated so
 * the first step moves θ by 0.1), common random numbers, θ_0 = π/4 (threshold 0.5), 200 iterations × 100 runs.
 * 'code-central' (optimalstopping.ipynb): θ_0 = π/4, Δ ≡ +1, δ_n = 0.99^(n−1), ε linear 0.05 → 5e−5, θ clipped to
 * [−2π, 2π], 10 runs per evaluation, no common random numbers, 999 updates (the notebook's n_iter = 1000 counts θ_0).
 */
export function stoppingSpsaPreset(name: StoppingSpsaPresetName, thetaDimension = 1): StoppingSpsaSettings {
  const theta0 = Array.from({ length: thetaDimension }, (_, i) => (i === thetaDimension - 1 ? Math.PI / 4 : 0));
  if (name === 'code-central') {
    return {
      theta0,
      iterations: 999,
      gains: { kind: 'linear', epsilonStart: 0.05, epsilonEnd: 5e-5, deltaStart: 1, deltaDecay: 0.99 },
      perturbation: 'plus-one',
      commonRandomNumbers: false,
      clip: [-2 * Math.PI, 2 * Math.PI],
      runsPerEvaluation: 10,
    };
  }
  if (name !== 'canonical') throw new InputError('preset', `must be canonical or code-central, got ${JSON.stringify(name)}`);
  const iterations = 200;
  return {
    theta0,
    iterations,
    gains: { kind: 'spall', a: 'calibrate', c: 0.1, S: Math.round(iterations / 10), alpha: 0.602, gamma: 0.101, calibrationStep: 0.1 },
    perturbation: 'rademacher',
    commonRandomNumbers: true,
    runsPerEvaluation: 100,
  };
}

export interface StoppingSpsaOptions extends Partial<StoppingSpsaSettings> {
  preset?: StoppingSpsaPresetName;
  seed: number;
  /** Threshold on π(stateIndex) for two states (default 1); ignored by the hyperplane policy (X > 2). */
  stateIndex?: number;
  orientation?: Orientation;
  /** 'textbook' (default): absorbing stop on the problem; 'code-parity': the notebook loop (stop iff π(0) < sin²θ). */
  objective?: 'textbook' | 'code-parity';
  /** Runs for the final evaluation of the learned policy (default 1000; 0 to skip). */
  finalRuns?: number;
}

export interface StoppingSpsaIteration {
  iteration: number;
  theta: number[];
  /** sin²θ_last: the threshold (two states) or the hyperplane offset (X > 2). */
  threshold: number;
  costEstimate: number;
  costPlus: number;
  costMinus: number;
  delta: number;
  stepSize: number;
}

export interface StoppingSpsaResult {
  seed: number;
  preset: StoppingSpsaPresetName | 'custom';
  objective: 'textbook' | 'code-parity';
  settings: StoppingSpsaSettings;
  stepNumerator: number | null;
  theta: number[];
  policy: LinearPolicy;
  threshold: number;
  trace: StoppingSpsaIteration[];
  /** The learned policy evaluated with finalRuns fresh runs (seed + 1), or null. */
  final: { cost: number; se: number; meanStopTime: number; accuracy: number; runs: number; seed: number } | null;
}

/** θ → policy for the given problem: sin²θ threshold (X = 2) or the spec's hyperplane (X > 2). */
export function policyFromTheta(X: number, theta: readonly number[], stateIndex: number, orientation: Orientation): LinearPolicy {
  return X === 2 ? thresholdPolicy(2, stateIndex, Math.sin(theta[0]) ** 2, orientation) : hyperplanePolicy(theta, orientation);
}

/** The notebook loop's setup taken from a two-state problem (terminal weight on state 1, delay per step). */
export function notebookSetupFromProblem(problem: StoppingProblem): NotebookStoppingSetup {
  if (dims(problem.model).X !== 2) throw new InputError('objective', 'code-parity needs exactly 2 states');
  if (!Number.isFinite(problem.horizon)) throw new InputError('horizon', 'code-parity needs a finite horizon');
  return {
    model: problem.model,
    classificationCost: problem.classificationCost,
    delay: Array.from({ length: problem.horizon }, (_, k) => delayAt(problem, k)),
    wrongCost: problem.terminalWeights[1],
    discount: problem.discount,
    horizon: problem.horizon,
    trueState: 'uniform',
  };
}

export function learnStoppingThreshold(problem: StoppingProblem, opts: StoppingSpsaOptions): StoppingSpsaResult {
  const X = dims(problem.model).X;
  const objective = opts.objective ?? 'textbook';
  const base = stoppingSpsaPreset(opts.preset ?? 'canonical', X - 1);
  const settings: StoppingSpsaSettings = {
    theta0: opts.theta0 ?? base.theta0,
    iterations: opts.iterations ?? base.iterations,
    gains: opts.gains ?? base.gains,
    perturbation: opts.perturbation ?? base.perturbation,
    commonRandomNumbers: opts.commonRandomNumbers ?? base.commonRandomNumbers,
    clip: opts.clip ?? base.clip,
    runsPerEvaluation: opts.runsPerEvaluation ?? base.runsPerEvaluation,
  };
  if (settings.theta0.length !== X - 1) throw new InputError('theta0', `must have ${X - 1} entries for ${X} states`);
  if (!Number.isInteger(settings.runsPerEvaluation) || settings.runsPerEvaluation < 1)
    throw new InputError('runsPerEvaluation', `must be a positive integer, got ${settings.runsPerEvaluation}`);
  const stateIndex = objective === 'code-parity' ? 0 : (opts.stateIndex ?? 1);
  const orientation: Orientation = objective === 'code-parity' ? 'stop-below' : (opts.orientation ?? 'continue-below');
  const cost = costFunction(problem, objective, stateIndex, orientation, settings.runsPerEvaluation);
  const run = spsa(cost, { ...settings, seed: opts.seed });
  const threshold = (theta: readonly number[]) => Math.sin(theta[theta.length - 1]) ** 2;
  const policy = policyFromTheta(X, run.theta, stateIndex, orientation);
  const finalRuns = opts.finalRuns ?? 1000;
  return {
    seed: opts.seed,
    preset: opts.preset ?? (opts.theta0 || opts.gains ? 'custom' : 'canonical'),
    objective,
    settings,
    stepNumerator: run.a,
    theta: run.theta,
    policy,
    threshold: threshold(run.theta),
    trace: run.trace.map((t) => ({
      iteration: t.iteration,
      theta: t.theta,
      threshold: threshold(t.theta),
      costEstimate: t.costEstimate,
      costPlus: t.costPlus,
      costMinus: t.costMinus,
      delta: t.delta,
      stepSize: t.stepSize,
    })),
    final: finalRuns > 0 ? finalEvaluation(problem, objective, policy, run.theta, finalRuns, opts.seed + 1) : null,
  };
}

function costFunction(
  problem: StoppingProblem,
  objective: 'textbook' | 'code-parity',
  stateIndex: number,
  orientation: Orientation,
  runs: number,
) {
  const X = dims(problem.model).X;
  if (objective === 'code-parity') {
    const setup = notebookSetupFromProblem(problem);
    return (theta: readonly number[], seed: number) =>
      evaluateNotebookStopping(setup, { kind: 'threshold', theta: theta[0] }, runs, seed).cost.mean;
  }
  return (theta: readonly number[], seed: number) =>
    evaluateStoppingPolicy(problem, policyFromTheta(X, theta, stateIndex, orientation), { runs, seed }).cost.mean;
}

function finalEvaluation(
  problem: StoppingProblem,
  objective: 'textbook' | 'code-parity',
  policy: LinearPolicy,
  theta: number[],
  runs: number,
  seed: number,
) {
  if (objective === 'code-parity') {
    const e = evaluateNotebookStopping(notebookSetupFromProblem(problem), { kind: 'threshold', theta: theta[0] }, runs, seed);
    return { cost: e.cost.mean, se: e.cost.se, meanStopTime: e.meanReveals, accuracy: e.accuracy, runs, seed };
  }
  const e: PolicyEvaluation = evaluateStoppingPolicy(problem, policy, { runs, seed });
  return { cost: e.cost.mean, se: e.cost.se, meanStopTime: e.meanStopTime, accuracy: e.accuracy, runs, seed };
}
