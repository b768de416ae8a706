// What activate() returns: a small surface for integration tests to observe the extension from inside the host.
import type * as vscode from 'vscode';

export interface HerdScopeApi {
  /** The extension's log folder; the "HerdScope" LogOutputChannel writes its file here. */
  logFolder: vscode.Uri;
}
