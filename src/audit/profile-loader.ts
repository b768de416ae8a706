// Loads a profile by built-in name or file path, reading a likelihood file when the profile estimates B from one.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors';
import type { DecisionModel } from '../core/model';
import { builtinProfiles, builtinProfileNames } from './builtin-profiles';
import { parseProfile, profileCounts, profileModel, type Profile } from './profile';
import { countsFromLabelledFile } from './likelihood-file';

export interface LoadedProfile {
  profile: Profile;
  model: DecisionModel;
  /** Counts behind B when it is estimated (from the profile or its labelled file); null for a given matrix. */
  counts: number[][] | null;
  /** 'builtin:<name>' or the absolute file path. */
  source: string;
}

/** A built-in name (hate-speech, hate-speech-binary, product-quality) or a path to a JSON profile. */
export async function loadProfile(nameOrPath: string, field = '--profile'): Promise<LoadedProfile> {
  const builtin = builtinProfiles[nameOrPath];
  if (builtin !== undefined) return resolveProfile(structuredClone(builtin), `builtin:${nameOrPath}`, process.cwd());
  const file = path.resolve(nameOrPath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(field, `'${nameOrPath}' is neither a built-in profile (${builtinProfileNames.join(', ')}) nor a readable file`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError(field, `${nameOrPath} is not valid JSON (${(err as Error).message})`);
  }
  return resolveProfile(raw, file, path.dirname(file));
}

/** Validates raw profile JSON and builds its model; relative likelihood files resolve against baseDir. */
export async function resolveProfile(raw: unknown, source: string, baseDir: string): Promise<LoadedProfile> {
  const profile = parseProfile(raw);
  const lik = profile.likelihood;
  const fileCounts = 'estimateFrom' in lik && 'file' in lik.estimateFrom ? await countsFromLabelledFile(profile, lik.estimateFrom, baseDir) : undefined;
  return { profile, model: profileModel(profile, fileCounts), counts: profileCounts(profile, fileCounts), source };
}
