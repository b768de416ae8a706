// `herdscope control spsa`: learns the stopping threshold (or the linear policy for X > 2) by SPSA.
import { parseArgs } from 'node:util';
import { learnStoppingThreshold, type StoppingSpsaPresetName } from '../core/control/stopping-spsa';
import { stoppingProblem, type StoppingProblem } from '../core/control/stopping-problem';
import { solveTwoStateStopping } from '../core/control/value-iteration';
import type { Orientation } from '../core/control/threshold-policy';
import type { CliIo } from './command';
import { enumFlag, problemFlagSpec, problemOptions } from './control-flags';
import { readModelFile } from './input-files';
import { intFlagOptional } from './int-flag';

export const spsaUsage = `herdscope control spsa --model FILE [--preset canonical|code-central] [--iterations N] [--runs R]
    [--seed S] [--objective textbook|code-parity] [--orientation auto|continue-below|stop-below]
    [--state-index I] [--final-runs R] [--perturbation rademacher|plus-one] [--crn|--no-crn] [stop-problem flags]
  SPSA (spec §5.3) over θ with threshold sin²θ on π(I) (two states) or the linear policy
  stop iff π(1) + Σ θ_i π(i+1) ≥ sin²θ_last (X > 2), cost by seeded Monte Carlo (R runs per evaluation).
  canonical: Rademacher Δ, Spall gains, common random numbers; code-central: the notebook's schedules.
  --objective code-parity runs the notebook loop (stop iff π(0) < sin²θ, non-absorbing).
  --orientation auto (default) takes the orientation of the value-iteration policy (two states).
  Prints {seed, preset, settings, theta, threshold, policy, trace:[{iteration, theta, threshold, costEstimate, ...}], final}.`;

export async function runSpsa(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      preset: { type: 'string' },
      iterations: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      objective: { type: 'string' },
      orientation: { type: 'string' },
      'state-index': { type: 'string' },
      'final-runs': { type: 'string' },
      perturbation: { type: 'string' },
      crn: { type: 'boolean' },
      'no-crn': { type: 'boolean' },
      ...problemFlagSpec,
    },
    strict: true,
    allowPositionals: false,
  });
  const model = readModelFile(values.model);
  const problem = stoppingProblem(model, problemOptions(values));
  const preset = enumFlag<StoppingSpsaPresetName>('--preset', values.preset, ['canonical', 'code-central']) ?? 'canonical';
  const objective = enumFlag('--objective', values.objective, ['textbook', 'code-parity'] as const) ?? 'textbook';
  const orientationFlag = enumFlag('--orientation', values.orientation, ['auto', 'continue-below', 'stop-below'] as const) ?? 'auto';
  const stateIndex = intFlagOptional('--state-index', values['state-index'], 0, model.prior.length - 1);
  const result = learnStoppingThreshold(problem, {
    preset,
    seed: intFlagOptional('--seed', values.seed, -Number.MAX_SAFE_INTEGER) ?? 0,
    iterations: intFlagOptional('--iterations', values.iterations, 1),
    runsPerEvaluation: intFlagOptional('--runs', values.runs, 1),
    finalRuns: intFlagOptional('--final-runs', values['final-runs'], 0),
    objective,
    stateIndex,
    orientation: orientationFlag === 'auto' ? autoOrientation(problem, stateIndex ?? 1) : orientationFlag,
    perturbation: enumFlag('--perturbation', values.perturbation, ['rademacher', 'plus-one'] as const),
    commonRandomNumbers: values['no-crn'] ? false : values.crn ? true : undefined,
  });
  io.stdout(`${JSON.stringify(result)}\n`);
  return 0;
}

/** The orientation of the optimal two-state policy (a coarse grid suffices); continue-below otherwise. */
function autoOrientation(problem: StoppingProblem, stateIndex: number): Orientation {
  if (problem.model.prior.length !== 2) return 'continue-below';
  const found = solveTwoStateStopping(problem, { gridSize: 201 }).shape.orientation ?? 'continue-below';
  if (stateIndex === 1) return found;
  return found === 'continue-below' ? 'stop-below' : 'continue-below';
}
