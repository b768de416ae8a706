// API keys live in SecretStorage only: never in settings, globalState, logs, run files or reports.
import type * as vscode from 'vscode';
import { KeyedProviders, type KeyedProvider } from './ids';
import type { Logger } from './log';

export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Logger,
  ) {}

  async get(provider: KeyedProvider): Promise<string | undefined> {
    const key = await this.secrets.get(KeyedProviders[provider].secretKey);
    if (key) this.log.addSecret(key);
    return key || undefined;
  }

  /** Stores the key, or deletes it when `key` is empty. */
  async set(provider: KeyedProvider, key: string): Promise<void> {
    const trimmed = key.trim();
    if (trimmed) {
      this.log.addSecret(trimmed);
      await this.secrets.store(KeyedProviders[provider].secretKey, trimmed);
      this.log.info('Keys', `${KeyedProviders[provider].label} API key stored in SecretStorage`);
    } else {
      await this.secrets.delete(KeyedProviders[provider].secretKey);
      this.log.info('Keys', `${KeyedProviders[provider].label} API key removed`);
    }
  }

  async has(provider: KeyedProvider): Promise<boolean> {
    return (await this.get(provider)) !== undefined;
  }
}

export function isKeyedProvider(value: unknown): value is KeyedProvider {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KeyedProviders, value);
}
