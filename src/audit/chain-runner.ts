// Runs one text through the chain of agents (spec §4.1), streaming each StepRecord as it is decided.
import pLimit from 'p-limit';
import type { DecisionModel } from '../core/model';
import { ChainState } from './chain-state';
import { finalActionOf, isWrongHerd } from './item-facts';
import type { AgentAnswer, ObservationSource } from './observation-source';
import type { Profile } from './profile';
import { optimalActions } from './run-counts';
import type { ItemSummary } from './run-types';
import type { RpVerdict, StepRecord } from '../shared/step-record';

export interface ChainInput {
  runId: string;
  /** Dataset row (default 0). */
  item?: number;
  text: string;
  /** True state when known (dataset label or simulated true state). */
  label?: number | null;
  profile: Profile;
  model: DecisionModel;
  source: ObservationSource;
  /** Number of agents (default: the profile's). */
  agents?: number;
  /** Sensor mode: how many agents' LLM calls may be in flight at once (default 4). Interacting mode is sequential. */
  concurrency?: number;
  /** A limiter shared by every item of a run (total calls in flight); replaces `concurrency` when given. */
  callLimit?: CallLimit;
  /** Spec §7.1 code-parity public update (off by default). */
  codeParity?: boolean;
  /** Attached to every step (e.g. the verdict of the profile's sensor counts). */
  rp?: RpVerdict | null;
  signal?: AbortSignal;
  /** Called in agent order, once per finished step; awaited (use it to append to the run store). */
  onStep?: (step: StepRecord) => void | Promise<void>;
}

/** Runs agent k's call when a slot is free. */
export type CallLimit = <T>(call: () => Promise<T>, agent: number) => Promise<T>;

export interface ChainResult {
  steps: StepRecord[];
  summary: ItemSummary;
  /** The signal fired before every agent finished; `steps` holds the ones that did. */
  cancelled: boolean;
}

export async function runChain(input: ChainInput): Promise<ChainResult> {
  const mode = input.profile.mode;
  const n = input.agents ?? input.profile.agents.count;
  const item = input.item ?? 0;
  const steps: StepRecord[] = [];
  const state = new ChainState(input.model);
  const answers = mode === 'sensor' ? startSensorCalls(input, n, item) : null;
  let cancelled = false;
  for (let agent = 1; agent <= n; agent++) {
    if (input.signal?.aborted) {
      cancelled = true;
      break;
    }
    const request = {
      item,
      agent,
      text: input.text,
      predecessors: mode === 'interacting' ? [...state.predecessors] : [],
      publicBelief: state.belief,
      trueState: input.label ?? null,
      signal: input.signal,
    };
    const answer = answers
      ? await answers[agent - 1]()
      : input.callLimit
        ? await input.callLimit(() => input.source.observe(request), agent)
        : await input.source.observe(request);
    if (answer.error?.kind === 'cancelled' || input.signal?.aborted) {
      cancelled = true;
      break;
    }
    const step = state.next({ runId: input.runId, item, agent, mode, model: input.model, codeParity: input.codeParity }, answer);
    if (input.rp) step.rp = input.rp;
    steps.push(step);
    await input.onStep?.(step);
  }
  answers?.forEach((get) => get().catch(() => undefined));
  return { steps, summary: summarizeItem(input, item, steps, state), cancelled };
}

/** Sensor mode: observations do not depend on the public belief, so every agent's call starts now (bounded). */
function startSensorCalls(input: ChainInput, n: number, item: number): Array<() => Promise<AgentAnswer>> {
  const own = pLimit(Math.max(1, input.concurrency ?? 4));
  const limit: CallLimit = input.callLimit ?? ((call) => own(call));
  const prior = input.model.prior;
  const calls = Array.from({ length: n }, (_, i) =>
    limit(
      () =>
        input.source.observe({
          item,
          agent: i + 1,
          text: input.text,
          predecessors: [],
          publicBelief: prior,
          trueState: input.label ?? null,
          signal: input.signal,
        }),
      i + 1,
    ),
  );
  calls.forEach((c) => c.catch(() => undefined));
  return calls.map((c) => () => c);
}

/** An item's summary from its steps and the chain state after the last of them. */
export function summarizeItem(
  input: Pick<ChainInput, 'text' | 'label' | 'model'>,
  item: number,
  steps: StepRecord[],
  state: ChainState,
): ItemSummary {
  const first = steps.find((s) => s.cascade);
  const facts = {
    label: input.label ?? null,
    herdingStep: first ? first.index : null,
    herdAction: first ? state.herdAction : null,
  };
  return {
    item,
    text: input.text,
    ...facts,
    finalPublicBelief: state.belief,
    errors: steps.filter((s) => s.error).length,
    finalAction: finalActionOf(steps),
    wrongHerd: isWrongHerd(facts, optimalActions(input.model)),
  };
}
