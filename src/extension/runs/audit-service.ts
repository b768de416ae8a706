// Starts audits for the commands: resolves the active profile (asking consent in an untrusted workspace), builds
// the agents' source, records the run, streams its events, and lets the panel or a progress notification cancel it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runBatch, type BatchProgress } from '../../audit/batch-runner';
import { builtinProfileNames } from '../../audit/builtin-profiles';
import { loadDataset, type DatasetRow } from '../../audit/dataset';
import { loadProfile, resolveProfile, type LoadedProfile } from '../../audit/profile-loader';
import { newRunHeader } from '../../audit/new-run-header';
import { canonicalJson } from '../../llm/request-key';
import { sensorCountsVerdict } from '../../audit/rp-audit';
import type { ApiKeyStore } from '../api-keys';
import type { Logger } from '../log';
import type { ProfileConsent, ProfileOrigin } from '../profile-consent';
import { loadSelectedProfile, profileOrigin } from '../profiles/profile-selection';
import type { LlmSensor } from '../../audit/llm-sensor';
import type { ProviderSnapshot, RunKind, RunMeta } from '../../audit/run-types';
import { readSettings, type HerdScopeSettings } from '../settings';
import type { AuditEvent } from './audit-events';
import { buildAgentSource, SourceSetupError } from './agent-sources';
import type { RunsWorkspace } from './runs-workspace';
import { auditText } from './text-audit';

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
  sensor: LlmSensor;
  snapshot: ProviderSnapshot;
  /** Shown as the run's provider summary (default: the sensor's description). */
  summary?: string;
}

export interface StartDatasetAudit {
  file: string;
  textColumn: string;
  labelColumn: string | null;
  profileRef: string;
  onProgress?: (progress: BatchProgress) => void;
}

interface DatasetBatch {
  loaded: LoadedProfile;
  rows: DatasetRow[];
  sensor: LlmSensor;
  agents: number;
  settings: HerdScopeSettings;
  completed: ReadonlySet<number>;
  onProgress?: (progress: BatchProgress) => void;
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
      throw new ConsentRefusedError(`The profile ${profileRef} comes from this untrusted workspace and was not allowed to run. Built-in profiles still work (HerdScope: Select Profile).`);
    }
    return loadSelectedProfile(profileRef);
  }

  /** Starts one text through the chain; resolves with the run id once the run exists, and `done` when it ends. */
  async startText(request: StartTextAudit): Promise<{ runId: string; done: Promise<void> }> {
    const settings = readSettings();
    const prepared = 'prepared' in request.profile ? request.profile.prepared : undefined;
    const loaded = prepared?.loaded ?? (await this.loadProfile((request.profile as { ref: string }).ref));
    const { sensor, snapshot } = prepared ?? (await buildAgentSource(loaded, {
      settings,
      keys: this.deps.keys,
      cacheDir: path.join(this.deps.globalStorage.fsPath, 'cache'),
      log: this.deps.log,
    }));
    const rp = loaded.counts ? await sensorCountsVerdict(loaded.counts).catch((err: unknown) => {
      this.deps.log.warn('Audit', `revealed-preference test skipped: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }) : null;
    const controller = new AbortController();
    const store = this.deps.runs.store;
    const started = await auditText({
      store,
      kind: request.kind,
      title: request.title,
      text: request.text,
      label: request.label ?? null,
      loaded,
      source: sensor,
      provider: snapshot,
      providerSummary: prepared?.summary ?? sensor.description,
      agents: prepared ? undefined : (settings.agents ?? undefined),
      concurrency: settings.concurrency,
      rp,
      signal: controller.signal,
      emit: (event) => this.emit(event),
    });
    this.active.set(started.runId, controller);
    this.deps.log.info('Audit', `run ${started.runId}: ${request.kind} audit with ${loaded.profile.name} (${sensor.description})`);
    const done = started.done.finally(() => this.active.delete(started.runId));
    return { runId: started.runId, done };
  }

  /** Starts every row of a CSV/JSONL file through the chain; resolves once the run exists, `done` when it ends. */
  async startDataset(request: StartDatasetAudit): Promise<{ runId: string; items: number; done: Promise<void> }> {
    const loaded = await this.loadProfile(request.profileRef);
    const dataset = await loadDataset(request.file, {
      textColumn: request.textColumn,
      ...(request.labelColumn ? { labelColumn: request.labelColumn } : {}),
      states: loaded.profile.states,
    });
    if (dataset.rows.length === 0) throw new SourceSetupError(`${path.basename(request.file)} has no rows with text in column '${request.textColumn}'.`);
    const settings = readSettings();
    const { sensor, snapshot } = await buildAgentSource(loaded, { settings, keys: this.deps.keys, cacheDir: path.join(this.deps.globalStorage.fsPath, 'cache'), log: this.deps.log });
    const profile = loaded.profile;
    const agents = settings.agents ?? profile.agents.count;
    const store = this.deps.runs.store;
    const meta = await store.create({
      header: newRunHeader(profile, {
        kind: 'dataset',
        title: `${path.basename(request.file)} (${dataset.rows.length} rows)`,
        agents,
        items: dataset.rows.length,
        simulated: sensor.simulated,
        providerSummary: sensor.description,
      }),
      profile,
      profileSource: loaded.source,
      provider: snapshot,
      dataset: { file: request.file, textColumn: dataset.textColumn, labelColumn: dataset.labelColumn, rows: dataset.rows.length, skippedEmpty: dataset.skippedEmpty },
    });
    const runId = meta.header.runId;
    this.deps.log.info('Audit', `run ${runId}: dataset audit of ${request.file} (${dataset.rows.length} rows) with ${profile.name} (${sensor.description})`);
    const done = this.runDatasetBatch(runId, { loaded, rows: dataset.rows, sensor, agents, settings, completed: new Set(), onProgress: request.onProgress });
    return { runId, items: dataset.rows.length, done };
  }

  /** Continues a cancelled or failed dataset run: finished rows are kept, the rest run again with the run's own profile. */
  async resumeDataset(runId: string, onProgress?: (progress: BatchProgress) => void): Promise<{ runId: string; items: number; done: Promise<void> }> {
    if (this.active.has(runId)) throw new SourceSetupError(`Run ${runId} is still running.`);
    const store = this.deps.runs.store;
    const meta = await store.readMeta(runId);
    if (meta.header.kind !== 'dataset' || !meta.dataset) throw new SourceSetupError(`Run ${runId} is not a dataset audit; only dataset audits can be resumed.`);
    if (meta.status === 'completed' || meta.status === 'running') throw new SourceSetupError(`Run ${runId} is ${meta.status}; only cancelled or failed dataset audits can be resumed.`);
    // The run folder may live in the workspace: a run whose profile is not exactly a built-in one needs consent like a profile file.
    if (!(await this.deps.consent.mayRun(await resumeOrigin(meta, store.runDir(runId))))) {
      throw new ConsentRefusedError(`Run ${runId} comes from this untrusted workspace and was not allowed to resume.`);
    }
    const loaded = await resolveProfile(meta.profile, meta.profileSource, meta.profileSource.startsWith('builtin:') ? process.cwd() : path.dirname(meta.profileSource));
    const dataset = await loadDataset(meta.dataset.file, {
      textColumn: meta.dataset.textColumn,
      ...(meta.dataset.labelColumn ? { labelColumn: meta.dataset.labelColumn } : {}),
      states: loaded.profile.states,
    });
    if (dataset.rows.length !== meta.dataset.rows) {
      throw new SourceSetupError(`${path.basename(meta.dataset.file)} changed since run ${runId} started (${meta.dataset.rows} rows then, ${dataset.rows.length} now); start a new audit instead.`);
    }
    const settings = readSettings();
    const { sensor } = await buildAgentSource(loaded, { settings, keys: this.deps.keys, cacheDir: path.join(this.deps.globalStorage.fsPath, 'cache'), log: this.deps.log });
    const { completed } = await store.prepareResume(runId);
    this.deps.log.info('Audit', `run ${runId}: resuming ${dataset.rows.length - completed.size} of ${dataset.rows.length} rows of ${meta.dataset.file}`);
    const done = this.runDatasetBatch(runId, { loaded, rows: dataset.rows, sensor, agents: meta.header.agents, settings, completed, onProgress });
    return { runId, items: dataset.rows.length, done };
  }

  private runDatasetBatch(runId: string, batch: DatasetBatch): Promise<void> {
    const store = this.deps.runs.store;
    const { settings } = batch;
    const controller = new AbortController();
    this.active.set(runId, controller);
    this.emit({ type: 'created', runId });
    return (async () => {
      try {
        const result = await runBatch({
          store,
          runId,
          rows: batch.rows,
          profile: batch.loaded.profile,
          model: batch.loaded.model,
          source: batch.sensor,
          agents: batch.agents,
          concurrency: Math.max(1, Math.min(settings.concurrency, 4)),
          agentConcurrency: settings.concurrency,
          completed: batch.completed,
          signal: controller.signal,
          onProgress: batch.onProgress,
          onStep: (step) => this.emit({ type: 'step', runId, step }),
          onItem: (summary) => this.emit({ type: 'item', runId, summary }),
        });
        const after = await store.readMeta(runId);
        this.emit({ type: 'status', runId, status: result.cancelled ? 'cancelled' : 'completed', message: after.statusMessage });
      } catch (err) {
        this.emit({ type: 'status', runId, status: 'failed', message: err instanceof Error ? err.message : String(err) });
      } finally {
        this.active.delete(runId);
      }
    })();
  }

  private emit(event: AuditEvent): void {
    if (event.type === 'status') this.deps.log.info('Audit', `run ${event.runId}: ${event.status}${event.message ? ` (${event.message})` : ''}`);
    if (event.type === 'step' && event.step.error) this.deps.log.warn('Audit', `run ${event.runId} agent ${event.step.index}: ${event.step.error.kind}: ${event.step.error.message}`);
    this.deps.runs.notify();
    this.events.fire(event);
  }

  dispose(): void {
    for (const controller of this.active.values()) controller.abort();
    this.events.dispose();
  }
}
