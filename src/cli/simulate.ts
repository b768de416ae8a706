// `herdscope simulate`: the paper's herding experiment at scale (many chains of agents), exact and reproducible.
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { dims } from '../core/model';
import { assertSeed } from '../core/random';
import {
  ChainSimulator,
  chainCount,
  drawObservations,
  formatResults,
  formatSequences,
  parseSequenceChains,
  parseSequencesHeader,
  parseSimulationModel,
  summarise,
  type SequencesHeader,
  type SimulationModel,
  type SimulationPlan,
  warmUpSimulation,
} from '../core/simulate';
import type { CliCommand } from './command';
import { parseSimulateFlags, resolvePlan, type SimulateFlags } from './simulate-flags';
import { readJsonFile, readTextFile, sha256OfInt8, writeTextFile } from './simulate-io';

const usage = `usage: herdscope simulate --model MODEL.json [--agents N=80] [--runs R=10] [--priors G=30 | --prior-values p1,p2,..]
       [--true-states all|i,j] [--seed S=0] [--code-parity] [--sequences SEQ.jsonl] [--dump-sequences SEQ.jsonl]
       [--dump-results RES.jsonl] [--dump-beliefs]

Runs R × G × S chains of N agents (spec §4, experiment E2): for run r, prior value p of the grid and true state
x*, the chain starts from π0 = p·e_anchor + (1−p)·e_x* and agent k acts on its private observation.

  --model FILE         the learn model file ({"likelihood", "utility"|"cost", "transition"?}; "prior" optional and
                       unused) plus optional "observationSource": {"kind":"likelihood"} (default, y ~ B[x]),
                       {"kind":"counts","counts":[[..]]} (X×Y) or {"kind":"rows","columns":["state","y"],"rows":[[s,y],..]}
                       (a uniformly drawn row of the state), and "priorFamily": {"kind":"two-point","anchor":0} (default)
  --priors G           prior values linspace(0,1,G) (NumPy's, bit for bit); --prior-values gives them explicitly
  --true-states        "all" (default) or a comma list of states
  --seed S             observations of run r and true state x* come from createRng(0, S, r, x*), one uniform per draw
                       (plus one for the next state when the transition is not the identity), shared by all priors
  --code-parity        the authors' computation (unnormalised assignment prior, weak-optimality ties in R, R = 1 + …,
                       NaN propagation, herding over reachable observations with a NaN/zero belief herding on 0)
  --sequences FILE     replay observations from a sequences file instead of drawing them; flags left out take the
                       header's values, flags given must agree with it (and X, Y, A with the model)
  --dump-sequences F   write the observations used (header + one line per chain, run → true state → prior)
  --dump-results F     write one JSON line per chain: run, prior_index, prior, true_state, actions, herding_step
                       (1-based or null), herd_action (or null), final_public_belief (null if NaN)
  --dump-beliefs       add public_beliefs (π_k after each agent) to --dump-results

Prints one JSON line: workload, seconds and cpu_seconds of the simulation loop, chains, agent_steps,
steps_per_second and summary (per-prior and per-state means and herding rates, Wilson 95% intervals,
deterministic cells, counts, and SHA-256 of the int8 actions and observations in [run][prior][state][agent] order).
Herding step: the first agent whose public belief is in the herding region (its action is the same for every
observation possible under that belief). wrong_herd_rate: chains herding on an action other than the true state,
over all chains of that prior. nonabsorbing_chains: herded chains in which a later agent is outside the herding
region or herds on another action. deterministic_by_prior_state: cells whose actions are the same for every
observation sequence the model's source can produce. seconds/cpu_seconds time the agent loop only (observations
drawn or read before; for 50,000 agent steps or more, a JIT warm-up on a small synthetic workload, with its own
belief graph, runs before the timer). Bad input: one line on stderr naming the field, exit code 2.`;

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'simulate many chains of agents (herding experiment E2), exact and seeded; JSON summary',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        model: { type: 'string' },
        agents: { type: 'string' },
        runs: { type: 'string' },
        priors: { type: 'string' },
        'prior-values': { type: 'string' },
        'true-states': { type: 'string' },
        seed: { type: 'string' },
        'code-parity': { type: 'boolean', default: false },
        sequences: { type: 'string' },
        'dump-sequences': { type: 'string' },
        'dump-results': { type: 'string' },
        'dump-beliefs': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.model === undefined) throw new InputError('--model', 'is required (a model JSON file)');
    if (values['dump-beliefs'] && values['dump-results'] === undefined) throw new InputError('--dump-beliefs', 'needs --dump-results FILE');
    const sim = parseSimulationModel(readJsonFile(values.model, '--model'));
    const shape = dims(sim.model);
    const flags = parseSimulateFlags(values, shape.X);
    const codeParity = values['code-parity'] === true;
    const { plan, seed, observations } = values.sequences
      ? replaySequences(values.sequences, sim, flags, codeParity)
      : drawSequences(sim, flags, codeParity);
    if (values['dump-sequences'])
      writeTextFile(values['dump-sequences'], formatSequences(shape, plan, seed, observations), '--dump-sequences');

    warmUpSimulation(sim, plan);
    const simulator = new ChainSimulator(sim, plan);
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const outcome = simulator.run(observations, { keepBeliefs: values['dump-beliefs'] });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;

    if (values['dump-results']) writeTextFile(values['dump-results'], formatResults(outcome), '--dump-results');
    const chains = chainCount(plan);
    const agentSteps = chains * plan.agents;
    const report = {
      workload: {
        model: values.model,
        mode: codeParity ? 'code-parity' : 'filter',
        ...shape,
        agents: plan.agents,
        runs: plan.runs,
        priors: plan.priorGrid.length,
        true_states: plan.trueStates,
        seed,
        observation_source: values.sequences ? 'sequences' : sim.source.kind,
        sequences: values.sequences ?? null,
        prior_family: sim.family,
      },
      seconds,
      cpu_seconds: cpuSeconds,
      chains,
      agent_steps: agentSteps,
      steps_per_second: seconds > 0 ? agentSteps / seconds : null,
      summary: {
        ...summarise(outcome, simulator.deterministicCells()),
        actions_sha256: sha256OfInt8(outcome.actions),
        obs_sha256: sha256OfInt8(observations),
      },
    };
    io.stdout(`${JSON.stringify(report)}\n`);
    return 0;
  },
};

interface Workload {
  plan: SimulationPlan;
  seed: number;
  observations: Int8Array;
}

function drawSequences(sim: SimulationModel, flags: SimulateFlags, codeParity: boolean): Workload {
  const plan = resolvePlan(flags, null, codeParity, dims(sim.model).X);
  const seed = flags.seed ?? 0;
  return { plan, seed, observations: drawObservations(sim, plan, assertSeed(seed, '--seed')) };
}

function replaySequences(file: string, sim: SimulationModel, flags: SimulateFlags, codeParity: boolean): Workload {
  const lines = readTextFile(file, '--sequences').split('\n');
  const shape = dims(sim.model);
  const header: SequencesHeader = parseSequencesHeader(lines[0], shape);
  const plan = resolvePlan(flags, header, codeParity, shape.X);
  return { plan, seed: header.seed, observations: parseSequenceChains(lines.slice(1), plan, shape.Y) };
}
