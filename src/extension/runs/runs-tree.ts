// The Runs view: every run in the runs folder, newest first; refreshes when a run changes on disk or in memory.
import * as vscode from 'vscode';
import type { RunListing } from '../../audit/run-types';
import type { RunStore } from '../../audit/run-store';
import type { Logger } from '../log';
import { RunTreeItem } from './run-tree-item';

export class RunsTreeProvider implements vscode.TreeDataProvider<RunTreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private lastListing: RunListing[] = [];

  constructor(
    private readonly store: () => RunStore,
    private readonly log: Logger,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: RunTreeItem): vscode.TreeItem {
    return item;
  }

  async getChildren(parent?: RunTreeItem): Promise<RunTreeItem[]> {
    if (parent) return [];
    try {
      this.lastListing = await this.store().list();
    } catch (err) {
      this.log.error('Runs', err instanceof Error ? err : String(err));
      this.lastListing = [];
    }
    return this.lastListing.map((l) => new RunTreeItem(l));
  }

  /** What the view showed last (for tests and the run quick pick). */
  listing(): RunListing[] {
    return this.lastListing;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
