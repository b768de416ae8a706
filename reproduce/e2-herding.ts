// E2 (spec §6): herding versus the initial prior with six states — as the authors computed it and corrected.
import {
  ChainSimulator,
  chainIndex,
  drawObservations,
  linspace01,
  parseSimulationModel,
  summarise,
  type SimulationModel,
  type SimulationPlan,
  type SimulationSummary,
} from '../src/core/simulate';
import { estimateLikelihood } from '../src/core/likelihood';
import { MISTRAL_Y6_COUNTS } from '../src/core/paper-data';

export interface E2Size {
  runs: number;
  priors: number;
  agents: number;
  seed: number;
}

export const E2_FULL: E2Size = { runs: 10, priors: 30, agents: 80, seed: 0 };

export interface E2Variant {
  key: 'authors' | 'filter-authors-model' | 'corrected';
  title: string;
  description: string;
  codeParity: boolean;
  sim: SimulationModel;
}

export interface E2VariantResult {
  key: E2Variant['key'];
  title: string;
  description: string;
  mode: 'code-parity' | 'filter';
  summary: SimulationSummary;
  /** [G][S]: fraction of runs herding on action 0 ("not HSP"). */
  herdOnZeroByPriorState: number[][];
  /** [G][S]: mean 1-based herding step over the runs that herd (null if none). */
  meanHerdStepByPriorState: Array<Array<number | null>>;
}

const identity = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

/** The corrected experiment: B estimated from the real answers (§7.4, +1 smoothing), 0-1 utility (§7.16), correct filter. */
export function correctedE2Model(observationSource: unknown): SimulationModel {
  return parseSimulationModel({
    likelihood: estimateLikelihood(MISTRAL_Y6_COUNTS, { smoothing: 1 }),
    utility: identity(6),
    observationSource,
    priorFamily: { kind: 'two-point', anchor: 0 },
  });
}

/** With the authors' model: their computation, the correct filter on their model, and the corrected experiment. */
export function e2Variants(authorsRaw: unknown | null): E2Variant[] {
  const countsSource = { kind: 'counts', counts: MISTRAL_Y6_COUNTS };
  if (!authorsRaw) {
    return [
      {
        key: 'corrected',
        title: 'Corrected',
        description: 'correct filter, B = empirical Mistral frequencies (+1 smoothing), u = I; observations drawn from the §2.4 counts',
        codeParity: false,
        sim: correctedE2Model(countsSource),
      },
    ];
  }
  const authors = parseSimulationModel(authorsRaw);
  return [
    {
      key: 'authors',
      title: 'As the authors computed it',
      description:
        'code parity: their B (nested-set RBM collapse), their utility, the R = I + … update, the assignment prior; real observation rows',
      codeParity: true,
      sim: authors,
    },
    {
      key: 'filter-authors-model',
      title: 'Correct filter, authors’ model',
      description: 'the same B, utility and observations with the correct social-learning filter and normalised prior',
      codeParity: false,
      sim: authors,
    },
    {
      key: 'corrected',
      title: 'Corrected model',
      description: 'correct filter, B = empirical frequencies of the real answers (+1 smoothing, §7.4), u = I (§7.16); same observations',
      codeParity: false,
      sim: { ...correctedE2Model(countsSource), source: authors.source },
    },
  ];
}

/** Runs every variant on the same observations (drawn from the first variant's source). */
export function runE2(variants: E2Variant[], size: E2Size): E2VariantResult[] {
  const plan = (codeParity: boolean): SimulationPlan => ({
    agents: size.agents,
    runs: size.runs,
    priorGrid: linspace01(size.priors),
    trueStates: [0, 1, 2, 3, 4, 5],
    codeParity,
  });
  const observations = drawObservations(variants[0].sim, plan(false), size.seed);
  return variants.map((v) => {
    const p = plan(v.codeParity);
    const simulator = new ChainSimulator(v.sim, p);
    const outcome = simulator.run(observations);
    const G = p.priorGrid.length;
    const herdOnZero = grid(G, 6, () => 0);
    const stepSum = grid(G, 6, () => 0);
    const herds = grid(G, 6, () => 0);
    for (let run = 0; run < p.runs; run++) {
      for (let g = 0; g < G; g++) {
        for (let s = 0; s < 6; s++) {
          const c = chainIndex(p, run, g, s);
          if (outcome.herdingStep[c] === 0) continue;
          herds[g][s]++;
          stepSum[g][s] += outcome.herdingStep[c];
          if (outcome.herdAction[c] === 0) herdOnZero[g][s] += 1 / p.runs;
        }
      }
    }
    return {
      key: v.key,
      title: v.title,
      description: v.description,
      mode: v.codeParity ? 'code-parity' : 'filter',
      summary: summarise(outcome, simulator.deterministicCells()),
      herdOnZeroByPriorState: herdOnZero,
      meanHerdStepByPriorState: stepSum.map((row, g) => row.map((sum, s) => (herds[g][s] > 0 ? sum / herds[g][s] : null))),
    };
  });
}

function grid<T>(G: number, S: number, fill: () => T): T[][] {
  return Array.from({ length: G }, () => Array.from({ length: S }, fill));
}
