// HerdScope: Audit Selection — the selected text (or `text` passed by a script) through the active profile's chain,
// streamed into the audit panel.
import * as vscode from 'vscode';
import type { AuditService } from '../runs/audit-service';
import type { PanelManager } from '../panel/panel-manager';
import { reportAuditError } from './report-error';
import type { Logger } from '../log';

export interface AuditSelectionArgs {
  text?: string;
  /** Built-in name or path; default: the active profile. */
  profile?: string;
}

export interface AuditSelectionDeps {
  audits: AuditService;
  panels: PanelManager;
  activeProfile(): string;
  resolveProfile(ref: string): string;
  log: Logger;
}

/** Returns the run id and a promise that settles when the run ends (tests await it). */
export async function auditSelection(
  deps: AuditSelectionDeps,
  args: AuditSelectionArgs = {},
): Promise<{ runId: string; done: Promise<void> } | undefined> {
  const text = args.text ?? selectedText();
  if (text === undefined || text.trim() === '') {
    void vscode.window.showWarningMessage('HerdScope: select some text in an editor first (the selection is what the agents read).');
    return undefined;
  }
  try {
    const started = await deps.audits.startText({
      kind: 'selection',
      title: titleFor(text),
      text,
      profile: { ref: args.profile ? deps.resolveProfile(args.profile) : deps.activeProfile() },
    });
    await deps.panels.open(started.runId);
    return started;
  } catch (err) {
    await reportAuditError(deps.log, err);
    return undefined;
  }
}

function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  return editor.selections
    .map((s) => editor.document.getText(s))
    .filter((t) => t.length > 0)
    .join('\n');
}

/** The first words of the text, on one line. */
export function titleFor(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
