// `herdscope control stop|spsa|incentives|whatif`: the stochastic control of spec §5 from the command line.
import { InputError } from '../core/errors';
import type { CliCommand } from './command';
import { incentivesUsage, runIncentives } from './control-incentives';
import { runSpsa, spsaUsage } from './control-spsa';
import { runStop, stopUsage } from './control-stop';
import { runWhatIf, whatifUsage } from './control-whatif';

const subcommands = {
  stop: runStop,
  spsa: runSpsa,
  incentives: runIncentives,
  whatif: runWhatIf,
} as const;

const usage = `usage: herdscope control <stop|spsa|incentives|whatif> [options]

${stopUsage}

${spsaUsage}

${incentivesUsage}

${whatifUsage}

Output: one JSON line on stdout. Every simulation is seeded (--seed, default 0) and its result carries the seed.
Bad input: one line on stderr naming the field, exit code 2.`;

export const controlCommand: CliCommand = {
  name: 'control',
  summary: 'delay herding: optimal stopping (value iteration), SPSA thresholds, incentives, what-if replay',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === undefined) throw new InputError('subcommand', 'is required: stop, spsa, incentives or whatif');
    if (!Object.hasOwn(subcommands, sub)) throw new InputError('subcommand', `must be stop, spsa, incentives or whatif, got '${sub}'`);
    return subcommands[sub as keyof typeof subcommands](rest, io);
  },
};
