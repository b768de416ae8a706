// Starts audits for the commands: resolves the active profile (asking consent in an untrusted workspace), builds
// the agents' source, records the run, streams its events, and lets the panel or a progress notification cancel it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { batchApiKind } from '../../audit/batch-api/batch-api-source';
import type { BatchProgress } from '../../audit/batch-runner';
import { builtinProfileNames } from '../../audit/builtin-profiles';
import { openResumableRun, resumeDatasetRun, startDatasetRun } from '../../audit/engine/dataset-run';
import type { RunEvent } from '../../audit/engine/run-events';
import { startTextRun } from '../../audit/engine/text-run';
import { loadProfile, type LoadedProfile } from '../../audit/profile-loader';
import type { BuiltSource, LiveKind, SourceSpec } from '../../audit/source-spec';
import type { BatchJobProgress } from '../../llm/batch/batch-job-runner';
import { InputError } from '../../core/errors';
import { canonicalJson } from '../../llm/request-key';
import type { ApiKeyStore } from '../api-keys';
import type { Logger } from '../log';
import type { ProfileConsent, ProfileOrigin } from '../profile-consent';
import { loadSelectedProfile, profileOrigin } from '../profiles/profile-selection';
import type { RunKind, RunMeta } from '../../audit/run-types';
import { readSettings, type HerdScopeSettings } from '../settings';
import type { AuditEvent } from './audit-events';
import { batchApiSpecFromSettings, SourceSetupError, sourceSpecFromSettings } from './agent-sources';
import type { RunsWorkspace } from './runs-workspace';

export class ConsentRefusedError extends Error {}

export interface AuditServiceDeps {
  runs: RunsWorkspace;
  keys: ApiKeyStore;
  consent: ProfileConsent;
  log: Logger;
  globalStorage: vscode.Uri;
}

export interface StartTextAudit {
  kind: RunKind;
  title: string;
  text: string;
  /** The true state, when known (the demo texts carry one). */
  label?: number | null;
  /** Built-in name or absolute path of the profile (consent-checked), or a prepared profile and source (the demo). */
  profile: { ref: string } | { prepared: PreparedSource };
}

/** A profile with its source already built, e.g. the demo's replay of hand-written answers. */
export interface PreparedSource {
  loaded: LoadedProfile;
  source: BuiltSource;
  /** Shown as the run's provider summary (default: the source's description). */
  summary?: string;
}

export interface StartDatasetAudit {
  file: string;
  textColumn: string;
  labelColumn: string | null;
  profileRef: string;
  /** Sensor mode, openai or mistral: send the calls through the provider's batch API (default: live calls). */
  batchApi?: { pollSeconds?: number };
  onProgress?: (progress: BatchProgress) => void;
  /** Batch API: each poll's status and request counts. */
  onBatchProgress?: (progress: BatchJobProgress) => void;
}

/** Built-in only when the run's profile snapshot is exactly that built-in profile; otherwise the profile file, or the run folder. */
export async function resumeOrigin(meta: Pick<RunMeta, 'profile' | 'profileSource'>, runDir: string): Promise<ProfileOrigin> {
  const name = meta.profileSource.startsWith('builtin:') ? meta.profileSource.slice('builtin:'.length) : null;
  if (name !== null && builtinProfileNames.includes(name)) {
    const builtin = await loadProfile(name);
    if (canonicalJson(builtin.profile) === canonicalJson(meta.profile)) return { kind: 'builtin', name };
  }
  return { kind: 'file', path: name === null ? meta.profileSource : path.join(runDir, 'run.json') };
}

export class AuditService implements vscode.Disposable {
  private readonly events = new vscode.EventEmitter<AuditEvent>();
  readonly onEvent = this.events.event;
  private readonly active = new Map<string, AbortController>();

  constructor(private readonly deps: AuditServiceDeps) {}

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  cancel(runId: string): boolean {
    const controller = this.active.get(runId);
    if (!controller) return false;
    this.deps.log.info('Audit', `cancelling run ${runId}`);
    controller.abort();
    return true;
  }

  /** Loads the profile after checking consent; throws a user-facing error otherwise. */
  async loadProfile(profileRef: string): Promise<LoadedProfile> {
    if (!(await this.deps.consent.mayRun(profileOrigin(profileRef)))) {
      throw new ConsentRefusedError(
        `The profile ${profileRef} comes from this untrusted workspace and was not allowed to run. Built-in profiles still work (HerdScope: Select Profile).`,
      );
    }
    return loadSelectedProfile(profileRef);
  }

  /** Starts one text through the chain; resolves with the run id once the run exists, and `done` when it ends. */
  async startText(request: StartTextAudit): Promise<{ runId: string; done: Promise<void> }> {
    const settings = readSettings();
    const prepared = 'prepared' in request.profile ? request.profile.prepared : undefined;
    const loaded = prepared?.loaded ?? (await this.loadProfile((request.profile as { ref: string }).ref));
    const source = prepared?.source ?? (await this.sourceSpec(loaded, settings));
    const controller = new AbortController();
    const started = await startTextRun({
      store: this.deps.runs.store,
      kind: request.kind,
      title: request.title,
      text: request.text,
      label: request.label ?? null,
      loaded,
      source,
      providerSummary: prepared?.summary,
      agents: prepared ? undefined : (settings.agents ?? undefined),
      concurrency: settings.concurrency,
      signal: controller.signal,
      onEvent: (event) => this.emit(event),
      onWarning: (message) => this.deps.log.warn('Audit', message),
    }).catch(setupError);
    const runId = started.runId as string;
    this.active.set(runId, controller);
    this.deps.log.info('Audit', `run ${runId}: ${request.kind} audit with ${loaded.profile.name} (${started.header.providerSummary})`);
    const done = started.done
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.active.delete(runId));
    return { runId, done };
  }

  /** The provider whose batch API a dataset audit with this profile can use (sensor mode, openai or mistral), or null. */
  async batchApiChoice(profileRef: string): Promise<LiveKind | null> {
    const loaded = await this.loadProfile(profileRef);
    const settings = readSettings();
    return batchApiKind(
      loaded,
      settings.agents ?? loaded.profile.agents.count,
      settings.provider === 'profile' ? undefined : settings.provider,
    );
  }

  /** Starts every row of a CSV/JSONL/Parquet file through the chain; resolves once the run exists, `done` when it ends. */
  async startDataset(request: StartDatasetAudit): Promise<{ runId: string; items: number; done: Promise<void> }> {
    const loaded = await this.loadProfile(request.profileRef);
    const settings = readSettings();
    const spec = request.batchApi
      ? await this.batchSpec(loaded, settings, request.batchApi.pollSeconds, request.onBatchProgress)
      : await this.sourceSpec(loaded, settings);
    const controller = new AbortController();
    const started = await startDatasetRun({
      store: this.deps.runs.store,
      file: request.file,
      textColumn: request.textColumn,
      labelColumn: request.labelColumn,
      agents: settings.agents ?? loaded.profile.agents.count,
      title: (scan) => `${path.basename(request.file)} (${scan.rows} rows)`,
      loaded,
      source: spec,
      concurrency: settings.concurrency,
      signal: controller.signal,
      onEvent: (event) => this.datasetEvent(event, request.onProgress),
    }).catch(setupError);
    this.deps.log.info(
      'Audit',
      `run ${started.runId}: dataset audit of ${request.file} (${started.scan.rows} rows) with ${loaded.profile.name} (${started.source.description})`,
    );
    return { runId: started.runId, items: started.scan.rows, done: this.track(started.runId, controller, started.done) };
  }

  /** Continues a cancelled, failed or interrupted dataset run: finished rows are kept, the rest run again with the run's own profile. */
  async resumeDataset(
    runId: string,
    onProgress?: (progress: BatchProgress) => void,
    onBatchProgress?: (progress: BatchJobProgress) => void,
    pollSeconds?: number,
  ): Promise<{ runId: string; items: number; done: Promise<void> }> {
    if (this.active.has(runId)) throw new SourceSetupError(`Run ${runId} is still running.`);
    const store = this.deps.runs.store;
    const meta = await store.readMeta(runId);
    if (meta.header.kind !== 'dataset' || !meta.dataset)
      throw new SourceSetupError(`Run ${runId} is not a dataset audit; only dataset audits can be resumed.`);
    if (meta.status === 'completed' || meta.status === 'running')
      throw new SourceSetupError(`Run ${runId} is ${meta.status}; only cancelled, failed or interrupted dataset audits can be resumed.`);
    // The run folder may live in the workspace: a run whose profile is not exactly a built-in one needs consent like a profile file.
    if (!(await this.deps.consent.mayRun(await resumeOrigin(meta, store.runDir(runId))))) {
      throw new ConsentRefusedError(`Run ${runId} comes from this untrusted workspace and was not allowed to resume.`);
    }
    const { loaded } = await openResumableRun(store, runId).catch(setupError);
    // A run that went through a batch API keeps polling its batches (never resubmits what is in flight).
    const batchApi = meta.provider.batchApi;
    const spec: SourceSpec = batchApi
      ? await batchApiSpecFromSettings(batchApi, {
          ...this.sourceOptions(readSettings()),
          ...(pollSeconds !== undefined ? { pollSeconds } : {}),
          ...(onBatchProgress ? { onBatchProgress } : {}),
        })
      : await this.sourceSpec(loaded, readSettings());
    const controller = new AbortController();
    const started = await resumeDatasetRun({
      store,
      meta,
      loaded,
      source: spec,
      concurrency: readSettings().concurrency,
      signal: controller.signal,
      onEvent: (event) => this.datasetEvent(event, onProgress),
    }).catch(setupError);
    this.deps.log.info(
      'Audit',
      `run ${runId}: resuming ${started.scan.rows - started.resumed} of ${started.scan.rows} rows of ${meta.dataset.file}`,
    );
    return { runId, items: started.scan.rows, done: this.track(runId, controller, started.done) };
  }

  private sourceSpec(loaded: LoadedProfile, settings: HerdScopeSettings) {
    return sourceSpecFromSettings(loaded, this.sourceOptions(settings));
  }

  private async batchSpec(
    loaded: LoadedProfile,
    settings: HerdScopeSettings,
    pollSeconds: number | undefined,
    onBatchProgress?: (progress: BatchJobProgress) => void,
  ): Promise<SourceSpec> {
    const kind = batchApiKind(
      loaded,
      settings.agents ?? loaded.profile.agents.count,
      settings.provider === 'profile' ? undefined : settings.provider,
    );
    if (!kind)
      throw new SourceSetupError(
        "The provider's batch API needs a sensor-mode profile whose agents use OpenAI or Mistral; interacting mode cannot batch (each agent needs its predecessors' actions).",
      );
    return batchApiSpecFromSettings(kind, {
      ...this.sourceOptions(settings),
      ...(pollSeconds !== undefined ? { pollSeconds } : {}),
      ...(onBatchProgress ? { onBatchProgress } : {}),
    });
  }

  private sourceOptions(settings: HerdScopeSettings) {
    return { settings, keys: this.deps.keys, cacheDir: path.join(this.deps.globalStorage.fsPath, 'cache'), log: this.deps.log };
  }

  private datasetEvent(event: RunEvent, onProgress?: (progress: BatchProgress) => void): void {
    if (event.type === 'progress') onProgress?.(event.progress);
    else this.emit(event);
  }

  /** Registers a running run for cancel; `done` settles (never rejects) when it ends and drops it. */
  private track(runId: string, controller: AbortController, done: Promise<unknown>): Promise<void> {
    this.active.set(runId, controller);
    return done
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.active.delete(runId));
  }

  private emit(event: AuditEvent): void {
    if (event.type === 'status')
      this.deps.log.info('Audit', `run ${event.runId}: ${event.status}${event.message ? ` (${event.message})` : ''}`);
    if (event.type === 'step' && event.step.error)
      this.deps.log.warn('Audit', `run ${event.runId} agent ${event.step.index}: ${event.step.error.kind}: ${event.step.error.message}`);
    this.deps.runs.notify();
    this.events.fire(event);
  }

  dispose(): void {
    for (const controller of this.active.values()) controller.abort();
    this.events.dispose();
  }
}

/** The engine's input errors (a bad dataset, a changed file, a missing cassette) are setup problems shown as one message. */
function setupError(error: unknown): never {
  if (error instanceof InputError) throw new SourceSetupError(error.message);
  throw error;
}
