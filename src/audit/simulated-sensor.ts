// The simulated sensor (spec §4.1, the paper's Monte Carlo setting): y ~ B[x_true], no LLM, no tokens.
import { InputError } from '../core/errors';
import type { DecisionModel } from '../core/model';
import { exampleAttributes } from './example-attributes';
import type { AgentAnswer, AgentRequest, ObservationSource } from './observation-source';
import type { Profile } from './profile';
import { rngFor, sampleIndex } from './rng';

export interface SimulatedSensorOptions {
  trueState: number;
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
    if (!Number.isInteger(options.trueState) || options.trueState < 0 || options.trueState >= X) {
      throw new InputError('--true-state', `must be a state index 0..${X - 1}, got ${options.trueState}`);
    }
    if (!Number.isInteger(options.seed)) throw new InputError('--seed', `must be an integer, got ${options.seed}`);
    this.description = `simulated sensor (true state ${options.trueState} "${profile.states[options.trueState]}", seed ${options.seed})`;
  }

  async observe(request: AgentRequest): Promise<AgentAnswer> {
    const rng = rngFor(this.options.seed, request.item, request.agent);
    const y = sampleIndex(this.model.likelihood[this.options.trueState], rng);
    return {
      provider: 'simulated',
      model: `B[x=${this.options.trueState}]`,
      promptHash: '',
      rawResponse: null,
      attributes: exampleAttributes(this.profile, y),
      observation: y,
      tokens: null,
      latencyMs: 0,
      costUsd: null,
      cached: false,
      simulated: true,
    };
  }
}
