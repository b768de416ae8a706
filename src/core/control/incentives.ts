// Autonomous agents with incentives (spec §5.2, §7.13): the threshold incentive policy (pay only when
// π_{k−1}(payState) ≥ γ), the incentivized decision rule, the public filter that knows it (default) or ignores it
// (the notebooks), and a seeded Monte Carlo of the expected total incentive and the classification rate.
import { predict, posteriorFromPredicted } from '../bayes';
import { InputError } from '../errors';
import { dims, type DecisionModel } from '../model';
import { createRng } from '../random';
import { publicUpdate } from '../social-learning';
import { notebookPublicUpdate } from './code-parity-stopping';
import { incentivizedAction, minimalIncentive, validateIncentiveAgent, type IncentiveAgent } from './incentive-agent';
import { argmax, meanEstimate, type MeanEstimate } from './statistics';

export interface IncentiveSetting {
  /** prior, likelihood B, utility u (the agents'), optional transition. */
  model: DecisionModel;
  agent: IncentiveAgent;
  /** Pay only when π_{k−1}(payState) ≥ gamma. */
  gamma: number;
  payState: number;
  /** Paid on top of the minimal incentive so the target is strictly optimal (default 1e-6). */
  epsilon: number;
  /** 'non-negative' payments (default) or 'signed' (a negative incentive is a charge). */
  sign: 'non-negative' | 'signed';
  /**
   * 'minimal' (§7.13): the smallest incentive making the target action weakly optimal, plus ε.
   * 'code' (the notebook, two states): i = (c(0,1)η(0) − c(1,0)η(1))/(ω_1 − ω_0), and the agent scores the
   * unnormalised B_yπ, which makes it indifferent (the tie is then decided by rounding).
   */
  rule: 'minimal' | 'code';
  /** c for the 'code' rule. */
  codeCost?: number[][];
  /** Target action per observation; default argmax_a Σ_x u(x,a)B[x][y] (what the observation alone says). */
  target?: number[];
  /** 'incentivized' (default): R^π_a under the incentivized decision rule; 'unincentivized': the myopic filter. */
  publicFilter: 'incentivized' | 'unincentivized';
  /** The authors' π' ∝ (I + R)π update (ties counted for the unincentivized filter). */
  codeParityUpdate: boolean;
  horizon: number;
  /** A fixed state, 'prior' (drawn from the prior) or 'uniform'. */
  trueState: number | 'prior' | 'uniform';
}

export interface AgentOutcome {
  action: number;
  incentive: number;
  /** The policy wanted to pay but no admissible incentive makes the target optimal. */
  infeasible: boolean;
}

export function defaultTargets(model: DecisionModel): number[] {
  const { X, Y, A } = dims(model);
  return Array.from({ length: Y }, (_, y) => {
    let best = 0;
    let bestValue = -Infinity;
    for (let a = 0; a < A; a++) {
      let v = 0;
      for (let x = 0; x < X; x++) v += model.utility[x][a] * model.likelihood[x][y];
      if (v > bestValue) {
        best = a;
        bestValue = v;
      }
    }
    return best;
  });
}

/** What agent k does on observation y when the public belief is π (the decision rule the public can compute). */
export function incentivizedDecision(
  setting: IncentiveSetting,
  pi: readonly number[],
  y: number,
  targets = setting.target ?? defaultTargets(setting.model),
): AgentOutcome {
  const { model, agent } = setting;
  const predicted = predict(model, pi);
  const eta = posteriorFromPredicted(model, predicted, y);
  const pays = pi[setting.payState] >= setting.gamma;
  if (!eta) return { action: 0, incentive: 0, infeasible: false };
  if (setting.rule === 'code') return codeRuleDecision(setting, predicted, eta, y, pays);
  if (!pays) return { action: incentivizedAction(agent, eta, 0), incentive: 0, infeasible: false };
  const target = targets[y];
  if (incentivizedAction(agent, eta, 0) === target) return { action: target, incentive: 0, infeasible: false };
  const m = minimalIncentive(agent, eta, target, setting.sign);
  if (m.incentive === null) return { action: incentivizedAction(agent, eta, 0), incentive: 0, infeasible: true };
  const step = m.incentive < 0 ? -setting.epsilon : setting.epsilon;
  const padded = m.incentive + step;
  const incentive = padded <= m.upperBound && (setting.sign === 'signed' || padded >= 0) ? padded : m.incentive;
  return { action: incentivizedAction(agent, eta, incentive), incentive, infeasible: false };
}

function codeRuleDecision(
  setting: IncentiveSetting,
  predicted: readonly number[],
  eta: readonly number[],
  y: number,
  pays: boolean,
): AgentOutcome {
  const { agent, model } = setting;
  const c = setting.codeCost as number[][];
  const incentive = pays ? (c[0][1] * eta[0] - c[1][0] * eta[1]) / (agent.incentiveWeights[1] - agent.incentiveWeights[0]) : 0;
  const joint = predicted.map((p, x) => model.likelihood[x][y] * p);
  return { action: incentivizedAction(agent, joint, incentive), incentive, infeasible: false };
}

/** The agent's outcome for every observation y at public belief π. */
export function decisionTable(
  setting: IncentiveSetting,
  pi: readonly number[],
  targets = setting.target ?? defaultTargets(setting.model),
): AgentOutcome[] {
  return setting.model.likelihood[0].map((_, y) => incentivizedDecision(setting, pi, y, targets));
}

/** The public belief after action a: under the incentivized rule (R^π_a counts the y whose outcome is a) or myopic. */
export function incentivePublicUpdate(
  setting: IncentiveSetting,
  pi: readonly number[],
  a: number,
  decisions: readonly AgentOutcome[],
): number[] {
  const { model } = setting;
  if (setting.publicFilter === 'unincentivized') {
    if (setting.codeParityUpdate) return notebookPublicUpdate(model, predict(model, pi), a);
    return publicUpdate(model, pi, a) ?? predict(model, pi);
  }
  const predicted = predict(model, pi);
  const next = predicted.map((p, x) => {
    let r = setting.codeParityUpdate ? 1 : 0;
    decisions.forEach((d, y) => {
      if (d.action === a) r += model.likelihood[x][y];
    });
    return r * p;
  });
  const sigma = next.reduce((s, v) => s + v, 0);
  return sigma > 0 ? next.map((v) => v / sigma) : predicted;
}

export interface IncentiveSimulationOptions {
  runs: number;
  seed: number;
  /** Also return the per-step mean and sd of the public belief and of the incentive (for the E5 figures). */
  trajectories?: boolean;
}

export interface IncentiveSimulation {
  seed: number;
  runs: number;
  gamma: number;
  /** Σ_k |i_k| per run (= Σ_k i_k for non-negative payments). */
  totalIncentive: MeanEstimate;
  /** Σ_k i_k per run. */
  signedTotalIncentive: number;
  /** Fraction of runs where argmax of the final public belief (lowest index on ties) equals the final true state. */
  classificationRate: number;
  /** Fraction of agent steps that received a non-zero incentive. */
  paidFraction: number;
  /** Fraction of agent steps where the policy would pay but no admissible incentive works. */
  infeasibleFraction: number;
  trajectories?: { meanPublicBelief: number[][]; sdPublicBelief: number[][]; meanIncentive: number[]; sdIncentive: number[] };
}

export function simulateIncentives(setting: IncentiveSetting, opts: IncentiveSimulationOptions): IncentiveSimulation {
  validateSetting(setting);
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new InputError('runs', `must be a positive integer, got ${opts.runs}`);
  const { model, horizon } = setting;
  const X = model.prior.length;
  const targets = setting.target ?? defaultTargets(model);
  const totals: number[] = [];
  let signed = 0;
  let correct = 0;
  let paid = 0;
  let infeasible = 0;
  const sums = opts.trajectories ? newMoments(horizon, X) : null;
  for (let r = 0; r < opts.runs; r++) {
    const rng = createRng(opts.seed, r);
    let x =
      setting.trueState === 'uniform' ? rng.nextInt(X) : setting.trueState === 'prior' ? rng.categorical(model.prior) : setting.trueState;
    let pi = [...model.prior];
    let total = 0;
    for (let k = 0; k < horizon; k++) {
      if (model.transition) x = rng.categorical(model.transition[x]);
      const y = rng.categorical(model.likelihood[x]);
      const decisions = decisionTable(setting, pi, targets);
      const out = decisions[y];
      pi = incentivePublicUpdate(setting, pi, out.action, decisions);
      total += Math.abs(out.incentive);
      signed += out.incentive;
      if (out.incentive !== 0) paid++;
      if (out.infeasible) infeasible++;
      if (sums) accumulate(sums, k, pi, out.incentive);
    }
    totals.push(total);
    if (argmax(pi) === x) correct++;
  }
  const steps = opts.runs * horizon;
  const result: IncentiveSimulation = {
    seed: opts.seed,
    runs: opts.runs,
    gamma: setting.gamma,
    totalIncentive: meanEstimate(totals),
    signedTotalIncentive: signed / opts.runs,
    classificationRate: correct / opts.runs,
    paidFraction: paid / steps,
    infeasibleFraction: infeasible / steps,
  };
  if (sums) result.trajectories = finishMoments(sums, opts.runs);
  return result;
}

interface Moments {
  belief: number[][];
  beliefSq: number[][];
  incentive: number[];
  incentiveSq: number[];
}

function newMoments(horizon: number, X: number): Moments {
  const grid = () => Array.from({ length: horizon }, () => new Array<number>(X).fill(0));
  return { belief: grid(), beliefSq: grid(), incentive: new Array(horizon).fill(0), incentiveSq: new Array(horizon).fill(0) };
}

function accumulate(m: Moments, k: number, pi: readonly number[], incentive: number): void {
  pi.forEach((p, x) => {
    m.belief[k][x] += p;
    m.beliefSq[k][x] += p * p;
  });
  m.incentive[k] += incentive;
  m.incentiveSq[k] += incentive * incentive;
}

function finishMoments(m: Moments, n: number) {
  const sd = (s: number, sq: number) => Math.sqrt(Math.max(0, sq / n - (s / n) ** 2));
  return {
    meanPublicBelief: m.belief.map((row) => row.map((s) => s / n)),
    sdPublicBelief: m.belief.map((row, k) => row.map((s, x) => sd(s, m.beliefSq[k][x]))),
    meanIncentive: m.incentive.map((s) => s / n),
    sdIncentive: m.incentive.map((s, k) => sd(s, m.incentiveSq[k])),
  };
}

export function validateSetting(setting: IncentiveSetting): void {
  const { X, Y, A } = dims(setting.model);
  validateIncentiveAgent(setting.agent, X);
  if (setting.agent.utility[0].length !== A) throw new InputError('utility', `must have ${A} columns`);
  if (!(setting.gamma >= 0 && setting.gamma <= 1)) throw new InputError('gamma', `must be in [0, 1], got ${setting.gamma}`);
  if (!Number.isInteger(setting.payState) || setting.payState < 0 || setting.payState >= X)
    throw new InputError('payState', `must be an integer in 0..${X - 1}`);
  if (!(setting.epsilon > 0)) throw new InputError('epsilon', `must be > 0, got ${setting.epsilon}`);
  if (!Number.isInteger(setting.horizon) || setting.horizon < 1)
    throw new InputError('horizon', `must be a positive integer, got ${setting.horizon}`);
  if (typeof setting.trueState === 'number' && !(Number.isInteger(setting.trueState) && setting.trueState >= 0 && setting.trueState < X)) {
    throw new InputError('trueState', `must be an integer in 0..${X - 1}, 'prior' or 'uniform'`);
  }
  if (setting.rule === 'code') {
    if (X !== 2 || A !== 2) throw new InputError('rule', "'code' is the notebook's two-state formula");
    if (!setting.codeCost) throw new InputError('codeCost', "is required by the 'code' rule");
  }
  if (setting.target && (setting.target.length !== Y || !setting.target.every((a) => Number.isInteger(a) && a >= 0 && a < A))) {
    throw new InputError('target', `must give one action in 0..${A - 1} per observation (${Y})`);
  }
}
