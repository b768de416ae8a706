// HerdScope: New Profile — writes <name>.herdscope.json (a copy of a built-in profile) with a `$schema` pointing at a
// workspace copy of the profile schema, so the file validates in any editor; VS Code also validates it through
// contributes.jsonValidation.
import * as vscode from 'vscode';
import { builtinProfileNames, builtinProfiles } from '../../audit/builtin-profiles';
import type { Logger } from '../log';

export interface NewProfileArgs {
  /** File name stem: letters, digits, - and _ (default: asked). */
  name?: string;
  /** Built-in profile to start from (default: asked). */
  base?: string;
  /** Folder to write into (default: the first workspace folder). */
  folder?: vscode.Uri;
  /** Open the new file in an editor (default true). */
  open?: boolean;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export async function newProfile(extensionUri: vscode.Uri, log: Logger, args: NewProfileArgs = {}): Promise<vscode.Uri | undefined> {
  const folder = args.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    void vscode.window.showErrorMessage('HerdScope: open a folder first; the new profile is written into it.');
    return undefined;
  }
  const base =
    args.base ??
    (await vscode.window.showQuickPick(builtinProfileNames, { title: 'HerdScope: New Profile — start from which built-in profile?' }));
  if (!base) return undefined;
  if (!builtinProfileNames.includes(base)) {
    void vscode.window.showErrorMessage(`HerdScope: unknown built-in profile '${base}' (choose ${builtinProfileNames.join(', ')}).`);
    return undefined;
  }
  const name =
    args.name ??
    (await vscode.window.showInputBox({
      title: 'HerdScope: New Profile — name',
      value: `my-${base}`,
      validateInput: (v) => (NAME_PATTERN.test(v) ? undefined : 'Use letters, digits, - and _ (it becomes <name>.herdscope.json).'),
    }));
  if (!name) return undefined;
  if (!NAME_PATTERN.test(name)) {
    void vscode.window.showErrorMessage(`HerdScope: '${name}' is not a valid profile name (letters, digits, - and _).`);
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder, `${name}.herdscope.json`);
  if (await exists(target)) {
    void vscode.window.showErrorMessage(`HerdScope: ${target.fsPath} already exists.`);
    return undefined;
  }
  const schemaCopy = vscode.Uri.joinPath(folder, '.herdscope', 'profile.schema.json');
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, '.herdscope'));
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(extensionUri, 'schemas', 'profile.schema.json'), schemaCopy, { overwrite: true });
  const fields = structuredClone(builtinProfiles[base]) as Record<string, unknown>;
  delete fields.$schema;
  const profile = { $schema: './.herdscope/profile.schema.json', ...fields, name };
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(profile, null, 2)}\n`));
  log.info('Profiles', `new profile ${target.fsPath} (from ${base})`);
  if (args.open !== false) await vscode.window.showTextDocument(target);
  return target;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
