// An audit profile: validation (errors name the field), per-agent settings, and the decision model it implies.
import type { z } from 'zod';
import { InputError } from '../core/errors';
import { assertMatrix, assertProbabilityVector, assertStochasticMatrix } from '../core/probability';
import { parseDecisionModel, type DecisionModel } from '../core/model';
import { estimateLikelihood } from '../core/likelihood';
import { observationCount, type IndexingScheme } from '../core/observation-index';
import { profileSchema, type ParsedProfile } from './profile-schema';

export type Profile = ParsedProfile;
export type AgentSettings = Omit<Profile['agents'], 'count' | 'overrides' | 'showPublicBelief'>;

/** Validates raw JSON as a profile; throws InputError naming the first bad field (e.g. `profile.agents.count`). */
export function parseProfile(raw: unknown, field = 'profile'): Profile {
  const result = profileSchema.safeParse(raw);
  if (!result.success) throw zodToInputError(result.error, field);
  const profile = result.data;
  checkConsistency(profile, field);
  return profile;
}

/** The core indexing scheme of a profile (spec §2.3). */
export function profileIndexing(profile: Profile): IndexingScheme {
  return schemeOf(profile.indexing);
}

function schemeOf(indexing: Profile['indexing']): IndexingScheme {
  const names = [...indexing.attributes];
  return indexing.kind === 'max-severity' ? { kind: 'max-severity', order: names } : { kind: indexing.kind, attributes: names };
}

/** Y, the number of observation symbols of the profile's indexing scheme. */
export function profileObservationCount(profile: Profile): number {
  return observationCount(profileIndexing(profile));
}

/**
 * The decision model: prior (uniform when omitted), B (given, or estimated from counts with the profile's smoothing),
 * utility (or −cost), transition. File-based likelihoods are counted first by resolveProfile (profile-loader.ts).
 */
export function profileModel(profile: Profile, countsFromFile?: number[][]): DecisionModel {
  const X = profile.states.length;
  const prior = profile.prior ?? Array.from({ length: X }, () => 1 / X);
  const raw = {
    prior,
    likelihood: likelihoodMatrix(profile, countsFromFile),
    utility: profile.utility,
    cost: profile.cost,
    transition: profile.transition,
  };
  return parseDecisionModel(raw, 'profile');
}

/** The counts behind the likelihood when it is estimated (null for a given matrix). */
export function profileCounts(profile: Profile, countsFromFile?: number[][]): number[][] | null {
  const lik = profile.likelihood;
  if ('matrix' in lik) return null;
  if ('counts' in lik.estimateFrom) return lik.estimateFrom.counts;
  if (!countsFromFile)
    throw new InputError('profile.likelihood.estimateFrom.file', 'has not been read yet (load the profile with loadProfile)');
  return countsFromFile;
}

function likelihoodMatrix(profile: Profile, countsFromFile?: number[][]): number[][] {
  const lik = profile.likelihood;
  if ('matrix' in lik) return lik.matrix;
  const counts = profileCounts(profile, countsFromFile) as number[][];
  return estimateLikelihood(counts, { smoothing: lik.smoothing });
}

/** The settings of agent k (1-based): the profile defaults with that agent's override applied. */
export function agentSettings(profile: Profile, agent: number): AgentSettings {
  const a = profile.agents;
  const defaults: AgentSettings = {
    provider: a.provider,
    model: a.model,
    temperature: a.temperature,
    topP: a.topP,
    maxTokens: a.maxTokens,
    systemPrompt: a.systemPrompt,
    promptTemplate: a.promptTemplate,
    perturb: a.perturb,
  };
  const override = a.overrides?.find((o) => o.agent === agent);
  if (!override) return defaults;
  const defined = Object.fromEntries(Object.entries(override).filter(([k, v]) => k !== 'agent' && v !== undefined));
  return { ...defaults, ...defined };
}

function checkConsistency(p: Profile, field: string): void {
  const at = (name: string) => `${field}.${name}`;
  const X = p.states.length;
  const A = p.actions.length;
  checkUnique(p.states, at('states'));
  checkUnique(p.actions, at('actions'));
  checkUnique(
    p.attributes.map((a) => a.name),
    at('attributes'),
  );
  p.attributes.forEach((attr, i) => {
    if (attr.type === 'enum' && !attr.values) throw new InputError(at(`attributes[${i}].values`), 'is required for an enum attribute');
    if (attr.type === 'boolean' && attr.values)
      throw new InputError(at(`attributes[${i}].values`), 'is only allowed for an enum attribute');
  });
  p.indexing.attributes.forEach((name, i) => {
    const attr = p.attributes.find((a) => a.name === name);
    if (!attr)
      throw new InputError(
        at(`indexing.attributes[${i}]`),
        `'${name}' is not one of the attributes (${p.attributes.map((a) => a.name).join(', ')})`,
      );
    if (attr.type !== 'boolean') throw new InputError(at(`indexing.attributes[${i}]`), `'${name}' must be a boolean attribute`);
  });
  const Y = observationCount(schemeOf(p.indexing));
  const lik = p.likelihood;
  if ('matrix' in lik) assertStochasticMatrix(lik.matrix, at('likelihood.matrix'), X, Y);
  else if ('counts' in lik.estimateFrom) checkCounts(lik.estimateFrom.counts, at('likelihood.estimateFrom.counts'), X, Y);
  if ((p.utility === undefined) === (p.cost === undefined))
    throw new InputError(at('utility'), p.utility ? 'give either utility or cost, not both' : 'is required (or give cost)');
  if (p.utility) assertMatrix(p.utility, at('utility'), X, A);
  if (p.cost) assertMatrix(p.cost, at('cost'), X, A);
  if (p.prior) assertProbabilityVector(p.prior, at('prior'), X);
  if (p.transition) assertStochasticMatrix(p.transition, at('transition'), X, X);
  if (!p.agents.promptTemplate.includes('{{text}}'))
    throw new InputError(at('agents.promptTemplate'), 'must contain the {{text}} placeholder');
  p.agents.overrides?.forEach((o, i) => {
    if (o.agent > p.agents.count)
      throw new InputError(at(`agents.overrides[${i}].agent`), `is ${o.agent} but there are ${p.agents.count} agents`);
    if (o.promptTemplate !== undefined && !o.promptTemplate.includes('{{text}}'))
      throw new InputError(at(`agents.overrides[${i}].promptTemplate`), 'must contain the {{text}} placeholder');
  });
}

/** Counts: X rows of Y non-negative numbers. */
export function checkCounts(counts: number[][], field: string, X: number, Y: number): void {
  assertMatrix(counts, field, X, Y).forEach((row, i) =>
    row.forEach((c, j) => {
      if (c < 0) throw new InputError(`${field}[${i}][${j}]`, `must be non-negative, got ${c}`);
    }),
  );
}

function checkUnique(names: string[], field: string): void {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (seen.has(n)) throw new InputError(`${field}[${i}]`, `duplicate '${n}'`);
    seen.add(n);
  });
}

function zodToInputError(error: z.ZodError, field: string): InputError {
  const issue = mostSpecific(error.issues[0]);
  const path = issue.path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : `${acc}.${String(seg)}`), field);
  return new InputError(path, issue.message);
}

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][] };

/** For a union (e.g. likelihood), the branch that got furthest, preferring a wrong value over a missing key. */
function mostSpecific(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return issue;
  const score = (i: Issue) => i.path.length * 2 + (/received undefined/.test(i.message) ? 0 : 1);
  const candidates = issue.errors.filter((b) => b.length > 0).map((b) => mostSpecific({ ...b[0], path: [...issue.path, ...b[0].path] }));
  return candidates.reduce((best, c) => (score(c) > score(best) ? c : best), candidates[0] ?? issue);
}
