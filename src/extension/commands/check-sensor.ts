// HerdScope: Check Sensor Model — does the LLM answer the way the profile's B assumes (issue 10 §2)? On a rejection a
// warning names the worst state, with "Show Details" (the report view) and "Re-estimate Profile…" (writes a workspace
// *.herdscope.json with B from this run and replays the run offline under it, before → after in the report view).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { overviewFromCounts } from '../../audit/overview-from-counts';
import { loadProfile } from '../../audit/profile-loader';
import { reestimateRun, replayRun } from '../../audit/reestimate';
import { htmlSensor, type SensorPage } from '../../audit/report/html-sensor';
import type { RunCounts } from '../../audit/run-counts';
import type { RunStore } from '../../audit/run-store';
import { loadRunContext, runCounts, type RunContext } from '../../audit/run-files';
import { checkSensor, type SensorCheck } from '../../audit/sensor-check';
import type { Logger } from '../log';
import type { ReportPanels, ShownReport } from '../panel/report-panel';
import { runIdFromArg } from './run-arg';

export interface CheckSensorDeps {
  store: () => RunStore;
  reports: ReportPanels;
  log: Logger;
}

export interface CheckSensorArgs {
  runId?: string;
  /** Skip the notification and do this at once (scripts, tests). */
  action?: 'details' | 'reestimate';
  /** Where Re-estimate writes the profile (default: asked with a save dialog). */
  target?: string | vscode.Uri;
}

const SHOW = 'Show Details';
const REESTIMATE = 'Re-estimate Profile…';

export async function checkSensorCommand(
  deps: CheckSensorDeps,
  arg?: unknown,
): Promise<{ check: SensorCheck; report?: ShownReport; profileFile?: string } | undefined> {
  const args: CheckSensorArgs = typeof arg === 'object' && arg !== null && !('listing' in arg) ? (arg as CheckSensorArgs) : {};
  const store = deps.store();
  const runId = runIdFromArg(arg) ?? (await pickDatasetRun(store));
  if (!runId) return undefined;
  try {
    const { ctx, page } = await sensorCheckOf(store, runId);
    const { check } = page;
    const h = ctx.meta.header;
    deps.log.info('Sensor', `run ${runId}: ${check.message}`);
    const details = () => show(deps, page);
    const reestimate = async () => {
      const target = await profileTarget(args.target, `${safeName(h.profileName)}-reestimated.herdscope.json`);
      if (!target) return undefined;
      const re = await reestimateRun(ctx.runDir, target);
      page.reestimate = reestimateSection(re.file, re.before, re.after, h.states);
      deps.log.info('Sensor', `wrote the re-estimated profile ${re.file} and replayed run ${runId} under it`);
      return { report: show(deps, page, re.file), profileFile: re.file };
    };
    if (args.action === 'details') return { check, report: details() };
    if (args.action === 'reestimate') return { check, ...(await reestimate()) };
    const notify = check.rejected
      ? vscode.window.showWarningMessage(`HerdScope: ${check.message}`, SHOW, REESTIMATE)
      : vscode.window.showInformationMessage(`HerdScope: ${check.message}`, SHOW);
    void notify.then(async (pick) => {
      if (pick === SHOW) details();
      if (pick === REESTIMATE) await reestimate().catch((err: unknown) => fail(deps.log, errorText(err)));
    });
    return { check };
  } catch (err) {
    if (err instanceof Refusal) return fail(deps.log, err.message);
    return fail(deps.log, `sensor check of run ${runId}: ${errorText(err)}`);
  }
}

/** A run the sensor check does not apply to (not a dataset run, no labels). */
export class Refusal extends Error {}

/** The sensor check of a labelled dataset run, read under a progress notification (counting a large run takes a while). */
export async function sensorCheckOf(store: RunStore, runId: string): Promise<{ ctx: RunContext; page: SensorPage }> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `HerdScope: checking the sensor model of run ${runId}…` },
    async () => {
      const ctx = await loadRunContext(store.runDir(runId));
      const h = ctx.meta.header;
      if (h.kind !== 'dataset')
        throw new Refusal(`run ${h.title || runId} is not a dataset run; the sensor check needs a labelled dataset run.`);
      const counts = await runCounts(ctx.runDir, ctx);
      if (counts.labelled === 0)
        throw new Refusal(`run ${h.title || runId} has no labelled rows; the sensor check compares answers with labels.`);
      const check = checkSensor(counts.observationsByLabel, ctx.model.likelihood, h.states);
      return { ctx, page: { runId, title: h.title || runId, profileName: h.profileName, states: h.states, check } };
    },
  );
}

/** The replay of the run under a re-estimated profile already written (a revived view shows it again; nothing is written). */
export async function replayedUnder(ctx: RunContext, profileFile: string): Promise<NonNullable<SensorPage['reestimate']>> {
  const { model } = await loadProfile(profileFile, 'reestimatedProfile', path.dirname(profileFile));
  const before = await runCounts(ctx.runDir, ctx);
  return reestimateSection(profileFile, before, await replayRun(ctx, model), ctx.meta.header.states);
}

function reestimateSection(
  file: string,
  before: RunCounts,
  after: RunCounts,
  states: readonly string[],
): NonNullable<SensorPage['reestimate']> {
  return {
    file: vscode.workspace.asRelativePath(file),
    before: overviewFromCounts(before),
    after: overviewFromCounts(after),
    // states without a labelled observation keep the old profile's row of B (as reestimatedProfile decides)
    keptStates: before.observationsByLabel.flatMap((row, x) => (row.some((c) => c > 0) ? [] : [states[x] ?? String(x)])),
  };
}

export function sensorReport(page: SensorPage): ShownReport {
  return { title: `Sensor check: ${page.title}`, html: htmlSensor(page), fileName: `herdscope-sensor-${page.runId}.html` };
}

function show(deps: CheckSensorDeps, page: SensorPage, reestimatedProfile?: string): ShownReport {
  const report = sensorReport(page);
  deps.reports.show(report, { version: 1, view: 'sensor', runId: page.runId, ...(reestimatedProfile ? { reestimatedProfile } : {}) });
  return report;
}

/** A *.herdscope.json file inside a workspace folder (where Select Profile finds it). */
async function profileTarget(given: string | vscode.Uri | undefined, suggested: string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('open a folder first: the re-estimated profile is written into the workspace');
  const uri = given
    ? typeof given === 'string'
      ? vscode.Uri.file(path.resolve(folder.uri.fsPath, given))
      : given
    : await vscode.window.showSaveDialog({
        title: 'HerdScope: save the re-estimated profile',
        defaultUri: vscode.Uri.joinPath(folder.uri, suggested),
        filters: { 'HerdScope profile': ['herdscope.json'] },
      });
  if (!uri) return undefined;
  if (!vscode.workspace.getWorkspaceFolder(uri))
    throw new Error(`${uri.fsPath} is outside the workspace; save the profile inside a workspace folder`);
  if (!uri.fsPath.endsWith('.herdscope.json'))
    throw new Error(`the profile file must end in .herdscope.json, got ${path.basename(uri.fsPath)}`);
  return uri.fsPath;
}

async function pickDatasetRun(store: RunStore): Promise<string | undefined> {
  const runs = (await store.list()).filter((l) => l.header.kind === 'dataset');
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('HerdScope: there are no dataset runs. Run HerdScope: Audit Dataset… first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((r) => ({ label: r.header.title || r.header.runId, description: `${r.status} · ${r.header.runId}`, runId: r.header.runId })),
    { title: 'HerdScope: Check Sensor Model', matchOnDescription: true },
  );
  return picked?.runId;
}

const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'profile';
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function fail(log: Logger, message: string): undefined {
  log.warn('Sensor', message);
  void vscode.window.showErrorMessage(`HerdScope: ${message}`);
  return undefined;
}
