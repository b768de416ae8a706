// Shows a failed audit start as one message (the details go to the log).
import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import { redact } from '../../llm/redact';
import type { Logger } from '../log';
import { ConsentRefusedError } from '../runs/audit-service';
import { MissingKeyError, SourceSetupError } from '../runs/agent-sources';
import { Commands } from '../ids';

/** The buttons offered when no provider is usable, in order. */
export const WaysOut = {
  setKey: 'Set API Key',
  localServer: 'Use a Local Server',
  languageModels: 'Use VS Code Language Models',
  demo: 'Run Demo',
} as const;

/** Resolves once the message is shown (with the buttons it offers); the user's pick is handled after that. */
export async function reportAuditError(log: Logger, err: unknown): Promise<void> {
  const message = redact(err instanceof Error ? err.message : String(err)); // SDK errors may echo URLs or headers
  log.error('Audit', message);
  if (err instanceof MissingKeyError) {
    const provider = err.provider;
    const hasModels = await hasChatModels();
    const buttons = [WaysOut.setKey, WaysOut.localServer, ...(hasModels ? [WaysOut.languageModels] : []), WaysOut.demo];
    log.info('Audit', `no usable provider: offered ${buttons.join(', ')}`);
    void vscode.window.showErrorMessage(`HerdScope: ${message}`, ...buttons).then((pick) => {
      if (pick === WaysOut.setKey) void vscode.commands.executeCommand(Commands.setApiKey, { provider });
      if (pick === WaysOut.localServer) void vscode.commands.executeCommand(Commands.useLocalServer);
      if (pick === WaysOut.languageModels) void vscode.commands.executeCommand(Commands.useLanguageModels);
      if (pick === WaysOut.demo) void vscode.commands.executeCommand(Commands.runDemo);
    });
  } else if (err instanceof SourceSetupError || err instanceof ConsentRefusedError || err instanceof InputError) {
    void vscode.window.showErrorMessage(`HerdScope: ${message}`);
  } else {
    void vscode.window.showErrorMessage(`HerdScope: the audit could not start: ${message}`, 'Show Log').then((pick) => {
      if (pick) log.show();
    });
  }
}

/** Whether VS Code has a chat model; a host that does not answer within 3 s counts as having none. */
async function hasChatModels(): Promise<boolean> {
  const models = vscode.lm.selectChatModels().then(
    (all) => all.length > 0,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000));
  return Promise.race([models, timeout]);
}
