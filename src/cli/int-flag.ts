// Integer flag parsing with a one-line error naming the flag.
import { InputError } from '../core/errors';

export function intFlag(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
    throw new InputError(flag, `must be an integer${max < Number.MAX_SAFE_INTEGER ? ` in ${min}..${max}` : ` ≥ ${min}`}, got '${value}'`);
  return n;
}

/** intFlag for a flag that may be left out. */
export function intFlagOptional(flag: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  return value === undefined ? undefined : intFlag(flag, value, min, max);
}
