// Activation: builds HerdScope's services once, registers every command, view and serializer, and returns the
// small API the integration tests use to observe the extension (test/extension/).
import * as vscode from 'vscode';
import { ApiKeyStore } from './api-keys';
import { Commands } from './ids';
import { createLogger } from './log';
import { setApiKey, type SetApiKeyArgs } from './commands/set-api-key';
import type { HerdScopeApi } from './test-api';

export function activate(context: vscode.ExtensionContext): HerdScopeApi {
  const started = Date.now();
  const channel = vscode.window.createOutputChannel('HerdScope', { log: true });
  context.subscriptions.push(channel);
  const log = createLogger(channel);
  const keys = new ApiKeyStore(context.secrets, log);

  const register = (id: string, handler: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));
  register(Commands.showLog, () => log.show());
  register(Commands.setApiKey, (args?: SetApiKeyArgs) => setApiKey(keys, args));

  log.info('Activation', `activated in ${Date.now() - started} ms (VS Code ${vscode.version}, ${vscode.env.appName})`);
  return { logFolder: context.logUri };
}

export function deactivate(): void {}
