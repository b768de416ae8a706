// The simulated sensor (spec §4.1, the paper's Monte Carlo setting): y ~ B[x_true], no LLM, no tokens.
import { InputError } from '../core/errors';
import type { DecisionModel } from '../core/model';
import { exampleAttributes } from './example-attributes';
import type { AgentAnswer, AgentRequest, ObservationSource } from './observation-source';
import type { Profile } from './profile';
import { rngFor, sampleIndex } from './rng';

export interface SimulatedSensorOptions {
  /** A state index, or 'label' to draw from each item's own label (a labelled dataset). */
  trueState: number | 'label';
  seed: number;
}

export class SimulatedSensor implements ObservationSource {
  readonly simulated = true;
  readonly description: string;

  constructor(
    private readonly profile: Profile,
    private readonly model: DecisionModel,
    private readonly options: SimulatedSensorOptions,
  ) {
    const X = model.prior.length;
    const t = options.trueState;
    if (t !== 'label' && (!Number.isInteger(t) || t < 0 || t >= X))
      throw new InputError('--true-state', `must be a state index 0..${X - 1}, got ${t}`);
    if (!Number.isInteger(options.seed)) throw new InputError('--seed', `must be an integer, got ${options.seed}`);
    const state = t === 'label' ? "each item's label" : `${t} "${profile.states[t]}"`;
    this.description = `simulated sensor (true state ${state}, seed ${options.seed})`;
  }

  async observe(request: AgentRequest): Promise<AgentAnswer> {
    const base: AgentAnswer = {
      provider: 'simulated',
      model: 'B[x]',
      promptHash: '',
      rawResponse: null,
      attributes: null,
      observation: null,
      tokens: null,
      latencyMs: 0,
      costUsd: null,
      cached: false,
      simulated: true,
    };
    const x = this.options.trueState === 'label' ? request.trueState : this.options.trueState;
    if (x === null || x === undefined)
      return { ...base, error: { kind: 'config', message: 'the simulated sensor needs a true state: this item has no label' } };
    const y = sampleIndex(this.model.likelihood[x], rngFor(this.options.seed, request.item, request.agent));
    return { ...base, model: `B[x=${x}]`, attributes: exampleAttributes(this.profile, y), observation: y };
  }
}
