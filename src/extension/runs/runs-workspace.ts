// The run store of the current window (its folder follows the runsFolder setting and the workspace folders), plus a
// change event fired for runs written by this window and, through a file watcher, by others (e.g. the CLI).
import * as vscode from 'vscode';
import { RunStore } from '../../audit/run-store';
import type { Logger } from '../log';
import { readSettings } from '../settings';
import { resolveRunsDir } from './runs-location';

export class RunsWorkspace implements vscode.Disposable {
  private storeValue: RunStore;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private pending: NodeJS.Timeout | undefined;

  constructor(
    private readonly globalStorage: vscode.Uri,
    private readonly log: Logger,
  ) {
    this.storeValue = new RunStore(this.dir());
    this.watch();
  }

  get store(): RunStore {
    return this.storeValue;
  }

  /** Re-reads the runs folder setting; returns true when the folder moved. */
  relocate(): boolean {
    const dir = this.dir();
    if (dir === this.storeValue.dir) return false;
    this.storeValue = new RunStore(dir);
    this.watch();
    this.log.info('Runs', `runs folder: ${dir}`);
    this.changed.fire();
    return true;
  }

  /** Coalesces bursts (a streaming run rewrites run.json after every item). */
  notify(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.changed.fire();
    }, 150);
  }

  private dir(): string {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return resolveRunsDir(readSettings(vscode.workspace.workspaceFolders?.[0]?.uri).runsFolder, folder, this.globalStorage.fsPath);
  }

  private watch(): void {
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(this.storeValue.dir), '*/run.json'));
    const onChange = () => this.notify();
    this.watcher.onDidCreate(onChange);
    this.watcher.onDidChange(onChange);
    this.watcher.onDidDelete(onChange);
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.watcher?.dispose();
    this.changed.dispose();
  }
}
