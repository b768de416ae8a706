// The one typed accessor for HerdScope's settings. Values are clamped to their contributed ranges, so a
// hand-edited settings.json cannot hand the engine a negative concurrency.
import * as vscode from 'vscode';
import { CONFIG_SECTION, SettingKeys } from './ids';
import { RP_GROUPINGS, type RpGrouping } from '../shared/dataset-overview';

export const PROVIDER_CHOICES = ['profile', 'openai', 'mistral', 'vscode-lm'] as const;
export type ProviderChoice = (typeof PROVIDER_CHOICES)[number];

export interface HerdScopeSettings {
  provider: ProviderChoice;
  /** Empty: keep the profile's models. */
  model: string;
  /** null: keep the profile's agent count. */
  agents: number | null;
  concurrency: number;
  /** 0: no limit. */
  requestsPerMinute: number;
  timeoutMs: number;
  /** A built-in profile name or a path (relative to the workspace folder). */
  profile: string;
  cacheEnabled: boolean;
  /** Relative to the first workspace folder unless absolute. */
  runsFolder: string;
  openaiBaseUrl: string;
  mistralServerUrl: string;
  /** Revealed-preference environments of the dataset overview. */
  rpEnvironments: RpGrouping;
}

/** Reads the settings from a `get(key)` source (a WorkspaceConfiguration in the extension, a map in tests). */
export function parseSettings(get: (key: string) => unknown): HerdScopeSettings {
  const provider = get(SettingKeys.provider);
  const agents = get(SettingKeys.agents);
  return {
    provider: PROVIDER_CHOICES.includes(provider as ProviderChoice) ? (provider as ProviderChoice) : 'profile',
    model: str(get(SettingKeys.model), '').trim(),
    agents: typeof agents === 'number' && Number.isFinite(agents) ? clampInt(agents, 1, 1000) : null,
    concurrency: clampInt(num(get(SettingKeys.concurrency), 4), 1, 64),
    requestsPerMinute: clampInt(num(get(SettingKeys.requestsPerMinute), 0), 0, 100000),
    timeoutMs: clampInt(num(get(SettingKeys.timeoutSeconds), 60), 1, 3600) * 1000,
    profile: str(get(SettingKeys.profile), 'hate-speech').trim() || 'hate-speech',
    cacheEnabled: get(SettingKeys.cacheEnabled) !== false,
    runsFolder: str(get(SettingKeys.runsFolder), '.herdscope/runs').trim() || '.herdscope/runs',
    openaiBaseUrl: str(get(SettingKeys.openaiBaseUrl), '').trim(),
    mistralServerUrl: str(get(SettingKeys.mistralServerUrl), '').trim(),
    rpEnvironments: RP_GROUPINGS.find((g) => g === get(SettingKeys.rpEnvironments)) ?? 'agent',
  };
}

/** The settings contributed with `"scope": "resource"`; every other HerdScope setting is window- or machine-scoped. */
export const RESOURCE_SCOPED_SETTINGS: ReadonlySet<string> = new Set([SettingKeys.profile, SettingKeys.runsFolder]);

/**
 * Resource-scoped settings are read for `scope` (default: the first workspace folder), the others without a resource:
 * VS Code logs a warning for each window-scoped setting read for a resource, and for each resource-scoped one read without.
 */
export function readSettings(scope?: vscode.ConfigurationScope): HerdScopeSettings {
  const forResource = vscode.workspace.getConfiguration(CONFIG_SECTION, scope ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? null);
  const forWindow = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return parseSettings((key) => (RESOURCE_SCOPED_SETTINGS.has(key) ? forResource : forWindow).get(key));
}

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const clampInt = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(v)));
