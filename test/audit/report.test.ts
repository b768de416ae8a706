import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { csvField, csvReport, neutraliseFormula } from '../../src/audit/report/csv';
import { jsonReport } from '../../src/audit/report/json';
import type { LoadedRun } from '../../src/audit/run-types';
import { twoStateProfile } from './fixtures';

function run(): LoadedRun {
  const { profile } = twoStateProfile();
  const base = {
    runId: 'r1',
    provider: 'openai',
    model: 'm',
    promptHash: 'h',
    publicBeliefBefore: [0.55, 0.45],
    cascade: false,
    herding: false,
    tokens: null,
    latencyMs: 5,
    costUsd: null,
  };
  return {
    meta: {
      version: 1,
      header: {
        runId: 'r1',
        kind: 'dataset',
        title: 't',
        profileName: profile.name,
        mode: 'sensor',
        states: profile.states,
        actions: profile.actions,
        attributes: [],
        agents: 2,
        items: 1,
        startedAt: '2025-01-01T00:00:00Z',
        simulated: false,
        providerSummary: 'p',
      },
      status: 'completed',
      profile,
      profileSource: 'x',
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
      createdAt: '',
      updatedAt: '',
      totals: { steps: 2, errors: 1, itemsDone: 1, itemsHerded: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
    },
    items: [
      {
        item: 0,
        text: '=HYPERLINK("http://evil")',
        label: 1,
        herdingStep: null,
        herdAction: null,
        finalPublicBelief: [0.34375, 0.65625],
        errors: 1,
      },
    ],
    steps: [
      {
        ...base,
        item: 0,
        index: 1,
        rawResponse: '{"is_toxic": true,\n "note": "a, b"}',
        observation: { attributes: { is_toxic: true }, index: 1 },
        privateBelief: [0.34375, 0.65625],
        action: 1,
        bayesAction: 1,
        publicBeliefAfter: [0.34375, 0.65625],
      },
      {
        ...base,
        item: 0,
        index: 2,
        rawResponse: '+cmd',
        observation: null,
        privateBelief: null,
        action: null,
        bayesAction: null,
        publicBeliefAfter: [0.34375, 0.65625],
        error: { kind: 'parse', message: '@SUM(1)' },
      },
    ],
    skippedLines: 0,
  };
}

describe('reports', () => {
  it('CSV: one row per step (the text on the item’s first), RFC 4180 quoting that a CSV parser reads back, formula cells neutralised', () => {
    const text = csvReport(run());
    assert.ok(text.endsWith('\r\n'));
    const records = parse(text, { columns: true }) as Array<Record<string, string>>;
    assert.equal(records.length, 2);
    assert.equal(records[0].raw_response, '{"is_toxic": true,\n "note": "a, b"}');
    assert.equal(records[0].action_label, 'flag');
    assert.equal(records[0].public_belief_after, '0.34375;0.65625');
    assert.equal(records[0].text, `'=HYPERLINK("http://evil")`);
    assert.equal(records[1].text, '', 'the text is written once per item, on its first row');
    assert.equal(records[1].raw_response, "'+cmd");
    assert.equal(records[1].error_message, "'@SUM(1)");
    assert.equal(records[1].action, '');
    assert.equal(records[0].label, '1');
  });

  it('csv helpers', () => {
    assert.equal(csvField('a"b'), '"a""b"');
    assert.equal(csvField(-0.5), '-0.5', 'numbers are not text cells');
    assert.equal(neutraliseFormula('-2+3'), "'-2+3");
    assert.equal(neutraliseFormula('plain'), 'plain');
  });

  it('JSON: the whole run', () => {
    const doc = JSON.parse(jsonReport(run()));
    assert.equal(doc.format, 'herdscope-run');
    assert.equal(doc.steps.length, 2);
    assert.equal(doc.header.runId, 'r1');
    assert.equal(doc.items[0].text, '=HYPERLINK("http://evil")');
  });
});
