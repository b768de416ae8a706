// The typed settings accessor: defaults, clamping to the contributed ranges, and unknown values.
import * as assert from 'node:assert/strict';
import { parseSettings } from '../../../src/extension/settings';

const from = (values: Record<string, unknown>) => parseSettings((key) => values[key]);

describe('settings accessor', () => {
  it('falls back to the defaults for missing values', () => {
    const s = from({});
    assert.equal(s.provider, 'profile');
    assert.equal(s.agents, null);
    assert.equal(s.concurrency, 4);
    assert.equal(s.requestsPerMinute, 0);
    assert.equal(s.timeoutMs, 60000);
    assert.equal(s.profile, 'hate-speech');
    assert.equal(s.cacheEnabled, true);
    assert.equal(s.runsFolder, '.herdscope/runs');
    assert.equal(s.openaiBaseUrl, '');
    assert.equal(s.rpEnvironments, 'agent');
  });

  it('reads the overview’s revealed-preference environments, and an unknown grouping as agent positions', () => {
    assert.equal(from({ 'overview.rpEnvironments': 'label' }).rpEnvironments, 'label');
    assert.equal(from({ 'overview.rpEnvironments': 'prior-bin' }).rpEnvironments, 'prior-bin');
    assert.equal(from({ 'overview.rpEnvironments': 'labels' }).rpEnvironments, 'agent');
    assert.equal(from({ 'overview.rpEnvironments': 3 }).rpEnvironments, 'agent');
  });

  it('clamps numbers to their ranges and rejects unknown providers', () => {
    const s = from({
      provider: 'evil',
      agents: 0,
      concurrency: -3,
      requestsPerMinute: 1e9,
      timeoutSeconds: 2.6,
      'cache.enabled': false,
      model: '  gpt-4o-mini ',
    });
    assert.equal(s.provider, 'profile');
    assert.equal(s.agents, 1);
    assert.equal(s.concurrency, 1);
    assert.equal(s.requestsPerMinute, 100000);
    assert.equal(s.timeoutMs, 3000);
    assert.equal(s.cacheEnabled, false);
    assert.equal(s.model, 'gpt-4o-mini');
  });

  it('ignores values of the wrong type', () => {
    const s = from({ agents: '12', concurrency: 'many', profile: 42, runsFolder: '' });
    assert.equal(s.agents, null);
    assert.equal(s.concurrency, 4);
    assert.equal(s.profile, 'hate-speech');
    assert.equal(s.runsFolder, '.herdscope/runs');
  });
});
