// The one point where a live answer enters the system: every known key is cut from it before anything stores or prints it.
import { LlmError } from './errors';
import type { CompletionRequest, CompletionResult, LlmProvider } from './provider';
import { redact, redactSecrets } from './redact';

/** A server may echo the key (in the content, the model name, a refusal): callers only ever see it redacted. */
export class RedactingProvider implements LlmProvider {
  readonly id: string;
  private readonly secrets: readonly string[];

  constructor(
    private readonly inner: LlmProvider,
    secrets: readonly (string | undefined)[],
  ) {
    this.id = inner.id;
    this.secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    try {
      return redactResult(await this.inner.complete(request), this.secrets);
    } catch (error) {
      if (error instanceof LlmError) error.message = redact(error.message, this.secrets);
      throw error;
    }
  }
}

/** The answer with every secret replaced in each text field that came from the server. */
export function redactResult(result: CompletionResult, secrets: readonly string[]): CompletionResult {
  if (secrets.length === 0) return result;
  return { ...result, text: redactSecrets(result.text, secrets), model: redactSecrets(result.model, secrets) };
}
