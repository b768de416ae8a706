// A source spec built once for a run (or a prepared source passed through), with the run's RP verdict of the profile.
import { buildSource } from '../build-source';
import type { LoadedProfile } from '../profile-loader';
import { sensorCountsVerdict } from '../rp-audit';
import type { RunRp } from '../run-types';
import { isBuiltSource, type BuiltSource, type SourceSpec } from '../source-spec';

export function prepareSource(source: SourceSpec | BuiltSource, loaded: LoadedProfile, agents: number): BuiltSource {
  return isBuiltSource(source) ? source : buildSource(source, loaded, agents);
}

/** The profile's sensor counts as a revealed-preference verdict (null without counts, or when the LP fails). */
export async function profileRp(loaded: LoadedProfile, onError?: (message: string) => void): Promise<RunRp | null> {
  if (!loaded.counts) return null;
  return sensorCountsVerdict(loaded.counts).catch((err: unknown) => {
    onError?.(`revealed-preference test skipped: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  });
}
