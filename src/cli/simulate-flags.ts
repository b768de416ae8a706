// Parses the simulate flags and reconciles them with a sequences-file header (a conflict is bad input).
import { InputError } from '../core/errors';
import { assertPriorValue, linspace01, type SequencesHeader, type SimulationPlan } from '../core/simulate';

/** Flags as given; undefined means "not given" (defaults or the sequences header apply). */
export interface SimulateFlags {
  agents?: number;
  runs?: number;
  priors?: number;
  priorValues?: number[];
  trueStates?: number[];
  seed?: number;
}

export const DEFAULTS = { agents: 80, runs: 10, priors: 30, seed: 0 };

type RawFlags = Partial<Record<'agents' | 'runs' | 'priors' | 'prior-values' | 'true-states' | 'seed', string>>;

export function parseSimulateFlags(values: RawFlags, X: number): SimulateFlags {
  if (values.priors !== undefined && values['prior-values'] !== undefined)
    throw new InputError('--prior-values', 'give either --priors or --prior-values, not both');
  const flags: SimulateFlags = {};
  if (values.agents !== undefined) flags.agents = integer(values.agents, '--agents', 1);
  if (values.runs !== undefined) flags.runs = integer(values.runs, '--runs', 1);
  if (values.priors !== undefined) flags.priors = integer(values.priors, '--priors', 1);
  if (values['prior-values'] !== undefined)
    flags.priorValues = list(values['prior-values'], '--prior-values').map((s, i) =>
      assertPriorValue(number(s, `--prior-values[${i}]`), `--prior-values[${i}]`),
    );
  if (values['true-states'] !== undefined) flags.trueStates = trueStates(values['true-states'], X);
  if (values.seed !== undefined) flags.seed = integer(values.seed, '--seed', Number.MIN_SAFE_INTEGER);
  return flags;
}

/** The plan from the flags, defaults and (when replaying) the header; flags given must agree with the header. */
export function resolvePlan(flags: SimulateFlags, header: SequencesHeader | null, codeParity: boolean, X: number): SimulationPlan {
  const gridFromFlags = flags.priorValues ?? (flags.priors !== undefined ? linspace01(flags.priors) : undefined);
  if (!header) {
    return {
      agents: flags.agents ?? DEFAULTS.agents,
      runs: flags.runs ?? DEFAULTS.runs,
      priorGrid: gridFromFlags ?? linspace01(DEFAULTS.priors),
      trueStates: flags.trueStates ?? Array.from({ length: X }, (_, i) => i),
      codeParity,
    };
  }
  agree('agents', flags.agents, header.agents, '--agents');
  agree('runs', flags.runs, header.runs, '--runs');
  agree('seed', flags.seed, header.seed, '--seed');
  if (flags.priors !== undefined) agree('grid', flags.priors, header.grid, '--priors');
  if (gridFromFlags && !sameList(gridFromFlags, header.prior_grid)) {
    throw new InputError(
      'sequences.prior_grid',
      `${JSON.stringify(header.prior_grid)} conflicts with ${flags.priorValues ? '--prior-values' : '--priors'} (${JSON.stringify(gridFromFlags)})`,
    );
  }
  if (flags.trueStates && !sameList(flags.trueStates, header.true_states)) {
    throw new InputError(
      'sequences.true_states',
      `${JSON.stringify(header.true_states)} conflicts with --true-states ${flags.trueStates.join(',')}`,
    );
  }
  return { agents: header.agents, runs: header.runs, priorGrid: header.prior_grid, trueStates: header.true_states, codeParity };
}

function agree(key: string, flag: number | undefined, headerValue: number, flagName: string): void {
  if (flag !== undefined && flag !== headerValue) throw new InputError(`sequences.${key}`, `is ${headerValue} but ${flagName} is ${flag}`);
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function list(text: string, field: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new InputError(field, `must be a comma-separated list, got ${JSON.stringify(text)}`);
  return items;
}

function number(text: string, field: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new InputError(field, `must be a number, got ${JSON.stringify(text)}`);
  return v;
}

function integer(text: string, field: string, min: number): number {
  const v = Number(text);
  if (!/^[-+]?\d+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < min)
    throw new InputError(field, `must be an integer ≥ ${min}, got ${JSON.stringify(text)}`);
  return v;
}

/** "all" is every state in index order. */
function trueStates(text: string, X: number): number[] {
  if (text.trim() === 'all') return Array.from({ length: X }, (_, i) => i);
  const states = list(text, '--true-states').map((s, i) => integer(s, `--true-states[${i}]`, 0));
  states.forEach((x, i) => {
    if (x >= X) throw new InputError(`--true-states[${i}]`, `must be a state in 0..${X - 1}, got ${x}`);
  });
  if (new Set(states).size !== states.length) throw new InputError('--true-states', 'must not repeat a state');
  return states;
}
