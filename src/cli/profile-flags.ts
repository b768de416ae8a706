// --profile and --mode, shared by `chain` and `audit`.
import { loadProfile, type LoadedProfile } from '../audit/profile-loader';
import { InputError } from '../core/errors';

/** Loads --profile (a built-in name or a JSON file) and applies --mode when given. */
export async function loadProfileFlag(profile: string | undefined, mode: string | undefined): Promise<LoadedProfile> {
  if (!profile) throw new InputError('--profile', 'is required (a built-in name or a profile JSON file)');
  return withMode(await loadProfile(profile), mode);
}

export function withMode(loaded: LoadedProfile, mode: string | undefined): LoadedProfile {
  if (mode === undefined) return loaded;
  if (mode !== 'sensor' && mode !== 'interacting') throw new InputError('--mode', `must be sensor or interacting, got '${mode}'`);
  return { ...loaded, profile: { ...loaded.profile, mode } };
}
