// CODE PARITY ONLY: the loop of the authors' optimalstopping.ipynb (spec §5.1 "What the code actually does"), kept
// apart from the textbook problem. Differences from the textbook: the stop rule is re-evaluated every step (not
// absorbing); a revealing agent's action is its observation and the public still applies the social-learning filter
// to it; that filter is π' ∝ (I + R^π_a)π with ties counted for every tied action (§7.1, §7.3); the private belief
// is the unnormalised B_yπ (§7.2); the terminal cost uses the final private belief, discounted by ρ^(number of reveals).
import { InputError } from '../errors';
import { dims, type DecisionModel } from '../model';
import { createRng } from '../random';
import { linspace, meanEstimate, type MeanEstimate } from './statistics';

export interface NotebookStoppingSetup {
  /** prior = the notebook's fixed π_0; utility = the agents' (argmax); transition is ignored (P = I in the notebook). */
  model: DecisionModel;
  classificationCost: number[][];
  /** d_t, one per step. */
  delay: number[];
  /** The 700 of "700·ρ^(N_reveal)·η_final(1)". */
  wrongCost: number;
  discount: number;
  horizon: number;
  /** 'uniform' (the notebook) or a fixed state. */
  trueState: 'uniform' | number;
}

/** The notebook's stop decisions: by threshold (stop iff π(0) < sin²θ) or by a fixed stop time (stop iff t ≥ T). */
export type NotebookStopRule = { kind: 'threshold'; theta: number } | { kind: 'fixed-time'; stopTime: number };

/**
 * The notebook's parameter sets. 'spsa': π_0 = [0.4,0.6], c = [[0,1],[1,0]] (the SPSA cell). 'sweep': the θ sweep
 * cell as executed (π_0 = [0.4,0.6], c = [[1,2],[2,1]]). 'fixed-stop-time': π_0 = [0.5,0.5], c = [[1,2],[2,1]].
 */
export function notebookStoppingSetup(variant: 'spsa' | 'sweep' | 'fixed-stop-time' = 'spsa'): NotebookStoppingSetup {
  return {
    model: {
      prior: variant === 'fixed-stop-time' ? [0.5, 0.5] : [0.4, 0.6],
      likelihood: [
        [0.7, 0.3],
        [0.1, 0.9],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    },
    classificationCost:
      variant === 'spsa'
        ? [
            [0, 1],
            [1, 0],
          ]
        : [
            [1, 2],
            [2, 1],
          ],
    delay: linspace(1, 100, 100),
    wrongCost: 700,
    discount: 0.99,
    horizon: 100,
    trueState: 'uniform',
  };
}

export interface NotebookRunOutcome {
  cost: number;
  /** Number of steps in which the controller did not stop (the notebook's stop_time). */
  reveals: number;
  finalAction: number;
  trueState: number;
  actions: number[];
  publicBeliefs: number[][];
}

/** The authors' T(π,a): R = I + Σ_y 1{a weakly optimal on B_yπ}·B[x][y], then π' = Rπ normalised. */
export function notebookPublicUpdate(model: DecisionModel, pi: readonly number[], a: number): number[] {
  const { X, Y, A } = dims(model);
  const next = new Array<number>(X);
  let total = 0;
  for (let x = 0; x < X; x++) {
    let r = 1;
    for (let y = 0; y < Y; y++) if (weaklyOptimal(model, pi, y, a, A)) r += model.likelihood[x][y];
    next[x] = r * pi[x];
    total += next[x];
  }
  return next.map((v) => v / total);
}

function weaklyOptimal(model: DecisionModel, pi: readonly number[], y: number, a: number, A: number): boolean {
  const value = (b: number) => {
    let s = 0;
    for (let x = 0; x < pi.length; x++) s += model.utility[x][b] * model.likelihood[x][y] * pi[x];
    return s;
  };
  const va = value(a);
  for (let b = 0; b < A; b++) if (!(va >= value(b))) return false;
  return true;
}

function firstArgmaxUtility(model: DecisionModel, eta: readonly number[]): number {
  const A = model.utility[0].length;
  let best = 0;
  let bestValue = -Infinity;
  for (let a = 0; a < A; a++) {
    let v = 0;
    for (let x = 0; x < eta.length; x++) v += model.utility[x][a] * eta[x];
    if (v > bestValue) {
      best = a;
      bestValue = v;
    }
  }
  return best;
}

export function simulateNotebookRun(setup: NotebookStoppingSetup, rule: NotebookStopRule, seed: number, run: number): NotebookRunOutcome {
  const { model } = setup;
  const X = model.prior.length;
  const rng = createRng(seed, run);
  const state = setup.trueState === 'uniform' ? rng.nextInt(X) : setup.trueState;
  let pi = [...model.prior];
  let eta = [...pi];
  let cost = 0;
  let reveals = 0;
  let action = 0;
  const actions: number[] = [];
  const publicBeliefs: number[][] = [];
  for (let t = 0; t < setup.horizon; t++) {
    const y = rng.categorical(model.likelihood[state]);
    const stop = rule.kind === 'threshold' ? pi[0] < Math.sin(rule.theta) ** 2 : t >= rule.stopTime;
    if (!stop) reveals++;
    eta = pi.map((p, x) => model.likelihood[x][y] * p);
    const weight = setup.discount ** t;
    if (!stop) {
      action = y;
      cost += setup.delay[t] * eta[0] * weight;
    } else {
      action = firstArgmaxUtility(model, eta);
    }
    for (let x = 0; x < X; x++) cost += weight * setup.classificationCost[x][action] * eta[x];
    pi = notebookPublicUpdate(model, pi, action);
    actions.push(action);
    publicBeliefs.push(pi);
  }
  cost += setup.wrongCost * setup.discount ** reveals * eta[1];
  return { cost, reveals, finalAction: action, trueState: state, actions, publicBeliefs };
}

export interface NotebookEvaluation {
  seed: number;
  runs: number;
  cost: MeanEstimate;
  meanReveals: number;
  /** Fraction of runs whose last action equals the true state. */
  accuracy: number;
}

export function evaluateNotebookStopping(
  setup: NotebookStoppingSetup,
  rule: NotebookStopRule,
  runs: number,
  seed: number,
): NotebookEvaluation {
  if (dims(setup.model).X !== 2) throw new InputError('model.prior', 'the notebook loop is defined for 2 states');
  if (!Number.isInteger(runs) || runs < 1) throw new InputError('runs', `must be a positive integer, got ${runs}`);
  if (setup.delay.length < setup.horizon)
    throw new InputError('delay', `needs ${setup.horizon} values (one per step), got ${setup.delay.length}`);
  const costs: number[] = [];
  let reveals = 0;
  let correct = 0;
  for (let r = 0; r < runs; r++) {
    const out = simulateNotebookRun(setup, rule, seed, r);
    costs.push(out.cost);
    reveals += out.reveals;
    if (out.finalAction === out.trueState) correct++;
  }
  return { seed, runs, cost: meanEstimate(costs), meanReveals: reveals / runs, accuracy: correct / runs };
}
