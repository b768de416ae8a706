// HerdScope: Use a Local Server / Use VS Code Language Models — the two ways to audit without an API key, offered by
// the walkthrough and by Audit Selection when no provider is usable. Both write user (global) settings only.
import * as vscode from 'vscode';
import { CONFIG_SECTION, SettingKeys } from '../ids';
import type { Logger } from '../log';

export interface UseLocalServerArgs {
  /** Given by tests and scripts; otherwise asked for in an input box. */
  baseUrl?: string;
  /** Model name on that server; asked for when absent (empty keeps the profile's models). */
  model?: string;
}

/** Sets herdscope.openai.baseUrl (and the provider, and optionally the model) for an OpenAI-compatible server. */
export async function useLocalServer(log: Logger, args: UseLocalServerArgs = {}): Promise<boolean> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const baseUrl =
    args.baseUrl ??
    (await vscode.window.showInputBox({
      title: 'HerdScope: OpenAI-compatible server',
      prompt: 'Base URL of the server (Ollama, llama.cpp, vLLM, LM Studio…). No key is needed for a local server.',
      value: config.get<string>(SettingKeys.openaiBaseUrl) || 'http://127.0.0.1:11434/v1',
      ignoreFocusOut: true,
      validateInput: (value) => baseUrlProblem(value),
    }));
  if (baseUrl === undefined) return false;
  const problem = baseUrlProblem(baseUrl);
  if (problem) {
    void vscode.window.showErrorMessage(`HerdScope: ${problem}`);
    return false;
  }
  const model =
    args.model ??
    (await vscode.window.showInputBox({
      title: 'HerdScope: model on that server',
      prompt: 'e.g. llama3.2 or qwen2.5 (what `ollama list` shows). Leave empty to keep the models the profile names.',
      value: config.get<string>(SettingKeys.model) ?? '',
      ignoreFocusOut: true,
    }));
  if (model === undefined) return false;
  await config.update(SettingKeys.openaiBaseUrl, baseUrl.trim(), vscode.ConfigurationTarget.Global);
  await config.update(SettingKeys.provider, 'openai', vscode.ConfigurationTarget.Global);
  await config.update(SettingKeys.model, model.trim() || undefined, vscode.ConfigurationTarget.Global);
  log.info(
    'Settings',
    `agents use the OpenAI-compatible server at ${new URL(baseUrl.trim()).origin}${model.trim() ? ` (model ${model.trim()})` : ''}`,
  );
  void vscode.window.showInformationMessage(`HerdScope: agents now use ${baseUrl.trim()}. Run "HerdScope: Audit Selection" again.`);
  return true;
}

/** Sets herdscope.provider to vscode-lm when VS Code has a chat model; says so when it has none. */
export async function useLanguageModels(log: Logger): Promise<boolean> {
  const models = await vscode.lm.selectChatModels();
  if (models.length === 0) {
    void vscode.window.showErrorMessage('HerdScope: this VS Code has no chat model (install and sign in to a chat model extension first).');
    return false;
  }
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update(SettingKeys.provider, 'vscode-lm', vscode.ConfigurationTarget.Global);
  log.info('Settings', `agents use the VS Code Language Model API (${models.map((m) => `${m.vendor}/${m.family}`).join(', ')})`);
  void vscode.window.showInformationMessage(
    `HerdScope: agents now use ${models[0].name} through VS Code. Such runs are marked non-reproducible.`,
  );
  return true;
}

function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'not a URL (expected e.g. http://127.0.0.1:11434/v1)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not contain credentials (user:password@); store a key with "HerdScope: Set API Key"';
  return undefined;
}
