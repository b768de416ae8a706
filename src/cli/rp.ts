// `herdscope rp`: the revealed-preference (NIAS/NIAC) test of spec §3 on a JSON data file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { loadLpSolver, parseChoiceData, solveMaxMargin, solveSparsest, type LpSolverLoadOptions } from '../core/revealed-preference';
import type { CliCommand } from './command';
import { readJsonObject } from './input-files';

const usage = `usage: herdscope rp --data FILE [--common-utility] [--details] [--sparsest EPS_S,EPS_C]

Tests whether observed choices are those of a rationally inattentive Bayesian utility maximiser (spec §3):
the max-margin LP over utilities 0 ≤ r ≤ 1 and costs κ (κ_1 = 0), solved with HiGHS, lexicographically:
first the largest NIAS margin εs, then, holding εs, the largest NIAC margin εc.

  --data FILE          JSON {"environments":[{"prior":[..],"actionGivenState":[[..]]}],"commonUtility":false}
                       prior: X probabilities; actionGivenState: X×A, row x is p(a|x) (rows sum to 1 within 1e-9,
                       non-negative); every environment has the same X and A (A ≥ 2).
  --common-utility     one utility for all environments (overrides the file's "commonUtility")
  --details            also print "grossUtility" (G(m,n) at the reported utilities) and "niasSlack" (per environment)
  --sparsest EPS_S,EPS_C  instead, the sparsest utility: min Σ r with r ≥ 0 at these fixed margins; prints
                       {"feasible":true,"totalUtility":x,"utilities":[[[..]]],"costs":[..]} or {"feasible":false,"reason":".."}

Prints one line: {"niasMargin":x,"niacMargin":x|null,"passes":bool,"utilities":[[[..]]],"costs":[..]}.
niacMargin is null with one environment; passes is niasMargin > 1e-6; utilities is M×X×A (with a common
utility the same X×A matrix is repeated for every environment); costs are κ_m with κ_1 = 0.
Bad input: one line on stderr naming the field, exit code 2.`;

export const rpCommand: CliCommand = {
  name: 'rp',
  summary: 'revealed-preference test (NIAS/NIAC max-margin LP): is the agent a rationally inattentive utility maximiser?',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        'common-utility': { type: 'boolean' },
        details: { type: 'boolean', default: false },
        sparsest: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.data === undefined) throw new InputError('--data', 'is required (a JSON data file)');
    const raw = readJsonObject(values.data, '--data', 'with "environments"');
    const data = parseChoiceData(raw);
    const commonUtility = values['common-utility'] ?? fileCommonUtility(raw);
    const sparsestMargins = values.sparsest === undefined ? undefined : parseMargins(values.sparsest);
    const solver = await loadLpSolver(bundledWasm());

    if (sparsestMargins) {
      const result = solveSparsest(solver, data, { ...sparsestMargins, commonUtility });
      io.stdout(`${JSON.stringify(result)}\n`);
      return 0;
    }
    const result = solveMaxMargin(solver, data, { commonUtility });
    const { niasMargin, niacMargin, passes, utilities, costs } = result;
    const details = values.details ? { grossUtility: result.grossUtility, niasSlack: result.niasSlack } : {};
    io.stdout(`${JSON.stringify({ niasMargin, niacMargin, passes, utilities, costs, ...details })}\n`);
    return 0;
  },
};

function fileCommonUtility(raw: Record<string, unknown>): boolean {
  const value = raw.commonUtility;
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InputError('commonUtility', `must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

function parseMargins(text: string): { niasMargin: number; niacMargin: number } {
  const parts = text.split(',').map((s) => s.trim());
  const numbers = parts.map(Number);
  if (parts.length !== 2 || parts.some((s) => s === '') || numbers.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new InputError('--sparsest', `must be two non-negative numbers EPS_S,EPS_C, got ${JSON.stringify(text)}`);
  }
  return { niasMargin: numbers[0], niacMargin: numbers[1] };
}

/** In dist/cli.js the solver's WebAssembly sits beside the bundle; unbundled (out/), the highs package finds its own. */
function bundledWasm(): LpSolverLoadOptions {
  const wasm = join(__dirname, 'highs.wasm');
  return existsSync(wasm) ? { locateFile: (file) => join(__dirname, file) } : {};
}
