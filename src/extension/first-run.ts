// Opens the "Get started with HerdScope" walkthrough the first time HerdScope activates for this user (a globalState
// flag, so it happens once per installation, not once per window or workspace).
import type * as vscode from 'vscode';

export const WALKTHROUGH_SHOWN_KEY = 'herdscope.walkthroughShown';

/** Calls `open` unless the flag is set, and sets it first (two windows starting at once open it at most twice). */
export async function openWalkthroughOnFirstInstall(state: vscode.Memento, open: () => Thenable<unknown>): Promise<boolean> {
  if (state.get<boolean>(WALKTHROUGH_SHOWN_KEY)) return false;
  await state.update(WALKTHROUGH_SHOWN_KEY, true);
  await open();
  return true;
}
