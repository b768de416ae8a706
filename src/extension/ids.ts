// Every identifier HerdScope contributes to VS Code, in one place; test/extension/trusted/manifest.test.ts checks them against package.json.

export const EXTENSION_ID = 'herdscope.herdscope';

export const Commands = {
  auditSelection: 'herdscope.auditSelection',
  auditDataset: 'herdscope.auditDataset',
  selectProfile: 'herdscope.selectProfile',
  newProfile: 'herdscope.newProfile',
  setApiKey: 'herdscope.setApiKey',
  useLocalServer: 'herdscope.useLocalServer',
  useLanguageModels: 'herdscope.useLanguageModels',
  openRun: 'herdscope.openRun',
  showLog: 'herdscope.showLog',
  runDemo: 'herdscope.runDemo',
  deleteRun: 'herdscope.deleteRun',
  exportRun: 'herdscope.exportRun',
  resumeRun: 'herdscope.resumeRun',
  refreshRuns: 'herdscope.refreshRuns',
  compareRuns: 'herdscope.compareRuns',
  forecastHerding: 'herdscope.forecastHerding',
  checkSensor: 'herdscope.checkSensor',
  saveReport: 'herdscope.saveReport',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  container: 'herdscope',
  runs: 'herdscope.runs',
} as const;

/** The walkthrough's full id as workbench.action.openWalkthrough takes it. */
export const WALKTHROUGH_ID = 'herdscope.herdscope#herdscope.getStarted';

export const PANEL_VIEW_TYPE = 'herdscope.auditPanel';

/** The report view (comparison, forecast, sensor check); `activeWebviewPanelId == 'herdscope.report'` in package.json. */
export const REPORT_VIEW_TYPE = 'herdscope.report';

export const CONFIG_SECTION = 'herdscope';

/** Setting keys relative to the `herdscope` section. */
export const SettingKeys = {
  provider: 'provider',
  model: 'model',
  agents: 'agents',
  concurrency: 'concurrency',
  requestsPerMinute: 'requestsPerMinute',
  timeoutSeconds: 'timeoutSeconds',
  profile: 'profile',
  cacheEnabled: 'cache.enabled',
  runsFolder: 'runsFolder',
  openaiBaseUrl: 'openai.baseUrl',
  mistralServerUrl: 'mistral.serverUrl',
  rpEnvironments: 'overview.rpEnvironments',
} as const;

/** Settings a workspace must not control (they pick what runs or where keys go); ignored in untrusted workspaces. */
export const RESTRICTED_SETTINGS = [
  SettingKeys.profile,
  SettingKeys.runsFolder,
  SettingKeys.openaiBaseUrl,
  SettingKeys.mistralServerUrl,
].map((k) => `${CONFIG_SECTION}.${k}`);

/** Providers that need an API key, and the SecretStorage key each is kept under. */
export const KeyedProviders = {
  openai: { label: 'OpenAI', secretKey: 'herdscope.apiKey.openai' },
  mistral: { label: 'Mistral', secretKey: 'herdscope.apiKey.mistral' },
} as const;
export type KeyedProvider = keyof typeof KeyedProviders;

export const PROFILE_FILE_GLOB = '**/*.herdscope.json';
