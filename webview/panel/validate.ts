// Field-level checks of host data: isHostMessage only checks the envelope, so every record is checked here
// before the panel keeps it. Anything malformed is dropped rather than half-rendered.
import type { ControlOverlay, ItemSummary, OptimalThreshold, Orientation, RunHeader, RunStatus, ChainMode, RunKind } from '../../src/extension/protocol';
import type { RpVerdict, StepRecord, StepError } from '../../src/audit/step-record';
import type { DatasetOverview, Rate } from '../../src/audit/dataset-overview';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNumArray = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNum);
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const optInt = (v: unknown): number | null => (isInt(v) ? v : null);

const STATUSES: readonly RunStatus[] = ['running', 'completed', 'cancelled', 'failed'];
const MODES: readonly ChainMode[] = ['sensor', 'interacting'];
const KINDS: readonly RunKind[] = ['selection', 'dataset', 'demo', 'simulation'];
const ERROR_KINDS: readonly StepError['kind'][] = ['parse', 'schema', 'http', 'timeout', 'rate-limit', 'cancelled', 'provider', 'config'];

export function asStatus(v: unknown): RunStatus | null {
  return STATUSES.includes(v as RunStatus) ? (v as RunStatus) : null;
}

export function asHeader(v: unknown): RunHeader | null {
  if (!isObj(v)) return null;
  if (!isStr(v.runId) || !isStr(v.title) || !isStrArray(v.states) || !isStrArray(v.actions)) return null;
  if (!MODES.includes(v.mode as ChainMode)) return null;
  return {
    runId: v.runId,
    kind: KINDS.includes(v.kind as RunKind) ? (v.kind as RunKind) : 'selection',
    title: v.title,
    profileName: isStr(v.profileName) ? v.profileName : '',
    mode: v.mode as ChainMode,
    states: v.states,
    actions: v.actions,
    attributes: isStrArray(v.attributes) ? v.attributes : [],
    agents: isInt(v.agents) && v.agents >= 0 ? v.agents : 0,
    items: isInt(v.items) && v.items >= 0 ? v.items : 1,
    startedAt: isStr(v.startedAt) ? v.startedAt : '',
    simulated: v.simulated === true,
    providerSummary: isStr(v.providerSummary) ? v.providerSummary : '',
  };
}

function asAttributes(v: unknown): Record<string, boolean | number | string> | null {
  if (!isObj(v)) return null;
  const out: Record<string, boolean | number | string> = {};
  for (const [key, value] of Object.entries(v)) {
    if (typeof value === 'boolean' || typeof value === 'string' || isNum(value)) out[key] = value;
  }
  return out;
}

function asError(v: unknown): StepError | undefined {
  if (!isObj(v) || !isStr(v.message)) return undefined;
  const kind = ERROR_KINDS.includes(v.kind as StepError['kind']) ? (v.kind as StepError['kind']) : 'provider';
  return { kind, message: v.message };
}

export function asVerdict(v: unknown): RpVerdict | null {
  if (!isObj(v) || typeof v.passes !== 'boolean' || !isNum(v.niasMargin)) return null;
  return { passes: v.passes, niasMargin: v.niasMargin, niacMargin: isNum(v.niacMargin) ? v.niacMargin : null, basis: isStr(v.basis) ? v.basis : '' };
}

export function asStep(v: unknown): StepRecord | null {
  if (!isObj(v)) return null;
  if (!isInt(v.index) || v.index < 1 || !isInt(v.item) || v.item < 0) return null;
  if (!isNumArray(v.publicBeliefBefore) || !isNumArray(v.publicBeliefAfter)) return null;
  const obs = isObj(v.observation) && isInt(v.observation.index) ? { attributes: asAttributes(v.observation.attributes) ?? {}, index: v.observation.index } : null;
  const tokens = isObj(v.tokens) && isNum(v.tokens.prompt) && isNum(v.tokens.completion) ? { prompt: v.tokens.prompt, completion: v.tokens.completion } : null;
  return {
    runId: isStr(v.runId) ? v.runId : '',
    item: v.item,
    index: v.index,
    provider: isStr(v.provider) ? v.provider : '',
    model: isStr(v.model) ? v.model : '',
    promptHash: isStr(v.promptHash) ? v.promptHash : '',
    rawResponse: isStr(v.rawResponse) ? v.rawResponse : null,
    observation: obs,
    privateBelief: isNumArray(v.privateBelief) ? v.privateBelief : null,
    action: optInt(v.action),
    bayesAction: optInt(v.bayesAction),
    llmAction: optInt(v.llmAction),
    publicBeliefBefore: v.publicBeliefBefore,
    publicBeliefAfter: v.publicBeliefAfter,
    cascade: v.cascade === true,
    herding: v.herding === true,
    rp: asVerdict(v.rp),
    tokens,
    latencyMs: isNum(v.latencyMs) ? v.latencyMs : 0,
    costUsd: isNum(v.costUsd) ? v.costUsd : null,
    simulated: v.simulated === true,
    cached: v.cached === true,
    error: asError(v.error),
  };
}

export function asItemSummary(v: unknown): ItemSummary | null {
  if (!isObj(v) || !isInt(v.item) || v.item < 0) return null;
  return {
    item: v.item,
    text: isStr(v.text) ? v.text : '',
    label: optInt(v.label),
    herdingStep: optInt(v.herdingStep),
    herdAction: optInt(v.herdAction),
    finalPublicBelief: isNumArray(v.finalPublicBelief) ? v.finalPublicBelief : [],
    errors: isInt(v.errors) && v.errors >= 0 ? v.errors : 0,
  };
}

const ORIENTATIONS: readonly Orientation[] = ['continue-below', 'stop-below'];
const isThresholdValue = (v: unknown): v is number => isNum(v) && v >= 0 && v <= 1;
const optNum = (v: unknown): number | null => (isNum(v) ? v : null);

/** The optimal threshold is dropped (not the whole overlay) when any of its defining fields is malformed. */
export function asOptimal(v: unknown): OptimalThreshold | undefined {
  if (!isObj(v) || !isThresholdValue(v.threshold) || !isInt(v.stateIndex) || v.stateIndex < 0) return undefined;
  if (!ORIENTATIONS.includes(v.orientation as Orientation) || (v.method !== 'value-iteration' && v.method !== 'monte-carlo-grid')) return undefined;
  const cost = isObj(v.cost) && isNum(v.cost.mean) && isNum(v.cost.se) ? { mean: v.cost.mean, se: v.cost.se } : null;
  return {
    threshold: v.threshold,
    stateIndex: v.stateIndex,
    orientation: v.orientation as Orientation,
    method: v.method,
    isThreshold: typeof v.isThreshold === 'boolean' ? v.isThreshold : null,
    gridSize: optInt(v.gridSize),
    candidates: optInt(v.candidates),
    runs: optInt(v.runs),
    seed: optInt(v.seed),
    cost,
    discount: isNum(v.discount) ? v.discount : 0,
    horizon: isInt(v.horizon) ? v.horizon : 0,
  };
}

export function asControl(v: unknown): ControlOverlay | null {
  if (!isObj(v) || !isThresholdValue(v.threshold) || !isInt(v.stateIndex) || v.stateIndex < 0) return null;
  const optimal = asOptimal(v.optimal);
  return {
    threshold: v.threshold,
    stateIndex: v.stateIndex,
    orientation: ORIENTATIONS.includes(v.orientation as Orientation) ? (v.orientation as Orientation) : 'continue-below',
    informativeAgentsWith: isNum(v.informativeAgentsWith) ? v.informativeAgentsWith : 0,
    informativeAgentsWithout: isNum(v.informativeAgentsWithout) ? v.informativeAgentsWithout : 0,
    accuracyWith: optNum(v.accuracyWith),
    accuracyWithout: optNum(v.accuracyWithout),
    accuracyMeasure: v.accuracyMeasure === 'posterior-of-true-state' || v.accuracyMeasure === 'posterior-of-map-state' ? v.accuracyMeasure : null,
    ...(isInt(v.revealedAgents) && v.revealedAgents >= 0 ? { revealedAgents: v.revealedAgents } : {}),
    ...(v.stopStep === null || (isInt(v.stopStep) && v.stopStep >= 1) ? { stopStep: v.stopStep } : {}),
    ...(optimal ? { optimal } : {}),
  };
}

/** utilities[m][x][a]: every environment a states×actions matrix of finite numbers. */
export function asUtilities(v: unknown): number[][][] | null {
  if (!Array.isArray(v)) return null;
  return v.every((m) => Array.isArray(m) && m.every(isNumArray)) ? (v as number[][][]) : null;
}

export function asCosts(v: unknown): number[] {
  return isNumArray(v) ? v : [];
}

const isCount = (v: unknown): v is number => isInt(v) && v >= 0;
const isProb = (v: unknown): v is number => isNum(v) && v >= 0 && v <= 1;

function asRate(v: unknown): Rate | null {
  if (!isObj(v) || !isCount(v.k) || !isCount(v.n) || v.k > v.n) return null;
  const p = (x: unknown) => (isProb(x) ? x : null);
  const rate = p(v.rate), low = p(v.low), high = p(v.high);
  if (v.n > 0 && (rate === null || low === null || high === null || low > rate + 1e-9 || high < rate - 1e-9)) return null;
  return { k: v.k, n: v.n, rate: v.n > 0 ? rate : null, low: v.n > 0 ? low : null, high: v.n > 0 ? high : null };
}

/** The dataset overview, or null when any headline field is malformed (the panel then shows no overview). */
export function asOverview(v: unknown): DatasetOverview | null {
  if (!isObj(v) || !isCount(v.items) || !isCount(v.labelled) || !isCount(v.agents)) return null;
  const herding = asRate(v.herding), wrongHerd = asRate(v.wrongHerd), accuracyFinal = asRate(v.accuracyFinal);
  const before = asRate(v.accuracyBeforeHerding), after = asRate(v.accuracyAfterHerding);
  if (!herding || !wrongHerd || !accuracyFinal || !before || !after) return null;
  if (!Array.isArray(v.herdingStepHistogram) || !v.herdingStepHistogram.every(isCount)) return null;
  const byAgent = Array.isArray(v.accuracyByAgent) ? v.accuracyByAgent.map(asRate) : [];
  if (byAgent.some((r) => r === null)) return null;
  if (!Array.isArray(v.confusion) || !v.confusion.every((row) => Array.isArray(row) && row.every(isCount))) return null;
  const errors = isObj(v.errors) && isCount(v.errors.steps) ? v.errors : null;
  const byKind: Partial<Record<StepError['kind'], number>> = {};
  if (errors && isObj(errors.byKind)) for (const kind of ERROR_KINDS) if (isCount(errors.byKind[kind])) byKind[kind] = errors.byKind[kind] as number;
  const tokens = isObj(v.tokens) && isCount(v.tokens.prompt) && isCount(v.tokens.completion) ? { prompt: v.tokens.prompt, completion: v.tokens.completion } : { prompt: 0, completion: 0 };
  return {
    items: v.items,
    labelled: v.labelled,
    agents: v.agents,
    herding,
    herdingStepHistogram: v.herdingStepHistogram as number[],
    meanHerdingStep: isNum(v.meanHerdingStep) ? v.meanHerdingStep : null,
    wrongHerd,
    accuracyFinal,
    accuracyByAgent: byAgent as Rate[],
    accuracyBeforeHerding: before,
    accuracyAfterHerding: after,
    confusion: v.confusion as number[][],
    errors: { steps: errors ? (errors.steps as number) : 0, byKind },
    tokens,
    costUsd: isNum(v.costUsd) && v.costUsd >= 0 ? v.costUsd : 0,
    // Revealed preferences across environments are shown by the RP badge from run/rp for now.
    rp: null,
  };
}
