// A source spec built once for a run (or a prepared source passed through), with the run's RP verdict of the profile.
import { buildSource } from '../build-source';
import type { LoadedProfile } from '../profile-loader';
import { sensorCountsVerdict } from '../rp-audit';
import type { RunRp } from '../run-types';
import { isBuiltSource, type BuiltSource, type SourceSpec } from '../source-spec';

/**
 * The run's `concurrency` also sizes the live providers' limit when the spec leaves it unset: one knob, so N calls in
 * flight for the run means N for the endpoint too (the provider's own default of 4 would otherwise cap it).
 */
export function prepareSource(source: SourceSpec | BuiltSource, loaded: LoadedProfile, agents: number, concurrency?: number): BuiltSource {
  if (isBuiltSource(source)) return source;
  const spec = source.kind === 'llm' && source.concurrency === undefined && concurrency !== undefined ? { ...source, concurrency } : source;
  return buildSource(spec, loaded, agents);
}

/** The profile's sensor counts as a revealed-preference verdict (null without counts, or when the LP fails). */
export async function profileRp(loaded: LoadedProfile, onError?: (message: string) => void): Promise<RunRp | null> {
  if (!loaded.counts) return null;
  return sensorCountsVerdict(loaded.counts).catch((err: unknown) => {
    onError?.(`revealed-preference test skipped: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  });
}
