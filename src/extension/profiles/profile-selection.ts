// The active profile: the `herdscope.profile` setting, unless the user picked another with Select Profile
// (kept per workspace in workspaceState; a later change of the setting wins again).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { builtinProfileNames } from '../../audit/builtin-profiles';
import { loadProfile, type LoadedProfile } from '../../audit/profile-loader';
import type { ProfileOrigin } from '../profile-consent';
import { PROFILE_FILE_GLOB } from '../ids';

const SELECTED_KEY = 'herdscope.selectedProfile';

export class ProfileSelection {
  constructor(private readonly state: vscode.Memento, private readonly settingValue: () => string) {}

  /** A built-in name or an absolute profile path. */
  current(): string {
    return resolveProfileRef(this.state.get<string>(SELECTED_KEY) ?? this.settingValue());
  }

  async select(ref: string): Promise<void> {
    await this.state.update(SELECTED_KEY, resolveProfileRef(ref));
  }

  /** Called when the setting changes: the setting becomes the active profile again. */
  async clearOverride(): Promise<void> {
    await this.state.update(SELECTED_KEY, undefined);
  }
}

/** Built-in names stay names; paths become absolute (relative ones against the first workspace folder). */
export function resolveProfileRef(ref: string): string {
  if (builtinProfileNames.includes(ref) || path.isAbsolute(ref)) return ref;
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return base ? path.join(base, ref) : path.resolve(ref);
}

export function profileOrigin(ref: string): ProfileOrigin {
  return builtinProfileNames.includes(ref) ? { kind: 'builtin', name: ref } : { kind: 'file', path: ref };
}

/** A workspace profile reads files inside the workspace folder that holds it (outside any folder: its own folder). */
export function loadSelectedProfile(ref: string): Promise<LoadedProfile> {
  const folder = path.isAbsolute(ref) ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(ref)) : undefined;
  return loadProfile(ref, 'herdscope.profile', folder?.uri.fsPath);
}

/** Profile files in the workspace (`**\/*.herdscope.json`), as absolute paths. */
export async function findWorkspaceProfiles(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles(PROFILE_FILE_GLOB, '**/node_modules/**', 200);
  return uris.map((u) => u.fsPath).sort();
}
