// Shows a failed audit start as one message (the details go to the log).
import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import { redact } from '../../llm/redact';
import type { Logger } from '../log';
import { ConsentRefusedError } from '../runs/audit-service';
import { MissingKeyError, SourceSetupError } from '../runs/agent-sources';
import { Commands } from '../ids';

export function reportAuditError(log: Logger, err: unknown): void {
  const message = redact(err instanceof Error ? err.message : String(err)); // SDK errors may echo URLs or headers
  log.error('Audit', message);
  if (err instanceof MissingKeyError) {
    const setKey = 'Set API Key';
    void vscode.window.showErrorMessage(`HerdScope: ${message}`, setKey).then((pick) => {
      if (pick === setKey) void vscode.commands.executeCommand(Commands.setApiKey, { provider: err.provider });
    });
  } else if (err instanceof SourceSetupError || err instanceof ConsentRefusedError || err instanceof InputError) {
    void vscode.window.showErrorMessage(`HerdScope: ${message}`);
  } else {
    void vscode.window.showErrorMessage(`HerdScope: the audit could not start: ${message}`, 'Show Log').then((pick) => {
      if (pick) log.show();
    });
  }
}
