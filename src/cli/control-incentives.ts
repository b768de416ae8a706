// `herdscope control incentives`: the incentive experiments of spec §5.2 — one γ, a γ sweep, or SPSA over γ.
import { parseArgs } from 'node:util';
import { incentivePreset, type IncentivePresetName } from '../core/control/incentive-presets';
import { learnIncentiveThreshold, sweepIncentiveThreshold, type IncentiveSpsaPresetName } from '../core/control/incentive-spsa';
import { simulateIncentives, type IncentiveSetting } from '../core/control/incentives';
import { linspace } from '../core/control/statistics';
import { InputError } from '../core/errors';
import type { CliIo } from './command';
import { enumFlag, numberFlag } from './control-flags';
import { intFlagOptional } from './int-flag';

export const incentivesUsage = `herdscope control incentives --preset experiment1|experiment2 [--mode corrected|code] [--gamma G]
    [--runs R] [--seed S] [--horizon N] [--filter incentivized|unincentivized] [--trajectories]
    [--sweep POINTS] [--spsa [--spsa-preset canonical|code-incentives] [--iterations N] [--misclassification-weight W]]
  Autonomous agents with incentives (spec §5.2, §7.13): agent k maximises u_a'η + ω_a·i − δ_a (ties to the
  lowest index); when π_{k−1}(0) ≥ γ the platform pays the minimal incentive making the action its observation
  indicates weakly optimal, plus ε. --mode code runs the notebook's formula, filter and update instead.
  Prints {preset, mode, setting, simulation} (expected total incentive, classification rate), plus
  sweep:{points:[{gamma,totalIncentive,classificationRate,..}]} with --sweep, spsa:{gamma, trace} with --spsa.`;

export async function runIncentives(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      preset: { type: 'string' },
      mode: { type: 'string' },
      gamma: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      horizon: { type: 'string' },
      filter: { type: 'string' },
      trajectories: { type: 'boolean', default: false },
      sweep: { type: 'string' },
      spsa: { type: 'boolean', default: false },
      'spsa-preset': { type: 'string' },
      iterations: { type: 'string' },
      'misclassification-weight': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const name = enumFlag<IncentivePresetName>('--preset', values.preset, ['experiment1', 'experiment2']);
  if (!name) throw new InputError('--preset', 'is required (experiment1 or experiment2)');
  const mode = enumFlag('--mode', values.mode, ['corrected', 'code'] as const) ?? 'corrected';
  const preset = incentivePreset(name, mode);
  const setting: IncentiveSetting = { ...preset.setting };
  const gamma = numberFlag('--gamma', values.gamma, 0, 1);
  if (gamma !== undefined) setting.gamma = gamma;
  const horizon = intFlagOptional('--horizon', values.horizon, 1);
  if (horizon !== undefined) setting.horizon = horizon;
  const filter = enumFlag('--filter', values.filter, ['incentivized', 'unincentivized'] as const);
  if (filter) setting.publicFilter = filter;
  const runs = intFlagOptional('--runs', values.runs, 1) ?? preset.runs;
  const seed = intFlagOptional('--seed', values.seed, -Number.MAX_SAFE_INTEGER) ?? 0;
  const out: Record<string, unknown> = {
    preset: name,
    mode,
    notes: preset.notes,
    setting,
    simulation: simulateIncentives(setting, { runs, seed, trajectories: values.trajectories }),
  };
  const sweepPoints = intFlagOptional('--sweep', values.sweep, 2, 10_000);
  if (sweepPoints) out.sweep = sweepIncentiveThreshold(setting, linspace(0, 1, sweepPoints), runs, seed);
  if (values.spsa) {
    out.spsa = learnIncentiveThreshold(setting, {
      preset: enumFlag<IncentiveSpsaPresetName>('--spsa-preset', values['spsa-preset'], ['canonical', 'code-incentives']) ?? 'canonical',
      seed,
      iterations: intFlagOptional('--iterations', values.iterations, 1),
      misclassificationWeight: numberFlag('--misclassification-weight', values['misclassification-weight'], 0),
    });
  }
  io.stdout(`${JSON.stringify(out)}\n`);
  return 0;
}
