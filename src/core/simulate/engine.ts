// Runs every chain of a plan on given observations: the fast, exact simulation loop.
import { InputError } from '../errors';
import { BeliefGraph } from './belief-graph';
import { flattenModel } from './flat-model';
import { FilterKernel } from './filter-kernel';
import { isIdentity, observationSupport } from './observation-draws';
import { ParityKernel } from './parity-kernel';
import { initialBelief } from './prior-grid';
import { chainCount, type SimulationModel, type SimulationOutcome, type SimulationPlan } from './types';

export interface RunOptions {
  /** Keep π_k after every agent (for --dump-beliefs). */
  keepBeliefs?: boolean;
}

export interface ChainTrace {
  actions: number[];
  /** π_k after agent k (k = 1..N). */
  beliefs: number[][];
  herdingStep: number | null;
  herdAction: number | null;
  nonAbsorbing: boolean;
}

interface Walk {
  last: number;
  herdingStep: number;
  herdAction: number;
  nonAbsorbing: boolean;
}

export class ChainSimulator {
  private readonly graph: BeliefGraph;
  private readonly X: number;
  private readonly Y: number;
  private readonly pi0: Float64Array;

  constructor(
    private readonly sim: SimulationModel,
    private readonly plan: SimulationPlan,
  ) {
    const m = flattenModel(sim.model);
    this.X = m.X;
    this.Y = m.Y;
    this.pi0 = new Float64Array(m.X);
    this.graph = new BeliefGraph(plan.codeParity ? new ParityKernel(m) : new FilterKernel(m), capacityFor(chainCount(plan) * plan.agents));
  }

  /** Distinct public beliefs met so far (each analysed once). */
  get distinctBeliefs(): number {
    return this.graph.size;
  }

  /**
   * observations: int8 in [run][prior][state][agent] C order. Chain c starts from π0(prior, true state) and agent
   * k acts on observations[c·N + k]; see SimulationOutcome for what is recorded.
   */
  run(observations: Int8Array, opts: RunOptions = {}): SimulationOutcome {
    const { plan, graph, X } = this;
    const N = plan.agents;
    const chains = chainCount(plan);
    if (observations.length !== chains * N)
      throw new InputError('observations', `expected ${chains * N} observations, got ${observations.length}`);
    const actions = new Int8Array(chains * N);
    const herdingStep = new Int32Array(chains);
    const herdAction = new Int8Array(chains).fill(-1);
    const nonAbsorbing = new Uint8Array(chains);
    const finalBelief = new Float64Array(chains * X);
    const path = opts.keepBeliefs ? new Int32Array(chains * N) : null;
    const G = plan.priorGrid.length;
    const S = plan.trueStates.length;
    let c = 0;
    for (let run = 0; run < plan.runs; run++) {
      for (let g = 0; g < G; g++) {
        for (let s = 0; s < S; s++, c++) {
          const walk = this.walk(this.rootOf(g, s), observations, c * N, N, actions, path);
          herdingStep[c] = walk.herdingStep;
          herdAction[c] = walk.herdAction;
          nonAbsorbing[c] = walk.nonAbsorbing ? 1 : 0;
          graph.beliefInto(walk.last, finalBelief, c * X);
        }
      }
    }
    const outcome: SimulationOutcome = { plan, X, actions, herdingStep, herdAction, nonAbsorbing, finalBelief };
    if (path) outcome.beliefs = this.beliefsAlong(path);
    return outcome;
  }

  /** One chain from any initial belief π0 (unnormalised or zero allowed in code parity), with π_k after every agent. */
  chain(pi0: readonly number[], observations: readonly number[]): ChainTrace {
    const { X } = this;
    const N = observations.length;
    const actions = new Int8Array(N);
    const path = new Int32Array(N);
    const walk = this.walk(this.graph.nodeOf(Float64Array.from(pi0)), Int8Array.from(observations), 0, N, actions, path);
    const one = new Float64Array(X);
    const beliefs = Array.from(path, (node) => {
      this.graph.beliefInto(node, one, 0);
      return Array.from(one);
    });
    return {
      actions: Array.from(actions),
      beliefs,
      herdingStep: walk.herdingStep || null,
      herdAction: walk.herdAction >= 0 ? walk.herdAction : null,
      nonAbsorbing: walk.nonAbsorbing,
    };
  }

  /**
   * deterministic[g·S + s] = 1 when the N actions of cell (prior g, true state s) are the same for every observation
   * sequence the source can produce (e.g. the chain herds from agent 1), so its runs cannot differ.
   */
  deterministicCells(): Uint8Array {
    const { plan, graph, Y } = this;
    const G = plan.priorGrid.length;
    const S = plan.trueStates.length;
    const out = new Uint8Array(G * S);
    plan.trueStates.forEach((x, s) => {
      const support = this.possibleObservations(x);
      for (let g = 0; g < G; g++) {
        let node = this.rootOf(g, s);
        let fixed = support.length > 0;
        for (let k = 0; k < plan.agents && fixed; k++) {
          const a = graph.act[node * Y + support[0]];
          fixed = support.every((y) => graph.act[node * Y + y] === a);
          node = graph.successor(node, a);
        }
        out[g * S + s] = fixed ? 1 : 0;
      }
    });
    return out;
  }

  /** The agent loop: actions into actions[base..base+N), visited nodes into path (if any). */
  private walk(root: number, observations: Int8Array, base: number, N: number, actions: Int8Array, path: Int32Array | null): Walk {
    const { graph, Y } = this;
    const A = this.sim.model.utility[0].length;
    // The graph's arrays are re-read only after it created a node (it may have grown them).
    let { act, herd, child } = graph;
    let node = root;
    let herdingStep = 0;
    let herdOn = -1;
    let broken = false;
    for (let k = 0; k < N; k++) {
      const y = observations[base + k];
      if (!(y >= 0 && y < Y)) throw new InputError('observations', `agent ${k + 1}: ${y} is not in 0..${Y - 1}`);
      const h = herd[node];
      if (herdingStep === 0) {
        if (h >= 0) {
          herdingStep = k + 1;
          herdOn = h;
        }
      } else if (h !== herdOn) broken = true;
      const a = act[node * Y + y];
      actions[base + k] = a;
      const next = child[node * A + a];
      if (next >= 0) node = next;
      else {
        node = graph.successor(node, a);
        ({ act, herd, child } = graph);
      }
      if (path) path[base + k] = node;
    }
    return { last: node, herdingStep, herdAction: herdOn, nonAbsorbing: broken };
  }

  private rootOf(g: number, s: number): number {
    initialBelief(this.sim.family, this.X, this.plan.priorGrid[g], this.plan.trueStates[s], this.plan.codeParity, this.pi0);
    return this.graph.nodeOf(this.pi0);
  }

  /** Observations possible from true state x (over every state the transition can reach from x). */
  private possibleObservations(x: number): number[] {
    const P = this.sim.model.transition;
    const states = new Set([x]);
    if (P && !isIdentity(P)) {
      for (let grew = true; grew;) {
        grew = false;
        for (const i of [...states]) P[i].forEach((p, j) => p > 0 && !states.has(j) && (states.add(j), (grew = true)));
      }
    }
    const ys = new Set<number>();
    for (const i of states) for (const y of observationSupport(this.sim, i)) ys.add(y);
    return [...ys];
  }

  private beliefsAlong(path: Int32Array): Float64Array {
    const { X, graph } = this;
    const out = new Float64Array(path.length * X);
    for (let i = 0; i < path.length; i++) graph.beliefInto(path[i], out, i * X);
    return out;
  }
}

/** A power of two near a quarter of the agent steps (at most 2^16), so large plans rarely regrow the node arrays. */
function capacityFor(steps: number): number {
  let capacity = 1024;
  while (capacity < 65536 && capacity * 4 < steps) capacity *= 2;
  return capacity;
}
