// HerdScope: Run Demo — the offline demo: three short texts through the demo profile's chain, answered from the
// shipped cassette of hand-written answers (no key, no network), labelled DEMO everywhere. The panel shows the first.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../log';
import type { PanelManager } from '../panel/panel-manager';
import { demoSource, loadDemo } from '../../audit/demo';
import type { AuditService } from '../runs/audit-service';
import { reportAuditError } from './report-error';

export interface RunDemoArgs {
  /** Only this demo text (0-based); default: all of them, in order. */
  text?: number;
}

export interface RunDemoDeps {
  audits: AuditService;
  panels: PanelManager;
  extensionUri: vscode.Uri;
  log: Logger;
}

export async function runDemo(deps: RunDemoDeps, args: RunDemoArgs = {}): Promise<{ runIds: string[]; done: Promise<void> } | undefined> {
  try {
    const demo = await loadDemo(path.join(deps.extensionUri.fsPath, 'demo'));
    const source = demoSource(demo);
    const chosen = args.text === undefined ? demo.texts.map((_, i) => i) : [args.text];
    if (chosen.some((i) => !Number.isInteger(i) || i < 0 || i >= demo.texts.length)) {
      void vscode.window.showErrorMessage(`HerdScope: the demo has texts 0..${demo.texts.length - 1}.`);
      return undefined;
    }
    const start = (i: number) =>
      deps.audits.startText({
        kind: 'demo',
        title: `DEMO: ${demo.texts[i].title}`,
        text: demo.texts[i].text,
        label: demo.texts[i].label,
        profile: { prepared: { loaded: demo.loaded, source, summary: 'DEMO: hand-written answers replayed offline (no model called)' } },
      });
    const first = await start(chosen[0]);
    await deps.panels.open(first.runId);
    void vscode.window.showInformationMessage(
      'HerdScope demo: the answers are recorded answers written by hand in the style real models answer; no model is called.',
    );
    const runIds = [first.runId];
    const done = (async () => {
      await first.done;
      for (const i of chosen.slice(1)) {
        const next = await start(i);
        runIds.push(next.runId);
        await next.done;
      }
    })();
    return { runIds, done };
  } catch (err) {
    await reportAuditError(deps.log, err);
    return undefined;
  }
}
