// HerdScope: Select Profile — a built-in profile or a *.herdscope.json file of the workspace; the pick is validated.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { builtinProfileNames } from '../../audit/builtin-profiles';
import type { Logger } from '../log';
import { findWorkspaceProfiles, loadSelectedProfile, resolveProfileRef, type ProfileSelection } from '../profiles/profile-selection';

export interface SelectProfileArgs {
  /** A built-in name or a path (relative to the first workspace folder). */
  profile?: string;
}

export async function selectProfile(selection: ProfileSelection, log: Logger, args: SelectProfileArgs = {}): Promise<string | undefined> {
  const ref = args.profile ?? (await pickProfile(selection.current()));
  if (!ref) return undefined;
  const resolved = resolveProfileRef(ref);
  try {
    const loaded = await loadSelectedProfile(resolved);
    await selection.select(resolved);
    log.info('Profiles', `active profile: ${loaded.profile.name} (${loaded.source})`);
    void vscode.window.showInformationMessage(`HerdScope: active profile is now '${loaded.profile.name}'.`);
    return resolved;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.warn('Profiles', `rejected profile ${resolved}: ${message}`);
    void vscode.window.showErrorMessage(`HerdScope: cannot use this profile: ${message}`);
    return undefined;
  }
}

async function pickProfile(current: string): Promise<string | undefined> {
  const files = await findWorkspaceProfiles();
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const items: Array<vscode.QuickPickItem & { ref?: string }> = [
    { label: 'Built-in', kind: vscode.QuickPickItemKind.Separator },
    ...builtinProfileNames.map((name) => ({ label: name, description: name === current ? 'active' : 'built-in', ref: name })),
    { label: 'Workspace', kind: vscode.QuickPickItemKind.Separator },
    ...files.map((f) => ({
      label: path.basename(f),
      description: (root ? path.relative(root, path.dirname(f)) : path.dirname(f)) + (f === current ? ' · active' : ''),
      ref: f,
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(new-file) New Profile…', ref: '' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'HerdScope: Select Profile',
    placeHolder: 'Profile for the next audits',
  });
  if (picked?.ref === '') {
    await vscode.commands.executeCommand('herdscope.newProfile');
    return undefined;
  }
  return picked?.ref;
}
