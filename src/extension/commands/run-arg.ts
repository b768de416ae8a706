// Run commands accept a run id, `{ runId }` (scripts, tests, panel) or a Runs view item; without one they ask.
import * as vscode from 'vscode';
import type { RunListing } from '../../audit/run-types';
import { RunTreeItem } from '../runs/run-tree-item';

export function runIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof RunTreeItem) return arg.listing.header.runId;
  if (typeof arg === 'object' && arg !== null) {
    const runId = (arg as { runId?: unknown }).runId;
    if (typeof runId === 'string') return runId;
    const listing = (arg as { listing?: RunListing }).listing;
    if (typeof listing?.header?.runId === 'string') return listing.header.runId;
  }
  return undefined;
}

export async function pickRun(runs: RunListing[], title: string): Promise<string | undefined> {
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('HerdScope: there are no runs yet. Try HerdScope: Run Demo.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((r) => ({ label: r.header.title || r.header.runId, description: `${r.status} · ${r.header.runId}`, runId: r.header.runId })),
    { title, matchOnDescription: true },
  );
  return picked?.runId;
}
