// HerdScope: Set API Key — stores an OpenAI or Mistral key in SecretStorage (an empty key removes it).
import * as vscode from 'vscode';
import { ApiKeyStore, isKeyedProvider } from '../api-keys';
import { KeyedProviders, type KeyedProvider } from '../ids';

export interface SetApiKeyArgs {
  provider?: KeyedProvider;
  /** Given by tests and scripts; otherwise asked for in a password input box. */
  key?: string;
}

export async function setApiKey(keys: ApiKeyStore, args: SetApiKeyArgs = {}): Promise<boolean> {
  const provider = args.provider ?? (await pickProvider());
  if (!provider) return false;
  if (!isKeyedProvider(provider)) {
    void vscode.window.showErrorMessage(
      `HerdScope: unknown provider '${String(provider)}' (expected ${Object.keys(KeyedProviders).join(' or ')}).`,
    );
    return false;
  }
  const label = KeyedProviders[provider].label;
  const key =
    args.key ??
    (await vscode.window.showInputBox({
      title: `HerdScope: ${label} API key`,
      prompt: `Stored in VS Code's SecretStorage, never in settings or run files. Leave empty to remove the stored key.`,
      password: true,
      ignoreFocusOut: true,
    }));
  if (key === undefined) return false;
  await keys.set(provider, key);
  void vscode.window.showInformationMessage(key.trim() ? `HerdScope: ${label} API key saved.` : `HerdScope: ${label} API key removed.`);
  return true;
}

async function pickProvider(): Promise<KeyedProvider | undefined> {
  const items = (Object.keys(KeyedProviders) as KeyedProvider[]).map((id) => ({ label: KeyedProviders[id].label, id }));
  const picked = await vscode.window.showQuickPick(items, { title: 'HerdScope: API key for which provider?' });
  return picked?.id;
}
