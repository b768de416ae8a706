// Loads a profile by built-in name or file path, reading a likelihood file when the profile estimates B from one.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors';
import { jsonSyntaxProblem } from '../core/untrusted-text';
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

/**
 * A built-in name (hate-speech, hate-speech-binary, product-quality) or a path to a JSON profile. `root` is the folder
 * the profile's own files must lie in (the extension passes the workspace folder; default: the profile's folder).
 */
export async function loadProfile(nameOrPath: string, field = '--profile', root?: string): Promise<LoadedProfile> {
  const builtin = Object.hasOwn(builtinProfiles, nameOrPath) ? builtinProfiles[nameOrPath] : undefined;
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
    throw new InputError(field, `${nameOrPath} is ${jsonSyntaxProblem(err)}`);
  }
  return resolveProfile(raw, file, path.dirname(file), root);
}

/** Validates raw profile JSON and builds its model; relative likelihood files resolve against baseDir and must stay inside root. */
export async function resolveProfile(raw: unknown, source: string, baseDir: string, root = baseDir): Promise<LoadedProfile> {
  const profile = parseProfile(raw);
  const lik = profile.likelihood;
  const fileCounts =
    'estimateFrom' in lik && 'file' in lik.estimateFrom
      ? await countsFromLabelledFile(profile, lik.estimateFrom, baseDir, root)
      : undefined;
  return { profile, model: profileModel(profile, fileCounts), counts: profileCounts(profile, fileCounts), source };
}
