// Starts audits for the commands: resolves the active profile (asking consent in an untrusted workspace), builds
// the agents' source, records the run, streams its events, and lets the panel or a progress notification cancel it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runBatch, type BatchProgress } from '../../audit/batch-runner';
import { loadDataset } from '../../audit/dataset';
import type { LoadedProfile } from '../../audit/profile-loader';
import { sensorCountsVerdict } from '../../audit/rp-audit';
import type { ApiKeyStore } from '../api-keys';
import type { Logger } from '../log';
import type { ProfileConsent } from '../profile-consent';
import { loadSelectedProfile, profileOrigin } from '../profiles/profile-selection';
import type { LlmSensor } from '../../audit/llm-sensor';
import type { ProviderSnapshot, RunKind } from '../../audit/run-types';
import { readSettings } from '../settings';
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
    const { sensor, snapshot } = await buildAgentSource(loaded, { settings, keys: this.deps.keys, cacheDir: path.join(this.deps.globalStorage.fsPath, 'cache') });
    const profile = loaded.profile;
    const agents = settings.agents ?? profile.agents.count;
    const store = this.deps.runs.store;
    const meta = await store.create({
      header: {
        kind: 'dataset',
        title: `${path.basename(request.file)} (${dataset.rows.length} rows)`,
        profileName: profile.name,
        mode: profile.mode,
        states: profile.states,
        actions: profile.actions,
        attributes: profile.attributes.map((a) => a.name),
        agents,
        items: dataset.rows.length,
        simulated: sensor.simulated,
        providerSummary: sensor.description,
      },
      profile,
      profileSource: loaded.source,
      provider: snapshot,
      dataset: { file: request.file, textColumn: dataset.textColumn, labelColumn: dataset.labelColumn, rows: dataset.rows.length, skippedEmpty: dataset.skippedEmpty },
    });
    const runId = meta.header.runId;
    const controller = new AbortController();
    this.active.set(runId, controller);
    this.emit({ type: 'created', runId });
    this.deps.log.info('Audit', `run ${runId}: dataset audit of ${request.file} (${dataset.rows.length} rows) with ${profile.name} (${sensor.description})`);
    const done = (async () => {
      try {
        const result = await runBatch({
          store,
          runId,
          rows: dataset.rows,
          profile,
          model: loaded.model,
          source: sensor,
          agents,
          concurrency: Math.max(1, Math.min(settings.concurrency, 4)),
          agentConcurrency: settings.concurrency,
          signal: controller.signal,
          onProgress: request.onProgress,
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
    return { runId, items: dataset.rows.length, done };
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
