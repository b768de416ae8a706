// The LLM as the agents' sensor: render the prompt, call the provider, parse and validate the answer, index it (spec §2.1–2.3).
import { observationIndex } from '../core/observation-index';
import { attributesJsonSchema, type AttributeSpec } from '../llm/attribute-schema';
import { LlmError } from '../llm/errors';
import { parseAnswer } from '../llm/parse-answer';
import type { CompletionRequest, LlmProvider } from '../llm/provider';
import type { AgentAnswer, AgentRequest, ObservationSource } from './observation-source';
import { perturbText } from './perturb';
import { agentSettings, profileIndexing, type AgentSettings, type Profile } from './profile';
import { promptHash, renderMessages } from './prompt';
import { rngFor } from './rng';
import type { StepError } from '../shared/step-record';

/** The provider that serves an agent's settings (one per provider kind + model, shared by the agents that use it). */
export type ProviderResolver = (settings: AgentSettings, agent: number) => LlmProvider;

export interface LlmSensorOptions {
  /** Seeds the per-agent text perturbation; the request seed is the agent's position so agents sample independently. */
  seed?: number;
  /** Overrides the profile's model for every agent (CLI --model). */
  model?: string;
  /** Overrides the profile's provider kind for every agent (CLI --provider), so answers and headers name the one used. */
  provider?: string;
  /** Labels every answer as simulated (the offline demo cassette). */
  simulated?: boolean;
  /** Sends the answer JSON Schema for structured outputs (default true). */
  structuredOutput?: boolean;
}

export class LlmSensor implements ObservationSource {
  readonly simulated: boolean;
  readonly description: string;
  private readonly specs: AttributeSpec[];

  constructor(
    private readonly profile: Profile,
    private readonly resolve: ProviderResolver,
    private readonly options: LlmSensorOptions = {},
  ) {
    this.simulated = options.simulated ?? false;
    this.specs = profile.attributes.map((a) =>
      a.type === 'enum' ? { name: a.name, type: 'enum', values: a.values } : { name: a.name, type: 'boolean' },
    );
    const s = this.settings(1);
    this.description = `${s.provider} ${s.model}`;
  }

  settings(agent: number): AgentSettings {
    const s = agentSettings(this.profile, agent);
    const { model, provider } = this.options;
    return model || provider
      ? { ...s, ...(model ? { model } : {}), ...(provider ? { provider: provider as AgentSettings['provider'] } : {}) }
      : s;
  }

  /** The exact request agent k sends (also what a cassette entry for it is keyed on). */
  completionRequest(request: AgentRequest): { settings: AgentSettings; completion: CompletionRequest } {
    const settings = this.settings(request.agent);
    const interacting = this.profile.mode === 'interacting';
    const text = perturbText(request.text, settings.perturb, rngFor(this.options.seed ?? 0, request.item, request.agent));
    const messages = renderMessages(this.profile, settings, {
      text,
      predecessors: request.predecessors,
      publicBelief: request.publicBelief,
    });
    const completion: CompletionRequest = {
      model: settings.model,
      messages,
      temperature: settings.temperature,
      ...(settings.topP !== undefined ? { topP: settings.topP } : {}),
      maxTokens: settings.maxTokens,
      seed: request.agent,
      ...(this.options.structuredOutput === false
        ? {}
        : {
            jsonSchema: {
              name: 'herdscope_answer',
              schema: attributesJsonSchema(this.specs, interacting ? this.profile.actions : undefined),
            },
          }),
      ...(request.signal ? { signal: request.signal } : {}),
    };
    return { settings, completion };
  }

  async observe(request: AgentRequest): Promise<AgentAnswer> {
    const interacting = this.profile.mode === 'interacting';
    const { settings, completion } = this.completionRequest(request);
    const base: AgentAnswer = {
      provider: settings.provider,
      model: settings.model,
      promptHash: promptHash(completion.messages),
      rawResponse: null,
      attributes: null,
      observation: null,
      tokens: null,
      latencyMs: 0,
      costUsd: null,
      cached: false,
      simulated: this.simulated,
    };
    let provider: LlmProvider;
    try {
      provider = this.resolve(settings, request.agent);
      const result = await provider.complete(completion);
      Object.assign(base, {
        provider: result.provider,
        model: result.model || settings.model,
        rawResponse: result.text,
        tokens: result.usage,
        latencyMs: result.latencyMs,
        costUsd: result.costUsd,
        cached: result.cached,
      });
    } catch (error) {
      return { ...base, error: callError(error) };
    }
    const parsed = parseAnswer(
      base.rawResponse ?? '',
      this.specs,
      interacting ? { actions: this.profile.actions, actionRequired: true } : {},
    );
    if (!parsed.ok) return { ...base, notes: parsed.notes, error: { kind: parsed.kind, message: parsed.message } };
    let y: number;
    try {
      y = observationIndex(profileIndexing(this.profile), parsed.attributes);
    } catch (error) {
      return { ...base, notes: parsed.notes, error: { kind: 'schema', message: (error as Error).message } };
    }
    return {
      ...base,
      attributes: parsed.attributes,
      observation: y,
      notes: parsed.notes,
      ...(interacting ? { llmAction: parsed.action } : {}),
    };
  }
}

function callError(error: unknown): StepError {
  if (error instanceof LlmError) return { kind: error.kind, message: error.message };
  return { kind: 'provider', message: error instanceof Error ? error.message : String(error) };
}
