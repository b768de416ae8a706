// Autonomous agents with incentives (§5.2, §7.13).
import assert from 'node:assert/strict';
import { agentScore, incentivizedAction, minimalIncentive, type IncentiveAgent } from '../../../src/core/control/incentive-agent';
import { incentivePreset } from '../../../src/core/control/incentive-presets';
import { learnIncentiveThreshold, sweepIncentiveThreshold } from '../../../src/core/control/incentive-spsa';
import { decisionTable, incentivePublicUpdate, incentivizedDecision, simulateIncentives } from '../../../src/core/control/incentives';
import { publicUpdate } from '../../../src/core/social-learning';

const exp1 = incentivePreset('experiment1');
const agent: IncentiveAgent = exp1.setting.agent; // ω = [0.8,1.3], δ = [0.1,0.5], u = I

describe('control: incentives', () => {
  it('the minimal incentive makes the target action weakly optimal, and ε less does not', () => {
    const eta = [0.45, 0.55]; // without pay: 0.45 − 0.1 = 0.35 > 0.55 − 0.5 = 0.05, so action 0
    assert.equal(incentivizedAction(agent, eta, 0), 0);
    const { incentive } = minimalIncentive(agent, eta, 1);
    assert.ok(incentive !== null && Math.abs(incentive - 0.6) < 1e-12, `(0.35 − 0.05)/(1.3 − 0.8) = 0.6, got ${incentive}`);
    assert.ok(agentScore(agent, eta, incentive!, 1) >= agentScore(agent, eta, incentive!, 0) - 1e-12);
    const less = incentive! - 1e-6;
    assert.ok(agentScore(agent, eta, less, 1) < agentScore(agent, eta, less, 0));
    assert.equal(incentivizedAction(agent, eta, less), 0);
    assert.equal(incentivizedAction(agent, eta, incentive! + 1e-6), 1);
  });

  it('no payment is needed when the target already wins; none exists when ω cannot favour the target', () => {
    assert.equal(minimalIncentive(agent, [0.1, 0.9], 1).incentive, 0);
    // Target 0 needs i ≤ negative bound (ω_0 < ω_1): impossible with payments ≥ 0, possible when signed.
    assert.equal(minimalIncentive(agent, [0.1, 0.9], 0).incentive, null);
    const signed = minimalIncentive(agent, [0.1, 0.9], 0, 'signed').incentive!;
    assert.ok(signed < 0 && agentScore(agent, [0.1, 0.9], signed, 0) >= agentScore(agent, [0.1, 0.9], signed, 1) - 1e-12);
  });

  it('the threshold policy pays nothing while π(0) < γ', () => {
    const setting = { ...exp1.setting, gamma: 0.6 };
    for (const pi of [
      [0.1, 0.9],
      [0.5, 0.5],
      [0.59, 0.41],
    ])
      for (const y of [0, 1]) assert.equal(incentivizedDecision(setting, pi, y).incentive, 0);
    assert.ok(incentivizedDecision(setting, [0.6, 0.4], 1).incentive > 0);
    const sim = simulateIncentives({ ...exp1.setting, gamma: 0.6 }, { runs: 50, seed: 1 });
    assert.equal(sim.paidFraction, 0);
    assert.equal(sim.totalIncentive.mean, 0);
  });

  it('experiment 1 is reproducible under a seed; incentives restore correct classification', () => {
    const a = simulateIncentives(exp1.setting, { runs: 300, seed: 42, trajectories: true });
    assert.deepEqual(a, simulateIncentives(exp1.setting, { runs: 300, seed: 42, trajectories: true }));
    assert.equal(a.seed, 42);
    assert.notDeepEqual(a.totalIncentive, simulateIncentives(exp1.setting, { runs: 300, seed: 43 }).totalIncentive);
    // Without pay the privacy cost makes y = 1 agents tie and take action 0: nobody learns, the true state 1 is missed.
    const unpaid = simulateIncentives({ ...exp1.setting, gamma: 1 }, { runs: 300, seed: 42 });
    assert.equal(unpaid.classificationRate, 0);
    assert.ok(a.classificationRate > 0.95);
    assert.ok(a.totalIncentive.mean > 0);
    assert.equal(a.trajectories!.meanPublicBelief.length, 100);
  });

  it("experiment 1 in the notebook's mode stays in the figure's range (final π(1) ≈ 0.2–0.55)", () => {
    const code = incentivePreset('experiment1', 'code');
    const sim = simulateIncentives(code.setting, { runs: 100, seed: 7, trajectories: true });
    const final = sim.trajectories!.meanPublicBelief[99][1];
    assert.ok(final > 0.2 && final < 0.55, `final mean π(1) = ${final}`);
  });

  it('the incentivized public filter equals the core filter when agents are unpaid and have no privacy cost', () => {
    const setting = { ...exp1.setting, agent: { ...agent, privacyCosts: [0, 0] } };
    const pi = [0.3, 0.7]; // π(0) < γ = 0.4: nobody is paid
    const decisions = decisionTable(setting, pi);
    assert.ok(decisions.every((d) => d.incentive === 0));
    for (const a of [0, 1]) assert.deepEqual(incentivePublicUpdate(setting, pi, a, decisions), publicUpdate(setting.model, pi, a));
  });

  it('with payments the public conditions on the observations that lead to the paid action', () => {
    // π = [0.5,0.5] ≥ γ: y = 1 ties (0.3 − 0.1 = 0.7 − 0.5) and is paid ε to take action 1; y = 0 takes action 0 unpaid.
    const decisions = decisionTable(exp1.setting, [0.5, 0.5]);
    assert.deepEqual(
      decisions.map((d) => d.action),
      [0, 1],
    );
    assert.equal(decisions[0].incentive, 0);
    assert.ok(decisions[1].incentive > 0 && decisions[1].incentive < 1e-5);
    const next = incentivePublicUpdate(exp1.setting, [0.5, 0.5], 1, decisions);
    assert.ok(Math.abs(next[1] - 0.7) < 1e-12);
    // The myopic rule (no privacy cost) also sends y = 1 to action 1, so the un-incentivized filter agrees here.
    assert.deepEqual(incentivePublicUpdate({ ...exp1.setting, publicFilter: 'unincentivized' }, [0.5, 0.5], 1, decisions), next);
  });

  it('sweeps γ on common random numbers and runs SPSA over γ deterministically', () => {
    const sweep = sweepIncentiveThreshold(exp1.setting, [0, 0.45, 0.55, 1], 40, 3);
    assert.equal(sweep.points.length, 4);
    assert.equal(sweep.points[3].totalIncentive, 0);
    assert.ok(sweep.points[0].totalIncentive >= sweep.points[2].totalIncentive);
    const exp2 = incentivePreset('experiment2', 'code');
    const opts = { preset: 'code-incentives' as const, seed: 5, iterations: 8, runsPerEvaluation: 50 };
    const r = learnIncentiveThreshold(exp2.setting, opts);
    assert.deepEqual(r, learnIncentiveThreshold(exp2.setting, opts));
    assert.equal(r.trace.length, 8);
    assert.ok(r.gamma >= 0 && r.gamma <= 1);
    assert.equal(r.settings.horizon, 10);
  });
});
