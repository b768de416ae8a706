// A LoadedRun assembled from one of the panel's recorded message streams (the same data the host would store),
// so the HTML report and the panel are tested on the same runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseProfile } from '../../src/audit/profile';
import { builtinProfiles, builtinProfileNames } from '../../src/audit/builtin-profiles';
import type { ItemSummary, LoadedRun, RunHeader } from '../../src/audit/run-types';
import type { StepRecord } from '../../src/shared/step-record';
import type { HostToWebview } from '../../src/shared/protocol';

const ROOT = resolve(__dirname, '../../..');

export function runFromStream(name: string): LoadedRun {
  const { messages } = JSON.parse(readFileSync(join(ROOT, 'test/webview/fixtures', name), 'utf8')) as { messages: HostToWebview[] };
  let header: RunHeader | null = null;
  const steps: StepRecord[] = [];
  const items: ItemSummary[] = [];
  let status: LoadedRun['meta']['status'] = 'running';
  let statusMessage: string | undefined;
  let rp: LoadedRun['meta']['rp'];
  for (const m of messages) {
    if (m.type === 'run/open' && m.header) header = m.header;
    if (m.type === 'run/steps') steps.push(...m.steps);
    if (m.type === 'run/item') items.push(m.summary);
    if (m.type === 'run/status') [status, statusMessage] = [m.status, m.message];
    if (m.type === 'run/rp') rp = { verdict: m.verdict, utilities: m.utilities, costs: m.costs };
  }
  assert.ok(header);
  const profile = parseProfile(builtinProfiles[builtinProfileNames[0]]);
  return {
    meta: {
      version: 1,
      header,
      status,
      statusMessage,
      profile,
      profileSource: 'builtin',
      provider: {
        providers: ['openai'],
        models: ['m'],
        endpoints: {},
        cassette: null,
        record: false,
        seed: 1,
        reproducible: true,
        cache: false,
      },
      createdAt: header.startedAt,
      updatedAt: header.startedAt,
      totals: {
        steps: steps.length,
        errors: steps.filter((s) => s.error).length,
        itemsDone: items.length,
        itemsHerded: 0,
        promptTokens: 1000,
        completionTokens: 200,
        costUsd: 0.0012,
      },
      rp,
    },
    steps,
    items,
    skippedLines: 0,
  };
}
