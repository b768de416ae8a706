// The panel's "what if a controller had intervened" overlay (spec §5): replays the shown item's observations with the
// threshold controller and without it (core whatIfControlled), on the run's own decision model.
import * as path from 'node:path';
import { whatIfControlled } from '../../core/control/intervention';
import { resolveProfile } from '../../audit/profile-loader';
import type { LoadedRun } from '../../audit/run-types';
import type { ControlOverlay } from '../protocol';

export async function controlOverlay(run: LoadedRun, item: number, threshold: number): Promise<ControlOverlay> {
  const { meta } = run;
  const baseDir = meta.profileSource.startsWith('builtin:') ? process.cwd() : path.dirname(meta.profileSource);
  const { model } = await resolveProfile(meta.profile, meta.profileSource, baseDir);
  const steps = run.steps.filter((s) => s.item === item).sort((a, b) => a.index - b.index);
  const label = run.items.find((i) => i.item === item)?.label ?? null;
  const result = whatIfControlled(model, steps.map((s) => s.observation?.index ?? null), { threshold, trueState: label });
  return {
    threshold: result.threshold,
    stateIndex: result.stateIndex,
    informativeAgentsWith: result.informativeAgentsWith,
    informativeAgentsWithout: result.informativeAgentsWithout,
    accuracyWith: result.accuracyWith,
    accuracyWithout: result.accuracyWithout,
  };
}
