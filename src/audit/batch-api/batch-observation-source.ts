// Serves a batch's answers to the chain runner as observations for (item, agent): the same LlmSensor renders, parses and
// indexes them, so steps, beliefs and herding equal the live path's for the same answers; --record writes the same cassette keys.
import { type CassetteWriter } from '../../llm/cassette';
import { estimateCostUsd } from '../../llm/cost';
import { LlmError } from '../../llm/errors';
import type { BatchJobAnswer } from '../../llm/batch/batch-job-runner';
import { customId } from '../../llm/batch/custom-id';
import type { CompletionRequest, CompletionResult, LlmProvider } from '../../llm/provider';
import { requestKey, requestMaterial } from '../../llm/request-key';
import { LlmSensor, type LlmSensorOptions } from '../llm-sensor';
import type { AgentAnswer, AgentRequest, ObservationSource } from '../observation-source';
import type { Profile } from '../profile';

/** Both providers bill batch requests at half the list price. */
export const BATCH_PRICE_FACTOR = 0.5;

export interface BatchSourceOptions extends LlmSensorOptions {
  /** 'openai' or 'mistral': the provider id live calls carry (and cassette keys use). */
  provider: string;
  /** Appends every answer to a cassette, keyed as a live --record would. */
  recorder?: CassetteWriter;
}

export class BatchObservationSource implements ObservationSource {
  readonly simulated = false;
  readonly description: string;

  constructor(
    private readonly profile: Profile,
    private readonly answers: ReadonlyMap<string, BatchJobAnswer>,
    private readonly options: BatchSourceOptions,
  ) {
    this.description = `${new LlmSensor(profile, () => this.missing(), options).description} (batch API)`;
  }

  /** The request agent k of an item sends live; a batch line carries exactly this request. */
  completionRequest(request: AgentRequest): CompletionRequest {
    return new LlmSensor(this.profile, () => this.missing(), this.options).completionRequest(request).completion;
  }

  observe(request: AgentRequest): Promise<AgentAnswer> {
    const answer = this.answers.get(customId(request.item, request.agent));
    const provider: LlmProvider = { id: this.options.provider, complete: (completion) => this.serve(completion, answer) };
    return new LlmSensor(this.profile, () => provider, this.options).observe(request);
  }

  private async serve(completion: CompletionRequest, answer: BatchJobAnswer | undefined): Promise<CompletionResult> {
    const id = this.options.provider;
    if (!answer) throw new LlmError('cancelled', 'the batch was stopped before this request was answered; resume to continue');
    if (!answer.ok) {
      const f = answer.failure;
      const tried = answer.submissions > 1 ? ` (after ${answer.submissions} batch submissions)` : '';
      throw new LlmError(f.kind, `${f.message}${tried}`, { status: f.status });
    }
    const { text, usage } = answer.answer;
    const model = answer.answer.model || completion.model;
    const cost = estimateCostUsd(model, usage);
    if (this.options.recorder) {
      await this.options.recorder.append({
        key: requestKey(id, completion),
        provider: id,
        model: completion.model,
        request: requestMaterial(completion),
        response: { text, usage },
        recordedAt: new Date().toISOString(),
      });
    }
    return { text, provider: id, model, usage, latencyMs: 0, costUsd: cost === null ? null : cost * BATCH_PRICE_FACTOR, attempts: 1, cached: false };
  }

  private missing(): LlmProvider {
    throw new Error('BatchObservationSource: no provider outside observe()');
  }
}
