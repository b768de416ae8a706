// The panel's "what if a controller had intervened" overlay (spec §5): the optimal stopping threshold of the run's
// decision model (core optimalThresholdFor), and a replay of the shown item's observations with the threshold
// controller and without it (core whatIfControlled), at the optimal threshold unless the slider asked for another.
import * as path from 'node:path';
import { whatIfControlled } from '../../core/control/intervention';
import { optimalThresholdFor, type OptimalThreshold } from '../../core/control/optimal-threshold';
import type { DecisionModel } from '../../core/model';
import { resolveProfile } from '../../audit/profile-loader';
import type { RunMeta } from '../../audit/run-types';
import type { StepRecord } from '../../shared/step-record';
import type { ControlOverlay } from '../../shared/protocol';

const CACHE_LIMIT = 16;
const optimalCache = new Map<string, OptimalThreshold>();

/** Seeded, so the same model always gets the same threshold; cached because the slider asks again on every change. */
function cachedOptimal(model: DecisionModel): OptimalThreshold {
  const key = JSON.stringify(model);
  let optimal = optimalCache.get(key);
  if (!optimal) {
    optimal = optimalThresholdFor(model, { seed: 0 });
    if (optimalCache.size >= CACHE_LIMIT) optimalCache.delete(optimalCache.keys().next().value as string);
    optimalCache.set(key, optimal);
  }
  return optimal;
}

/**
 * The overlay for one item from its steps and true label (read alone, not with the whole run).
 * threshold: the slider's value on the optimal threshold's state and orientation; omitted = the optimal threshold.
 */
export async function controlOverlay(
  meta: RunMeta,
  itemSteps: readonly StepRecord[],
  label: number | null,
  threshold?: number,
): Promise<ControlOverlay> {
  const baseDir = meta.profileSource.startsWith('builtin:') ? process.cwd() : path.dirname(meta.profileSource);
  const { model } = await resolveProfile(meta.profile, meta.profileSource, baseDir);
  const optimal = cachedOptimal(model);
  const steps = [...itemSteps].sort((a, b) => a.index - b.index);
  const result = whatIfControlled(
    model,
    steps.map((s) => s.observation?.index ?? null),
    {
      threshold: threshold ?? optimal.threshold,
      stateIndex: optimal.stateIndex,
      orientation: optimal.orientation,
      trueState: label,
    },
  );
  return {
    threshold: result.threshold,
    stateIndex: result.stateIndex,
    orientation: result.orientation,
    informativeAgentsWith: result.informativeAgentsWith,
    informativeAgentsWithout: result.informativeAgentsWithout,
    accuracyWith: result.accuracyWith,
    accuracyWithout: result.accuracyWithout,
    accuracyMeasure: result.accuracyMeasure,
    revealedAgents: result.revealedAgents,
    stopStep: result.stopStep,
    optimal,
  };
}
