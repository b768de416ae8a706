// The header of a run about to be created: what the run says about itself, the rest taken from its profile.
import type { Profile } from './profile';
import type { RunHeader, RunKind } from '../shared/run-header';

export type NewRunHeader = Omit<RunHeader, 'runId' | 'startedAt'>;

export interface NewRunFacts {
  kind: RunKind;
  title: string;
  agents: number;
  items: number;
  simulated: boolean;
  providerSummary: string;
}

export function newRunHeader(profile: Profile, run: NewRunFacts): NewRunHeader {
  return {
    kind: run.kind,
    title: run.title,
    profileName: profile.name,
    mode: profile.mode,
    states: profile.states,
    actions: profile.actions,
    attributes: profile.attributes.map((a) => a.name),
    agents: run.agents,
    items: run.items,
    simulated: run.simulated,
    providerSummary: run.providerSummary,
  };
}
