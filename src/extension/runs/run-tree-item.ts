// How one run looks in the Runs view: status icon, herding step and revealed-preference verdict at a glance.
import * as vscode from 'vscode';
import type { RunListing } from '../../audit/run-types';
import { Commands } from '../ids';

export class RunTreeItem extends vscode.TreeItem {
  constructor(readonly listing: RunListing) {
    super(listing.header.title || listing.header.runId, vscode.TreeItemCollapsibleState.None);
    const { header, status } = listing;
    this.id = header.runId;
    this.description = describeRun(listing);
    this.tooltip = tooltipFor(listing);
    this.iconPath = new vscode.ThemeIcon(STATUS_ICONS[status] ?? 'circle-outline');
    this.contextValue = `herdscope.run.${status}.${header.kind}`; // the menus offer Resume on cancelled/failed/interrupted dataset runs
    this.command = { command: Commands.openRun, title: 'Open Run', arguments: [{ runId: header.runId }] };
    this.accessibilityInformation = { label: `${this.label}, ${status}, ${this.description}` };
  }
}

const STATUS_ICONS: Record<string, string> = {
  running: 'sync~spin',
  completed: 'pass',
  cancelled: 'circle-slash',
  failed: 'error',
  interrupted: 'debug-pause',
};

/** e.g. "completed · herding at agent 4 · NIAS pass" or "running · 12/40 items · herded 25%". */
export function describeRun(listing: RunListing): string {
  const parts: string[] = [listing.status];
  if (listing.header.items > 1) {
    parts.push(`${listing.itemsDone}/${listing.header.items} items`);
    if (listing.herdingRate !== null) parts.push(`herded ${Math.round(listing.herdingRate * 100)}%`);
  } else if (listing.itemsDone > 0) {
    parts.push(listing.herdingStep === null ? 'no herding' : `herding at agent ${listing.herdingStep}`);
  }
  if (listing.rp) parts.push(`RP ${listing.rp.passes ? 'pass' : 'fail'}`);
  if (listing.header.simulated) parts.push(listing.header.kind === 'demo' ? 'demo' : 'simulated');
  return parts.join(' · ');
}

function tooltipFor(listing: RunListing): vscode.MarkdownString {
  const { header } = listing;
  const md = new vscode.MarkdownString(undefined, false);
  md.supportHtml = false;
  md.appendMarkdown(`**${escapeMd(header.title || header.runId)}**\n\n`);
  const rows: Array<[string, string]> = [
    ['Run', header.runId],
    ['Kind', header.kind + (header.simulated ? ' (simulated / demo: not a live model)' : '')],
    ['Status', listing.status],
    ['Profile', `${header.profileName} (${header.mode} mode)`],
    ['Agents', String(header.agents)],
    ['Provider', header.providerSummary],
    ['Started', header.startedAt],
  ];
  if (header.items > 1) rows.push(['Items', `${listing.itemsDone} of ${header.items}`]);
  if (header.items > 1 && listing.herdingRate !== null)
    rows.push(['Herded', `${(listing.herdingRate * 100).toFixed(1)}% of finished items`]);
  if (header.items === 1 && listing.itemsDone > 0)
    rows.push(['Herding', listing.herdingStep === null ? 'no cascade' : `begins at agent ${listing.herdingStep}`]);
  if (listing.rp)
    rows.push(['Revealed preference', `${listing.rp.passes ? 'pass' : 'fail'} (NIAS margin ${listing.rp.niasMargin.toPrecision(3)})`]);
  for (const [k, v] of rows) md.appendMarkdown(`${k}: ${escapeMd(v)}  \n`);
  return md;
}

/** Titles come from user text: show them literally, never as markdown or links. */
function escapeMd(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!<>|~:&=]/g, '\\$&');
}
