// `herdscope forecast`: the herding-risk forecast of a profile or model file, before any LLM call (issue 10 §3).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { htmlForecast } from '../audit/report/html-forecast';
import { InputError } from '../core/errors';
import { FORECAST_DEFAULTS, ForecastCancelledError, forecastHerdingAsync, type ForecastResult } from '../core/forecast';
import { parseDecisionModel, type DecisionModel } from '../core/model';
import { assertProbabilityVector } from '../core/probability';
import { assertSeed } from '../core/random';
import type { CliCommand } from './command';
import { forecastText, type Names } from './forecast-output';
import { readJsonObject } from './input-files';
import { intFlag, intFlagOptional } from './int-flag';
import { loadProfileFlag } from './profile-flags';

const usage = `usage: herdscope forecast (--profile P | --model MODEL.json) [--agents N] [--prior p1,p2,..] [--json] [--html OUT]
       [--max-beliefs M=${FORECAST_DEFAULTS.maxBeliefs}] [--chains C=${FORECAST_DEFAULTS.chains}] [--seed S=0]

Forecasts herding before any LLM call (spec §4): the true state is fixed along the chain, agent k observes
y ~ B[state] and acts as in \`learn\`. Per true state i: P(the herding step is ≤ k) for k = 1..N, the probability
of herding on an action that is not optimal for i (not in argmax_a u(i,a)), and the expected herding step given
that the chain herds within N agents. Also where the cascade region lies: for two states the intervals of π(0)
on the prior axis, for more states its share of the simplex (uniform points, seeded), and whether the prior is in it.

  --profile P        built-in profile (hate-speech, hate-speech-binary, product-quality) or a profile JSON file
  --model FILE       the learn model file {"prior", "likelihood", "utility"|"cost", "transition"?}; other fields are
                     ignored, so a simulate model file works (its "prior" may then come from --prior)
  --agents N         agents in the chain (default: the profile's, or 10 with --model)
  --prior LIST       π0 as comma-separated probabilities summing to 1 (overrides the profile's or file's prior)
  --max-beliefs M    enumerate exactly while at most M distinct public beliefs are reachable; beyond, Monte Carlo
  --chains C         Monte Carlo chains per true state
  --seed S           seed of the Monte Carlo chains (createRng(S, state)) and of the simplex points
  --html OUT         also write a standalone HTML page (chart of P(herded by k) per state, no scripts) to OUT
  --json             one JSON line: {"exact":bool,"agents":N,"states":[{"state":i,"herdedBy":[N numbers],
                     "wrongHerd":p,"expectedHerdingStep":x|null,"herdOn":[A numbers],"intervals"?:{..}}],
                     "prior":[..],"distinctBeliefs":n,"maxBeliefs":M,"chains"?:C,"seed"?:S,"cascadeRegion":{..}}

The transition must be the identity or absent. "exact": true means computed by enumerating every reachable public
belief with its probability (to 1e-9); false means Monte Carlo, with Wilson 95% intervals (and a normal interval for
the expected step) under "intervals". Bad input: one line on stderr naming the field, exit code 2.`;

export const forecastCommand: CliCommand = {
  name: 'forecast',
  summary: 'forecast herding per true state (when, how wrongly) and the cascade region, before any LLM call',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        profile: { type: 'string' },
        model: { type: 'string' },
        agents: { type: 'string' },
        prior: { type: 'string' },
        json: { type: 'boolean', default: false },
        html: { type: 'string' },
        'max-beliefs': { type: 'string' },
        chains: { type: 'string' },
        seed: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if ((values.profile === undefined) === (values.model === undefined)) {
      throw new InputError(
        values.profile === undefined ? '--profile' : '--model',
        values.profile === undefined ? 'is required (or give --model)' : 'give either --profile or --model, not both',
      );
    }
    const target = values.profile !== undefined ? await fromProfile(values.profile) : fromModelFile(values.model as string, values.prior);
    const model =
      values.prior === undefined ? target.model : { ...target.model, prior: parsePrior(values.prior, target.model.prior.length) };
    const agents = intFlagOptional('--agents', values.agents, 1, 100_000) ?? target.agents;
    let result: ForecastResult;
    try {
      // in time slices, so Ctrl-C (io.signal) is seen during a long enumeration
      result = await forecastHerdingAsync(model, {
        agents,
        maxBeliefs: intFlagOptional('--max-beliefs', values['max-beliefs'], 0, 100_000_000),
        chains: intFlagOptional('--chains', values.chains, 1, 100_000_000),
        seed: values.seed === undefined ? undefined : assertSeed(intFlag('--seed', values.seed, Number.MIN_SAFE_INTEGER), '--seed'),
        signal: io.signal,
      });
    } catch (err) {
      if (!(err instanceof ForecastCancelledError)) throw err;
      io.stderr('herdscope forecast: cancelled\n');
      return 130;
    }
    if (values.html !== undefined) {
      const out = values.html;
      await writeFile(out, htmlForecast(result, target.names, target.source), 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new InputError('--html', `cannot write ${out} (${err.code ?? err.message})`);
      });
    }
    io.stdout(values.json ? `${JSON.stringify(result)}\n` : forecastText(result, target.names, target.source));
    return 0;
  },
};

interface Target {
  model: DecisionModel;
  agents: number;
  names: Names;
  source: string;
}

async function fromProfile(profile: string): Promise<Target> {
  const loaded = await loadProfileFlag(profile, undefined);
  const { profile: p } = loaded;
  return { model: loaded.model, agents: p.agents.count, names: { states: p.states, actions: p.actions }, source: `profile ${p.name}` };
}

/** A model file whose prior may be left to --prior (as in a simulate model file). */
function fromModelFile(file: string, prior: string | undefined): Target {
  const raw = readJsonObject(file, '--model', 'with prior, likelihood and utility or cost');
  if (raw.prior === undefined && prior === undefined) throw new InputError('--prior', 'is required: the model file has no prior');
  const X = Array.isArray(raw.likelihood) ? raw.likelihood.length : 0;
  const model = parseDecisionModel(raw.prior === undefined ? { ...raw, prior: parsePrior(prior as string, X) } : raw);
  return { model, agents: 10, names: { states: [], actions: [] }, source: `model ${file}` };
}

function parsePrior(list: string, X: number): number[] {
  const values = list.split(',').map((s, i) => {
    const t = s.trim();
    const v = Number(t);
    if (t === '' || !Number.isFinite(v)) throw new InputError(`--prior[${i}]`, `must be a number, got ${JSON.stringify(s)}`);
    return v;
  });
  return [...assertProbabilityVector(values, '--prior', X)];
}
