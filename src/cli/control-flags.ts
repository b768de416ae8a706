// Flag parsing shared by the `herdscope control` subcommands: numbers, lists, enums and the stopping problem.
import { InputError } from '../core/errors';
import type { StoppingProblemOptions } from '../core/control/stopping-problem';
import { intFlagOptional } from './int-flag';

export function numberFlag(flag: string, value: string | undefined, min = -Infinity, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new InputError(flag, `must be a number${min > -Infinity || max < Infinity ? ` in [${min}, ${max}]` : ''}, got '${value}'`);
  }
  return n;
}

export function enumFlag<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new InputError(flag, `must be one of ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}

/** The stopping-problem flags common to `control stop` and `control spsa`. */
export const problemFlagSpec = {
  discount: { type: 'string' },
  horizon: { type: 'string' },
  delay: { type: 'string' },
  'terminal-cost': { type: 'string' },
  'classification-cost': { type: 'string' },
} as const;

export function problemOptions(values: Record<string, string | boolean | undefined>): StoppingProblemOptions {
  const opts: StoppingProblemOptions = {};
  const str = (k: string) => values[k] as string | undefined;
  opts.discount = numberFlag('--discount', str('discount'), 0, 1);
  const horizon = str('horizon');
  if (horizon !== undefined)
    opts.horizon = horizon === 'inf' || horizon === 'Infinity' ? Infinity : intFlagOptional('--horizon', horizon, 1);
  const delay = str('delay');
  if (delay !== undefined) {
    const parts = delay.split(',').map((s, i) => numberFlag(delayField(delay, i), s, 0) as number);
    opts.delay = parts.length === 1 ? parts[0] : parts;
  }
  opts.terminalCost = numberFlag('--terminal-cost', str('terminal-cost'));
  const c = str('classification-cost');
  if (c !== undefined) {
    try {
      opts.classificationCost = JSON.parse(c) as number[][];
    } catch {
      throw new InputError('--classification-cost', `must be a JSON matrix such as [[0,1],[1,0]], got '${c}'`);
    }
  }
  for (const k of Object.keys(opts) as (keyof StoppingProblemOptions)[]) if (opts[k] === undefined) delete opts[k];
  return opts;
}

const delayField = (delay: string, i: number) => (delay.includes(',') ? `--delay[${i}]` : '--delay');
