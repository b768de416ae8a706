// LlmProvider over the VS Code Language Model API (vscode.lm): users with a chat model in VS Code need no key.
// vscode.lm has no seed, so runs through it are marked non-reproducible (see `reproducible`).
import * as vscode from 'vscode';
import { LlmError } from '../llm/errors';
import type { CompletionRequest, CompletionResult, LlmProvider } from '../llm/provider';

/** The part of `vscode.lm` this provider uses (the real namespace in the extension). */
export interface LanguageModelSource {
  selectChatModels(selector?: vscode.LanguageModelChatSelector): Thenable<vscode.LanguageModelChat[]>;
}

export class VscodeLmProvider implements LlmProvider {
  readonly id = 'vscode-lm';
  readonly reproducible = false;

  constructor(private readonly lm: LanguageModelSource = vscode.lm) {}

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    if (request.signal?.aborted) throw new LlmError('cancelled', 'vscode-lm: the request was cancelled before it was sent');
    const model = await this.pickModel(request.model);
    const messages = request.messages.map((m) =>
      m.role === 'assistant'
        ? vscode.LanguageModelChatMessage.Assistant(m.content)
        : // The LM API has no system role: instructions go in as the first user message.
          vscode.LanguageModelChatMessage.User(m.content),
    );
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = () => cancel.cancel();
    request.signal?.addEventListener('abort', onAbort);
    const started = Date.now();
    try {
      if (request.signal?.aborted) throw new LlmError('cancelled', 'vscode-lm: the request was cancelled'); // while the model was being chosen
      const response = await model.sendRequest(
        messages,
        { justification: 'HerdScope sends the text you audit to each agent of the chain.' },
        cancel.token,
      );
      let text = '';
      for await (const chunk of response.text) text += chunk;
      if (cancel.token.isCancellationRequested) throw new LlmError('cancelled', 'vscode-lm: the request was cancelled');
      const latencyMs = Date.now() - started;
      const usage = await countUsage(model, request, text);
      return { text, provider: this.id, model: describeModel(model), usage, latencyMs, costUsd: null, attempts: 1, cached: false };
    } catch (err) {
      throw toProviderError(err, cancel.token.isCancellationRequested);
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      cancel.dispose();
    }
  }

  /** `model` may be a model id, a family, "vendor/family", or empty for the first available model. */
  private async pickModel(wanted: string): Promise<vscode.LanguageModelChat> {
    const all = await this.lm.selectChatModels();
    const w = wanted.trim();
    const match = w === '' ? all[0] : all.find((m) => m.id === w || m.family === w || `${m.vendor}/${m.family}` === w || m.name === w);
    if (!match) {
      const available = all.map((m) => `${m.vendor}/${m.family}`).join(', ');
      throw new LlmError(
        'config',
        all.length === 0
          ? 'vscode-lm: no VS Code chat model is available (install and sign in to a chat model extension, or choose another provider)'
          : `vscode-lm: no VS Code chat model matches '${w}' (available: ${available})`,
      );
    }
    return match;
  }
}

function toProviderError(err: unknown, cancelled: boolean): LlmError {
  if (err instanceof LlmError) return err;
  if (cancelled || err instanceof vscode.CancellationError) return new LlmError('cancelled', 'vscode-lm: the request was cancelled');
  if (err instanceof vscode.LanguageModelError) {
    switch (err.code) {
      case vscode.LanguageModelError.NoPermissions.name:
        return new LlmError(
          'config',
          `vscode-lm: HerdScope may not use this chat model yet: run the audit again and choose Allow when VS Code asks, or allow HerdScope under Accounts › Manage Language Model Access (${err.message})`,
        );
      case vscode.LanguageModelError.Blocked.name:
        return new LlmError(
          'rate-limit',
          `vscode-lm: the chat model refused the request (blocked or over quota); wait and resume, or pick another model with herdscope.model (${err.message})`,
          { retryable: true },
        );
      case vscode.LanguageModelError.NotFound.name:
        return new LlmError('config', `vscode-lm: the chat model no longer exists; pick another with herdscope.model (${err.message})`);
      default:
        return new LlmError('provider', `vscode-lm: ${err.message}`, { cause: err });
    }
  }
  return new LlmError('provider', `vscode-lm: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

function describeModel(m: vscode.LanguageModelChat): string {
  return `${m.vendor}/${m.family}${m.version ? `@${m.version}` : ''}`;
}

async function countUsage(model: vscode.LanguageModelChat, request: CompletionRequest, answer: string): Promise<CompletionResult['usage']> {
  try {
    let prompt = 0;
    for (const m of request.messages) prompt += await model.countTokens(m.content);
    return { prompt, completion: await model.countTokens(answer) };
  } catch {
    return null;
  }
}
