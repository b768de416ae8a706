// Stored runs for tests of the overview, sensor check, re-estimate and comparison: a dataset run made by the real batch
// runner and run store, with observations fixed per (row, agent) by a rule (a recorded sensor, no randomness).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBatch } from '../../src/audit/batch-runner';
import type { DatasetRow } from '../../src/audit/dataset';
import { exampleAttributes } from '../../src/audit/example-attributes';
import { newRunHeader } from '../../src/audit/new-run-header';
import type { AgentAnswer, AgentRequest, ObservationSource } from '../../src/audit/observation-source';
import { parseProfile, profileModel, type Profile } from '../../src/audit/profile';
import { RunStore } from '../../src/audit/run-store';
import type { DecisionModel } from '../../src/core/model';

/** y for (row, agent, label), or null for a failed call. */
export type AnswerRule = (item: number, agent: number, label: number | null) => number | null;

export class RuleSource implements ObservationSource {
  readonly simulated = true;
  readonly description = 'recorded answers (test rule)';
  constructor(
    private readonly profile: Profile,
    private readonly rule: AnswerRule,
  ) {}
  async observe(request: AgentRequest): Promise<AgentAnswer> {
    const y = this.rule(request.item, request.agent, request.trueState ?? null);
    const base = {
      provider: 'test',
      model: 'rule',
      promptHash: 'h',
      rawResponse: y === null ? null : `{"y":${y}}`,
      tokens: { prompt: 10, completion: 3 },
      latencyMs: 1,
      costUsd: 0.001,
      cached: false,
      simulated: true,
    };
    if (y === null)
      return { ...base, attributes: null, observation: null, error: { kind: 'http', message: 'HTTP 500 from the test rule' } };
    return { ...base, attributes: exampleAttributes(this.profile, y), observation: y };
  }
}

export interface MadeRun {
  runDir: string;
  runsDir: string;
  runId: string;
  profile: Profile;
  model: DecisionModel;
}

export async function makeRun(
  profileJson: Record<string, unknown>,
  rows: DatasetRow[],
  rule: AnswerRule,
  opts: { runsDir?: string; agents?: number; title?: string } = {},
): Promise<MadeRun> {
  const runsDir = opts.runsDir ?? mkdtempSync(path.join(tmpdir(), 'herdscope-runs-'));
  const profile = parseProfile(profileJson);
  const model = profileModel(profile);
  const agents = opts.agents ?? profile.agents.count;
  const store = new RunStore(runsDir);
  const source = new RuleSource(profile, rule);
  const meta = await store.create({
    header: newRunHeader(profile, {
      kind: 'dataset',
      title: opts.title ?? 'rows.jsonl',
      agents,
      items: rows.length,
      simulated: true,
      providerSummary: source.description,
    }),
    profile,
    profileSource: path.join(runsDir, 'profile.json'),
    provider: {
      providers: ['test'],
      models: ['rule'],
      endpoints: {},
      cassette: null,
      record: false,
      seed: 1,
      reproducible: true,
      cache: false,
    },
    dataset: {
      file: path.join(runsDir, opts.title ?? 'rows.jsonl'),
      textColumn: 'text',
      labelColumn: 'label',
      rows: rows.length,
      skippedEmpty: 0,
    },
  });
  await runBatch({
    store,
    runId: meta.header.runId,
    rows,
    profile,
    model,
    source,
    agents,
    concurrency: 3,
    agentConcurrency: 2,
    revealedPreferences: false,
  });
  return { runDir: store.runDir(meta.header.runId), runsDir, runId: meta.header.runId, profile, model };
}

export const rowsOf = (labels: Array<number | null>, text = (i: number) => `row ${i}`): DatasetRow[] =>
  labels.map((label, item) => ({ item, text: text(item), label }));
