// The one schema of every message between host and panel, and of the records inside them (zod/mini: the webview
// bundle stays small). The receiver parses with it before acting: the webview's content is untrusted, and so, to the
// webview, is anything it is sent. Records are lenient where the panel can show a default (a missing model name is
// ''), strict where it cannot (a step without its beliefs is dropped). Each schema is typed by the interface it
// checks, so the two cannot drift apart.
import * as z from 'zod/mini';
import type { ChainMode, ControlOverlay, ItemSummary, OptimalThreshold, Orientation, RunHeader, RunKind, RunStatus } from './run-header';
import { RP_GROUPINGS, type DatasetOverview, type EnvironmentRp, type Rate } from './dataset-overview';
import type { RpVerdict, StepError, StepRecord } from './step-record';
import type { ForecastComparison, ForecastMethod, Interval, ObservedVsForecast, RunForecast } from './run-forecast';
import type { RunSensor, SensorCheck, SensorStateCheck, SensorWorst } from './sensor-check';

type Schema<T> = z.ZodMiniType<T>;
const num = z.number(); // finite: zod rejects NaN and ±Infinity
const int = z.int();
const nonNegativeInt = z.int().check(z.gte(0));
const numArray = z.array(num);
const probability = z.number().check(z.gte(0), z.lte(1));
const orNull = <T>(schema: Schema<T>) => z.catch(z.nullable(schema), null);
const flag = z.catch(z.boolean(), false); // true only when exactly true
const text = z.catch(z.string(), '');
const object = <T>(schema: Schema<T>) => z.catch(z.optional(schema), undefined);
const anyRecord = z.record(z.string(), z.unknown());

const statuses = ['running', 'completed', 'cancelled', 'failed', 'interrupted'] as const satisfies readonly RunStatus[];
const modes = ['sensor', 'interacting'] as const satisfies readonly ChainMode[];
const kinds = ['selection', 'dataset', 'demo', 'simulation'] as const satisfies readonly RunKind[];
const errorKinds = [
  'parse',
  'schema',
  'http',
  'timeout',
  'rate-limit',
  'cancelled',
  'provider',
  'config',
] as const satisfies readonly StepError['kind'][];
const orientations = ['continue-below', 'stop-below'] as const satisfies readonly Orientation[];

export const runStatusSchema: Schema<RunStatus> = z.enum(statuses);

export const runHeaderSchema: Schema<RunHeader> = z.object({
  runId: z.string(),
  kind: z.catch(z.enum(kinds), 'selection'),
  title: z.string(),
  profileName: text,
  mode: z.enum(modes),
  states: z.array(z.string()),
  actions: z.array(z.string()),
  attributes: z.catch(z.array(z.string()), []),
  agents: z.catch(nonNegativeInt, 0),
  items: z.catch(nonNegativeInt, 1),
  startedAt: text,
  simulated: flag,
  providerSummary: text,
});

/** Attribute values that are not a boolean, string or finite number are left out (the rest of the step stays). */
const attributesSchema = z.catch(
  z.pipe(
    anyRecord,
    z.transform(
      (record) =>
        Object.fromEntries(
          Object.entries(record).filter(([, v]) => typeof v === 'boolean' || typeof v === 'string' || num.safeParse(v).success),
        ) as Record<string, boolean | number | string>,
    ),
  ),
  {},
);

export const rpVerdictSchema: Schema<RpVerdict> = z.object({
  passes: z.boolean(),
  niasMargin: num,
  niacMargin: orNull(num),
  basis: text,
});

const stepErrorSchema: Schema<StepError> = z.object({ kind: z.catch(z.enum(errorKinds), 'provider'), message: z.string() });

export const stepRecordSchema: Schema<StepRecord> = z.object({
  runId: text,
  item: nonNegativeInt,
  index: z.int().check(z.gte(1)),
  provider: text,
  model: text,
  promptHash: text,
  rawResponse: orNull(z.string()),
  observation: orNull(z.object({ attributes: attributesSchema, index: int })),
  privateBelief: orNull(numArray),
  action: orNull(int),
  bayesAction: orNull(int),
  llmAction: orNull(int),
  publicBeliefBefore: numArray,
  publicBeliefAfter: numArray,
  cascade: flag,
  herding: flag,
  rp: orNull(rpVerdictSchema),
  tokens: orNull(z.object({ prompt: num, completion: num })),
  latencyMs: z.catch(num, 0),
  costUsd: orNull(num),
  simulated: flag,
  cached: flag,
  error: object(stepErrorSchema),
});

export const itemSummarySchema: Schema<ItemSummary> = z.object({
  item: nonNegativeInt,
  text,
  label: orNull(int),
  herdingStep: orNull(int),
  herdAction: orNull(int),
  finalPublicBelief: z.catch(numArray, []),
  errors: z.catch(nonNegativeInt, 0),
  finalAction: z.catch(z.optional(z.nullable(int)), undefined),
  wrongHerd: z.catch(z.optional(z.nullable(z.boolean())), undefined),
});

/** A malformed optimal threshold is dropped, not the whole overlay. */
export const optimalThresholdSchema: Schema<OptimalThreshold> = z.object({
  threshold: probability,
  stateIndex: nonNegativeInt,
  orientation: z.enum(orientations),
  method: z.enum(['value-iteration', 'monte-carlo-grid']),
  isThreshold: orNull(z.boolean()),
  gridSize: orNull(int),
  candidates: orNull(int),
  runs: orNull(int),
  seed: orNull(int),
  cost: orNull(z.object({ mean: num, se: num })),
  discount: z.catch(num, 0),
  horizon: z.catch(int, 0),
});

export const controlOverlaySchema: Schema<ControlOverlay> = z.object({
  threshold: probability,
  stateIndex: nonNegativeInt,
  orientation: z.catch(z.enum(orientations), 'continue-below'),
  informativeAgentsWith: z.catch(num, 0),
  informativeAgentsWithout: z.catch(num, 0),
  accuracyWith: orNull(num),
  accuracyWithout: orNull(num),
  accuracyMeasure: orNull(z.enum(['posterior-of-true-state', 'posterior-of-map-state'])),
  revealedAgents: object(nonNegativeInt),
  stopStep: z.catch(z.optional(z.union([z.null(), z.int().check(z.gte(1))])), undefined),
  optimal: object(optimalThresholdSchema),
});

/** utilities[m][x][a]: every environment a states×actions matrix of finite numbers. */
export const utilitiesSchema = z.array(z.array(numArray));
/** κ_m per environment; anything else reads as none. */
export const costsSchema = z.catch(numArray, []);

const count = nonNegativeInt;
const countMatrix = z.array(z.array(count));

/** k of n with its interval; for n > 0 the rate lies inside [low, high]. */
const rateSchema: Schema<Rate> = z
  .object({ k: count, n: count, rate: z.nullable(probability), low: z.nullable(probability), high: z.nullable(probability) })
  .check(
    z.refine(
      (r) =>
        r.k <= r.n &&
        (r.n === 0 || (r.rate !== null && r.low !== null && r.high !== null && r.low <= r.rate + 1e-9 && r.high >= r.rate - 1e-9)),
    ),
  );

const environmentRpSchema: Schema<EnvironmentRp> = z.object({
  grouping: z.enum(RP_GROUPINGS),
  verdict: orNull(rpVerdictSchema),
  environments: z.array(
    z.object({ name: z.string(), decisions: count, utility: orNull(z.array(numArray)), niasSlack: orNull(num), cost: orNull(num) }),
  ),
  reason: z.catch(z.optional(z.string()), undefined),
  note: z.catch(z.optional(z.string()), undefined),
});

const errorCountsSchema = z.catch(
  z.pipe(
    anyRecord,
    z.transform(
      (record) =>
        Object.fromEntries(
          errorKinds.filter((kind) => nonNegativeInt.safeParse(record[kind]).success).map((kind) => [kind, record[kind] as number]),
        ) as Partial<Record<StepError['kind'], number>>,
    ),
  ),
  {},
);

/** The dataset overview: headline rates must be well formed (else the panel shows none); extras fall back to empty. */
export const datasetOverviewSchema: Schema<DatasetOverview> = z.object({
  items: count,
  labelled: count,
  agents: count,
  herding: rateSchema,
  herdingStepHistogram: z.array(count),
  meanHerdingStep: orNull(num),
  wrongHerd: rateSchema,
  accuracyFinal: rateSchema,
  accuracyByAgent: z.array(rateSchema),
  accuracyBeforeHerding: rateSchema,
  accuracyAfterHerding: rateSchema,
  confusion: countMatrix,
  errors: z.catch(z.object({ steps: count, byKind: errorCountsSchema }), { steps: 0, byKind: {} }),
  tokens: z.catch(z.object({ prompt: count, completion: count }), { prompt: 0, completion: 0 }),
  costUsd: z.catch(z.number().check(z.gte(0)), 0),
  rp: orNull(environmentRpSchema),
});

const intervalSchema: Schema<Interval> = z.tuple([probability, probability]).check(z.refine(([low, high]) => low <= high));

/** One side (herding or wrong herd) of a state: k ≤ n, a rate inside its interval, probabilities in [0, 1]. */
const observedVsForecastSchema: Schema<ObservedVsForecast> = z.object({
  observed: z
    .object({ k: count, n: count, rate: z.nullable(probability), interval: z.nullable(intervalSchema) })
    .check(
      z.refine(
        (o) =>
          o.k <= o.n &&
          (o.n === 0
            ? o.rate === null
            : o.rate !== null && o.interval !== null && o.interval[0] <= o.rate + 1e-9 && o.interval[1] >= o.rate - 1e-9),
      ),
    ),
  forecast: probability,
  forecastInterval: z.nullable(intervalSchema),
  consistent: z.nullable(z.boolean()),
});

const forecastComparisonSchema: Schema<ForecastComparison> = z.object({
  agents: count,
  exact: z.boolean(),
  states: z.array(z.object({ state: count, herding: observedVsForecastSchema, wrongHerd: observedVsForecastSchema })),
});

const forecastMethodSchema: Schema<ForecastMethod> = z.object({
  exact: z.boolean(),
  distinctBeliefs: count,
  maxBeliefs: count,
  chains: z.nullable(count),
  seed: z.nullable(int),
});

/** The forecast beside a run: pending, unavailable with its reason, or ready with well-formed numbers (else dropped). */
export const runForecastSchema: Schema<RunForecast> = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('unavailable'), reason: z.string() }),
  z.object({ status: z.literal('ready'), method: forecastMethodSchema, comparison: forecastComparisonSchema }),
]);

const sensorStateSchema: Schema<SensorStateCheck> = z.object({
  state: count,
  n: count,
  observed: z.array(count),
  expected: z.array(probability),
  g: z.nullable(z.number().check(z.gte(0))),
  df: count,
  p: z.nullable(probability),
  pHolm: z.nullable(probability),
  tv: z.nullable(probability),
  impossible: z.optional(z.array(count)),
});

const sensorWorstSchema: Schema<SensorWorst> = z.object({ state: count, y: count, observedShare: probability, assumedShare: probability });

const sensorCheckSchema: Schema<SensorCheck> = z.object({
  rejected: z.boolean(),
  alpha: probability,
  states: z.array(sensorStateSchema),
  observations: count,
  logLikelihoodRatio: z.nullable(z.number().check(z.lte(1e-9))),
  logLikelihoodRatioPerObservation: z.nullable(z.number().check(z.lte(1e-9))),
  worst: z.nullable(sensorWorstSchema),
  message: z.string(),
});

/** The sensor check beside a run: ready with a well-formed check (else dropped), or unavailable with its reason. */
export const runSensorSchema: Schema<RunSensor> = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unavailable'), reason: z.string() }),
  z.object({ status: z.literal('ready'), check: sensorCheckSchema }),
]);

/** The envelope of each host message; the records inside are parsed one by one (a bad step drops alone). */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run/open'), header: anyRecord, status: z.string(), loading: z.optional(z.boolean()) }),
  z.object({ type: z.literal('run/steps'), runId: z.string(), steps: z.array(z.unknown()) }),
  z.object({ type: z.literal('run/item'), runId: z.string(), summary: anyRecord }),
  z.object({ type: z.literal('run/status'), runId: z.string(), status: z.string(), message: z.catch(z.optional(z.string()), undefined) }),
  z.object({
    type: z.literal('run/rp'),
    runId: z.string(),
    verdict: anyRecord,
    utilities: z.array(z.unknown()),
    costs: z.optional(z.unknown()),
  }),
  z.object({ type: z.literal('run/control'), runId: z.string(), overlay: anyRecord }),
  z.object({ type: z.literal('run/select-item'), runId: z.string(), item: int }),
  z.object({ type: z.literal('run/overview'), runId: z.string(), overview: anyRecord }),
  z.object({ type: z.literal('run/forecast'), runId: z.string(), forecast: anyRecord }),
  z.object({ type: z.literal('run/sensor'), runId: z.string(), sensor: anyRecord }),
]);

export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('select-item'), item: nonNegativeInt }),
  z.object({ type: z.literal('export'), format: z.enum(['json', 'csv', 'html']) }),
  z.object({ type: z.literal('simulate-control'), threshold: probability }),
  z.object({ type: z.literal('sensor-action'), action: z.enum(['details', 'reestimate']) }),
]);

/** The parsed value, or null when it does not match. */
export function parseWith<T>(schema: Schema<T>, raw: unknown): T | null {
  const result = schema.safeParse(raw);
  return result.success ? result.data : null;
}
