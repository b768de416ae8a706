// Where runs are stored: the runsFolder setting, relative to the first workspace folder (or the extension's
// global storage when no folder is open).
import * as path from 'node:path';

export function resolveRunsDir(runsFolder: string, workspaceFolder: string | undefined, globalStorage: string): string {
  if (path.isAbsolute(runsFolder)) return runsFolder;
  return path.join(workspaceFolder ?? globalStorage, runsFolder);
}
